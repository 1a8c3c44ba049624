import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.extend(timezone);

export const TZ = 'Asia/Shanghai';

/** Formats an instant in Beijing time, whatever the browser's zone. */
export function fmtTime(value: string | null | undefined, pattern = 'YYYY-MM-DD HH:mm'): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.tz(TZ).format(pattern) : '—';
}

export { dayjs };
