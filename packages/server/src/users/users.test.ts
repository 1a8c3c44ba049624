import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../test/harness';

describe('user management', () => {
  let t: TestApp;
  let city: string;
  let district: string;
  let principal: string;
  let demoEnterpriseId: string;
  let n = 0;
  const uname = (p: string) => `${p}-${Date.now() % 100000}-${++n}`;
  before(async () => {
    t = await testApp();
    city = await t.login('city-admin');
    district = await t.login('district-150627');
    principal = await t.login('enterprise-demo');
    demoEnterpriseId = (await t.call('GET', '/api/auth/me', { cookie: principal })).json.enterpriseId;
  });
  after(() => t.close());

  it('a district office creates an inspector of its own district department, who can then log in', async () => {
    const username = uname('yjj-insp');
    const r = await t.call('POST', '/api/users', {
      cookie: district,
      body: {
        username,
        displayName: '王监管',
        role: 'inspector',
        orgId: 'dept-150627-yjj',
        password: 'Strong-pass-1',
      },
    });
    assert.equal(r.status, 201, r.body);
    assert.equal(r.json.orgName, '伊金霍洛旗应急管理局');
    const cookie = await t.login(username, 'Strong-pass-1');
    const list = await t.call('GET', '/api/enterprises?pageSize=200', { cookie });
    assert.ok(list.json.total > 0);
    assert.ok(list.json.items.every((e: { districtCode: string }) => e.districtCode === '150627'));
  });

  it('a district office cannot create users for another district', async () => {
    const r = await t.call('POST', '/api/users', {
      cookie: district,
      body: {
        username: uname('x'),
        displayName: '越权',
        role: 'inspector',
        orgId: 'dept-150602-yjj',
        password: 'Strong-pass-1',
      },
    });
    assert.equal(r.status, 403);
  });

  it('the city office cannot create a system administrator', async () => {
    const r = await t.call('POST', '/api/users', {
      cookie: city,
      body: { username: uname('root'), displayName: '越权', role: 'sysadmin', password: 'Strong-pass-1' },
    });
    assert.equal(r.status, 403);
  });

  it('checks that the organisation fits the role', async () => {
    const r = await t.call('POST', '/api/users', {
      cookie: city,
      body: {
        username: uname('bad'),
        displayName: '错配',
        role: 'inspector',
        orgId: 'office-150600',
        password: 'Strong-pass-1',
      },
    });
    assert.equal(r.status, 400);
    assert.equal(r.json.errors[0].path, 'orgId');
  });

  it('applies the password policy to new accounts', async () => {
    const r = await t.call('POST', '/api/users', {
      cookie: city,
      body: { username: uname('weak'), displayName: '弱口令', role: 'expert', password: 'password' },
    });
    assert.equal(r.status, 400);
    assert.ok(r.json.errors.every((e: { path: string }) => e.path === 'password'));
  });

  it('refuses a duplicate username with 409', async () => {
    const r = await t.call('POST', '/api/users', {
      cookie: city,
      body: { username: 'city-admin', displayName: '重复', role: 'expert', password: 'Strong-pass-1' },
    });
    assert.equal(r.status, 409);
    assert.equal(r.json.errors[0].path, 'username');
  });

  it('an enterprise principal manages its own staff only', async () => {
    const ok = await t.call('POST', '/api/users', {
      cookie: principal,
      body: {
        username: uname('staff'),
        displayName: '安全员',
        role: 'enterprise_safety',
        enterpriseId: demoEnterpriseId,
        password: 'Strong-pass-1',
      },
    });
    assert.equal(ok.status, 201, ok.body);
    const other = (await t.call('GET', '/api/enterprises?district=150602&pageSize=1', { cookie: city })).json
      .items[0].id;
    const no = await t.call('POST', '/api/users', {
      cookie: principal,
      body: {
        username: uname('staff'),
        displayName: '越权',
        role: 'enterprise_staff',
        enterpriseId: other,
        password: 'Strong-pass-1',
      },
    });
    assert.equal(no.status, 403);
    const list = await t.call('GET', '/api/users', { cookie: principal });
    assert.ok(list.json.items.every((u: { enterpriseId: string }) => u.enterpriseId === demoEnterpriseId));
  });

  it('disabling a user ends their sessions', async () => {
    const username = uname('temp');
    const created = await t.call('POST', '/api/users', {
      cookie: city,
      body: { username, displayName: '临时', role: 'expert', password: 'Strong-pass-1' },
    });
    const cookie = await t.login(username, 'Strong-pass-1');
    const d = await t.call('PATCH', `/api/users/${created.json.id}`, {
      cookie: city,
      body: { status: 'disabled' },
    });
    assert.equal(d.status, 200);
    assert.equal((await t.call('GET', '/api/auth/me', { cookie })).status, 401);
    assert.equal(
      (await t.call('POST', '/api/auth/login', { body: { username, password: 'Strong-pass-1' } })).status,
      401,
    );
  });

  it('a user cannot manage someone outside their reach (404, nothing leaks)', async () => {
    const admins = await t.call('GET', '/api/users?keyword=sysadmin', { cookie: await t.login('sysadmin') });
    const id = admins.json.items[0].id;
    const r = await t.call('PATCH', `/api/users/${id}`, { cookie: district, body: { displayName: 'x' } });
    assert.equal(r.status, 404);
  });
});
