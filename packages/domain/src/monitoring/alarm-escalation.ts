import { z } from 'zod';

/**
 * Escalation of unacknowledged alarms (enterprise → district → city) and repeat suppression. A tier is
 * reached when the alarm has been unacknowledged for at least its afterMin (lower bound inclusive, like the
 * hazard ladder); acknowledgement freezes the tier reached. The ladder is configurable per city.
 */
export interface AlarmLadderStep<T extends string = string> {
  tier: T;
  afterMin: number;
}

export const ALARM_TIERS = [
  { code: 'enterprise', name: '企业' },
  { code: 'district', name: '旗区' },
  { code: 'city', name: '市级' },
] as const;
export type AlarmTier = (typeof ALARM_TIERS)[number]['code'];

export const DEFAULT_ALARM_LADDER: readonly AlarmLadderStep<AlarmTier>[] = [
  { tier: 'enterprise', afterMin: 0 },
  { tier: 'district', afterMin: 15 },
  { tier: 'city', afterMin: 30 },
];

/** The tier an alarm has reached at `now`, or null before it opened; an acknowledged alarm keeps the tier it had. */
export function alarmEscalationTier<T extends string = AlarmTier>(
  openedAt: Date | number,
  acknowledgedAt: Date | number | null,
  now: Date | number,
  ladder: readonly AlarmLadderStep<T>[] = DEFAULT_ALARM_LADDER as unknown as readonly AlarmLadderStep<T>[],
): T | null {
  const until = acknowledgedAt === null ? +now : Math.min(+acknowledgedAt, +now);
  const elapsed = until - +openedAt;
  let reached: T | null = null;
  for (const s of ladder) if (elapsed >= s.afterMin * 60_000) reached = s.tier;
  return reached;
}

/** Whether a new alarm on a point is suppressed as a repeat: the last one closed at most windowSec ago. */
export function repeatSuppressed(
  lastClosedAt: Date | number | null,
  now: Date | number,
  windowSec: number,
): boolean {
  if (lastClosedAt === null || windowSec <= 0) return false;
  return +now - +lastClosedAt <= windowSec * 1000;
}

/** A city's alarm ladder: distinct tiers, whole minutes, starting at 0 and rising. */
export const alarmLadderSchema = z
  .array(
    z.object({
      tier: z.enum(['enterprise', 'district', 'city'], { error: '升级层级必须是 企业、旗区 或 市级' }),
      afterMin: z
        .number({ error: '未确认分钟数必须是整数' })
        .int('未确认分钟数必须是整数')
        .min(0, '未确认分钟数不能为负数'),
    }),
  )
  .min(1, '至少配置一级报警推送')
  .superRefine((steps, ctx) => {
    if (new Set(steps.map((s) => s.tier)).size !== steps.length)
      ctx.addIssue({ code: 'custom', message: '每个层级只能配置一次' });
    if (steps[0] && steps[0].afterMin !== 0)
      ctx.addIssue({ code: 'custom', path: [0, 'afterMin'], message: '第一级必须在报警时立即推送（0分钟）' });
    for (let i = 1; i < steps.length; i++)
      if (steps[i]!.afterMin <= steps[i - 1]!.afterMin)
        ctx.addIssue({ code: 'custom', path: [i, 'afterMin'], message: '未确认分钟数必须逐级递增' });
  });
