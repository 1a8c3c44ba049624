import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alphaFor, majorHazardAssessment, majorHazardGradeName, majorHazardInputSchema } from './gb18218';

const one = (q: number, Q: number, beta: number, people: number) =>
  majorHazardAssessment({ substances: [{ q, Q, beta }], peopleWithin500m: people });

test('§2.5 worked example: 20 t chlorine, 80 people → S 4, α 1.5, R 24, 三级', () => {
  const r = majorHazardAssessment({
    substances: [{ name: '液氯', q: 20, Q: 5, beta: 4 }],
    peopleWithin500m: 80,
  });
  assert.deepEqual(r, { S: 4, isMajor: true, alpha: 1.5, R: 24, grade: 3, exact: { S: '4', R: '24' } });
  assert.equal(majorHazardGradeName(r.grade!), '三级');
});

// [label, substances, isMajor, S as displayed]
const identification: Array<[string, Array<[number, number]>, boolean, number]> = [
  ['q = Q for one substance (S exactly 1)', [[5, 5]], true, 1],
  [
    '0.2 + 0.7 + 0.1 of Q = 1 each (floats sum to 0.9999999999999999)',
    [
      [0.2, 1],
      [0.7, 1],
      [0.1, 1],
    ],
    true,
    1,
  ],
  [
    'three substances at 1/3 of Q each',
    [
      [1, 3],
      [1, 3],
      [1, 3],
    ],
    true,
    1,
  ],
  [
    '0.1 t + 0.2 t of phosgene-like Q 0.3',
    [
      [0.1, 0.3],
      [0.2, 0.3],
    ],
    true,
    1,
  ],
  ['4.9999 t against Q 5 (S just below 1)', [[4.9999, 5]], false, 0.9999],
  ['0.999999999 t against Q 1', [[0.999999999, 1]], false, 0.9999],
  [
    'two substances at 0.49 and 0.5 of Q',
    [
      [4.9, 10],
      [25, 50],
    ],
    false,
    0.99,
  ],
  ['nothing stored', [[0, 10]], false, 0],
];
for (const [label, subs, isMajor, S] of identification) {
  test(`${label}: ${isMajor ? 'a major hazard' : 'not a major hazard'}, S shown as ${S}`, () => {
    const r = majorHazardAssessment({
      substances: subs.map(([q, Q]) => ({ q, Q, beta: 1 })),
      peopleWithin500m: 10,
    });
    assert.equal(r.isMajor, isMajor);
    assert.equal(r.S, S);
    if (!isMajor) assert.equal(r.grade, null);
  });
}

const alphas: Array<[number, number]> = [
  [0, 0.5],
  [1, 1],
  [29, 1],
  [30, 1.2],
  [49, 1.2],
  [50, 1.5],
  [99, 1.5],
  [100, 2],
  [25000, 2],
];
for (const [people, alpha] of alphas) {
  test(`${people} people within 500 m → α ${alpha}`, () => {
    assert.equal(alphaFor(people), alpha);
    assert.equal(one(5, 5, 1, people).alpha, alpha);
  });
}

test('a negative or fractional head count has no α', () => {
  assert.throws(() => alphaFor(-1), RangeError);
  assert.throws(() => alphaFor(2.5), RangeError);
});

// S = 1 and α = 1 (1 person), so R = β: [β, grade]
const grades: Array<[number, 1 | 2 | 3 | 4]> = [
  [0.5, 4],
  [9.9999, 4],
  [10, 3],
  [49.9999, 3],
  [50, 2],
  [99.9999, 2],
  [100, 1],
  [1000, 1],
];
for (const [R, grade] of grades) {
  test(`R = ${R} → grade ${grade}`, () => {
    const r = one(5, 5, R, 1);
    assert.equal(r.R, R);
    assert.equal(r.grade, grade);
  });
}

test('R exactly 50 from 0.1 + 0.2 + 0.7 of Q at β 50 is 二级, not 三级', () => {
  const r = majorHazardAssessment({
    substances: [0.1, 0.2, 0.7].map((q) => ({ q, Q: 1, beta: 50 })),
    peopleWithin500m: 5,
  });
  assert.equal(r.exact.R, '50');
  assert.equal(r.grade, 2);
});

test('R exactly 10 from α 1.2, β 2.5 and q/Q = 10/3 is 三级, not 四级', () => {
  const r = majorHazardAssessment({ substances: [{ q: 10, Q: 3, beta: 2.5 }], peopleWithin500m: 30 });
  assert.equal(r.exact.R, '10');
  assert.equal(r.grade, 3);
});

test('R just below 100 is 二级, and displayed below 100', () => {
  const r = majorHazardAssessment({ substances: [{ q: 99.99999, Q: 1, beta: 1 }], peopleWithin500m: 1 });
  assert.equal(r.grade, 2);
  assert.equal(r.R, 99.9999);
});

test('several substances: none major alone, major together, R sums β·q/Q', () => {
  const substances = [
    { name: '氯', q: 3, Q: 5, beta: 4 },
    { name: '氨', q: 6, Q: 10, beta: 2 },
    { name: '甲醇', q: 100, Q: 500, beta: 1 },
  ];
  for (const s of substances)
    assert.equal(majorHazardAssessment({ substances: [s], peopleWithin500m: 120 }).isMajor, false);
  const r = majorHazardAssessment({ substances, peopleWithin500m: 120 });
  assert.deepEqual(r, { S: 1.4, isMajor: true, alpha: 2, R: 7.6, grade: 4, exact: { S: '7/5', R: '38/5' } });
});

test('R is computed for a unit that is not a major hazard, but it has no grade', () => {
  const r = one(2, 5, 4, 100);
  assert.equal(r.R, 3.2);
  assert.equal(r.grade, null);
});

test('Q of 0, negative q and β of 0 are refused', () => {
  assert.throws(() => one(1, 0, 1, 0), RangeError);
  assert.throws(() => one(-1, 5, 1, 0), RangeError);
  assert.throws(() => one(1, 5, 0, 0), RangeError);
});

test('the HTTP contract body parses', () => {
  const body = {
    substances: [
      { name: '液氯', q: 20, Q: 5, beta: 4 },
      { q: 1, Q: 10, beta: 2 },
    ],
    peopleWithin500m: 80,
  };
  assert.deepEqual(majorHazardInputSchema.parse(body), body);
});

const badInputs: Array<[string, unknown, string]> = [
  ['Q of 0', { substances: [{ q: 1, Q: 0, beta: 1 }], peopleWithin500m: 0 }, '临界量 Q 必须大于0'],
  ['negative q', { substances: [{ q: -1, Q: 5, beta: 1 }], peopleWithin500m: 0 }, '实际存在量 q 不能为负数'],
  ['β of 0', { substances: [{ q: 1, Q: 5, beta: 0 }], peopleWithin500m: 0 }, '校正系数 β 必须大于0'],
  ['q as text', { substances: [{ q: '20', Q: 5, beta: 1 }], peopleWithin500m: 0 }, '实际存在量 q 必须是数字'],
  [
    'fractional head count',
    { substances: [{ q: 1, Q: 5, beta: 1 }], peopleWithin500m: 2.5 },
    '500米范围内常住人口数必须是整数',
  ],
  [
    'negative head count',
    { substances: [{ q: 1, Q: 5, beta: 1 }], peopleWithin500m: -1 },
    '500米范围内常住人口数不能为负数',
  ],
  ['no substances', { substances: [], peopleWithin500m: 0 }, '至少填写一种危险化学品'],
];
for (const [label, body, message] of badInputs) {
  test(`the input schema rejects ${label} with “${message}”`, () => {
    const r = majorHazardInputSchema.safeParse(body);
    assert.equal(r.success, false);
    assert.ok(
      r.error!.issues.some((i) => i.message === message),
      JSON.stringify(r.error!.issues),
    );
  });
}
