import type { Dayjs } from 'dayjs';
import { dayjs, TZ } from '../../lib/time';

/**
 * Pickers show wall-clock values; the platform's times are Beijing time. These helpers read a picked
 * value as Beijing wall-clock time and write ISO 8601 with +08:00, whatever the browser's zone.
 */
export function toShanghaiIso(d: Dayjs): string {
  return `${d.format('YYYY-MM-DDTHH:mm:ss')}+08:00`;
}

/** 00:00 Beijing time of the picked day. */
export function shanghaiDayStart(d: Dayjs): string {
  return `${d.format('YYYY-MM-DD')}T00:00:00+08:00`;
}

/** 00:00 Beijing time of the day after the picked day: an exclusive upper bound. */
export function shanghaiDayEnd(d: Dayjs): string {
  return `${d.add(1, 'day').format('YYYY-MM-DD')}T00:00:00+08:00`;
}

/** A deadline picked as a day means the end of that day: 23:59:59 Beijing time. */
export function shanghaiDeadline(d: Dayjs): string {
  return `${d.format('YYYY-MM-DD')}T23:59:59+08:00`;
}

/** The Beijing calendar day 'YYYY-MM-DD' of an instant. */
export function shanghaiDay(iso: string | Dayjs): string {
  const d = typeof iso === 'string' ? dayjs(iso) : dayjs(toShanghaiIso(iso));
  return d.tz(TZ).format('YYYY-MM-DD');
}

/** The day part of an ISO string this app wrote (…T00:00:00+08:00), for a picker. */
export function fromShanghaiIso(iso: string | undefined): string | undefined {
  return iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : undefined;
}

/** An instant as a Beijing wall-clock Dayjs (for pickers showing an existing value). */
export function shanghaiWallClock(iso: string): Dayjs {
  return dayjs(dayjs(iso).tz(TZ).format('YYYY-MM-DDTHH:mm:ss'));
}
