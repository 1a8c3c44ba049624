/**
 * Rule codes and the clauses of GB 30871-2022 they cite. A violation is `{ code, clause, message }`; the
 * code is stable (the web and statistics key on it), the message is Chinese. Where domain-facts gives only
 * the section and not the sub-clause, the clause names the section (e.g. 'GB 30871-2022 10'); sub-clause
 * numbers beyond those in domain-facts §1 are not guessed.
 */

import { SHANGHAI_OFFSET_MS, formatShanghaiDateZh } from '../hazards/calendar';

const STD = 'GB 30871-2022';

export const PERMIT_RULES = {
  PERMIT_WINDOW: `${STD} 附录A`,
  PERMIT_NOT_YET_VALID: `${STD} 4.16`,
  PERMIT_EXPIRED: `${STD} 4.16`,
  HOT_WORK_VALIDITY: `${STD} 5.1.5`,
  CONFINED_SPACE_VALIDITY: `${STD} 6.10`,
  HEIGHT_VALIDITY: `${STD} 8.2.11`,
  TEMP_POWER_VALIDITY: `${STD} 10`,
  TEMP_POWER_BEYOND_SERVED: `${STD} 10`,
  HOT_WORK_GAS_MISSING: `${STD} 5.3.1`,
  HOT_WORK_GAS_STALE: `${STD} 5.3.1`,
  HOT_WORK_GAS_REANALYSIS: `${STD} 5.3.1`,
  HOT_WORK_GAS_DAILY: `${STD} 5.3.1`,
  HOT_WORK_MONITORING: `${STD} 5.3.1`,
  HOT_WORK_GAS_FAIL: `${STD} 5.3.2`,
  HOT_WORK_OXYGEN: `${STD} 5.2.7`,
  CONFINED_SPACE_GAS_MISSING: `${STD} 6`,
  CONFINED_SPACE_GAS_STALE: `${STD} 6`,
  CONFINED_SPACE_GAS_REANALYSIS: `${STD} 6`,
  CONFINED_SPACE_MONITORING_RECORD: `${STD} 6`,
  CONFINED_SPACE_GAS_FAIL: `${STD} 6.4`,
  CONFINED_SPACE_OXYGEN: `${STD} 6.4`,
  TEMP_POWER_GAS_MISSING: `${STD} 10`,
  TEMP_POWER_GAS_FAIL: `${STD} 5.3.2`,
  APPROVAL_MISSING: `${STD} 表B.1`,
  APPROVAL_ORDER: `${STD} 附录A`,
  APPROVAL_TIME: `${STD} 附录A`,
  APPROVER_LEVEL: `${STD} 表B.1`,
  GUARDIAN_MISSING: `${STD} 4.10`,
  GUARDIAN_ABSENT: `${STD} 4.10`,
  MEASURE_UNCONFIRMED: `${STD} 附录A`,
  RELATED_PERMIT_MISSING: `${STD} 4.6`,
  BLIND_PLATE_DUPLICATE: `${STD} 7.11`,
  BLIND_PLATE_SAME_PIPELINE: `${STD} 7`,
  HEIGHT_WIND: `${STD} 8.2.6`,
  LIFTING_WIND: `${STD} 9`,
  LIFTING_PLAN_MISSING: `${STD} 9`,
  WORKER_UNKNOWN: `${STD} 4.9`,
  WORKER_CERTIFICATE_MISSING: `${STD} 4.9`,
  WORKER_CERTIFICATE_EXPIRED: `${STD} 4.9`,
  WORKER_CERTIFICATE_MISMATCH: `${STD} 4.9`,
  GUARDIAN_UNTRAINED: `${STD} 4.10`,
  /** An active gas alarm where the work is: §4.8 stop on abnormality; no start or resume until it clears. */
  GAS_ALARM_ACTIVE: `${STD} 4.8`,
} as const;
export type PermitRuleCode = keyof typeof PERMIT_RULES;

export interface PermitViolation {
  code: PermitRuleCode;
  clause: string;
  message: string;
}

/** A violation of a rule, with the rule's clause. */
export function violation(code: PermitRuleCode, message: string): PermitViolation {
  return { code, clause: PERMIT_RULES[code], message };
}

/** Formats a duration in minutes the way messages say it: 8小时, 8小时1分钟, 31分钟. */
export function formatMinutesZh(ms: number): string {
  const total = Math.round(ms / 60_000);
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  if (days && !hours && !minutes) return `${days}天`;
  const h = days * 24 + hours;
  if (!h) return `${minutes}分钟`;
  return minutes ? `${h}小时${minutes}分钟` : `${h}小时`;
}

/** An instant as messages say it, to the minute in Asia/Shanghai: 2025年3月10日 08:30. */
export function whenZh(t: number | string): string {
  const ms = typeof t === 'number' ? t : Date.parse(t);
  const hm = new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(11, 16);
  return `${formatShanghaiDateZh(new Date(ms))} ${hm}`;
}
