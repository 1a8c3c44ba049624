import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deriveRegulatorCodes, deriveDepartmentIds, orgIds, DEPARTMENTS } from './departments';

const sorted = (a: readonly string[]) => [...a].sort();

const rows: Array<[string, string, string[], string[]]> = [
  ['coal mining goes to the energy bureau', '0610', ['mining'], ['nyj']],
  ['lignite mining goes to the energy bureau', '0620', ['mining'], ['nyj']],
  ['a coal code with its section letter still counts as coal', 'B0610', ['mining'], ['nyj']],
  ['non-coal mining (limestone) goes to emergency management', '1011', ['mining'], ['yjj']],
  ['iron-ore mining goes to emergency management', '0810', ['mining'], ['yjj']],
  ['coal-mining support services are not coal mining', '1110', ['mining'], ['yjj']],
  ['hazardous chemicals go to emergency management', '2614', ['hazardous_chemicals'], ['yjj']],
  ['construction goes to housing and construction', '4710', ['construction'], ['zjj']],
  ['town gas goes to housing and construction', '4511', ['gas'], ['zjj']],
  [
    'dangerous-goods haulage goes to transport and emergency management',
    '5435',
    ['transport', 'hazardous_chemicals'],
    ['jtj', 'yjj'],
  ],
  ['civil explosives go to industry and public security', '2671', ['civil_explosives'], ['gxj', 'gaj']],
  ['metal smelting goes to emergency management and industry', '3140', ['metallurgy'], ['gxj', 'yjj']],
  ['power goes to the energy bureau', '4411', ['power'], ['nyj']],
  ['fireworks go to emergency management', '52', ['fireworks'], ['yjj']],
  ['education goes to the education bureau', '83', ['education'], ['jyj']],
  [
    'a department regulating two of the sectors appears once',
    '2614',
    ['hazardous_chemicals', 'industry_trade'],
    ['yjj'],
  ],
  ['fallback: manufacturing without a sector is 工贸 under emergency management', '3011', [], ['yjj']],
  ['fallback: a section-lettered manufacturing code', 'C3011', [], ['yjj']],
  ['fallback: coal mining without a sector goes to the energy bureau', '0610', [], ['nyj']],
  ['fallback: oil and gas extraction without a sector goes to the energy bureau', '0721', [], ['nyj']],
  ['fallback: non-coal mining without a sector goes to emergency management', '1019', [], ['yjj']],
  ['fallback: power and heat without a sector go to the energy bureau', '4430', [], ['nyj']],
  ['fallback: building without a sector goes to housing and construction', '4790', [], ['zjj']],
  ['fallback: road haulage without a sector goes to transport', '5431', [], ['jtj']],
  ['fallback: warehousing without a sector goes to transport', '5920', [], ['jtj']],
  ['fallback: retail without a sector goes to commerce', '5212', [], ['swj']],
  ['no fallback outside the listed divisions (hospitals)', '8411', [], []],
];
for (const [name, industry, sectors, expected] of rows) {
  test(`deriveRegulatorCodes: ${name}`, () => {
    assert.deepEqual(sorted(deriveRegulatorCodes(industry, sectors)), sorted(expected));
  });
}

test('deriveRegulatorCodes ignores unknown sectors', () => {
  assert.deepEqual(deriveRegulatorCodes('2614', ['no_such_sector', 'hazardous_chemicals']), ['yjj']);
});

test('every derived code is a known department', () => {
  const known = new Set<string>(DEPARTMENTS.map((d) => d.code));
  for (const [, industry, sectors] of rows) {
    for (const c of deriveRegulatorCodes(industry, sectors)) assert.ok(known.has(c), c);
  }
});

test('deriveDepartmentIds gives the city and the district department of each regulator', () => {
  assert.deepEqual(deriveDepartmentIds('150627', '2614', ['hazardous_chemicals']), [
    'dept-150600-yjj',
    'dept-150627-yjj',
  ]);
});

test('deriveDepartmentIds gives city and district ids for every regulator', () => {
  const ids = deriveDepartmentIds('150622', '5435', ['transport', 'hazardous_chemicals']);
  assert.deepEqual(
    sorted(ids),
    sorted(['dept-150600-jtj', 'dept-150622-jtj', 'dept-150600-yjj', 'dept-150622-yjj']),
  );
});

test('deriveDepartmentIds is empty when no regulator is derived', () => {
  assert.deepEqual(deriveDepartmentIds('150602', '8411', []), []);
});

test('organisation ids are stable strings', () => {
  assert.equal(orgIds.city(), 'city-150600');
  assert.equal(orgIds.district('150602'), 'district-150602');
  assert.equal(orgIds.office('150600'), 'office-150600');
  assert.equal(orgIds.department('150624', 'yjj'), 'dept-150624-yjj');
});
