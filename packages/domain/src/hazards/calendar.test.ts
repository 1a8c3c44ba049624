import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatShanghaiDateZh, shanghaiDay, shanghaiYear, toInstant } from './calendar';

const days: Array<[string, string]> = [
  ['2026-06-30T23:59:59+08:00', '2026-06-30'],
  ['2026-07-01T00:00:00+08:00', '2026-07-01'],
  ['2026-06-30T16:00:00Z', '2026-07-01'],
  ['2026-06-30T15:59:59.999Z', '2026-06-30'],
  ['2025-12-31T16:00:00Z', '2026-01-01'],
  ['2025-04-01', '2025-04-01'],
];
for (const [input, day] of days) {
  test(`${input} is the Shanghai day ${day}`, () => {
    assert.equal(shanghaiDay(input), day);
  });
}

test('the Shanghai year turns at midnight Beijing time, not UTC', () => {
  assert.equal(shanghaiYear('2024-12-31T23:30:00+08:00'), 2024);
  assert.equal(shanghaiYear('2024-12-31T16:30:00Z'), 2025);
});

test('Chinese document dates drop leading zeros', () => {
  assert.equal(formatShanghaiDateZh('2025-04-01T00:00:00+08:00'), '2025年4月1日');
  assert.equal(formatShanghaiDateZh(new Date('2025-10-20T17:00:00Z')), '2025年10月21日');
});

test('an unparseable time is a RangeError', () => {
  assert.throws(() => toInstant('not a date'), RangeError);
});
