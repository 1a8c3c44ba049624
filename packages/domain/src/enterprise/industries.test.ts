import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INDUSTRIES, INDUSTRY_SECTIONS, findIndustry, industryName } from './industries';

const rows: Array<[string, string | undefined]> = [
  ['06', '煤炭开采和洗选业'],
  ['0610', '烟煤和无烟煤开采洗选'],
  ['2521', '炼焦'],
  ['2523', '煤制液体燃料生产'],
  ['2614', '有机化学原料制造'],
  ['3140', '铁合金冶炼'],
  ['3216', '铝冶炼'],
  ['4416', '太阳能发电'],
  ['5265', '机动车燃油零售'],
  ['5435', '危险货物道路运输'],
  ['5942', '危险化学品仓储'],
  ['2615', undefined],
  ['0710', undefined],
  ['B06', undefined],
  ['6', undefined],
];
for (const [code, name] of rows) {
  test(`industry ${code} is ${name ?? 'not listed'}`, () => {
    assert.equal(industryName(code), name);
    assert.equal(findIndustry(code)?.name, name);
  });
}

test('codes are unique', () => {
  assert.equal(new Set(INDUSTRIES.map((i) => i.code)).size, INDUSTRIES.length);
});

test('codes are 2-digit divisions or 4-digit classes', () => {
  for (const i of INDUSTRIES) assert.match(i.code, /^(\d{2}|\d{4})$/, i.code);
});

test('every class belongs to a listed division of the same section', () => {
  for (const i of INDUSTRIES.filter((x) => x.code.length === 4)) {
    const division = findIndustry(i.code.slice(0, 2));
    assert.ok(division, `${i.code} has no division`);
    assert.equal(division.section, i.section, i.code);
  }
});

test('every section used is a listed section', () => {
  const sections = new Set<string>(INDUSTRY_SECTIONS.map((s) => s.code));
  for (const i of INDUSTRIES) assert.ok(sections.has(i.section), i.code);
});

test('all divisions of sections B to G are listed', () => {
  for (let d = 6; d <= 60; d++) {
    const code = String(d).padStart(2, '0');
    assert.ok(findIndustry(code), code);
  }
});
