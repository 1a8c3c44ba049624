import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  REQUIRED_MONITORING_CATEGORIES,
  coverageByCategory,
  coverageByDistrict,
  coverageOverall,
  liveEnterprises,
  type CoverageRequirement,
} from './coverage';

const NOW = Date.parse('2025-04-01T12:00:00+08:00');
const H = 3_600_000;

test('the five required categories, with their Chinese names', () => {
  assert.deepEqual(
    REQUIRED_MONITORING_CATEGORIES.map((c) => [c.code, c.name]),
    [
      ['hazmat_major_hazard', '危化品重大危险源'],
      ['coal_mine', '煤矿'],
      ['steel', '钢铁'],
      ['aluminium_casting', '铝加工（深井铸造）'],
      ['dust_explosion', '重点粉尘涉爆'],
    ],
  );
});

// [label, last reading hours before now (null: never), live]
const liveness: Array<[string, number | null, boolean]> = [
  ['a reading 1 h ago', 1, true],
  ['a reading exactly 24 h ago', 24, true],
  ['a reading 24 h and 1 s ago', 24 + 1 / 3600, false],
  ['no reading ever', null, false],
  ['a reading stamped slightly in the future', -0.01, true],
];
for (const [label, hoursAgo, expected] of liveness) {
  test(`an enterprise with ${label} is ${expected ? 'live' : 'not live'}`, () => {
    const set = liveEnterprises(
      [{ enterpriseId: 'e', lastReadingAt: hoursAgo === null ? null : new Date(NOW - hoursAgo * H) }],
      NOW,
    );
    assert.equal(set.has('e'), expected);
  });
}

const REQUIRED: CoverageRequirement[] = [
  { enterpriseId: 'c1', districtCode: '150622', category: 'coal_mine' },
  { enterpriseId: 'c2', districtCode: '150622', category: 'coal_mine' },
  { enterpriseId: 'c3', districtCode: '150622', category: 'coal_mine' },
  { enterpriseId: 'c4', districtCode: '150627', category: 'coal_mine' },
  { enterpriseId: 'h1', districtCode: '150622', category: 'hazmat_major_hazard' },
  { enterpriseId: 'c1', districtCode: '150622', category: 'coal_mine' }, // listed twice
  { enterpriseId: 'x1', districtCode: '159999', category: 'steel' }, // a district outside the list
];
const LIVE = new Set(['c1', 'c3', 'c4', 'h1', 'unrelated']);

test('one row per category and district, including the empty ones and extra districts', () => {
  const rows = coverageByDistrict(REQUIRED, LIVE);
  assert.equal(rows.length, 5 * 10);
  assert.deepEqual(rows[0], {
    category: 'hazmat_major_hazard',
    districtCode: '150602',
    required: 0,
    live: 0,
    share: 1,
    missing: [],
  });
});

const cells: Array<[string, string, number, number, number, string[]]> = [
  ['coal_mine', '150622', 3, 2, 2 / 3, ['c2']],
  ['coal_mine', '150627', 1, 1, 1, []],
  ['hazmat_major_hazard', '150622', 1, 1, 1, []],
  ['steel', '159999', 1, 0, 0, ['x1']],
  ['dust_explosion', '150621', 0, 0, 1, []],
];
for (const [category, district, required, live, share, missing] of cells) {
  test(`${category} in ${district}: ${live}/${required} live, missing ${missing.join(', ') || 'none'}`, () => {
    const row = coverageByDistrict(REQUIRED, LIVE).find(
      (r) => r.category === category && r.districtCode === district,
    );
    assert.deepEqual(row, { category, districtCode: district, required, live, share, missing });
  });
}

test('city totals per category count each enterprise once', () => {
  const rows = coverageByCategory(REQUIRED, LIVE);
  assert.deepEqual(
    rows.map((r) => [r.category, r.required, r.live, r.missing]),
    [
      ['hazmat_major_hazard', 1, 1, []],
      ['coal_mine', 4, 3, ['c2']],
      ['steel', 1, 0, ['x1']],
      ['aluminium_casting', 0, 0, []],
      ['dust_explosion', 0, 0, []],
    ],
  );
  assert.ok(rows.every((r) => r.districtCode === null));
});

test('a given district list limits the rows', () => {
  const rows = coverageByDistrict([], new Set(), ['150602']);
  assert.deepEqual(
    rows.map((r) => [r.category, r.districtCode, r.share]),
    REQUIRED_MONITORING_CATEGORIES.map((c) => [c.code, '150602', 1]),
  );
});

test('the overall figure counts each enterprise once and says which categories are at 100 %', () => {
  const both: CoverageRequirement[] = [
    ...REQUIRED,
    { enterpriseId: 'c2', districtCode: '150622', category: 'dust_explosion' }, // c2 in a second category
  ];
  assert.deepEqual(coverageOverall(both, LIVE), {
    required: 6, // c1 c2 c3 c4 h1 x1
    live: 4,
    share: 4 / 6,
    categoriesMet: 2, // hazmat 1/1, aluminium 0/0; coal, steel and dust fall short
    categories: 5,
    met: false,
  });
  assert.deepEqual(coverageOverall([], new Set()), {
    required: 0,
    live: 0,
    share: 1,
    categoriesMet: 5,
    categories: 5,
    met: true,
  });
});

test('the overall figure over one category', () => {
  assert.deepEqual(coverageOverall(REQUIRED, LIVE, ['coal_mine']), {
    required: 4,
    live: 3,
    share: 3 / 4,
    categoriesMet: 0,
    categories: 1,
    met: false,
  });
});
