import { test } from 'node:test';
import assert from 'node:assert/strict';
import { add, cmp, div, fromDecimal, mul, rational, toFractionString, truncate } from './rational';

const decimals: Array<[number | string, string]> = [
  [0, '0'],
  [0.3, '3/10'],
  [0.1 + 0.2, '7500000000000001/25000000000000000'],
  [-2.5, '-5/2'],
  [1e-7, '1/10000000'],
  [1.5e21, '1500000000000000000000'],
  ['12.50', '25/2'],
  [1 / 3, '3333333333333333/10000000000000000'],
];
for (const [x, exact] of decimals) {
  test(`${String(x)} converts through its decimal form to ${exact}`, () => {
    assert.equal(toFractionString(fromDecimal(x)), exact);
  });
}

test('non-finite numbers and non-decimal strings are refused', () => {
  assert.throws(() => fromDecimal(Number.NaN), RangeError);
  assert.throws(() => fromDecimal(Number.POSITIVE_INFINITY), RangeError);
  assert.throws(() => fromDecimal('1/3'), RangeError);
});

test('0.2 + 0.7 + 0.1 is exactly 1, where floats give 0.9999999999999999', () => {
  const sum = [0.2, 0.7, 0.1].map((x) => fromDecimal(x)).reduce(add);
  assert.equal(cmp(sum, rational(1n)), 0);
  assert.notEqual(0.2 + 0.7 + 0.1, 1);
});

test('three thirds are exactly 1', () => {
  const third = div(fromDecimal(1), fromDecimal(3));
  assert.equal(cmp(mul(third, fromDecimal(3)), rational(1n)), 0);
});

test('a zero denominator or divisor is refused', () => {
  assert.throws(() => rational(1n, 0n), RangeError);
  assert.throws(() => div(rational(1n), rational(0n)), RangeError);
});

const truncations: Array<[string, number, number]> = [
  ['2/3', 4, 0.6666],
  ['99999/100000', 4, 0.9999],
  ['24', 4, 24],
  ['-7/4', 1, -1.7],
  ['1/100000', 4, 0],
];
for (const [frac, places, expected] of truncations) {
  test(`${frac} truncated to ${places} places is ${expected}`, () => {
    const [n, d = '1'] = frac.split('/');
    assert.equal(truncate(rational(BigInt(n!), BigInt(d)), places), expected);
  });
}
