import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CRITERIA_ITEMS,
  CRITERIA_SECTORS,
  criteriaInForce,
  criteriaSectorForEnterprise,
  criterionInForceOn,
  findCriterion,
} from './criteria';
import { chineseNumeral } from './criteria-chemicals';

const counts: Array<[string, string, number]> = [
  ['hazardous_chemicals', '2017', 20],
  ['fireworks', '2017', 20],
  ['coal_mine', '2020', 15],
  ['coal_mine', '2026', 17],
  ['metal_nonmetal_mine', '2022', 0],
  ['fire', '2025', 0],
];
for (const [sector, version, n] of counts) {
  test(`${sector} ${version} has ${n} items`, () => {
    assert.equal(CRITERIA_ITEMS.filter((i) => i.sector === sector && i.version === version).length, n);
  });
}

test('industry_trade has the 4 general items (Art. 3 and Art. 14)', () => {
  const general = CRITERIA_ITEMS.filter((i) => i.code.startsWith('IT-G-'));
  assert.deepEqual(
    general.map((i) => i.article),
    ['第三条第（一）项', '第三条第（二）项', '第三条第（三）项', '第十四条'],
  );
});

test('industry_trade has one category-level item for each of Arts. 4 to 10, flagged pending', () => {
  const articles = ['第四条', '第五条', '第六条', '第七条', '第八条', '第九条', '第十条'];
  for (const a of articles) {
    const items = CRITERIA_ITEMS.filter((i) => i.sector === 'industry_trade' && i.article === a);
    assert.equal(items.length, 1, a);
    assert.equal(items[0]!.textPending, true, a);
  }
});

test('industry_trade has 10 dust, 2 ammonia and 2 confined-space items', () => {
  const by = (p: string) => CRITERIA_ITEMS.filter((i) => i.code.startsWith(p)).length;
  assert.deepEqual([by('IT-DUST-'), by('IT-NH3-'), by('IT-CS-')], [10, 2, 2]);
});

test('item codes are unique and readable', () => {
  assert.equal(new Set(CRITERIA_ITEMS.map((i) => i.code)).size, CRITERIA_ITEMS.length);
  for (const i of CRITERIA_ITEMS) assert.match(i.code, /^(HC|FW|CM2020|CM2026|IT-[A-Z0-9]+)-\d{2}$/, i.code);
});

test('every item has a name, description, source and article', () => {
  for (const i of CRITERIA_ITEMS) {
    for (const f of ['name', 'description', 'source', 'article'] as const)
      assert.ok(i[f].trim(), `${i.code} ${f}`);
    assert.match(i.article, /^第.+[条项]$/, i.code);
  }
});

test('every item names its sector document and lies inside a version of it', () => {
  for (const i of CRITERIA_ITEMS) {
    const s = CRITERIA_SECTORS.find((x) => x.code === i.sector);
    assert.ok(s, i.code);
    assert.equal(i.source, s.document, i.code);
    const v = s.versions.find((x) => x.version === i.version);
    assert.ok(v, i.code);
    assert.equal(i.effectiveFrom, v.effectiveFrom, i.code);
    assert.equal(i.effectiveTo, v.effectiveTo, i.code);
  }
});

test('pending sectors have no items and show their structure', () => {
  const pending = CRITERIA_SECTORS.filter((s) => s.status === 'pending_text');
  assert.deepEqual(pending.map((s) => s.code).sort(), ['fire', 'metal_nonmetal_mine']);
  for (const s of pending) {
    assert.equal(CRITERIA_ITEMS.filter((i) => i.sector === s.code).length, 0, s.code);
    assert.ok(s.structure && s.structure.length > 0, s.code);
  }
});

test('complete sectors have items', () => {
  for (const s of CRITERIA_SECTORS.filter((x) => x.status === 'complete'))
    assert.ok(
      CRITERIA_ITEMS.some((i) => i.sector === s.code),
      s.code,
    );
});

test('all coal items are category-level, flagged pending', () => {
  for (const i of CRITERIA_ITEMS.filter((x) => x.sector === 'coal_mine'))
    assert.equal(i.textPending, true, i.code);
});

const boundary: Array<[string, string | null, number]> = [
  ['2026-06-30T23:59:00+08:00', '2020', 15],
  ['2026-06-30T23:59:59.999+08:00', '2020', 15],
  ['2026-07-01T00:00:00+08:00', '2026', 17],
  ['2026-06-30T16:00:00Z', '2026', 17],
  ['2026-06-30T15:59:59Z', '2020', 15],
  ['2026-06-30', '2020', 15],
  ['2026-07-01', '2026', 17],
  ['2021-01-01T00:00:00+08:00', '2020', 15],
  ['2020-12-31T23:59:59+08:00', null, 0],
];
for (const [on, version, n] of boundary) {
  test(`coal criteria in force on ${on}: ${version ?? 'none'}`, () => {
    const r = criteriaInForce('coal_mine', on);
    assert.equal(r?.version ?? null, version);
    assert.equal(r?.items.length ?? 0, n);
  });
}

test('criteriaInForce accepts a Date', () => {
  assert.equal(criteriaInForce('coal_mine', new Date('2026-06-30T16:00:00Z'))?.version, '2026');
});

test('a pending sector in force has a version but no items', () => {
  const r = criteriaInForce('fire', '2025-12-01');
  assert.equal(r?.version, '2025');
  assert.deepEqual(r?.items, []);
  assert.equal(criteriaInForce('fire', '2025-10-31'), null);
});

test('an unknown sector has no criteria in force', () => {
  assert.equal(criteriaInForce('space_travel', '2025-01-01'), null);
});

test('findCriterion finds by code, case-insensitively', () => {
  assert.equal(findCriterion('HC-05')?.sector, 'hazardous_chemicals');
  assert.equal(findCriterion(' cm2026-17 ')?.name, '其他重大事故隐患');
  assert.equal(findCriterion('FW-04')?.name, '超核定人数');
  assert.equal(findCriterion('HC-21'), undefined);
});

test('criterionInForceOn respects the last day of the 2020 coal version', () => {
  const old = findCriterion('CM2020-01')!;
  assert.equal(criterionInForceOn(old, '2026-06-30T23:59:00+08:00'), true);
  assert.equal(criterionInForceOn(old, '2026-07-01T00:00:00+08:00'), false);
});

const enterprises: Array<[string, string, string[], string[], string[]]> = [
  ['coal mine by industry', '0610', ['mining'], [], ['coal_mine', 'fire']],
  ['coal mine by category', '1110', [], ['coal_mine'], ['coal_mine', 'fire']],
  ['iron mine', '0810', ['mining'], [], ['metal_nonmetal_mine', 'fire']],
  ['limestone quarry', '1011', [], [], ['metal_nonmetal_mine', 'fire']],
  ['coking plant (25)', '2521', [], [], ['hazardous_chemicals', 'fire']],
  [
    'chemical plant (26)',
    '2614',
    ['hazardous_chemicals'],
    ['hazmat_major_hazard'],
    ['hazardous_chemicals', 'fire'],
  ],
  ['pharmaceuticals (27)', '27', [], [], ['hazardous_chemicals', 'fire']],
  ['fireworks wholesaler', '51', ['fireworks'], [], ['fireworks', 'fire']],
  ['aluminium smelter', '3216', ['metallurgy'], ['aluminium_casting'], ['industry_trade', 'fire']],
  ['feed mill (13)', '1329', [], ['dust_explosion'], ['industry_trade', 'fire']],
  ['equipment repair (43)', '43', [], [], ['industry_trade', 'fire']],
  ['section-letter code C3140', 'C3140', [], [], ['industry_trade', 'fire']],
  ['gas station', '5265', ['hazardous_chemicals'], [], ['hazardous_chemicals', 'fire']],
  ['supermarket (commerce)', '5212', ['commerce'], [], ['industry_trade', 'fire']],
  ['hotel', '6110', [], [], ['fire']],
  ['hospital', '8411', ['healthcare'], [], ['fire']],
];
for (const [label, industry, sectors, categories, expected] of enterprises) {
  test(`criteria sectors of a ${label}: ${expected.join(', ')}`, () => {
    assert.deepEqual(criteriaSectorForEnterprise(industry, sectors, categories), expected);
  });
}

const numerals: Array<[number, string]> = [
  [1, '一'],
  [10, '十'],
  [11, '十一'],
  [20, '二十'],
  [21, '二十一'],
];
for (const [n, s] of numerals) {
  test(`chineseNumeral(${n}) is ${s}`, () => {
    assert.equal(chineseNumeral(n), s);
  });
}
