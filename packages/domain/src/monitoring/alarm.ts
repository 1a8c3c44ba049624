/**
 * The per-point alarm state machine (issue 4 §5), pure, with the clock injected. Instants are epoch
 * milliseconds (a Date is accepted wherever one is read). Time runs on one line: a reading happens at
 * its own timestamp, a tick at `now`; ingest rejects far-future timestamps so a device clock cannot run
 * far ahead.
 *
 * - A level is entered only after its entry condition has held continuously for delayOnSec (0: at once),
 *   judged at readings and at ticks (the last value holds until the next reading). Entering means
 *   reaching the threshold: value ≥ high, value ≤ low [convention, M: alarm set points are 达到即报警].
 * - A level is left (recovery, or de-escalation high_high → high) at once, when the value crosses back
 *   beyond the threshold by more than the deadband: value < high − deadband, value > low + deadband.
 *   Comparisons carry a 1e-9 relative tolerance, so float noise never decides a boundary.
 * - A reading more than staleTimeoutSec after the previous one breaks continuity: pending delay-on
 *   timers restart.
 * - Offline when a tick finds no reading for more than staleTimeoutSec. An open process alarm stays
 *   open while offline (the value is unknown, not recovered); the next reading brings the point back
 *   online and re-evaluates it.
 * - Readings older than the last accepted one are ignored with a reason; equal timestamps are accepted.
 */

export type ProcessAlarmLevel = 'high' | 'high_high' | 'low' | 'low_low';
export type AlarmLevel = ProcessAlarmLevel | 'offline';
export type PointLevel = 'normal' | ProcessAlarmLevel | 'offline';

/** Alarm level codes as the API and the alarm records use them. */
export const ALARM_LEVELS = [
  { code: 'high_high', name: '高高报', nameEn: 'High-high' },
  { code: 'high', name: '高报', nameEn: 'High' },
  { code: 'low', name: '低报', nameEn: 'Low' },
  { code: 'low_low', name: '低低报', nameEn: 'Low-low' },
  { code: 'offline', name: '离线', nameEn: 'Offline' },
] as const satisfies readonly { code: AlarmLevel; name: string; nameEn: string }[];
export const ALARM_LEVEL_CODES = ALARM_LEVELS.map((l) => l.code) as unknown as readonly [
  AlarmLevel,
  ...AlarmLevel[],
];

export interface Thresholds {
  lowLow?: number;
  low?: number;
  high?: number;
  highHigh?: number;
}

export interface PointConfig {
  thresholds: Thresholds;
  /** Absolute, in the point's unit, ≥ 0. */
  deadband: number;
  delayOnSec: number;
  staleTimeoutSec: number;
}

export type Instant = number | Date;

export interface OpenAlarm {
  level: ProcessAlarmLevel;
  openedAt: number;
  /** Highest value seen while open on the high side, lowest on the low side. */
  peak: number;
}

export interface PointState {
  level: PointLevel;
  /** Since-times of levels whose entry condition holds but whose delay-on has not yet elapsed. */
  pending: Partial<Record<ProcessAlarmLevel, number>>;
  last: { value: number; ts: number } | null;
  /** Where the stale timer starts before the first reading (the point's creation); null: not watched. */
  watchFrom: number | null;
  alarm: OpenAlarm | null;
  offlineSince: number | null;
}

export type PointEvent = { type?: 'reading'; value: number; ts: Instant } | { type: 'tick' };

export type AlarmEffect =
  | { type: 'open'; level: ProcessAlarmLevel; at: number; value: number }
  /** The open alarm changes level within its side: up (high → high_high) or down (high_high → high). */
  | { type: 'escalate_level'; from: ProcessAlarmLevel; to: ProcessAlarmLevel; at: number; value: number }
  | { type: 'peak'; value: number; at: number }
  | { type: 'recover'; level: ProcessAlarmLevel; at: number; value: number }
  | { type: 'offline'; at: number }
  | { type: 'online'; at: number };

export interface StepResult {
  state: PointState;
  effects: AlarmEffect[];
  /** Set when a reading was not applied; the state is then unchanged. */
  ignored?: { code: 'out_of_order' | 'invalid'; reason: string };
}

/** A point before its first reading; pass its creation time to have a silent point go offline. */
export function initialPointState(watchFrom: Instant | null = null): PointState {
  const from = watchFrom === null ? null : +watchFrom;
  return { level: 'normal', pending: {}, last: null, watchFrom: from, alarm: null, offlineSince: null };
}

/** Least severe first within each side, so a more severe level that holds overrides a lesser one. */
const LEVELS: readonly ProcessAlarmLevel[] = ['high', 'high_high', 'low', 'low_low'];
const KEY = { high: 'high', high_high: 'highHigh', low: 'low', low_low: 'lowLow' } as const;
const isUp = (l: ProcessAlarmLevel) => l === 'high' || l === 'high_high';
const severe = (l: ProcessAlarmLevel) => l === 'high_high' || l === 'low_low';
const sameSide = (a: ProcessAlarmLevel, b: ProcessAlarmLevel) => isUp(a) === isUp(b);
/** Whether being at `current` means `x` is active too (high_high implies high). */
const activeIn = (current: ProcessAlarmLevel | 'normal', x: ProcessAlarmLevel) =>
  current !== 'normal' && sameSide(current, x) && (current === x || severe(current));

const tol = (a: number, b: number) => 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
const atLeast = (a: number, b: number) => a >= b - tol(a, b);
const atMost = (a: number, b: number) => a <= b + tol(a, b);

/** Entry condition: the value reaches the threshold. */
function enters(x: ProcessAlarmLevel, v: number, thr: number): boolean {
  return isUp(x) ? atLeast(v, thr) : atMost(v, thr);
}
/** Hold condition of an active level: the value has not crossed back by more than the deadband. */
function stays(x: ProcessAlarmLevel, v: number, thr: number, deadband: number): boolean {
  return isUp(x) ? atLeast(v, thr - deadband) : atMost(v, thr + deadband);
}

/** Advances one point by a reading or a tick at `now`; never throws on bad input, it ignores it with a reason. */
export function step(state: PointState, config: PointConfig, event: PointEvent, now: Instant): StepResult {
  if (event.type === 'tick') return tick(state, config, +now);
  const ts = +event.ts;
  if (!Number.isFinite(event.value) || !Number.isFinite(ts))
    return { state, effects: [], ignored: { code: 'invalid', reason: '读数或时间无效' } };
  if (state.last && ts < state.last.ts)
    return {
      state,
      effects: [],
      ignored: {
        code: 'out_of_order',
        reason: `读数时间 ${new Date(ts).toISOString()} 早于上一条已接收读数 ${new Date(state.last.ts).toISOString()}，已忽略`,
      },
    };
  const effects: AlarmEffect[] = [];
  let pending = state.pending;
  if (state.offlineSince !== null) {
    effects.push({ type: 'online', at: ts });
    pending = {};
  } else if (state.last && ts - state.last.ts > config.staleTimeoutSec * 1000) pending = {};
  const next = evaluate({ ...state, pending, offlineSince: null }, config, event.value, ts, effects);
  return { state: { ...next, last: { value: event.value, ts } }, effects };
}

/**
 * A reading older than the last one the machine has evaluated, arriving late because the transport
 * reordered it (server instances sharing one MQTT stream commit a point's readings in whatever order
 * they finish). The machine never goes back in time: such a reading moves no level, timer or `last`.
 * It only raises the open alarm's peak when it lies beyond the peak on the alarm's side and was taken
 * while the alarm was open. A reading not older than `last` is an ordinary `step`.
 */
export function stepLate(state: PointState, event: { value: number; ts: Instant }): StepResult {
  const ts = +event.ts;
  if (!Number.isFinite(event.value) || !Number.isFinite(ts))
    return { state, effects: [], ignored: { code: 'invalid', reason: '读数或时间无效' } };
  const a = state.alarm;
  if (!a || ts < a.openedAt || !(isUp(a.level) ? event.value > a.peak : event.value < a.peak))
    return { state, effects: [] };
  return {
    state: { ...state, alarm: { ...a, peak: event.value } },
    effects: [{ type: 'peak', value: event.value, at: ts }],
  };
}

function tick(state: PointState, config: PointConfig, now: number): StepResult {
  if (state.offlineSince !== null) return { state, effects: [] };
  const since = state.last?.ts ?? state.watchFrom;
  if (since === null) return { state, effects: [] };
  if (now - since > config.staleTimeoutSec * 1000)
    return {
      state: { ...state, level: 'offline', pending: {}, offlineSince: now },
      effects: [{ type: 'offline', at: now }],
    };
  if (!state.last || Object.keys(state.pending).length === 0) return { state, effects: [] };
  const effects: AlarmEffect[] = [];
  return { state: evaluate(state, config, state.last.value, now, effects), effects };
}

/** Applies value v at instant t to an online point, appending effects; returns the new state (last unchanged). */
function evaluate(
  state: PointState,
  config: PointConfig,
  v: number,
  t: number,
  effects: AlarmEffect[],
): PointState {
  const current = state.alarm?.level ?? 'normal';
  const pending: Partial<Record<ProcessAlarmLevel, number>> = { ...state.pending };
  let up: ProcessAlarmLevel | 'normal' = 'normal';
  let down: ProcessAlarmLevel | 'normal' = 'normal';
  for (const x of LEVELS) {
    const thr = config.thresholds[KEY[x]];
    let holds = false;
    if (thr == null) delete pending[x];
    else if (activeIn(current, x)) {
      delete pending[x];
      holds = stays(x, v, thr, config.deadband);
    } else if (enters(x, v, thr)) {
      const since = (pending[x] ??= t);
      holds = t - since >= config.delayOnSec * 1000;
    } else delete pending[x];
    if (holds) {
      if (isUp(x)) up = x;
      else down = x;
    }
  }
  let target = up !== 'normal' ? up : down;
  // Both sides hold only with a deadband wider than the gap: the side newly reached wins over the one held.
  if (up !== 'normal' && down !== 'normal' && current !== 'normal' && isUp(current)) target = down;
  for (const x of LEVELS) if (activeIn(target, x)) delete pending[x];
  const alarm = transition(state.alarm, target, v, t, effects);
  return { ...state, level: alarm?.level ?? 'normal', pending, alarm };
}

function transition(
  alarm: OpenAlarm | null,
  target: ProcessAlarmLevel | 'normal',
  v: number,
  t: number,
  effects: AlarmEffect[],
): OpenAlarm | null {
  const open = (level: ProcessAlarmLevel): OpenAlarm => {
    effects.push({ type: 'open', level, at: t, value: v });
    return { level, openedAt: t, peak: v };
  };
  if (!alarm) return target === 'normal' ? null : open(target);
  if (target === 'normal' || !sameSide(alarm.level, target)) {
    effects.push({ type: 'recover', level: alarm.level, at: t, value: v });
    return target === 'normal' ? null : open(target);
  }
  let next = alarm;
  if (target !== alarm.level) {
    effects.push({ type: 'escalate_level', from: alarm.level, to: target, at: t, value: v });
    next = { ...next, level: target };
  }
  if (isUp(target) ? v > next.peak : v < next.peak) {
    effects.push({ type: 'peak', value: v, at: t });
    next = { ...next, peak: v };
  }
  return next;
}
