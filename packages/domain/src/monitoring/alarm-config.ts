import { z } from 'zod';
import type { Thresholds } from './alarm';

const ORDER = ['lowLow', 'low', 'high', 'highHigh'] as const;
const NAMES: Record<keyof Thresholds, string> = {
  lowLow: '低低报值',
  low: '低报值',
  high: '高报值',
  highHigh: '高高报值',
};
const isLowSide = (k: keyof Thresholds) => k === 'lowLow' || k === 'low';

export interface ThresholdIssue {
  field: keyof Thresholds | 'deadband';
  message: string;
}

/**
 * Threshold order lowLow ≤ low < high ≤ highHigh among those present (a low-side value must be strictly
 * below a high-side one); with a deadband, also deadband < high − low, since a wider one would let a held
 * alarm overlap the other side. Returns the problems in Chinese; empty when valid.
 */
export function validateThresholds(t: Thresholds, deadband?: number): ThresholdIssue[] {
  const issues: ThresholdIssue[] = [];
  const present = ORDER.filter((k) => t[k] !== undefined && t[k] !== null);
  for (const k of present)
    if (!Number.isFinite(t[k])) issues.push({ field: k, message: `${NAMES[k]}必须是有限数` });
  if (issues.length) return issues;
  for (let i = 1; i < present.length; i++) {
    const a = present[i - 1]!;
    const b = present[i]!;
    const crossing = isLowSide(a) && !isLowSide(b);
    if (crossing ? t[a]! >= t[b]! : t[a]! > t[b]!)
      issues.push({ field: b, message: `${NAMES[a]}${crossing ? '必须小于' : '不能大于'}${NAMES[b]}` });
  }
  const low = t.low ?? t.lowLow;
  const high = t.high ?? t.highHigh;
  if (issues.length === 0 && deadband !== undefined && low != null && high != null && deadband >= high - low)
    issues.push({ field: 'deadband', message: '死区必须小于高报值与低报值之差' });
  return issues;
}

const optionalThreshold = (label: string) => z.number({ error: `${label}必须是数字` }).nullish();

/** Drops absent and null thresholds, so `{ high: 80, highHigh: null }` becomes `{ high: 80 }`. */
const present = (t: Partial<Record<keyof Thresholds, number | null>>): Thresholds => {
  const out: Thresholds = {};
  for (const k of ORDER) if (t[k] != null) out[k] = t[k];
  return out;
};

/** Alarm settings of a monitoring point (thresholds, deadband, delay-on, stale timeout), checked together. */
export const alarmConfigSchema = z
  .object({
    thresholds: z
      .object({
        lowLow: optionalThreshold('低低报值'),
        low: optionalThreshold('低报值'),
        high: optionalThreshold('高报值'),
        highHigh: optionalThreshold('高高报值'),
      })
      .default({})
      .transform(present),
    deadband: z.number({ error: '死区必须是数字' }).min(0, '死区不能为负数').default(0),
    delayOnSec: z
      .number({ error: '报警延时必须是整数秒' })
      .int('报警延时必须是整数秒')
      .min(0, '报警延时不能为负数')
      .max(3600, '报警延时不超过3600秒')
      .default(0),
    staleTimeoutSec: z
      .number({ error: '离线判定时间必须是整数秒' })
      .int('离线判定时间必须是整数秒')
      .min(1, '离线判定时间至少1秒')
      .max(7 * 86400, '离线判定时间不超过7天'),
  })
  .superRefine((c, ctx) => {
    for (const i of validateThresholds(c.thresholds, c.deadband))
      ctx.addIssue({
        code: 'custom',
        path: i.field === 'deadband' ? ['deadband'] : ['thresholds', i.field],
        message: i.message,
      });
  });
export type AlarmConfigInput = z.input<typeof alarmConfigSchema>;
