import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../test/harness';
import { enterprisePayload, freshUscc } from '../test/fixtures';

describe('enterprise registry API', () => {
  let t: TestApp;
  let city: string;
  let district: string;
  before(async () => {
    t = await testApp();
    city = await t.login('city-admin');
    district = await t.login('district-150627');
  });
  after(() => t.close());

  it('lists with pagination, filters and the contract fields', async () => {
    const r = await t.call('GET', '/api/enterprises?district=150627&page=1&pageSize=5', { cookie: city });
    assert.equal(r.status, 200);
    assert.equal(r.json.page, 1);
    assert.equal(r.json.pageSize, 5);
    assert.ok(r.json.total > 5);
    assert.equal(r.json.items.length, 5);
    const e = r.json.items[0];
    for (const k of [
      'id',
      'name',
      'uscc',
      'districtCode',
      'industryCode',
      'address',
      'location',
      'sectors',
      'categories',
      'scale',
      'standardizationLevel',
      'employees',
      'principal',
      'actualController',
      'departmentIds',
      'status',
    ]) {
      assert.ok(k in e, `field ${k}`);
    }
    assert.ok(r.json.items.every((x: { districtCode: string }) => x.districtCode === '150627'));
  });

  it('reports the total on a page past the end', async () => {
    const first = await t.call('GET', '/api/enterprises?district=150627&pageSize=10', { cookie: city });
    const past = await t.call('GET', '/api/enterprises?district=150627&pageSize=10&page=9999', {
      cookie: city,
    });
    assert.equal(past.json.items.length, 0);
    assert.equal(past.json.total, first.json.total);
    assert.ok(!('total_count' in first.json.items[0]));
  });

  it('sorts by employees descending', async () => {
    const r = await t.call('GET', '/api/enterprises?sort=-employees&pageSize=50', { cookie: city });
    const emp = r.json.items.map((e: { employees: number }) => e.employees);
    assert.deepEqual(
      emp,
      [...emp].sort((a: number, b: number) => b - a),
    );
  });

  it('filters by sector and keyword', async () => {
    const r = await t.call('GET', '/api/enterprises?sector=mining&pageSize=100', { cookie: city });
    assert.ok(r.json.total > 0);
    assert.ok(r.json.items.every((e: { sectors: string[] }) => e.sectors.includes('mining')));
    const name = r.json.items[0].name as string;
    const k = await t.call('GET', `/api/enterprises?keyword=${encodeURIComponent(name)}`, { cookie: city });
    assert.ok(k.json.items.some((e: { name: string }) => e.name === name));
  });

  it('rejects a bad query with field errors', async () => {
    const r = await t.call('GET', '/api/enterprises?district=150102&pageSize=9999', { cookie: city });
    assert.equal(r.status, 400);
    assert.match(String(r.headers['content-type']), /application\/problem\+json/);
    const paths = r.json.errors.map((e: { path: string }) => e.path);
    assert.ok(paths.includes('district') && paths.includes('pageSize'), JSON.stringify(r.json.errors));
  });

  it('creates an enterprise, derives its regulators and audits it', async () => {
    const body = enterprisePayload();
    const r = await t.call('POST', '/api/enterprises', { cookie: city, body });
    assert.equal(r.status, 201, r.body);
    assert.equal(r.json.uscc, body.uscc);
    assert.deepEqual(r.json.departmentIds.sort(), ['dept-150600-yjj', 'dept-150627-yjj']);
    assert.equal(r.json.departmentsOverridden, false);
    const audit = await t.call('GET', `/api/audit?entityType=enterprise&entityId=${r.json.id}`, {
      cookie: city,
    });
    assert.equal(audit.json.items[0].action, 'enterprise.create');
  });

  it('returns every validation issue at once, in Chinese, and stores nothing', async () => {
    const before = await t.call('GET', '/api/enterprises?pageSize=1', { cookie: city });
    const body = enterprisePayload({
      uscc: '91150627MA7YKL2C83',
      districtCode: '150102',
      industryCode: '9999',
      principal: { name: '', phone: '123', idNumber: '150602199002301237' },
      employees: -1,
    });
    const r = await t.call('POST', '/api/enterprises', { cookie: city, body });
    assert.equal(r.status, 400);
    const paths = r.json.errors.map((e: { path: string }) => e.path).sort();
    for (const p of [
      'uscc',
      'districtCode',
      'industryCode',
      'principal.name',
      'principal.phone',
      'principal.idNumber',
      'employees',
    ]) {
      assert.ok(paths.includes(p), `missing ${p} in ${paths}`);
    }
    assert.ok(
      r.json.errors.every((e: { message: string }) => /[\u4e00-\u9fff]/.test(e.message)),
      JSON.stringify(r.json.errors),
    );
    const afterList = await t.call('GET', '/api/enterprises?pageSize=1', { cookie: city });
    assert.equal(afterList.json.total, before.json.total);
  });

  it('refuses a duplicate USCC with 409 naming the field', async () => {
    const body = enterprisePayload();
    assert.equal((await t.call('POST', '/api/enterprises', { cookie: city, body })).status, 201);
    const again = await t.call('POST', '/api/enterprises', {
      cookie: city,
      body: { ...body, name: '另一家企业' },
    });
    assert.equal(again.status, 409);
    assert.equal(again.json.errors[0].path, 'uscc');
  });

  it('patches with optimistic locking and re-derives regulators when sectors change', async () => {
    const created = (
      await t.call('POST', '/api/enterprises', { cookie: district, body: enterprisePayload() })
    ).json;
    const p = await t.call('PATCH', `/api/enterprises/${created.id}`, {
      cookie: district,
      body: { sectors: ['construction'], industryCode: '47', version: created.version },
    });
    assert.equal(p.status, 200, p.body);
    assert.ok(p.json.departmentIds.includes('dept-150627-zjj'));
    assert.equal(p.json.version, created.version + 1);
    const stale = await t.call('PATCH', `/api/enterprises/${created.id}`, {
      cookie: district,
      body: { name: '过期修改', version: created.version },
    });
    assert.equal(stale.status, 409);
  });

  it('keeps an explicit regulator override and resets it with null', async () => {
    const created = (await t.call('POST', '/api/enterprises', { cookie: city, body: enterprisePayload() }))
      .json;
    const o = await t.call('PATCH', `/api/enterprises/${created.id}`, {
      cookie: city,
      body: { departmentIds: ['dept-150600-xfjy'] },
    });
    assert.deepEqual(o.json.departmentIds, ['dept-150600-xfjy']);
    assert.equal(o.json.departmentsOverridden, true);
    const bad = await t.call('PATCH', `/api/enterprises/${created.id}`, {
      cookie: city,
      body: { departmentIds: ['dept-150602-yjj'] },
    });
    assert.equal(bad.status, 400, 'a district department of another district');
    const reset = await t.call('PATCH', `/api/enterprises/${created.id}`, {
      cookie: city,
      body: { departmentIds: null },
    });
    assert.equal(reset.json.departmentsOverridden, false);
    assert.ok(reset.json.departmentIds.includes('dept-150627-yjj'));
  });

  it('lets a district office create only in its district', async () => {
    const r = await t.call('POST', '/api/enterprises', {
      cookie: district,
      body: enterprisePayload({ districtCode: '150602', uscc: freshUscc('150602') }),
    });
    assert.equal(r.status, 403);
  });

  it('forbids a district office from moving an enterprise out of its district, and changes nothing', async () => {
    const created = (
      await t.call('POST', '/api/enterprises', { cookie: district, body: enterprisePayload() })
    ).json;
    const r = await t.call('PATCH', `/api/enterprises/${created.id}`, {
      cookie: district,
      body: { districtCode: '150602' },
    });
    assert.equal(r.status, 403);
    const after = await t.call('GET', `/api/enterprises/${created.id}`, { cookie: district });
    assert.equal(after.json.districtCode, '150627');
  });

  it('lets an enterprise edit its own contact data but not regulator fields', async () => {
    const ent = await t.login('enterprise-demo');
    const me = (await t.call('GET', '/api/auth/me', { cookie: ent })).json;
    const ok = await t.call('PATCH', `/api/enterprises/${me.enterpriseId}`, {
      cookie: ent,
      body: { employees: 512 },
    });
    assert.equal(ok.status, 200);
    const no = await t.call('PATCH', `/api/enterprises/${me.enterpriseId}`, {
      cookie: ent,
      body: { status: 'closed' },
    });
    assert.equal(no.status, 403);
    assert.equal(no.json.errors[0].path, 'status');
  });
});
