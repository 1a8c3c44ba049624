import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  initialPointState,
  step,
  stepLate,
  type AlarmEffect,
  type PointConfig,
  type PointState,
} from './alarm';

const T0 = Date.parse('2025-04-01T00:00:00Z');
const at = (sec: number) => T0 + sec * 1000;

const BASE: PointConfig = {
  thresholds: { lowLow: 10, low: 20, high: 80, highHigh: 90 },
  deadband: 2,
  delayOnSec: 10,
  staleTimeoutSec: 60,
};
const NO_DELAY: Partial<PointConfig> = { delayOnSec: 0 };

/** An event: [seconds after T0, value] is a reading at that time, [seconds, 'tick'] a tick with the clock there. */
type Ev = [number, number | 'tick'];

const show = (e: AlarmEffect): string => {
  const s = (ms: number) => `${(ms - T0) / 1000}s`;
  switch (e.type) {
    case 'open':
      return `open ${e.level}@${s(e.at)}=${e.value}`;
    case 'escalate_level':
      return `${e.from}→${e.to}@${s(e.at)}=${e.value}`;
    case 'peak':
      return `peak ${e.value}@${s(e.at)}`;
    case 'recover':
      return `recover ${e.level}@${s(e.at)}`;
    case 'offline':
    case 'online':
      return `${e.type}@${s(e.at)}`;
  }
};

function run(events: Ev[], config: Partial<PointConfig> = {}, init: PointState = initialPointState()) {
  const cfg = { ...BASE, ...config };
  let state = init;
  const effects: string[] = [];
  const ignored: string[] = [];
  for (const [sec, v] of events) {
    const r =
      v === 'tick'
        ? step(state, cfg, { type: 'tick' }, at(sec))
        : step(state, cfg, { value: v, ts: at(sec) }, at(sec));
    state = r.state;
    effects.push(...r.effects.map(show));
    if (r.ignored) ignored.push(r.ignored.code);
  }
  return { state, effects, ignored };
}

const rows: Array<[string, Ev[], Partial<PointConfig>, string[]]> = [
  // delay-on
  [
    'high held for exactly delayOnSec opens at the delay',
    [
      [0, 85],
      [10, 85],
    ],
    {},
    ['open high@10s=85'],
  ],
  [
    'high held one second less than delayOnSec opens nothing',
    [
      [0, 85],
      [9, 85],
    ],
    {},
    [],
  ],
  [
    'a dip below high restarts the delay (not yet elapsed)',
    [
      [0, 85],
      [5, 79],
      [9, 85],
      [18, 85],
    ],
    {},
    [],
  ],
  [
    'a dip below high restarts the delay (elapsed from the return)',
    [
      [0, 85],
      [5, 79],
      [9, 85],
      [19, 85],
    ],
    {},
    ['open high@19s=85'],
  ],
  ['delay 0 opens at once on reaching the threshold exactly', [[0, 80]], NO_DELAY, ['open high@0s=80']],
  [
    'a value just below high never opens',
    [
      [0, 79.99],
      [100, 79.99],
    ],
    NO_DELAY,
    [],
  ],
  [
    'a tick completes delay-on with the held value',
    [
      [0, 85],
      [10, 'tick'],
    ],
    {},
    ['open high@10s=85'],
  ],
  [
    'a tick one second before the delay elapses does nothing',
    [
      [0, 85],
      [9, 'tick'],
    ],
    {},
    [],
  ],
  [
    'straight past high_high for the delay opens high_high',
    [
      [0, 95],
      [10, 95],
    ],
    {},
    ['open high_high@10s=95'],
  ],
  [
    'high_high broken inside its delay still opens high from the first crossing',
    [
      [0, 95],
      [5, 85],
      [10, 85],
    ],
    {},
    ['open high@10s=85'],
  ],
  [
    'high_high needs its own delay while high is open',
    [
      [0, 85],
      [10, 85],
      [12, 95],
      [21, 95],
      [22, 95],
    ],
    {},
    ['open high@10s=85', 'peak 95@12s', 'high→high_high@22s=95'],
  ],
  [
    'a gap longer than the stale timeout restarts delay-on',
    [
      [0, 85],
      [70, 85],
      [79, 85],
      [80, 85],
    ],
    {},
    ['open high@80s=85'],
  ],
  [
    'a gap of exactly the stale timeout keeps delay-on running',
    [
      [0, 85],
      [60, 85],
    ],
    {},
    ['open high@60s=85'],
  ],
  [
    'low held for the delay opens low',
    [
      [0, 20],
      [10, 19],
    ],
    {},
    ['open low@10s=19'],
  ],
  [
    'only high_high configured',
    [[0, 95]],
    { ...NO_DELAY, thresholds: { highHigh: 90 } },
    ['open high_high@0s=95'],
  ],
  [
    'no thresholds: readings never alarm',
    [
      [0, 1e9],
      [1, -1e9],
    ],
    { ...NO_DELAY, thresholds: {} },
    [],
  ],

  // deadband and recovery
  [
    'high holds at exactly high − deadband',
    [
      [0, 85],
      [1, 78],
    ],
    NO_DELAY,
    ['open high@0s=85'],
  ],
  [
    'high recovers just beyond the deadband',
    [
      [0, 85],
      [1, 77.99],
    ],
    NO_DELAY,
    ['open high@0s=85', 'recover high@1s'],
  ],
  [
    'deadband 0: high recovers just below high',
    [
      [0, 85],
      [1, 80],
      [2, 79.999],
    ],
    { ...NO_DELAY, deadband: 0 },
    ['open high@0s=85', 'recover high@2s'],
  ],
  [
    'high 0.4, deadband 0.1: 0.3 holds though 0.4 − 0.1 is 0.30000000000000004',
    [
      [0, 0.4],
      [1, 0.3],
      [2, 0.2999],
    ],
    { ...NO_DELAY, thresholds: { high: 0.4 }, deadband: 0.1 },
    ['open high@0s=0.4', 'recover high@2s'],
  ],
  [
    'low 0.1, deadband 0.7: 0.8 holds though 0.1 + 0.7 is 0.7999999999999999',
    [
      [0, 0.1],
      [1, 0.8],
      [2, 0.8001],
    ],
    { ...NO_DELAY, thresholds: { low: 0.1 }, deadband: 0.7 },
    ['open low@0s=0.1', 'recover low@2s'],
  ],
  [
    'low holds at exactly low + deadband, recovers beyond',
    [
      [0, 20],
      [1, 22],
      [2, 22.01],
    ],
    NO_DELAY,
    ['open low@0s=20', 'recover low@2s'],
  ],
  [
    'recovery needs no delay',
    [
      [0, 85],
      [10, 85],
      [11, 50],
    ],
    {},
    ['open high@10s=85', 'recover high@11s'],
  ],
  [
    'de-escalation high_high → high at high_high − deadband, then recovery',
    [
      [0, 95],
      [1, 88],
      [2, 87.9],
      [3, 78],
      [4, 77.9],
    ],
    NO_DELAY,
    ['open high_high@0s=95', 'high_high→high@2s=87.9', 'recover high@4s'],
  ],
  [
    'high_high straight to normal recovers high_high',
    [
      [0, 95],
      [1, 50],
    ],
    NO_DELAY,
    ['open high_high@0s=95', 'recover high_high@1s'],
  ],
  [
    'de-escalation low_low → low, then recovery',
    [
      [0, 5],
      [1, 12],
      [2, 12.5],
      [3, 22.5],
    ],
    NO_DELAY,
    ['open low_low@0s=5', 'low_low→low@2s=12.5', 'recover low@3s'],
  ],
  [
    'high then straight to low: high recovers at once, low waits for its delay',
    [
      [0, 85],
      [10, 85],
      [11, 15],
      [20, 15],
      [21, 15],
    ],
    {},
    ['open high@10s=85', 'recover high@11s', 'open low@21s=15'],
  ],
  [
    're-escalation after de-escalation waits for the delay again',
    [
      [0, 95],
      [10, 95],
      [11, 85],
      [12, 95],
      [21, 95],
      [22, 95],
    ],
    {},
    ['open high_high@10s=95', 'high_high→high@11s=85', 'high→high_high@22s=95'],
  ],
  [
    'peak tracks the lowest value on the low side',
    [
      [0, 15],
      [1, 12],
      [2, 14],
    ],
    { ...NO_DELAY, thresholds: { low: 20 } },
    ['open low@0s=15', 'peak 12@1s'],
  ],

  [
    'a deadband wider than the gap: reaching low ends a held high',
    [
      [0, 35],
      [1, 19],
    ],
    { ...NO_DELAY, thresholds: { low: 20, high: 30 }, deadband: 15 },
    ['open high@0s=35', 'recover high@1s', 'open low@1s=19'],
  ],

  // flapping
  [
    'values flapping around high inside the deadband open one alarm',
    [
      [0, 80],
      [1, 79],
      [2, 80.5],
      [3, 78.5],
      [4, 81],
      [5, 79],
    ],
    NO_DELAY,
    ['open high@0s=80', 'peak 80.5@2s', 'peak 81@4s'],
  ],
  [
    'flapping across high faster than delay-on opens nothing',
    Array.from({ length: 20 }, (_, i): Ev => [i * 3, i % 2 === 0 ? 81 : 79]),
    {},
    [],
  ],
  [
    'noise after recovery does not reopen below high',
    [
      [0, 85],
      [1, 77],
      [2, 79.9],
      [3, 78],
    ],
    NO_DELAY,
    ['open high@0s=85', 'recover high@1s'],
  ],

  // offline
  [
    'no reading for exactly the stale timeout: still online',
    [
      [0, 50],
      [60, 'tick'],
    ],
    {},
    [],
  ],
  [
    'no reading for 1 s more than the stale timeout: offline',
    [
      [0, 50],
      [61, 'tick'],
    ],
    {},
    ['offline@61s'],
  ],
  [
    'further ticks while offline emit nothing',
    [
      [0, 50],
      [61, 'tick'],
      [120, 'tick'],
    ],
    {},
    ['offline@61s'],
  ],
  [
    'a reading after offline brings the point online and re-evaluates',
    [
      [0, 50],
      [61, 'tick'],
      [70, 85],
    ],
    NO_DELAY,
    ['offline@61s', 'online@70s', 'open high@70s=85'],
  ],
  [
    'an open alarm stays open while offline and recovers after the return',
    [
      [0, 85],
      [61, 'tick'],
      [70, 50],
    ],
    NO_DELAY,
    ['open high@0s=85', 'offline@61s', 'online@70s', 'recover high@70s'],
  ],
  [
    'an open alarm still high after the return stays open with no new open',
    [
      [0, 85],
      [61, 'tick'],
      [70, 86],
    ],
    NO_DELAY,
    ['open high@0s=85', 'offline@61s', 'online@70s', 'peak 86@70s'],
  ],
  [
    'delay-on restarts after offline',
    [
      [0, 85],
      [61, 'tick'],
      [62, 85],
      [71, 85],
      [72, 85],
    ],
    {},
    ['offline@61s', 'online@62s', 'open high@72s=85'],
  ],
  [
    'a stale point does not open on a tick',
    [
      [0, 85],
      [61, 'tick'],
    ],
    {},
    ['offline@61s'],
  ],
  ['an unwatched point with no readings never goes offline', [[1000, 'tick']], {}, []],

  // out of order
  [
    'a reading older than the last accepted one is ignored',
    [
      [10, 50],
      [5, 95],
    ],
    NO_DELAY,
    [],
  ],
  [
    'a reading with the same timestamp is accepted',
    [
      [10, 50],
      [10, 95],
    ],
    NO_DELAY,
    ['open high_high@10s=95'],
  ],
];

for (const [label, events, config, expected] of rows) {
  test(label, () => {
    assert.deepEqual(run(events, config).effects, expected);
  });
}

test('a watched point that never reports goes offline after the stale timeout', () => {
  assert.deepEqual(run([[60, 'tick']], {}, initialPointState(T0)).effects, []);
  assert.deepEqual(run([[61, 'tick']], {}, initialPointState(new Date(T0))).effects, ['offline@61s']);
});

test('an out-of-order reading leaves the state unchanged and says why', () => {
  const first = run([[10, 85]], NO_DELAY).state;
  const r = step(first, { ...BASE, delayOnSec: 0 }, { value: 10, ts: at(5) }, at(11));
  assert.equal(r.state, first);
  assert.deepEqual(r.effects, []);
  assert.equal(r.ignored?.code, 'out_of_order');
  assert.match(r.ignored!.reason, /早于上一条已接收读数/);
});

test('a non-finite value or timestamp is ignored as invalid', () => {
  const s = initialPointState();
  assert.equal(step(s, BASE, { value: Number.NaN, ts: at(0) }, at(0)).ignored?.code, 'invalid');
  assert.equal(step(s, BASE, { value: 1, ts: new Date('nope') }, at(0)).ignored?.code, 'invalid');
});

test('the state records level, pending since-time, last value and the open alarm', () => {
  const pending = run([[0, 85]]).state;
  assert.deepEqual(pending, {
    level: 'normal',
    pending: { high: at(0) },
    last: { value: 85, ts: at(0) },
    watchFrom: null,
    alarm: null,
    offlineSince: null,
  });
  const open = run([
    [0, 85],
    [10, 92],
    [15, 'tick'],
    [20, 93],
  ]).state;
  assert.deepEqual(open, {
    level: 'high_high',
    pending: {},
    last: { value: 93, ts: at(20) },
    watchFrom: null,
    alarm: { level: 'high_high', openedAt: at(10), peak: 93 },
    offlineSince: null,
  });
  const offline = run([
    [0, 85],
    [10, 85],
    [71, 'tick'],
  ]).state;
  assert.equal(offline.level, 'offline');
  assert.equal(offline.offlineSince, at(71));
  assert.deepEqual(offline.alarm, { level: 'high', openedAt: at(10), peak: 85 });
});

test('step never mutates the state it is given', () => {
  const freeze = <T>(o: T): T => {
    if (o && typeof o === 'object') for (const v of Object.values(o)) freeze(v);
    return Object.freeze(o);
  };
  let state = freeze(initialPointState(T0));
  for (const [sec, v] of [
    [0, 85],
    [10, 95],
    [30, 95],
    [31, 50],
    [100, 'tick'],
    [101, 5],
  ] as Ev[]) {
    const r =
      v === 'tick'
        ? step(state, BASE, { type: 'tick' }, at(sec))
        : step(state, BASE, { value: v, ts: at(sec) }, at(sec));
    state = freeze(r.state);
  }
  assert.equal(state.level, 'normal');
});

test("stepLate: a reordered reading moves nothing but the open alarm's peak", () => {
  const open = run([
    [0, 85],
    [10, 86],
    [20, 84],
  ]).state;
  assert.deepEqual(open.alarm, { level: 'high', openedAt: at(10), peak: 86 });
  // Beyond the peak while the alarm was open: the peak rises, at the reading's own time.
  const up = stepLate(open, { value: 88, ts: at(15) });
  assert.deepEqual(up.effects, [{ type: 'peak', value: 88, at: at(15) }]);
  assert.equal(up.state.alarm?.peak, 88);
  assert.deepEqual(up.state.last, open.last);
  assert.deepEqual(up.state.pending, open.pending);
  // Not beyond the peak, before the alarm opened, or a recovery value: nothing changes.
  for (const [sec, value] of [
    [15, 85],
    [5, 99],
    [15, 50],
  ] as const)
    assert.equal(stepLate(open, { value, ts: at(sec) }).state, open);
  // No alarm open: a late excursion opens nothing and starts no delay-on timer.
  const calm = run([[30, 50]]).state;
  const late = stepLate(calm, { value: 99, ts: at(20) });
  assert.deepEqual(late, { state: calm, effects: [] });
  // Low side: the peak is the lowest value.
  const low = run(
    [
      [0, 15],
      [1, 16],
    ],
    NO_DELAY,
  ).state;
  assert.equal(stepLate(low, { value: 12, ts: at(0.5) }).state.alarm?.peak, 12);
  assert.equal(stepLate(low, { value: Number.NaN, ts: at(0.5) }).ignored?.code, 'invalid');
});
