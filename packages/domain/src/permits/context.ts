/**
 * The facts a rule judges, gathered from a stored permit (checkPermit) or from a dry-run request
 * (dryRunCheck), so both run exactly the same rule functions.
 */
import type { GasAnalysis } from './schemas';
import type { HotWorkGrade, PermitType } from './types';

/**
 * What is being judged at `at`: `start` (the work starts now), `continue` (the work goes on, or resumes,
 * now), `hold` (an issued or suspended permit: only its validity is judged) or `none` (a permit not yet
 * issued or already finished: no time-bound rule).
 */
export type JudgedAction = 'start' | 'continue' | 'hold' | 'none';

export interface WorkContext {
  type: PermitType;
  /** Hot work: the grade after the automatic upgrade. */
  hotGrade?: HotWorkGrade;
  plannedStart: number;
  plannedEnd: number;
  at: number;
  action: JudgedAction;
  /** When the work actually started, if it has. */
  startedAt?: number;
  gasAnalyses: readonly GasAnalysis[];
  interruptions: readonly { from: number; to: number | null }[];
  /** Hot work in equipment that makes, uses or stores oxygen: O₂ ≤ 23.5 % (§5.2.7). */
  oxygenEquipment: boolean;
  /** Confined space in an oxygen-enriched environment: O₂ band 19.5–23.5 % (§6.4). */
  oxygenEnriched: boolean;
  /** The confined-space rules apply: a confined space, or excavation deeper than 1.2 m in a process or tank area. */
  confinedRules: boolean;
  /** Temporary electricity in a running fire/explosion-hazard unit or tank farm: a gas test before connecting (§10). */
  tempPowerGas: boolean;
  /** Known only when stated; unknown (undefined) is not judged. */
  continuousMonitoring?: boolean;
  guardianOnSite?: boolean;
  /** Temporary electricity: the special case allowing 30 days. */
  specialCase?: boolean;
  /** Temporary electricity: the permit the power serves. */
  servesPermit?: { number?: string; plannedStart: number; plannedEnd: number };
}

/** Parses an ISO instant to epoch milliseconds (NaN when invalid). */
export const ms = (iso: string): number => Date.parse(iso);
