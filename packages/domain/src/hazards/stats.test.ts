import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_ZERO_CLEARING_RULES,
  aggregateHazards,
  evaluateMilestones,
  monthMinus,
  type HazardFact,
  type ZeroClearingInput,
} from './stats';

/** 12 months July 2024 – June 2025 with 10 found and 11 closed each; June 2024 outside the window. */
const monthly = [
  { month: '2024-06', found: 100, closed: 0 },
  ...Array.from({ length: 12 }, (_, i) => ({ month: monthMinus('2025-06', 11 - i), found: 10, closed: 11 })),
];

const fixture: ZeroClearingInput = {
  stockTotal: 200,
  stockOpenAt: { '2024-06-30': 8 },
  monthly,
  majorsAt: { '2025-06-30': { open: 30, overdue: 0 }, '2026-06-30': { open: 25, overdue: 3 } },
};

test('hand-computed fixture as of 2025-07-15: stock met, increment met, dynamic zero pending', () => {
  const r = evaluateMilestones(fixture, '2025-07-15T09:00:00+08:00');
  assert.deepEqual(
    r.map((m) => [m.key, m.date, m.met]),
    [
      ['stock_cleared', '2024-06-30', true],
      ['increment_contained', '2025-06-30', true],
      ['dynamic_zero', '2026-06-30', null],
    ],
  );
  assert.deepEqual(r[0]!.numbers, { stockTotal: 200, stockOpen: 8, stockClosed: 192, closedShare: 0.96 });
  assert.deepEqual(r[1]!.numbers, { found: 120, closed: 132, open: 30, overdue: 0 });
  assert.deepEqual(r[1]!.window, { from: '2024-07', to: '2025-06' });
  assert.deepEqual(r[2]!.numbers, { open: 25, overdue: 3 });
});

const stockRows: Array<[number, boolean]> = [
  [10, true], // 190/200 = 95 % exactly: met (threshold inclusive)
  [11, false], // 94.5 %
  [0, true],
];
for (const [open, met] of stockRows) {
  test(`stock of 200 with ${open} still open on 2024-06-30 → ${met ? 'met' : 'not met'}`, () => {
    const r = evaluateMilestones({ ...fixture, stockOpenAt: { '2024-06-30': open } }, '2024-07-01');
    assert.equal(r[0]!.met, met);
  });
}

test('an empty stock counts as cleared', () => {
  const r = evaluateMilestones({ ...fixture, stockTotal: 0, stockOpenAt: { '2024-06-30': 0 } }, '2024-07-01');
  assert.equal(r[0]!.met, true);
});

test('one overdue major hazard on 2025-06-30 fails the increment milestone', () => {
  const r = evaluateMilestones(
    { ...fixture, majorsAt: { '2025-06-30': { open: 30, overdue: 1 } } },
    '2025-07-01',
  );
  assert.equal(r[1]!.met, false);
});

test('more found than closed over the 12 months fails the increment milestone', () => {
  const more = monthly.map((m) => (m.month === '2025-03' ? { ...m, found: 23 } : m)); // 133 found vs 132 closed
  const r = evaluateMilestones({ ...fixture, monthly: more }, '2025-07-01');
  assert.deepEqual([r[1]!.met, r[1]!.numbers.found, r[1]!.numbers.closed], [false, 133, 132]);
});

test('a shorter configured window counts only its months', () => {
  const rules = { ...DEFAULT_ZERO_CLEARING_RULES, incrementWindowMonths: 3 };
  const r = evaluateMilestones(fixture, '2025-07-01', rules);
  assert.deepEqual(r[1]!.window, { from: '2025-04', to: '2025-06' });
  assert.deepEqual([r[1]!.numbers.found, r[1]!.numbers.closed], [30, 33]);
});

const dynamicRows: Array<[string, boolean | null]> = [
  ['2026-06-29T23:59:00+08:00', null],
  ['2026-06-29T16:00:00Z', false],
  ['2026-06-30T23:59:00+08:00', false],
  ['2026-07-01T00:00:00+08:00', false],
];
for (const [asOf, met] of dynamicRows) {
  test(`dynamic zero with 3 overdue, as of ${asOf} → ${met}`, () => {
    assert.equal(evaluateMilestones(fixture, asOf)[2]!.met, met);
  });
}

test('dynamic zero with no overdue major hazard is met', () => {
  const r = evaluateMilestones(
    { ...fixture, majorsAt: { '2026-06-30': { open: 4, overdue: 0 } } },
    '2026-07-02',
  );
  assert.equal(r[2]!.met, true);
});

test('a past milestone without its numbers is null, not met', () => {
  const r = evaluateMilestones({ stockTotal: 5, stockOpenAt: {}, monthly: [], majorsAt: {} }, '2027-01-01');
  assert.deepEqual(
    r.map((m) => m.met),
    [null, null, null],
  );
});

test('each milestone states its rule in Chinese', () => {
  const r = evaluateMilestones(fixture, '2025-07-15');
  assert.match(r[0]!.rule, /不低于95%/);
  assert.match(r[1]!.rule, /2024-07至2025-06/);
  assert.match(r[2]!.rule, /动态清零/);
});

const months: Array<[string, number, string]> = [
  ['2025-06', 11, '2024-07'],
  ['2025-01', 1, '2024-12'],
  ['2025-03', 0, '2025-03'],
  ['2025-12', 12, '2024-12'],
];
for (const [m, n, expected] of months) {
  test(`${n} months before ${m} is ${expected}`, () => {
    assert.equal(monthMinus(m, n), expected);
  });
}

const facts: HazardFact[] = [
  {
    key: '150627',
    label: '伊金霍洛旗',
    status: 'closed',
    grade: 'major',
    deadline: '2025-04-01T00:00:00+08:00',
    discoveredAt: '2025-03-01T00:00:00+08:00',
    closedAt: '2025-03-11T00:00:00+08:00',
  },
  {
    key: '150627',
    label: '伊金霍洛旗',
    status: 'rectifying',
    grade: 'general',
    deadline: '2025-04-20T00:00:00+08:00',
    discoveredAt: '2025-04-01T00:00:00+08:00',
    closedAt: null,
  },
  {
    key: '150627',
    label: '伊金霍洛旗',
    status: 'dismissed',
    grade: 'major',
    deadline: null,
    discoveredAt: '2025-04-01T00:00:00+08:00',
    closedAt: null,
  },
  {
    key: '150627',
    label: '伊金霍洛旗',
    status: 'closed',
    grade: 'general',
    deadline: '2025-03-10T00:00:00+08:00',
    discoveredAt: '2025-03-01T00:00:00+08:00',
    closedAt: '2025-03-06T12:00:00+08:00',
  },
  {
    key: '150602',
    label: '东胜区',
    status: 'pending_acceptance',
    grade: 'major',
    deadline: '2025-05-01T00:00:00+08:00',
    discoveredAt: '2025-04-01T00:00:00+08:00',
    closedAt: null,
  },
  {
    key: '150602',
    label: '东胜区',
    status: 'reported',
    grade: 'major',
    deadline: null,
    discoveredAt: '2025-04-25T00:00:00+08:00',
    closedAt: null,
  },
];

test('aggregation of a hand-computed fixture by district', () => {
  assert.deepEqual(aggregateHazards(facts, new Date('2025-05-01T00:00:00+08:00')), [
    {
      key: '150602',
      label: '东胜区',
      total: 2,
      open: 2,
      closed: 0,
      overdue: 0,
      major: 2,
      general: 0,
      dismissed: 0,
      rectificationRate: 0,
      avgDaysToClose: null,
    },
    {
      key: '150627',
      label: '伊金霍洛旗',
      total: 3,
      open: 1,
      closed: 2,
      overdue: 1,
      major: 1,
      general: 2,
      dismissed: 1,
      rectificationRate: 2 / 3,
      avgDaysToClose: 7.8,
    },
  ]);
});

test('a hazard pending acceptance becomes overdue one instant after its deadline', () => {
  const rows = aggregateHazards(facts, new Date('2025-05-01T00:00:00.001+08:00'));
  assert.equal(rows[0]!.overdue, 1);
});
