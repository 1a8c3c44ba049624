import { test } from 'node:test';
import assert from 'node:assert/strict';
import { enterpriseCreateSchema, enterprisePatchSchema, enterpriseListQuerySchema } from './schema';

const valid = () => ({
  name: '鄂尔多斯市伊金霍洛旗示例能源化工有限公司',
  uscc: '91150627MA7YKL2C82',
  districtCode: '150627',
  industryCode: '2614',
  address: '内蒙古自治区鄂尔多斯市伊金霍洛旗札萨克镇',
  location: { lng: 109.45, lat: 39.25 },
  sectors: ['hazardous_chemicals'],
  categories: ['hazmat_major_hazard'],
  scale: 'above',
  standardizationLevel: 'level2',
  employees: 860,
  principal: { name: '王建军', phone: '13904771234', idNumber: '150602199001011238' },
  actualController: { name: '李秀兰', phone: '0477-8581234', idNumber: '150627198512250049' },
  status: 'operating',
});

const issuePaths = (input: unknown) => {
  const r = enterpriseCreateSchema.safeParse(input);
  assert.equal(r.success, false);
  return r.success ? [] : r.error.issues.map((i) => i.path.map(String).join('.'));
};

test('a complete valid payload passes unchanged', () => {
  const out = enterpriseCreateSchema.parse(valid());
  assert.equal(out.uscc, '91150627MA7YKL2C82');
  assert.deepEqual(out.sectors, ['hazardous_chemicals']);
  assert.equal(out.departmentIds, undefined);
});

test('optional fields take their defaults', () => {
  const {
    address: _a,
    location: _l,
    sectors: _s,
    categories: _c,
    standardizationLevel: _z,
    employees: _e,
    status: _t,
    ...minimal
  } = valid();
  const out = enterpriseCreateSchema.parse(minimal);
  assert.equal(out.address, '');
  assert.equal(out.location, null);
  assert.deepEqual(out.sectors, []);
  assert.deepEqual(out.categories, []);
  assert.equal(out.standardizationLevel, 'none');
  assert.equal(out.employees, 0);
  assert.equal(out.status, 'operating');
});

test('USCC and identity numbers are trimmed and upper-cased', () => {
  const out = enterpriseCreateSchema.parse({
    ...valid(),
    uscc: ' 91150627ma7ykl2c82 ',
    principal: { ...valid().principal, idNumber: '11010519491231002x' },
  });
  assert.equal(out.uscc, '91150627MA7YKL2C82');
  assert.equal(out.principal.idNumber, '11010519491231002X');
});

test('all issues are returned at once, each with its path', () => {
  const paths = issuePaths({
    ...valid(),
    uscc: '91150627MA7YKL2C83',
    principal: { ...valid().principal, idNumber: '150602199001011239' },
    actualController: { ...valid().actualController, phone: '12345' },
    employees: -1,
  });
  assert.deepEqual(paths.sort(), ['actualController.phone', 'employees', 'principal.idNumber', 'uscc']);
});

test('a missing required field is reported by name', () => {
  const { name: _n, principal: _p, ...rest } = valid();
  assert.deepEqual(issuePaths(rest).sort(), ['name', 'principal']);
});

test('a Hohhot district code (150102) is rejected as districtCode', () => {
  assert.deepEqual(issuePaths({ ...valid(), districtCode: '150102' }), ['districtCode']);
});

test('the city code itself is not a district', () => {
  assert.deepEqual(issuePaths({ ...valid(), districtCode: '150600' }), ['districtCode']);
});

const industryRows: Array<[string, boolean]> = [
  ['2614', true],
  ['26', true],
  ['0610', true],
  ['9999', false],
  ['2615', false],
  ['C2614', false],
  ['', false],
];
for (const [code, ok] of industryRows) {
  test(`industry code “${code}” is ${ok ? 'accepted' : 'rejected'}`, () => {
    const r = enterpriseCreateSchema.safeParse({ ...valid(), industryCode: code });
    assert.equal(r.success, ok);
    if (!r.success) assert.deepEqual(r.error.issues[0]?.path, ['industryCode']);
  });
}

test('duplicate sectors are rejected', () => {
  assert.deepEqual(issuePaths({ ...valid(), sectors: ['mining', 'mining'] }), ['sectors']);
});

test('duplicate categories are rejected', () => {
  assert.deepEqual(issuePaths({ ...valid(), categories: ['coal_mine', 'coal_mine'] }), ['categories']);
});

test('an unknown sector is rejected at its index', () => {
  assert.deepEqual(issuePaths({ ...valid(), sectors: ['hazardous_chemicals', 'casino'] }), ['sectors.1']);
});

test('a location outside China is rejected', () => {
  assert.deepEqual(issuePaths({ ...valid(), location: { lng: 200, lat: 39 } }), ['location.lng']);
});

test('a null location is allowed', () => {
  assert.equal(enterpriseCreateSchema.parse({ ...valid(), location: null }).location, null);
});

test('fractional employee counts are rejected', () => {
  assert.deepEqual(issuePaths({ ...valid(), employees: 10.5 }), ['employees']);
});

test('unknown scale, level and status are rejected', () => {
  assert.deepEqual(
    issuePaths({ ...valid(), scale: 'huge', standardizationLevel: 'gold', status: 'open' }).sort(),
    ['scale', 'standardizationLevel', 'status'],
  );
});

test('a patch may set departmentIds to null to return to the derived regulators', () => {
  const out = enterprisePatchSchema.parse({ departmentIds: null });
  assert.equal(out.departmentIds, null);
});

test('a patch validates the fields it carries', () => {
  const r = enterprisePatchSchema.safeParse({ districtCode: '150102' });
  assert.equal(r.success, false);
});

test('list query coerces paging and defaults the sort', () => {
  const q = enterpriseListQuerySchema.parse({ page: '2', pageSize: '50' });
  assert.equal(q.page, 2);
  assert.equal(q.pageSize, 50);
  assert.equal(q.sort, 'name');
});

test('list query caps the page size at 500', () => {
  assert.equal(enterpriseListQuerySchema.safeParse({ pageSize: '501' }).success, false);
});
