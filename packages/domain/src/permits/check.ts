/**
 * checkPermit: every violation of a stored permit at an instant, with its rule code and clause. The same
 * function runs on the server and in the web, so forms show violations as the user types.
 */
import { checkApprovals, type PermitGrade } from './approvals';
import type { JudgedAction, WorkContext } from './context';
import { checkGas } from './gas';
import { effectiveHotWorkGrade, heightGrade, liftingGrade, type UpgradeOptions } from './grading';
import type { Permit } from './model';
import { checkGuardianPresence, checkLiftingPlan, checkWeather, excavationUnderConfinedRules } from './rules';
import { checkValidity } from './validity';
import { permitTypeName } from './types';
import { violation, type PermitViolation } from './violations';

const ACTION_BY_STATE: Partial<Record<Permit['status'], JudgedAction>> = {
  issued: 'hold',
  in_progress: 'continue',
  suspended: 'hold',
};

/**
 * The instant the hot-work upgrade is judged at: `now` clamped to the planned window (before the start
 * the grade is what the work will be at its start). The upgrade is judged at an instant, not over the
 * whole window, so a 72 h 二级 permit is not upgraded merely because its window spans a night; work done
 * at night under it is upgraded, and then exceeds the 8 h of 一级 — night work needs its own permit.
 */
export function gradeInstant(p: Pick<Permit, 'plannedStart' | 'plannedEnd'>, now: Date): Date {
  const t = Math.min(Math.max(now.getTime(), Date.parse(p.plannedStart)), Date.parse(p.plannedEnd));
  return new Date(t);
}

/** The permit's grade at an instant: hot work after upgrade, height Ⅰ–Ⅳ, lifting by mass; null otherwise. */
export function permitGrade(p: Permit, now: Date, opts: UpgradeOptions = {}): PermitGrade | null {
  switch (p.type) {
    case 'hot_work':
      return effectiveHotWorkGrade({ ...p.details, at: gradeInstant(p, now) }, opts).grade;
    case 'height':
      return heightGrade(p.details);
    case 'lifting':
      return liftingGrade(p.details.massT);
    default:
      return null;
  }
}

/**
 * The rule context of a stored permit at `now`. `action` defaults to what the status implies. The hot-work
 * grade is judged at `now` while work starts or goes on; otherwise (an issued or suspended permit, or one
 * not yet issued) at the planned start, the grade it is issued at — so an idle 二级 permit does not expire
 * at night.
 */
export function permitContext(
  p: Permit,
  now: Date,
  opts: UpgradeOptions = {},
  action: JudgedAction = ACTION_BY_STATE[p.status] ?? 'none',
): WorkContext {
  const d = p.details as Record<string, unknown>;
  const working = action === 'start' || action === 'continue';
  const grade = permitGrade(p, working ? now : new Date(p.plannedStart), opts);
  const confinedRules =
    p.type === 'confined_space' || (p.type === 'excavation' && excavationUnderConfinedRules(p.details));
  return {
    type: p.type,
    ...(p.type === 'hot_work' ? { hotGrade: grade as WorkContext['hotGrade'] } : {}),
    plannedStart: Date.parse(p.plannedStart),
    plannedEnd: Date.parse(p.plannedEnd),
    at: now.getTime(),
    action,
    ...(p.startedAt ? { startedAt: Date.parse(p.startedAt) } : {}),
    gasAnalyses: p.gasAnalyses,
    interruptions: p.interruptions.map((i) => ({
      from: Date.parse(i.from),
      to: i.to === null ? null : Date.parse(i.to),
    })),
    oxygenEquipment: d.oxygenEquipment === true,
    oxygenEnriched: d.oxygenEnriched === true,
    confinedRules,
    tempPowerGas: p.type === 'temp_power' && p.details.inHazardArea,
    ...(p.type === 'hot_work' && grade === 'special'
      ? { continuousMonitoring: p.details.continuousMonitoring === true }
      : {}),
    guardianOnSite: p.guardianOnSite,
    ...(p.type === 'temp_power'
      ? {
          specialCase: p.details.specialCase !== undefined,
          ...(p.details.servesPermit
            ? {
                servesPermit: {
                  number: p.details.servesPermit.number,
                  plannedStart: Date.parse(p.details.servesPermit.plannedStart),
                  plannedEnd: Date.parse(p.details.servesPermit.plannedEnd),
                },
              }
            : {}),
        }
      : {}),
  };
}

/** Measures marked as applying must name who confirmed them, from the measures step on. */
function checkMeasures(p: Permit): PermitViolation[] {
  if (p.status === 'draft' || p.status === 'cancelled') return [];
  return p.measures
    .filter((m) => m.applies && !m.confirmer)
    .map((m) => violation('MEASURE_UNCONFIRMED', `安全措施“${m.code}”涉及但未填写确认人`));
}

/** Each other special operation of a combined job needs its own permit, named among the related permits (§4.6). */
function checkRelated(p: Permit): PermitViolation[] {
  return (p.combinedWith ?? [])
    .filter((t) => t !== p.type && !p.relatedPermits.some((r) => r.type === t))
    .map((t) =>
      violation('RELATED_PERMIT_MISSING', `同一作业涉及${permitTypeName(t)}，应另办作业票并填写其编号`),
    );
}

/**
 * Every violation of a stored permit at `now`: validity, gas analysis (while the work goes on), guardian,
 * the signature chain, measures, related permits, weather and the lifting plan. Blind-plate conflicts need
 * the other permits: see checkBlindPlateAgainst. Workers' certificates need the registry: see checkWorkers.
 */
export function checkPermit(p: Permit, now: Date, opts: UpgradeOptions = {}): PermitViolation[] {
  const ctx = permitContext(p, now, opts);
  const out: PermitViolation[] = [];
  out.push(...checkValidity(ctx));
  out.push(...checkGas(ctx));
  if (p.guardians.length === 0) out.push(violation('GUARDIAN_MISSING', '特殊作业必须设监护人'));
  out.push(...checkGuardianPresence(ctx));
  out.push(...checkApprovals(p, permitGrade(p, new Date(p.plannedStart), opts), now));
  out.push(...checkMeasures(p));
  out.push(...checkRelated(p));
  if (p.type === 'height' || p.type === 'lifting') out.push(...checkWeather({ type: p.type, ...p.details }));
  if (p.type === 'lifting')
    out.push(...checkLiftingPlan(liftingGrade(p.details.massT), p.details.liftingPlan));
  return out;
}
