import { test } from 'node:test';
import assert from 'node:assert/strict';
import { effectiveHotWorkGrade, heightGrade, isNight, liftingGrade, weekendIsRestDay } from './grading';
import type { HeightCondition, HotWorkGrade, ObjectiveFactor } from './types';

// Hot-work upgrade (§5.1.1, §5.2.15). 2025-03-12 is a Wednesday, 2025-03-15 a Saturday.
const HOT: [string, HotWorkGrade, string, { outdoor?: boolean; windForce?: number }, HotWorkGrade][] = [
  ['weekday daytime: no upgrade', 'level2', '2025-03-12T10:00:00+08:00', {}, 'level2'],
  ['Saturday: 二级 → 一级', 'level2', '2025-03-15T10:00:00+08:00', {}, 'level1'],
  ['Sunday: 一级 → 特级', 'level1', '2025-03-16T10:00:00+08:00', {}, 'special'],
  ['21:59 is day', 'level1', '2025-03-12T21:59:00+08:00', {}, 'level1'],
  ['22:00 is night: 一级 → 特级', 'level1', '2025-03-12T22:00:00+08:00', {}, 'special'],
  ['03:00 is night: 二级 → 一级', 'level2', '2025-03-12T03:00:00+08:00', {}, 'level1'],
  ['05:59 is night', 'level2', '2025-03-12T05:59:00+08:00', {}, 'level1'],
  ['06:00 is day', 'level2', '2025-03-12T06:00:00+08:00', {}, 'level2'],
  ['night given in UTC (14:30Z = 22:30 Shanghai)', 'level1', '2025-03-12T14:30:00Z', {}, 'special'],
  [
    'outdoor wind force 4: no upgrade',
    'level2',
    '2025-03-12T10:00:00+08:00',
    { outdoor: true, windForce: 4 },
    'level2',
  ],
  [
    'outdoor wind force 5: upgrade',
    'level2',
    '2025-03-12T10:00:00+08:00',
    { outdoor: true, windForce: 5 },
    'level1',
  ],
  [
    'indoor wind force 5: no upgrade',
    'level2',
    '2025-03-12T10:00:00+08:00',
    { outdoor: false, windForce: 5 },
    'level2',
  ],
  ['特级 stays 特级', 'special', '2025-03-15T23:00:00+08:00', { outdoor: true, windForce: 6 }, 'special'],
  [
    'Saturday night, wind 5, default mode: one grade only',
    'level2',
    '2025-03-15T23:00:00+08:00',
    { outdoor: true, windForce: 5 },
    'level1',
  ],
];
for (const [label, base, atIso, o, expected] of HOT)
  test(`hot-work grade: ${label} → ${expected}`, () => {
    assert.equal(effectiveHotWorkGrade({ grade: base, at: atIso, ...o }).grade, expected);
  });

const PER_CLAUSE: [string, string, { outdoor?: boolean; windForce?: number }, HotWorkGrade][] = [
  ['night + wind: two grades', '2025-03-12T23:00:00+08:00', { outdoor: true, windForce: 5 }, 'special'],
  ['Saturday + night: one clause, one grade', '2025-03-15T23:00:00+08:00', {}, 'level1'],
  ['wind only: one grade', '2025-03-12T10:00:00+08:00', { outdoor: true, windForce: 7 }, 'level1'],
];
for (const [label, atIso, o, expected] of PER_CLAUSE)
  test(`hot-work grade, per_clause mode: 二级 ${label} → ${expected}`, () => {
    assert.equal(
      effectiveHotWorkGrade({ grade: 'level2', at: atIso, ...o }, { mode: 'per_clause' }).grade,
      expected,
    );
  });

test('a caller-supplied holiday calendar: National Day (a Wednesday) upgrades', () => {
  const isRestDay = (d: string) => d === '2025-10-01' || weekendIsRestDay(d);
  const r = effectiveHotWorkGrade({ grade: 'level2', at: '2025-10-01T10:00:00+08:00' }, { isRestDay });
  assert.deepEqual([r.grade, r.triggers], ['level1', ['rest_day']]);
});

test('a make-up working Saturday is no rest day when the calendar says so', () => {
  const r = effectiveHotWorkGrade(
    { grade: 'level2', at: '2025-03-15T10:00:00+08:00' },
    { isRestDay: () => false },
  );
  assert.equal(r.grade, 'level2');
});

test('the rest day is the Shanghai day: Friday 16:30Z is Saturday 00:30 in Shanghai', () => {
  assert.equal(isNight('2025-03-14T16:30:00Z'), true);
  const r = effectiveHotWorkGrade({ grade: 'level2', at: '2025-03-14T16:30:00Z' });
  assert.deepEqual(r.triggers, ['rest_day', 'night']);
});

// Height bands (GB/T 3608): 2 ≤ h ≤ 5, 5 < h ≤ 15, 15 < h ≤ 30, h > 30; method B one class up, capped at Ⅳ.
const HEIGHT: [number, ObjectiveFactor[], HeightCondition[], string | null][] = [
  [1.99, [], [], null],
  [2, [], [], 'I'],
  [5, [], [], 'I'],
  [5.01, [], [], 'II'],
  [15, [], [], 'II'],
  [15.01, [], [], 'III'],
  [30, [], [], 'III'],
  [30.01, [], [], 'IV'],
  [2, ['slippery'], [], 'II'],
  [5, ['gust_force5', 'low_temperature'], [], 'II'],
  [5.01, ['cold_water'], [], 'III'],
  [15, ['poor_light'], [], 'III'],
  [15.01, ['rescue'], [], 'IV'],
  [30, ['live_conductor'], [], 'IV'],
  [31, ['unstable_footing'], [], 'IV'],
  [3, [], ['steep_slope'], 'I'],
  [3, [], ['inside_equipment'], 'II'],
  [20, [], ['near_openings'], 'III'],
  [3, [], ['snow_or_rain'], 'IV'],
  [3, [], ['night_artificial_light'], 'IV'],
  [3, ['slippery'], ['suspended'], 'IV'],
];
for (const [h, factors, conditions, expected] of HEIGHT)
  test(`height grade: ${h} m, factors [${factors.join(', ')}], conditions [${conditions.join(', ')}] → ${expected}`, () => {
    assert.equal(heightGrade({ heightM: h, objectiveFactors: factors, conditions }), expected);
  });

// Lifting by mass: under 10 t no permit; 10 ≤ m < 40 三级; 40 ≤ m ≤ 100 二级; > 100 一级.
const LIFT: [number, string][] = [
  [0, 'none'],
  [9.99, 'none'],
  [10, 'level3'],
  [39.99, 'level3'],
  [40, 'level2'],
  [100, 'level2'],
  [100.01, 'level1'],
];
for (const [m, expected] of LIFT)
  test(`lifting grade: ${m} t → ${expected}`, () => assert.equal(liftingGrade(m), expected));
