/**
 * Every number the permit rules use, in one place (domain-facts §1). Tags follow the facts file:
 * [V] verified in the standard's text, [M] practice or recollection to check against the official text,
 * [GAP] not found. Boundaries follow the conventions at the top of domain-facts: "at most X" is inclusive
 * (exactly X is still valid), "more than X" is strict (exactly X does not trigger).
 */
import type { HotWorkGrade, PermitType } from './types';

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 60 * MS_PER_MINUTE;
export const MS_PER_DAY_PERMIT = 24 * MS_PER_HOUR;

/** Maximum validity of a hot-work permit by grade (§5.1.5) [V]. */
export const HOT_WORK_VALIDITY_MS: Record<HotWorkGrade, number> = {
  special: 8 * MS_PER_HOUR,
  level1: 8 * MS_PER_HOUR,
  level2: 72 * MS_PER_HOUR,
};
/** Confined space: at most 24 h (§6.10) [V]. */
export const CONFINED_SPACE_VALIDITY_MS = 24 * MS_PER_HOUR;
/** Work at height: at most 7 days (§8.2.11) [V]. */
export const HEIGHT_VALIDITY_MS = 7 * MS_PER_DAY_PERMIT;
/** Temporary electricity: normally at most 15 days, in special cases at most 30 days (§10) [V]. */
export const TEMP_POWER_VALIDITY_MS = 15 * MS_PER_DAY_PERMIT;
export const TEMP_POWER_SPECIAL_VALIDITY_MS = 30 * MS_PER_DAY_PERMIT;
/**
 * Types for which GB 30871-2022 sets no maximum validity [GAP, and deliberately none hard-coded]:
 * blind plate, lifting, excavation, road breaking (domain-facts §1.5, §1.7, §11).
 */
export const TYPES_WITHOUT_VALIDITY_LIMIT: readonly PermitType[] = [
  'blind_plate',
  'lifting',
  'excavation',
  'road_closure',
];

/** Gas sampling to the start of work (and to a resumption): at most 30 min (§5.3.1, §6) [V]. */
export const GAS_SAMPLE_MAX_AGE_MS = 30 * MS_PER_MINUTE;
/** Interruptions longer than this need a re-analysis: hot work 特级/一级 30 min, 二级 60 min (§5.3.1) [V]. */
export const HOT_WORK_REANALYSIS_AFTER_MS: Record<HotWorkGrade, number> = {
  special: 30 * MS_PER_MINUTE,
  level1: 30 * MS_PER_MINUTE,
  level2: 60 * MS_PER_MINUTE,
};
/** Confined space: re-test after an interruption of more than 60 min (§6) [V]. */
export const CONFINED_SPACE_REANALYSIS_AFTER_MS = 60 * MS_PER_MINUTE;
/** Confined space: continuous portable monitoring with a record at least every 2 h (§6) [V]. */
export const CONFINED_SPACE_RECORD_INTERVAL_MS = 2 * MS_PER_HOUR;

/** LEL criterion (§5.3.2) [V]: LEL ≥ 4 % → concentration ≤ 0.5 %; LEL < 4 % → ≤ 0.2 % (all v/v). */
export const LEL_THRESHOLD_PERCENT = 4;
export const MAX_CONCENTRATION_HIGH_LEL_PERCENT = 0.5;
export const MAX_CONCENTRATION_LOW_LEL_PERCENT = 0.2;
/** Confined space O₂ band 19.5–21 % inclusive (§6.4) [V]; oxygen-enriched spaces and oxygen equipment ≤ 23.5 % (§6.4, §5.2.7) [V]. */
export const OXYGEN_MIN_PERCENT = 19.5;
export const OXYGEN_MAX_PERCENT = 21;
export const OXYGEN_ENRICHED_MAX_PERCENT = 23.5;
/** Tolerance for threshold comparisons (domain-facts convention: never a bare float comparison). */
export const EPSILON = 1e-9;

/** Outdoor hot work in wind of this force or more is upgraded (§5.2.15) [V]. */
export const HOT_WORK_UPGRADE_WIND_FORCE = 5;
/** No work at height in wind of force 5 or more (§8.2.6) [V]. */
export const HEIGHT_MAX_WIND_FORCE_EXCLUSIVE = 5;
/** No outdoor lifting in wind of force 6 or more (§9) [V]. */
export const LIFTING_MAX_WIND_FORCE_EXCLUSIVE = 6;

/**
 * Night hours for the hot-work upgrade, Asia/Shanghai, [start, end) in minutes after midnight.
 * [M] GB 30871-2022 does not define "night" (夜间) in the facts consulted; 22:00–06:00 follows the
 * usual reading in Chinese law (e.g. the noise law). Change here only.
 */
export const NIGHT_START_MINUTE = 22 * 60;
export const NIGHT_END_MINUTE = 6 * 60;

/**
 * How far a hot-work grade is raised (§5.1.1, §5.2.15). [M] The standard says "升级管理" without the
 * mechanics. Default `once`: one grade up (二级→一级→特级) whatever combination of holiday/rest day,
 * night and wind applies. `per_clause`: one grade for §5.1.1 (holiday, rest day or night, together one
 * trigger) and one more for §5.2.15 (outdoor wind ≥ 5). 特级 stays 特级.
 */
export type UpgradeMode = 'once' | 'per_clause';
export const DEFAULT_UPGRADE_MODE: UpgradeMode = 'once';

/** Height bands (GB/T 3608, §1.6) [V]: 2 ≤ h ≤ 5, 5 < h ≤ 15, 15 < h ≤ 30, h > 30; below 2 m it is not work at height. */
export const HEIGHT_MIN_M = 2;
export const HEIGHT_BAND_UPPER_M = [5, 15, 30] as const;

/** Lifting grades by mass (§9) [V]: > 100 t 一级; 40–100 t 二级; < 40 t 三级; < 10 t no permit (Table B.1 note 3). */
export const LIFTING_LEVEL1_ABOVE_T = 100;
export const LIFTING_LEVEL2_FROM_T = 40;
export const LIFTING_PERMIT_FROM_T = 10;

/** Excavation deeper than this in process or tank areas follows the confined-space rules (§11) [V]. */
export const EXCAVATION_CONFINED_DEPTH_M = 1.2;
