/**
 * Gas analysis (domain-facts §1.3, §1.4, §1.8): sampling at most 30 min before the start; re-analysis after
 * an interruption of more than 30 min (hot work 特级/一级) or more than 60 min (二级, confined space); a
 * fresh analysis each day for hot work; continuous monitoring for 特级; a record at least every 2 h in a
 * confined space; and the pass criteria (LEL rule, O₂ bands).
 */
import { shanghaiDay } from '../hazards/calendar';
import type { WorkContext } from './context';
import {
  CONFINED_SPACE_REANALYSIS_AFTER_MS,
  CONFINED_SPACE_RECORD_INTERVAL_MS,
  EPSILON,
  GAS_SAMPLE_MAX_AGE_MS,
  HOT_WORK_REANALYSIS_AFTER_MS,
  LEL_THRESHOLD_PERCENT,
  MAX_CONCENTRATION_HIGH_LEL_PERCENT,
  MAX_CONCENTRATION_LOW_LEL_PERCENT,
  OXYGEN_ENRICHED_MAX_PERCENT,
  OXYGEN_MAX_PERCENT,
  OXYGEN_MIN_PERCENT,
} from './limits';
import type { GasAnalysis } from './schemas';
import { formatMinutesZh, violation, whenZh, type PermitRuleCode, type PermitViolation } from './violations';

/** The highest concentration (v/v %) allowed for a gas of this LEL (§5.3.2): LEL ≥ 4 % → 0.5 %, else 0.2 %. */
export function maxConcentrationPercent(lelPercent: number): number {
  return lelPercent >= LEL_THRESHOLD_PERCENT - EPSILON
    ? MAX_CONCENTRATION_HIGH_LEL_PERCENT
    : MAX_CONCENTRATION_LOW_LEL_PERCENT;
}

/** Whether the flammable reading passes the LEL criterion (inclusive: exactly the maximum passes). */
export function flammablePasses(a: Pick<GasAnalysis, 'lelPercent' | 'concentrationPercent'>): boolean {
  return a.concentrationPercent <= maxConcentrationPercent(a.lelPercent) + EPSILON;
}

/** The O₂ band that applies, inclusive at both ends; `min` null where only a maximum applies. */
export function oxygenBand(o: { confined: boolean; enriched: boolean }): { min: number | null; max: number } {
  if (o.confined)
    return { min: OXYGEN_MIN_PERCENT, max: o.enriched ? OXYGEN_ENRICHED_MAX_PERCENT : OXYGEN_MAX_PERCENT };
  return { min: null, max: OXYGEN_ENRICHED_MAX_PERCENT };
}

type Family = 'HOT_WORK' | 'CONFINED_SPACE' | 'TEMP_POWER';

/** Which gas rules apply, if any: hot work; the confined-space rules; temporary power in a hazard area. */
export function gasFamily(ctx: WorkContext): Family | null {
  if (ctx.type === 'hot_work') return 'HOT_WORK';
  if (ctx.confinedRules) return 'CONFINED_SPACE';
  if (ctx.type === 'temp_power' && ctx.tempPowerGas) return 'TEMP_POWER';
  return null;
}

const code = (f: Family, rule: string) => `${f}_${rule}` as PermitRuleCode;
const label = (ctx: WorkContext) =>
  ctx.type === 'excavation' ? '（动土深度超过1.2 m，执行受限空间作业规定）' : '';

/** Why one analysis fails its criteria, as violations (empty when it passes). */
export function analysisFailures(a: GasAnalysis, ctx: WorkContext): PermitViolation[] {
  const f = gasFamily(ctx);
  if (!f) return [];
  const out: PermitViolation[] = [];
  const at = whenZh(a.sampledAt);
  if (!flammablePasses(a))
    out.push(
      violation(
        code(f, 'GAS_FAIL'),
        `${at}的分析结果不合格：爆炸下限${a.lelPercent}%${a.lelPercent >= LEL_THRESHOLD_PERCENT - EPSILON ? '≥' : '<'}4%时，可燃气体浓度应不大于${maxConcentrationPercent(a.lelPercent)}%，实测${a.concentrationPercent}%${label(ctx)}`,
      ),
    );
  if (f === 'TEMP_POWER') return out;
  const confined = f === 'CONFINED_SPACE';
  if (!confined && !ctx.oxygenEquipment) return out;
  const band = oxygenBand({ confined, enriched: ctx.oxygenEnriched || ctx.oxygenEquipment });
  const o2Code = code(f, 'OXYGEN');
  const o2 = a.oxygenPercent;
  const bandText = band.min === null ? `不大于${band.max}%` : `在${band.min}%～${band.max}%之间`;
  if (o2 === undefined)
    out.push(violation(o2Code, `${at}的分析未测定氧含量，氧含量应${bandText}${label(ctx)}`));
  else if (o2 > band.max + EPSILON || (band.min !== null && o2 < band.min - EPSILON))
    out.push(violation(o2Code, `${at}的氧含量${o2}%不合格，应${bandText}${label(ctx)}`));
  if (confined && a.toxicWithinLimit === false)
    out.push(violation('CONFINED_SPACE_GAS_FAIL', `${at}的有毒物质浓度超过GBZ 2.1规定的限值${label(ctx)}`));
  return out;
}

/** Interruptions longer than this need a re-analysis before resuming. */
export function reanalysisAfterMs(ctx: WorkContext): number {
  return ctx.type === 'hot_work'
    ? HOT_WORK_REANALYSIS_AFTER_MS[ctx.hotGrade ?? 'level2']
    : CONFINED_SPACE_REANALYSIS_AFTER_MS;
}

/** Whether some analysis was sampled in [from, to] (inclusive). */
const sampledIn = (list: readonly GasAnalysis[], from: number, to: number) =>
  list.some((a) => {
    const t = Date.parse(a.sampledAt);
    return t >= from && t <= to;
  });

/** Violations of the gas-analysis rules when work starts or continues at ctx.at. */
export function checkGas(ctx: WorkContext): PermitViolation[] {
  const f = gasFamily(ctx);
  if (!f || (ctx.action !== 'start' && ctx.action !== 'continue')) return [];
  const out: PermitViolation[] = [];
  if (f === 'HOT_WORK' && ctx.hotGrade === 'special' && ctx.continuousMonitoring === false)
    out.push(violation('HOT_WORK_MONITORING', '特级动火作业应在作业全过程进行连续气体监测'));
  const done = ctx.gasAnalyses
    .filter((a) => Date.parse(a.sampledAt) <= ctx.at)
    .sort((a, b) => Date.parse(a.sampledAt) - Date.parse(b.sampledAt));
  const latest = done[done.length - 1];
  if (!latest) {
    out.push(
      violation(
        code(f, 'GAS_MISSING'),
        f === 'TEMP_POWER'
          ? '在运行的火灾爆炸危险性生产装置、罐区临时用电，接电前应进行可燃气体分析'
          : `作业前应进行气体分析，当前没有分析记录${label(ctx)}`,
      ),
    );
    return out;
  }
  const max = formatMinutesZh(GAS_SAMPLE_MAX_AGE_MS);
  // Temporary electricity: a passing test before connecting; [GAP] no time window is given for it.
  if (f !== 'TEMP_POWER') {
    const start = ctx.action === 'start' ? ctx.at : ctx.startedAt;
    if (start !== undefined && !sampledIn(done, start - GAS_SAMPLE_MAX_AGE_MS, start)) {
      const last = lastBefore(done, start);
      const found = Number.isFinite(last)
        ? `开始作业时最近一次分析已过去${formatMinutesZh(start - last)}`
        : '开始作业前没有分析记录';
      out.push(
        violation(
          code(f, 'GAS_STALE'),
          `取样分析时间与作业开始时间间隔不得超过${max}，${found}${label(ctx)}`,
        ),
      );
    }
  }
  if (ctx.action === 'continue') {
    if (f === 'HOT_WORK' && !done.some((a) => shanghaiDay(a.sampledAt) === shanghaiDay(new Date(ctx.at))))
      out.push(violation('HOT_WORK_GAS_DAILY', '动火作业每日作业前应重新进行气体分析，当日尚无分析记录'));
    if (f !== 'TEMP_POWER') out.push(...checkInterruptions(ctx, f, done));
    if (f === 'CONFINED_SPACE' && ctx.at - Date.parse(latest.sampledAt) > CONFINED_SPACE_RECORD_INTERVAL_MS)
      out.push(
        violation(
          'CONFINED_SPACE_MONITORING_RECORD',
          `受限空间作业中应连续监测并至少每2小时记录一次，最近一次记录在${formatMinutesZh(ctx.at - Date.parse(latest.sampledAt))}前${label(ctx)}`,
        ),
      );
  }
  out.push(...analysisFailures(latest, ctx));
  return out;
}

function lastBefore(done: readonly GasAnalysis[], t: number): number {
  let last = Number.NEGATIVE_INFINITY;
  for (const a of done) {
    const s = Date.parse(a.sampledAt);
    if (s <= t && s > last) last = s;
  }
  return last;
}

function checkInterruptions(ctx: WorkContext, f: Family, done: readonly GasAnalysis[]): PermitViolation[] {
  const out: PermitViolation[] = [];
  const after = reanalysisAfterMs(ctx);
  for (const i of ctx.interruptions) {
    if (i.from >= ctx.at) continue;
    // An interruption still open at `at` ends now: the question is whether work may resume now.
    const resumed = Math.min(i.to ?? ctx.at, ctx.at);
    const length = resumed - i.from;
    if (length <= after) continue;
    if (!sampledIn(done, Math.max(i.from, resumed - GAS_SAMPLE_MAX_AGE_MS), resumed))
      out.push(
        violation(
          code(f, 'GAS_REANALYSIS'),
          `作业中断${formatMinutesZh(length)}（超过${formatMinutesZh(after)}），恢复作业前${formatMinutesZh(GAS_SAMPLE_MAX_AGE_MS)}内应重新进行气体分析${label(ctx)}`,
        ),
      );
  }
  return out;
}
