import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  declaredHoursSchema,
  illegalProductionSuspected,
  outsideDeclaredHours,
  withinDeclaredHours,
  type PowerSample,
} from './power';

const T0 = Date.parse('2025-04-01T02:00:00+08:00'); // a Tuesday, 02:00 in Ordos
const minute = (m: number) => T0 + m * 60_000;
/** One sample a minute from `start` for `count` minutes at `kw`. */
const series = (start: number, count: number, kw: number): PowerSample[] =>
  Array.from({ length: count }, (_, i) => ({ ts: minute(start + i), kw }));

const BASE = { status: 'suspended' as const, idleBaselineKw: 50 };

// [label, samples, expected [fromMinute, toMinute] periods]
const illegal: Array<[string, PowerSample[], Array<[number, number]>]> = [
  ['above baseline for exactly 30 min (31 samples)', [...series(0, 31, 400), ...series(31, 5, 10)], []],
  ['above baseline for 31 min', [...series(0, 32, 400), ...series(32, 5, 10)], [[0, 31]]],
  ['at the baseline exactly for an hour (not more than it)', series(0, 61, 50), []],
  [
    'interrupted at minute 20 by an idle sample',
    [...series(0, 20, 400), ...series(20, 1, 40), ...series(21, 25, 400)],
    [],
  ],
  [
    'two long runs',
    [...series(0, 40, 400), ...series(40, 5, 10), ...series(45, 40, 300)],
    [
      [0, 39],
      [45, 84],
    ],
  ],
  ['a 16-minute data gap splits the run', [...series(0, 20, 400), ...series(36, 20, 400)], []],
  ['a 15-minute data gap keeps the run', [...series(0, 20, 400), ...series(34, 20, 400)], [[0, 53]]],
];
for (const [label, samples, expected] of illegal) {
  test(`suspended enterprise, ${label}: ${expected.length} suspected period(s)`, () => {
    const got = illegalProductionSuspected(samples, BASE).map((p) => [
      (p.from.getTime() - T0) / 60_000,
      (p.to.getTime() - T0) / 60_000,
    ]);
    assert.deepEqual(got, expected);
  });
}

test('a suspected period reports its length, peak and whether it is still on', () => {
  const samples = [...series(0, 45, 400), { ts: new Date(minute(45)), kw: 900 }];
  const [p] = illegalProductionSuspected(samples.reverse(), { status: 'closed', idleBaselineKw: 50 });
  assert.deepEqual(p, {
    from: new Date(minute(0)),
    to: new Date(minute(45)),
    minutes: 45,
    samples: 46,
    peakKw: 900,
    ongoing: true,
  });
});

test('an operating enterprise is never suspected', () => {
  assert.deepEqual(
    illegalProductionSuspected(series(0, 120, 400), { status: 'operating', idleBaselineKw: 50 }),
    [],
  );
});

test('minMinutes is configurable', () => {
  assert.equal(illegalProductionSuspected(series(0, 12, 400), { ...BASE, minMinutes: 10 }).length, 1);
  assert.equal(illegalProductionSuspected(series(0, 11, 400), { ...BASE, minMinutes: 10 }).length, 0);
});

const DAY_SHIFT = { weekdays: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' };
const NIGHT_SHIFT = { weekdays: [1, 2, 3, 4, 5], from: '22:00', to: '06:00' };
const at = (iso: string) => Date.parse(iso);

// [label, instant, hours, within]
const within: Array<[string, string, typeof DAY_SHIFT, boolean]> = [
  ['Tuesday 08:00 (start inclusive)', '2025-04-01T08:00:00+08:00', DAY_SHIFT, true],
  ['Tuesday 07:59', '2025-04-01T07:59:00+08:00', DAY_SHIFT, false],
  ['Tuesday 17:59', '2025-04-01T17:59:00+08:00', DAY_SHIFT, true],
  ['Tuesday 18:00 (end exclusive)', '2025-04-01T18:00:00+08:00', DAY_SHIFT, false],
  ['Saturday 10:00', '2025-04-05T10:00:00+08:00', DAY_SHIFT, false],
  ['Tuesday 08:30 given as UTC 00:30', '2025-04-01T00:30:00Z', DAY_SHIFT, true],
  ['Friday 23:00 on a night shift', '2025-04-04T23:00:00+08:00', NIGHT_SHIFT, true],
  ['Saturday 05:59 on a night shift that started Friday', '2025-04-05T05:59:00+08:00', NIGHT_SHIFT, true],
  ['Saturday 06:00 on a night shift', '2025-04-05T06:00:00+08:00', NIGHT_SHIFT, false],
  ['Monday 03:00 on a night shift (Sunday not declared)', '2025-03-31T03:00:00+08:00', NIGHT_SHIFT, false],
  ['Saturday 23:00 on a night shift', '2025-04-05T23:00:00+08:00', NIGHT_SHIFT, false],
  [
    'Sunday 23:59 with to 24:00',
    '2025-04-06T23:59:00+08:00',
    { weekdays: [7], from: '00:00', to: '24:00' },
    true,
  ],
];
for (const [label, iso, hours, expected] of within) {
  test(`${label}: ${expected ? 'within' : 'outside'} declared hours`, () => {
    assert.equal(withinDeclaredHours(at(iso), hours), expected);
  });
}

test('load above baseline outside declared hours is flagged, inside is not', () => {
  const tuesday = (hhmm: string, kw: number) => ({ ts: at(`2025-04-01T${hhmm}:00+08:00`), kw });
  const samples = [
    tuesday('06:00', 400),
    tuesday('06:30', 400),
    tuesday('07:00', 20), // idle
    tuesday('07:30', 400),
    tuesday('08:00', 400), // declared hours begin
    tuesday('17:30', 400),
    tuesday('18:00', 400),
  ];
  const flagged = outsideDeclaredHours(samples, DAY_SHIFT, 50, { maxGapMinutes: 60 }).map((p) => [
    p.from.toISOString(),
    p.to.toISOString(),
    p.ongoing,
  ]);
  assert.deepEqual(flagged, [
    ['2025-03-31T22:00:00.000Z', '2025-03-31T22:30:00.000Z', false],
    ['2025-03-31T23:30:00.000Z', '2025-03-31T23:30:00.000Z', false],
    ['2025-04-01T10:00:00.000Z', '2025-04-01T10:00:00.000Z', true],
  ]);
});

const badHours: Array<[string, unknown, string]> = [
  ['weekday 0', { weekdays: [0], from: '08:00', to: '18:00' }, '星期取1–7（1为周一）'],
  ['repeated weekdays', { weekdays: [1, 1], from: '08:00', to: '18:00' }, '生产日不能重复'],
  [
    '8:00 without a leading zero',
    { weekdays: [1], from: '8:00', to: '18:00' },
    '时间格式为 HH:MM，例如 08:00',
  ],
  ['from equal to to', { weekdays: [1], from: '08:00', to: '08:00' }, '结束时间不能与开始时间相同'],
  ['from 24:00', { weekdays: [1], from: '24:00', to: '08:00' }, '开始时间不能是24:00'],
];
for (const [label, input, message] of badHours) {
  test(`declared hours with ${label} are rejected with “${message}”`, () => {
    const r = declaredHoursSchema.safeParse(input);
    assert.equal(r.success, false);
    assert.ok(
      r.error!.issues.some((i) => i.message === message),
      JSON.stringify(r.error!.issues),
    );
  });
}
