/**
 * The alarm-quality ledger (报警质量台账, issue 4 §7): per enterprise over a window, how well its
 * monitoring is kept online and how its alarms are handled. Pure: the server loads the rows, this decides.
 *
 * - Alarms counted are those opened in [from, to). Offline alarms count too (a silent sensor is an alarm
 *   someone must answer); `offlineAlarms` says how many of them were.
 * - Time to acknowledge / dispose: acknowledgedAt − openedAt and disposedAt − openedAt, over the counted
 *   alarms that have been acknowledged / disposed (still-open ones are left out and counted apart).
 * - Percentiles interpolate linearly between order statistics (the common "type 7" definition, as in
 *   Excel PERCENTILE.INC): the median of 10, 20, 30, 40 is 25 and its p90 is 37.
 * - False-alarm share: alarms disposed as false / alarms disposed (only a disposal judges an alarm).
 * - Online, two measures: `onlineShare` is the share of points not offline now; `timeOnlineShare` is the
 *   share of point-time in the window (each point from its creation, up to min(to, now)) not covered by an
 *   offline alarm. Offline alarms open when the engine notices the silence (the stale timeout plus up to
 *   one sweep), so time online is measured as the alarm engine saw it.
 */

type Instant = Date | number;

export interface AlarmQualityAlarm {
  pointId: string;
  level: string;
  openedAt: Instant;
  acknowledgedAt: Instant | null;
  disposedAt: Instant | null;
  closedAt: Instant | null;
  falseAlarm: boolean;
}

export interface AlarmQualityPoint {
  id: string;
  createdAt: Instant;
  /** The point is offline now (its alarm state's level). */
  offlineNow: boolean;
}

export interface AlarmQualityInput {
  from: Instant;
  to: Instant;
  now: Instant;
  points: readonly AlarmQualityPoint[];
  /** Alarms opened in the window, plus offline alarms that were still open at its start (for time online). */
  alarms: readonly AlarmQualityAlarm[];
}

export interface AlarmQuality {
  points: number;
  pointsOnline: number;
  /** Points not offline now / points; null without points. */
  onlineShare: number | null;
  /** Point-time in the window not under an offline alarm / point-time; null when there is none. */
  timeOnlineShare: number | null;
  alarms: number;
  offlineAlarms: number;
  /** alarms / days observed (from … min(to, now)); null when nothing was observed. */
  alarmsPerDay: number | null;
  acknowledged: number;
  unacknowledged: number;
  ackMedianSec: number | null;
  ackP90Sec: number | null;
  disposed: number;
  disposeMedianSec: number | null;
  falseAlarms: number;
  /** falseAlarms / disposed; null when none was disposed. */
  falseAlarmShare: number | null;
}

const DAY = 86_400_000;

/** Linear-interpolation quantile (type 7) of unsorted values; null for none. */
export function quantile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
}

/** Total length of the union of [start, end) intervals. */
function unionLength(intervals: Array<[number, number]>): number {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  let total = 0;
  let cur: [number, number] | null = null;
  for (const [a, b] of sorted) {
    if (cur && a <= cur[1]) cur[1] = Math.max(cur[1], b);
    else {
      if (cur) total += cur[1] - cur[0];
      cur = [a, b];
    }
  }
  if (cur) total += cur[1] - cur[0];
  return total;
}

const secs = (ms: number) => Math.max(0, ms) / 1000;

export function alarmQuality(input: AlarmQualityInput): AlarmQuality {
  const from = +input.from;
  const end = Math.min(+input.to, +input.now);

  // Online: now, and over the window.
  const pointsOnline = input.points.filter((p) => !p.offlineNow).length;
  const offlineByPoint = new Map<string, AlarmQualityAlarm[]>();
  for (const a of input.alarms) {
    if (a.level !== 'offline') continue;
    const list = offlineByPoint.get(a.pointId);
    if (list) list.push(a);
    else offlineByPoint.set(a.pointId, [a]);
  }
  let pointTime = 0;
  let offlineTime = 0;
  for (const p of input.points) {
    const start = Math.max(from, +p.createdAt);
    if (end <= start) continue;
    pointTime += end - start;
    const spans = (offlineByPoint.get(p.id) ?? []).map((a): [number, number] => [
      Math.max(start, +a.openedAt),
      Math.min(end, a.closedAt === null ? end : +a.closedAt),
    ]);
    offlineTime += unionLength(spans);
  }

  // Alarms opened in the window.
  const counted = input.alarms.filter((a) => +a.openedAt >= from && +a.openedAt < +input.to);
  const ack = counted
    .filter((a) => a.acknowledgedAt !== null)
    .map((a) => secs(+a.acknowledgedAt! - +a.openedAt));
  const disposedRows = counted.filter((a) => a.disposedAt !== null);
  const dispose = disposedRows.map((a) => secs(+a.disposedAt! - +a.openedAt));
  const falseAlarms = disposedRows.filter((a) => a.falseAlarm).length;
  const days = (end - from) / DAY;

  return {
    points: input.points.length,
    pointsOnline,
    onlineShare: input.points.length ? pointsOnline / input.points.length : null,
    timeOnlineShare: pointTime > 0 ? (pointTime - offlineTime) / pointTime : null,
    alarms: counted.length,
    offlineAlarms: counted.filter((a) => a.level === 'offline').length,
    alarmsPerDay: days > 0 ? counted.length / days : null,
    acknowledged: ack.length,
    unacknowledged: counted.length - ack.length,
    ackMedianSec: quantile(ack, 0.5),
    ackP90Sec: quantile(ack, 0.9),
    disposed: dispose.length,
    disposeMedianSec: quantile(dispose, 0.5),
    falseAlarms,
    falseAlarmShare: dispose.length ? falseAlarms / dispose.length : null,
  };
}
