/**
 * Calendar days in Asia/Shanghai. China has kept UTC+8 all year since 1991 (no daylight saving), so a
 * fixed offset is exact for every date the platform handles and needs no time-zone database.
 */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
export const MS_PER_DAY = 24 * 60 * 60 * 1000;

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** An instant from a Date or an ISO string; throws RangeError on an unparseable value. */
export function toInstant(value: Date | string): Date {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) throw new RangeError(`无效的时间：${String(value)}`);
  return d;
}

/** The Asia/Shanghai calendar day of an instant as 'YYYY-MM-DD'; a bare 'YYYY-MM-DD' is taken as that day. */
export function shanghaiDay(value: Date | string): string {
  if (typeof value === 'string' && DAY_ONLY.test(value)) return value;
  return new Date(toInstant(value).getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Asia/Shanghai calendar year of an instant. */
export function shanghaiYear(value: Date | string): number {
  return Number(shanghaiDay(value).slice(0, 4));
}

/** Formats the Asia/Shanghai day of an instant the way Chinese documents write dates: 2025年4月1日. */
export function formatShanghaiDateZh(value: Date | string): string {
  const [y, m, d] = shanghaiDay(value).split('-');
  return `${Number(y)}年${Number(m)}月${Number(d)}日`;
}
