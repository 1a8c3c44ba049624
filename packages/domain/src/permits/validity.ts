/**
 * Validity (domain-facts §1.3–§1.8): hot work 特级/一级 8 h and 二级 72 h, confined space 24 h, height 7
 * days, temporary electricity 15 days (30 in special cases) and never beyond the permit it serves; no
 * limit set for the other types. Convention: "at most X" is inclusive — a window of exactly X is valid
 * and the permit is still valid at start + X; one minute more is not.
 */
import type { WorkContext } from './context';
import {
  CONFINED_SPACE_VALIDITY_MS,
  HEIGHT_VALIDITY_MS,
  HOT_WORK_VALIDITY_MS,
  TEMP_POWER_SPECIAL_VALIDITY_MS,
  TEMP_POWER_VALIDITY_MS,
} from './limits';
import { hotWorkGradeName, type HotWorkGrade, type PermitType } from './types';
import {
  formatMinutesZh,
  violation,
  whenZh as when,
  type PermitRuleCode,
  type PermitViolation,
} from './violations';

/** The maximum validity of a permit in ms, or null when the standard sets none. */
export function validityLimitMs(
  type: PermitType,
  o: { hotGrade?: HotWorkGrade; confinedRules?: boolean; specialCase?: boolean } = {},
): number | null {
  switch (type) {
    case 'hot_work':
      return HOT_WORK_VALIDITY_MS[o.hotGrade ?? 'level2'];
    case 'confined_space':
      return CONFINED_SPACE_VALIDITY_MS;
    case 'height':
      return HEIGHT_VALIDITY_MS;
    case 'temp_power':
      return o.specialCase ? TEMP_POWER_SPECIAL_VALIDITY_MS : TEMP_POWER_VALIDITY_MS;
    case 'excavation':
      // Excavation under the confined-space rules takes the confined-space validity too ([M] reading of
      // "the confined-space rules apply", §11).
      return o.confinedRules ? CONFINED_SPACE_VALIDITY_MS : null;
    default:
      return null;
  }
}

/** The last instant the permit is valid: the planned end, or start + limit when that is earlier. */
export function validityEnd(ctx: WorkContext): number {
  const limit = validityLimitMs(ctx.type, ctx);
  return limit === null ? ctx.plannedEnd : Math.min(ctx.plannedEnd, ctx.plannedStart + limit);
}

const LIMIT_CODE: Partial<Record<PermitType, PermitRuleCode>> = {
  hot_work: 'HOT_WORK_VALIDITY',
  confined_space: 'CONFINED_SPACE_VALIDITY',
  excavation: 'CONFINED_SPACE_VALIDITY',
  height: 'HEIGHT_VALIDITY',
  temp_power: 'TEMP_POWER_VALIDITY',
};

/** Violations of the validity rules for the planned window and, when work is judged, for the instant `at`. */
export function checkValidity(ctx: WorkContext): PermitViolation[] {
  const out: PermitViolation[] = [];
  const span = ctx.plannedEnd - ctx.plannedStart;
  if (!(span > 0)) {
    out.push(violation('PERMIT_WINDOW', '作业结束时间必须晚于开始时间'));
    return out;
  }
  const limit = validityLimitMs(ctx.type, ctx);
  const code = LIMIT_CODE[ctx.type];
  if (limit !== null && code && span > limit) {
    const what =
      ctx.type === 'hot_work'
        ? `${hotWorkGradeName(ctx.hotGrade ?? 'level2')}动火作业票`
        : ctx.type === 'excavation'
          ? '执行受限空间作业规定的动土作业票'
          : ctx.type === 'temp_power'
            ? `临时用电作业票${ctx.specialCase ? '（特殊情况）' : ''}`
            : ctx.type === 'height'
              ? '高处作业票'
              : '受限空间作业票';
    out.push(
      violation(code, `${what}有效期最长${formatMinutesZh(limit)}，计划作业时间为${formatMinutesZh(span)}`),
    );
  }
  if (ctx.type === 'temp_power' && ctx.servesPermit) {
    const s = ctx.servesPermit;
    if (ctx.plannedStart < s.plannedStart || ctx.plannedEnd > s.plannedEnd)
      out.push(
        violation(
          'TEMP_POWER_BEYOND_SERVED',
          `临时用电时间不得超出所服务作业票${s.number ? `（${s.number}）` : ''}的有效期（${when(s.plannedStart)}至${when(s.plannedEnd)}）`,
        ),
      );
  }
  if (ctx.action === 'none') return out;
  const end = validityEnd(ctx);
  const started = ctx.action === 'start' ? ctx.at : ctx.startedAt;
  if (started !== undefined && started < ctx.plannedStart)
    out.push(
      violation('PERMIT_NOT_YET_VALID', `作业票自${when(ctx.plannedStart)}起有效，不能在此之前开始作业`),
    );
  if (ctx.at > end)
    out.push(violation('PERMIT_EXPIRED', `作业票已于${when(end)}超过有效期，须重新办理作业票`));
  return out;
}
