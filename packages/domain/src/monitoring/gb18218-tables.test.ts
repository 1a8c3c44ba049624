import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CRITICAL_QUANTITIES,
  HAZARD_CLASSES,
  TOXIC_GAS_BETA,
  betaForHazardClass,
  criticalQuantityForClasses,
  findCriticalQuantity,
  toxicGasBeta,
} from './gb18218-tables';

/** CAS check digit: the digits before it, weighted 1, 2, 3 … from the right, sum mod 10. */
function casValid(cas: string): boolean {
  const m = /^(\d{2,7})-(\d{2})-(\d)$/.exec(cas);
  if (!m) return false;
  const digits = (m[1]! + m[2]!).split('').reverse();
  const sum = digits.reduce((acc, d, i) => acc + Number(d) * (i + 1), 0);
  return sum % 10 === Number(m[3]);
}

test('every CAS number in Tables 1 and 3 has a valid check digit', () => {
  const all = [
    ...CRITICAL_QUANTITIES.flatMap((r) => r.cas),
    ...TOXIC_GAS_BETA.flatMap((g) => (g.cas ? [g.cas] : [])),
  ];
  for (const cas of all) assert.ok(casValid(cas), cas);
});

test('Table 1 row numbers are unique and every Q is positive', () => {
  assert.equal(new Set(CRITICAL_QUANTITIES.map((r) => r.no)).size, CRITICAL_QUANTITIES.length);
  for (const r of CRITICAL_QUANTITIES) assert.ok(r.Q > 0, r.name);
});

test('Table 3 CAS numbers agree with Table 1', () => {
  for (const g of TOXIC_GAS_BETA.filter((x) => x.cas))
    assert.equal(findCriticalQuantity(g.cas!).length, 1, g.name);
});

const lookups: Array<[string, number[]]> = [
  ['甲醇', [500]],
  ['67-56-1', [500]],
  ['50-00-0', [5]],
  ['chlorine', [5]],
  ['氯', [5]],
  ['氯乙', [50]],
  ['硝酸铵', [5, 50]],
  ['methane', [50]],
  ['天然气', [50]],
  ['汽油', [200]],
  ['6484-52-2', [5, 50]],
  ['8006-14-2', [50]],
  ['柴油', []],
  ['  ', []],
];
for (const [query, Qs] of lookups) {
  test(`looking up “${query}” in Table 1 gives Q ${Qs.join(', ') || 'nothing'}`, () => {
    assert.deepEqual(
      findCriticalQuantity(query)
        .map((r) => r.Q)
        .sort((a, b) => a - b),
      Qs,
    );
  });
}

test('methanol is 500 t, not the OCR-corrupted formaldehyde row', () => {
  const [methanol] = findCriticalQuantity('甲醇');
  assert.deepEqual(methanol && { cas: methanol.cas, Q: methanol.Q }, { cas: ['67-56-1'], Q: 500 });
});

const betas: Array<[string, number | null]> = [
  ['氯', 4],
  ['Chlorine', 4],
  ['7783-06-4', 5],
  ['碳酰氯', 20],
  ['一氧化碳', 2],
  ['甲醇', null],
];
for (const [query, beta] of betas) {
  test(`toxic gas “${query}” has Table 3 β ${beta}`, () => {
    assert.equal(toxicGasBeta(query), beta);
  });
}

test('Table 4 β and Table 2 Q by class', () => {
  assert.equal(HAZARD_CLASSES.length, 24);
  assert.equal(betaForHazardClass('W2'), 1.5);
  assert.equal(betaForHazardClass('J1'), 4);
  assert.equal(betaForHazardClass('W5.3'), 1);
});

test('a substance in several classes takes the lowest Q', () => {
  assert.equal(criticalQuantityForClasses(['W5.3', 'J5']), 500);
  assert.equal(criticalQuantityForClasses(['W2', 'J1']), 5);
  assert.throws(() => criticalQuantityForClasses([]), RangeError);
});
