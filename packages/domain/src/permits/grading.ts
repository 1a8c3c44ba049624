/**
 * Grading (domain-facts §1.3, §1.6, §1.7): the hot-work grade with its automatic upgrade, the work-at-height
 * grade from band, objective factors and the Table B.1 overrides, and the lifting grade by mass.
 */
import { SHANGHAI_OFFSET_MS, shanghaiDay, toInstant } from '../hazards/calendar';
import {
  DEFAULT_UPGRADE_MODE,
  HEIGHT_BAND_UPPER_M,
  HEIGHT_MIN_M,
  HOT_WORK_UPGRADE_WIND_FORCE,
  LIFTING_LEVEL1_ABOVE_T,
  LIFTING_LEVEL2_FROM_T,
  LIFTING_PERMIT_FROM_T,
  NIGHT_END_MINUTE,
  NIGHT_START_MINUTE,
  type UpgradeMode,
} from './limits';
import {
  HEIGHT_CONDITIONS,
  HEIGHT_GRADE_CODES,
  HOT_WORK_GRADE_CODES,
  type HeightCondition,
  type HeightGrade,
  type HotWorkGrade,
  type LiftingGrade,
  type ObjectiveFactor,
} from './types';

/** Whether an Asia/Shanghai calendar day ('YYYY-MM-DD') is a holiday or rest day; the caller supplies the holiday calendar. */
export type IsRestDay = (day: string) => boolean;

/** The default calendar: Saturdays and Sundays (Asia/Shanghai), without public holidays or make-up working days. */
export const weekendIsRestDay: IsRestDay = (day) => {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6;
};

/** Whether an instant falls in the night hours (Asia/Shanghai, [22:00, 06:00) by default; [M], see limits). */
export function isNight(at: Date | string): boolean {
  const ms = toInstant(at).getTime() + SHANGHAI_OFFSET_MS;
  const minute = Math.floor((((ms % 86_400_000) + 86_400_000) % 86_400_000) / 60_000);
  return NIGHT_START_MINUTE > NIGHT_END_MINUTE
    ? minute >= NIGHT_START_MINUTE || minute < NIGHT_END_MINUTE
    : minute >= NIGHT_START_MINUTE && minute < NIGHT_END_MINUTE;
}

export type UpgradeTrigger = 'rest_day' | 'night' | 'wind';
export const UPGRADE_TRIGGER_NAMES: Record<UpgradeTrigger, string> = {
  rest_day: '节假日或公休日',
  night: '夜间',
  wind: '室外风力5级及以上',
};

export interface HotWorkGradeInput {
  /** The grade the work has on its own merits (§5.1): where and on what it is done. */
  grade: HotWorkGrade;
  /** The instant judged: the work is upgraded when it is done on a rest day or at night. */
  at: Date | string;
  outdoor?: boolean;
  /** Beaufort force of the wind at the work point. */
  windForce?: number;
}
export interface UpgradeOptions {
  isRestDay?: IsRestDay;
  mode?: UpgradeMode;
}

/** The upgrade triggers that apply to hot work at an instant (§5.1.1, §5.2.15). */
export function hotWorkUpgradeTriggers(
  input: HotWorkGradeInput,
  opts: UpgradeOptions = {},
): UpgradeTrigger[] {
  const isRestDay = opts.isRestDay ?? weekendIsRestDay;
  const out: UpgradeTrigger[] = [];
  if (isRestDay(shanghaiDay(toInstant(input.at)))) out.push('rest_day');
  if (isNight(input.at)) out.push('night');
  if (input.outdoor && (input.windForce ?? 0) >= HOT_WORK_UPGRADE_WIND_FORCE) out.push('wind');
  return out;
}

/** Raises a hot-work grade by a number of steps, stopping at 特级. */
export function raiseHotWorkGrade(grade: HotWorkGrade, steps: number): HotWorkGrade {
  const i = HOT_WORK_GRADE_CODES.indexOf(grade);
  return HOT_WORK_GRADE_CODES[Math.max(0, i - steps)]!;
}

/** The grade hot work is managed at, after the automatic upgrade; `triggers` says why it was raised. */
export function effectiveHotWorkGrade(
  input: HotWorkGradeInput,
  opts: UpgradeOptions = {},
): { grade: HotWorkGrade; base: HotWorkGrade; triggers: UpgradeTrigger[] } {
  const triggers = hotWorkUpgradeTriggers(input, opts);
  const clause5_1_1 = triggers.some((t) => t === 'rest_day' || t === 'night');
  const clause5_2_15 = triggers.includes('wind');
  const mode = opts.mode ?? DEFAULT_UPGRADE_MODE;
  const steps = mode === 'once' ? (triggers.length ? 1 : 0) : (clause5_1_1 ? 1 : 0) + (clause5_2_15 ? 1 : 0);
  return { grade: raiseHotWorkGrade(input.grade, steps), base: input.grade, triggers };
}

export interface HeightGradeInput {
  heightM: number;
  objectiveFactors?: readonly ObjectiveFactor[];
  conditions?: readonly HeightCondition[];
}

const higher = (a: HeightGrade, b: HeightGrade): HeightGrade =>
  HEIGHT_GRADE_CODES.indexOf(a) >= HEIGHT_GRADE_CODES.indexOf(b) ? a : b;

/**
 * The grade of work at height: the band (2 ≤ h ≤ 5, 5 < h ≤ 15, 15 < h ≤ 30, h > 30) read by method A
 * (no objective factor: Ⅰ–Ⅳ) or method B (any factor: Ⅱ, Ⅲ, Ⅳ, Ⅳ), then raised to the floor of any
 * Table B.1 situation. Null below 2 m (not work at height).
 */
export function heightGrade(input: HeightGradeInput): HeightGrade | null {
  const h = input.heightM;
  if (!(h >= HEIGHT_MIN_M)) return null;
  let band = HEIGHT_BAND_UPPER_M.findIndex((upper) => h <= upper);
  if (band < 0) band = HEIGHT_BAND_UPPER_M.length;
  const methodB = (input.objectiveFactors ?? []).length > 0;
  let grade = HEIGHT_GRADE_CODES[Math.min(band + (methodB ? 1 : 0), HEIGHT_GRADE_CODES.length - 1)]!;
  for (const c of input.conditions ?? []) {
    const floor = HEIGHT_CONDITIONS.find((x) => x.code === c)?.floor;
    if (floor) grade = higher(grade, floor);
  }
  return grade;
}

/** Lifting grade by mass (§9): > 100 t 一级, 40–100 t 二级, 10 t to under 40 t 三级, under 10 t `none`. */
export function liftingGrade(massT: number): LiftingGrade {
  if (massT > LIFTING_LEVEL1_ABOVE_T) return 'level1';
  if (massT >= LIFTING_LEVEL2_FROM_T) return 'level2';
  if (massT >= LIFTING_PERMIT_FROM_T) return 'level3';
  return 'none';
}
