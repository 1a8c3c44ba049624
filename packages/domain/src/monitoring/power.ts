import { z } from 'zod';
import { MS_PER_DAY, SHANGHAI_OFFSET_MS } from '../hazards/calendar';

/**
 * Power-consumption analysis (电力监测, issue 4 §8). "Draws more than its idle baseline" is strict
 * (kw > baseline); "for more than 30 minutes" is strict on the span from the first to the last sample
 * above the baseline, so only observed load counts. Samples further apart than maxGapMinutes [M, default
 * 15] break a period: nothing is known about the load in between.
 */

export interface PowerSample {
  ts: Date | number;
  kw: number;
}

export interface PowerPeriod {
  from: Date;
  to: Date;
  minutes: number;
  samples: number;
  peakKw: number;
  /** The period reaches the last sample given: the load may still be on. */
  ongoing: boolean;
}

export const POWER_MAX_GAP_MINUTES = 15;

/** Runs of consecutive samples meeting `flag`, broken by a sample that does not or by a gap over maxGapMs. */
function periods(
  samples: readonly PowerSample[],
  flag: (ts: number, kw: number) => boolean,
  maxGapMs: number,
) {
  const sorted = samples
    .map((s) => ({ ts: +s.ts, kw: s.kw }))
    .filter((s) => Number.isFinite(s.ts) && Number.isFinite(s.kw))
    .sort((a, b) => a.ts - b.ts);
  const out: PowerPeriod[] = [];
  let run: { ts: number; kw: number }[] = [];
  const close = (ongoing: boolean) => {
    if (run.length === 0) return;
    const from = run[0]!.ts;
    const to = run[run.length - 1]!.ts;
    out.push({
      from: new Date(from),
      to: new Date(to),
      minutes: (to - from) / 60_000,
      samples: run.length,
      peakKw: run.reduce((m, s) => Math.max(m, s.kw), Number.NEGATIVE_INFINITY),
      ongoing,
    });
    run = [];
  };
  for (const s of sorted) {
    const prev = run[run.length - 1];
    if (prev && s.ts - prev.ts > maxGapMs) close(false);
    if (flag(s.ts, s.kw)) run.push(s);
    else close(false);
  }
  close(true);
  return out;
}

/** Periods in which a suspended (停产整顿) or closed (关闭) enterprise drew more than its idle baseline for more than minMinutes. */
export function illegalProductionSuspected(
  samples: readonly PowerSample[],
  opts: {
    status: 'suspended' | 'closed' | 'operating';
    idleBaselineKw: number;
    minMinutes?: number;
    maxGapMinutes?: number;
  },
): PowerPeriod[] {
  if (opts.status === 'operating') return [];
  const minMs = (opts.minMinutes ?? 30) * 60_000;
  const gap = (opts.maxGapMinutes ?? POWER_MAX_GAP_MINUTES) * 60_000;
  return periods(samples, (_ts, kw) => kw > opts.idleBaselineKw, gap).filter(
    (p) => p.to.getTime() - p.from.getTime() > minMs,
  );
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const minuteOfDay = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Declared production hours in Asia/Shanghai: ISO weekdays (1 = Monday … 7 = Sunday), from inclusive, to exclusive. */
export const declaredHoursSchema = z
  .object({
    weekdays: z
      .array(z.number().int().min(1, '星期取1–7（1为周一）').max(7, '星期取1–7（1为周一）'), {
        error: '请选择生产日',
      })
      .refine((w) => new Set(w).size === w.length, '生产日不能重复'),
    from: z.string({ error: '请填写开始时间' }).regex(HHMM, '时间格式为 HH:MM，例如 08:00'),
    to: z.string({ error: '请填写结束时间' }).regex(HHMM, '时间格式为 HH:MM，例如 18:00'),
  })
  .refine((d) => d.from !== '24:00', { path: ['from'], message: '开始时间不能是24:00' })
  .refine((d) => minuteOfDay(d.from) !== minuteOfDay(d.to), {
    path: ['to'],
    message: '结束时间不能与开始时间相同',
  });
export type DeclaredHours = z.infer<typeof declaredHoursSchema>;

/**
 * Whether an instant falls in declared hours (Asia/Shanghai, UTC+8 all year). When `to` is not after
 * `from` the shift runs past midnight and belongs to the weekday it starts on.
 */
export function withinDeclaredHours(ts: Date | number, declared: DeclaredHours): boolean {
  const local = +ts + SHANGHAI_OFFSET_MS;
  const minute = Math.floor((((local % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / 60_000);
  const jsDay = new Date(local).getUTCDay();
  const weekday = jsDay === 0 ? 7 : jsDay;
  const previous = weekday === 1 ? 7 : weekday - 1;
  const from = minuteOfDay(declared.from);
  const to = minuteOfDay(declared.to);
  if (from < to) return declared.weekdays.includes(weekday) && minute >= from && minute < to;
  return (
    (declared.weekdays.includes(weekday) && minute >= from) ||
    (declared.weekdays.includes(previous) && minute < to)
  );
}

/** Periods of load above the idle baseline outside declared production hours, of any length. */
export function outsideDeclaredHours(
  samples: readonly PowerSample[],
  declared: DeclaredHours,
  idleBaselineKw: number,
  opts: { maxGapMinutes?: number } = {},
): PowerPeriod[] {
  const gap = (opts.maxGapMinutes ?? POWER_MAX_GAP_MINUTES) * 60_000;
  return periods(samples, (ts, kw) => kw > idleBaselineKw && !withinDeclaredHours(ts, declared), gap);
}

/** An enterprise's power profile (电力监测档案): idle baseline in kW and, optionally, declared production hours. */
export const powerProfileSchema = z.object({
  idleBaselineKw: z
    .number({ error: '请填写空载基线功率（kW）' })
    .finite('空载基线功率必须是有限数值')
    .min(0, '空载基线功率不能为负数')
    .max(10_000_000, '空载基线功率不超过 10,000,000 kW'),
  declaredHours: declaredHoursSchema.nullable().default(null),
});
export type PowerProfileInput = z.input<typeof powerProfileSchema>;
export type PowerProfile = z.infer<typeof powerProfileSchema>;

export const POWER_ALERT_KINDS = ['illegal_production_suspected', 'outside_declared_hours'] as const;
export type PowerAlertKind = (typeof POWER_ALERT_KINDS)[number];
