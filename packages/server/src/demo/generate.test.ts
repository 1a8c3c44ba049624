import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  enterpriseCreateSchema,
  validateUscc,
  DISTRICT_CODES,
  DISTRICTS,
  findIndustry,
} from '@zhiben/domain';
import { generateDemoEnterprises, DEMO_ENTERPRISE } from './generate';
import { ORDOS_GEO } from './ordos-places';

const demo = generateDemoEnterprises(2000);
const coalMinesIn = (district: string) =>
  demo.filter((e) => e.districtCode === district && e.categories.includes('coal_mine')).length;

test('the same seed gives the same enterprises', () => {
  assert.deepEqual(generateDemoEnterprises(300, 7), generateDemoEnterprises(300, 7));
});

test('different seeds give different enterprises', () => {
  assert.notDeepEqual(generateDemoEnterprises(50, 1), generateDemoEnterprises(50, 2));
});

test('a shorter run is a prefix of a longer one with the same seed', () => {
  assert.deepEqual(generateDemoEnterprises(100), demo.slice(0, 100));
});

test('the requested count is honoured', () => {
  assert.equal(demo.length, 2000);
  assert.equal(generateDemoEnterprises(0).length, 0);
  assert.equal(generateDemoEnterprises(1).length, 1);
});

test('every generated enterprise passes the create schema unchanged', () => {
  for (const e of demo) {
    const r = enterpriseCreateSchema.safeParse(e);
    assert.ok(r.success, `${e.name}: ${r.success ? '' : JSON.stringify(r.error.issues)}`);
    assert.deepEqual(r.data, e);
  }
});

test('the named demo enterprise passes the schema', () => {
  assert.deepEqual(enterpriseCreateSchema.parse(DEMO_ENTERPRISE), DEMO_ENTERPRISE);
});

test('the named demo enterprise is a major-hazard chemical plant in Ejin Horo', () => {
  assert.equal(DEMO_ENTERPRISE.districtCode, '150627');
  assert.ok(DEMO_ENTERPRISE.categories.includes('hazmat_major_hazard'));
  assert.deepEqual(DEMO_ENTERPRISE.sectors, ['hazardous_chemicals']);
  assert.ok(['2614', '2523'].includes(DEMO_ENTERPRISE.industryCode));
});

test('USCCs are unique and never the demo enterprise code', () => {
  const big = generateDemoEnterprises(20_000);
  const codes = new Set(big.map((e) => e.uscc));
  assert.equal(codes.size, big.length);
  assert.ok(!codes.has(DEMO_ENTERPRISE.uscc));
});

test('enterprise names are unique', () => {
  assert.equal(new Set(demo.map((e) => e.name)).size, demo.length);
});

test('every USCC carries its district code in positions 3–8', () => {
  for (const e of demo) {
    const v = validateUscc(e.uscc);
    assert.ok(v.valid && v.divisionCode === e.districtCode, e.uscc);
  }
});

test('every district is present', () => {
  const present = new Set(demo.map((e) => e.districtCode));
  for (const d of DISTRICT_CODES) assert.ok(present.has(d), d);
});

test('coal mines concentrate in Jungar and Ejin Horo; Kangbashi has none', () => {
  assert.equal(coalMinesIn('150603'), 0);
  assert.ok(coalMinesIn('150622') > 40, `Jungar ${coalMinesIn('150622')}`);
  assert.ok(coalMinesIn('150627') > 40, `Ejin Horo ${coalMinesIn('150627')}`);
  for (const d of DISTRICT_CODES.filter((x) => x !== '150622' && x !== '150627')) {
    assert.ok(coalMinesIn(d) < coalMinesIn('150622') && coalMinesIn(d) < coalMinesIn('150627'), d);
  }
});

test('coal mines are coal mining in the mining sector', () => {
  for (const e of demo.filter((x) => x.categories.includes('coal_mine'))) {
    assert.ok(e.industryCode.startsWith('06'), e.industryCode);
    assert.deepEqual(e.sectors, ['mining']);
    assert.ok(e.employees >= 200 && e.employees <= 3000, String(e.employees));
  }
});

test('coal mines are mostly standardised at level 1 or 2', () => {
  const mines = demo.filter((x) => x.categories.includes('coal_mine'));
  const good = mines.filter(
    (m) => m.standardizationLevel === 'level1' || m.standardizationLevel === 'level2',
  );
  assert.ok(good.length / mines.length > 0.8);
});

test('major hazard holders are hazardous-chemical or explosives enterprises', () => {
  const holders = demo.filter((x) => x.categories.includes('hazmat_major_hazard'));
  assert.ok(holders.length > 50);
  for (const e of holders) {
    assert.ok(e.sectors.includes('hazardous_chemicals') || e.sectors.includes('civil_explosives'), e.name);
  }
});

test('chemical manufacturers are classed under divisions 25 or 26', () => {
  for (const e of demo.filter(
    (x) => x.sectors.includes('hazardous_chemicals') && x.industryCode.startsWith('2'),
  )) {
    assert.ok(/^2[5-7]/.test(e.industryCode), `${e.name} ${e.industryCode}`);
  }
});

test('industry codes are listed classes or divisions', () => {
  for (const e of demo) assert.ok(findIndustry(e.industryCode), e.industryCode);
});

test('coordinates lie inside the district box', () => {
  for (const e of demo) {
    const [minLng, minLat, maxLng, maxLat] = ORDOS_GEO[e.districtCode].box;
    assert.ok(e.location, e.name);
    assert.ok(e.location.lng >= minLng && e.location.lng <= maxLng, `${e.name} lng`);
    assert.ok(e.location.lat >= minLat && e.location.lat <= maxLat, `${e.name} lat`);
  }
});

test('district boxes lie within Ordos', () => {
  for (const d of DISTRICT_CODES) {
    const [minLng, minLat, maxLng, maxLat] = ORDOS_GEO[d].box;
    assert.ok(minLng >= 106.7 && maxLng <= 111.5 && minLat >= 37.6 && maxLat <= 40.9, d);
  }
});

test('addresses name the district they belong to', () => {
  const names = new Map<string, string>(DISTRICTS.map((d) => [d.code, d.name]));
  for (const e of demo)
    assert.ok(e.address.startsWith(`内蒙古自治区鄂尔多斯市${names.get(e.districtCode)}`), e.address);
});

test('mines and other rural sites are not placed in urban sub-districts', () => {
  for (const e of demo.filter((x) => /^0[6-9]|^10/.test(x.industryCode)))
    assert.ok(!e.address.includes('街道'), e.address);
});

test('most enterprises operate; a few are suspended or closed', () => {
  const operating = demo.filter((e) => e.status === 'operating').length;
  assert.ok(operating / demo.length > 0.88);
  assert.ok(demo.some((e) => e.status === 'suspended'));
  assert.ok(demo.some((e) => e.status === 'closed'));
});

test('departmentIds are left for the server to derive', () => {
  for (const e of demo) assert.equal(e.departmentIds, undefined);
});

test('20,000 enterprises are generated in a few seconds', () => {
  const t0 = performance.now();
  generateDemoEnterprises(20_000, 99);
  assert.ok(performance.now() - t0 < 3000);
});
