import { shanghaiYear } from './calendar';

/** Hazard codes: YH-<district>-<discovery year, Asia/Shanghai>-<6-digit sequence>, e.g. YH-150627-2025-000123. */
export const HAZARD_CODE_PATTERN = /^YH-(\d{6})-(\d{4})-(\d{6})$/;
export const HAZARD_SEQ_MAX = 999_999;

/**
 * Builds a hazard code. `year` is a number, or the discovery instant, whose Asia/Shanghai year is used
 * (a hazard found at 2024-12-31T23:30+08:00 belongs to 2024). Throws RangeError on a bad part.
 */
export function hazardCode(districtCode: string, year: number | Date | string, seq: number): string {
  if (!/^\d{6}$/.test(districtCode)) throw new RangeError(`旗区代码必须是6位数字：${districtCode}`);
  const y = typeof year === 'number' ? year : shanghaiYear(year);
  if (!Number.isInteger(y) || y < 1000 || y > 9999) throw new RangeError(`年份无效：${y}`);
  if (!Number.isInteger(seq) || seq < 1 || seq > HAZARD_SEQ_MAX)
    throw new RangeError(`序号必须是 1–${HAZARD_SEQ_MAX} 的整数：${seq}`);
  return `YH-${districtCode}-${y}-${String(seq).padStart(6, '0')}`;
}

/** Parts of a hazard code, or null when it is not one (case-insensitive, surrounding spaces ignored). */
export function parseHazardCode(code: string): { districtCode: string; year: number; seq: number } | null {
  const m = HAZARD_CODE_PATTERN.exec(code.trim().toUpperCase());
  if (!m) return null;
  const seq = Number(m[3]);
  if (seq < 1) return null;
  return { districtCode: m[1]!, year: Number(m[2]), seq };
}
