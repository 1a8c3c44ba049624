/**
 * Rules shared by checkPermit and dryRunCheck besides validity, gas and signatures: the guardian on site,
 * weather prohibitions for height and lifting, the lifting plan, and when excavation takes the
 * confined-space rules.
 */
import type { WorkContext } from './context';
import {
  EXCAVATION_CONFINED_DEPTH_M,
  HEIGHT_MAX_WIND_FORCE_EXCLUSIVE,
  LIFTING_MAX_WIND_FORCE_EXCLUSIVE,
} from './limits';
import type { LiftingGrade } from './types';
import { violation, type PermitViolation } from './violations';

/**
 * Excavation deeper than 1.2 m (strictly) in a process or tank area follows the confined-space rules
 * (§11). The standard adds "where buried flammable or toxic lines may be met"; unknown counts as yes.
 */
export function excavationUnderConfinedRules(e: {
  depthM?: number;
  processOrTankArea?: boolean;
  buriedHazardousLines?: boolean;
}): boolean {
  return (
    (e.depthM ?? 0) > EXCAVATION_CONFINED_DEPTH_M &&
    e.processOrTankArea === true &&
    e.buriedHazardousLines !== false
  );
}

/** The guardian must be on site while work starts or goes on (§4.10); unknown presence is not judged. */
export function checkGuardianPresence(ctx: WorkContext): PermitViolation[] {
  if ((ctx.action === 'start' || ctx.action === 'continue') && ctx.guardianOnSite === false)
    return [
      violation(
        'GUARDIAN_ABSENT',
        '监护人不在现场：监护人离开时应收回作业票并暂停作业，监护人到场后方可作业',
      ),
    ];
  return [];
}

/** Weather prohibitions: no work at height in wind ≥ force 5 (§8.2.6); no outdoor lifting in wind ≥ force 6 (§9). */
export function checkWeather(o: {
  type: WorkContext['type'];
  outdoor?: boolean;
  windForce?: number;
}): PermitViolation[] {
  const w = o.windForce;
  if (w === undefined) return [];
  // §8.2.6 does not say "outdoor"; indoor wind of force 5 is unlikely, so any stated wind is judged.
  if (o.type === 'height' && w >= HEIGHT_MAX_WIND_FORCE_EXCLUSIVE)
    return [violation('HEIGHT_WIND', `风力${w}级：5级及以上强风天气禁止高处作业`)];
  if (o.type === 'lifting' && o.outdoor !== false && w >= LIFTING_MAX_WIND_FORCE_EXCLUSIVE)
    return [violation('LIFTING_WIND', `风力${w}级：6级及以上大风天气禁止室外吊装作业`)];
  return [];
}

/** Grades 一级 and 二级 need a lifting plan (§9); 三级 only for complex loads, which is not judged here. */
export function checkLiftingPlan(grade: LiftingGrade, liftingPlan: boolean | undefined): PermitViolation[] {
  if ((grade === 'level1' || grade === 'level2') && liftingPlan !== true)
    return [violation('LIFTING_PLAN_MISSING', '一级、二级吊装作业应编制吊装作业方案')];
  return [];
}
