import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hazardCode, parseHazardCode } from './codes';

const builds: Array<[string, number | string, number, string]> = [
  ['150627', 2025, 123, 'YH-150627-2025-000123'],
  ['150602', 2024, 1, 'YH-150602-2024-000001'],
  ['150621', 2026, 999999, 'YH-150621-2026-999999'],
  ['150627', '2024-12-31T23:30:00+08:00', 7, 'YH-150627-2024-000007'],
  ['150627', '2024-12-31T16:30:00Z', 7, 'YH-150627-2025-000007'],
];
for (const [district, year, seq, code] of builds) {
  test(`hazardCode(${district}, ${year}, ${seq}) is ${code}`, () => {
    assert.equal(hazardCode(district, year, seq), code);
  });
}

const bad: Array<[string, string, number, number]> = [
  ['a 5-digit district', '15062', 2025, 1],
  ['sequence 0', '150627', 2025, 0],
  ['sequence above 999999', '150627', 2025, 1_000_000],
  ['a fractional sequence', '150627', 2025, 1.5],
  ['a 2-digit year', '150627', 25, 1],
];
for (const [label, district, year, seq] of bad) {
  test(`hazardCode rejects ${label}`, () => {
    assert.throws(() => hazardCode(district, year, seq), RangeError);
  });
}

const parses: Array<[string, ReturnType<typeof parseHazardCode>]> = [
  ['YH-150627-2025-000123', { districtCode: '150627', year: 2025, seq: 123 }],
  [' yh-150602-2024-000001 ', { districtCode: '150602', year: 2024, seq: 1 }],
  ['YH-150627-2025-000000', null],
  ['YH-150627-2025-123', null],
  ['HZ-150627-2025-000123', null],
  ['YH-150627-25-000123', null],
];
for (const [code, parts] of parses) {
  test(`parseHazardCode("${code}")`, () => {
    assert.deepEqual(parseHazardCode(code), parts);
  });
}

test('a built code parses back to its parts', () => {
  assert.deepEqual(parseHazardCode(hazardCode('150626', 2026, 4521)), {
    districtCode: '150626',
    year: 2026,
    seq: 4521,
  });
});
