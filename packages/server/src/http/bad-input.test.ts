import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../test/harness';

/** Every write route: malformed input answers 400 problem+json with field errors, and nothing is written. */
describe('bad input on every write route', () => {
  let t: TestApp;
  let admin: string;
  let enterpriseId: string;
  let userId: string;
  before(async () => {
    t = await testApp();
    admin = await t.login('sysadmin');
    enterpriseId = (await t.call('GET', '/api/enterprises?pageSize=1', { cookie: admin })).json.items[0].id;
    userId = (await t.call('GET', '/api/users?keyword=expert-demo', { cookie: admin })).json.items[0].id;
  });
  after(() => t.close());

  const auditCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  const cases: Array<[string, string, unknown, string[]]> = [
    [
      'POST',
      '/api/enterprises',
      { name: 1, uscc: 'x', districtCode: '150102' },
      ['name', 'uscc', 'districtCode'],
    ],
    [
      'PATCH',
      '/api/enterprises/:enterprise',
      { employees: 'many', location: { lng: 500, lat: 39 } },
      ['employees', 'location.lng'],
    ],
    ['PATCH', '/api/enterprises/not-a-uuid', { employees: 1 }, ['id']],
    [
      'POST',
      '/api/users',
      { username: '!', role: 'king', password: '' },
      ['username', 'displayName', 'role', 'password'],
    ],
    ['PATCH', '/api/users/:user', { status: 'gone', phone: 'abc' }, ['status', 'phone']],
    ['POST', '/api/tokens', { name: '', scopes: ['root'] }, ['name', 'scopes.0']],
    ['POST', '/api/auth/password', { newPassword: 5 }, ['currentPassword', 'newPassword']],
    ['POST', '/api/auth/login', { username: 3 }, ['username', 'password']],
    [
      'POST',
      '/api/hazards',
      { grade: 'huge', source: 'rumour', discoveredAt: 'yesterday' },
      ['enterpriseId', 'grade', 'title', 'source', 'discoveredAt'],
    ],
    ['POST', '/api/hazards/not-a-uuid/actions/confirm', {}, ['id']],
    ['POST', '/api/hazards/00000000-0000-0000-0000-000000000000/actions/fly', {}, ['action']],
    [
      'PUT',
      '/api/hazards/00000000-0000-0000-0000-000000000000/plan',
      { funds: -1 },
      ['responsible', 'measures', 'funds', 'deadline', 'emergencyPlan'],
    ],
    [
      'POST',
      '/api/criteria',
      { code: 'x', sector: 'space' },
      ['code', 'sector', 'version', 'name', 'source', 'effectiveFrom'],
    ],
    ['POST', '/api/supervision/escalations/run', { asOf: 'tomorrow' }, ['asOf']],
    ['POST', '/api/supervision/rechecks/draw', { month: '2025-13' }, ['month']],
    [
      'POST',
      '/api/permits',
      { type: 'hot_work', plannedStart: 'soon', guardians: [], details: { grade: 'top' } },
      ['applyingUnit', 'plannedStart', 'guardians', 'details.grade', 'details.method'],
    ],
    ['POST', '/api/permits', { type: 'welding' }, ['type']],
    [
      'POST',
      '/api/permits/check',
      { type: 'height', plannedStart: 'x', plannedEnd: 'y', at: 'z' },
      ['plannedStart', 'plannedEnd', 'at', 'heightM'],
    ],
    ['POST', '/api/permits/not-a-uuid/actions/start', {}, ['id']],
    ['POST', '/api/permits/00000000-0000-0000-0000-000000000000/actions/fly', {}, ['action']],
    [
      'POST',
      '/api/permits/workers',
      { name: '', idNumber: '123', certificates: [{ type: 'magic', validUntil: 'soon' }] },
      ['name', 'idNumber', 'certificates.0.type', 'certificates.0.number', 'certificates.0.validUntil'],
    ],
    ['GET', '/api/permits/stats?groupBy=colour', undefined, ['groupBy']],
    ['GET', '/api/permits?status=flying', undefined, ['status.0']],
  ];
  for (const [method, url, body, paths] of cases) {
    it(`${method} ${url} → 400 naming ${paths.join(', ')}`, async () => {
      const n0 = await auditCount();
      const path = url.replace(':enterprise', enterpriseId).replace(':user', userId);
      const r = await t.call(method as 'POST', path, { cookie: admin, body });
      assert.equal(r.status, 400, r.body);
      assert.match(String(r.headers['content-type']), /application\/problem\+json/);
      const got = r.json.errors.map((e: { path: string }) => e.path);
      for (const p of paths) assert.ok(got.includes(p), `${p} not in ${got}`);
      assert.equal(await auditCount(), n0, 'nothing written');
    });
  }

  it('malformed JSON answers 400 problem+json', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/enterprises',
      headers: { cookie: admin, 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    assert.equal(r.statusCode, 400);
    assert.match(String(r.headers['content-type']), /problem\+json/);
  });

  it('an unknown API path answers 404 problem+json', async () => {
    const r = await t.call('GET', '/api/nothing-here', { cookie: admin });
    assert.equal(r.status, 404);
    assert.match(String(r.headers['content-type']), /problem\+json/);
  });
});
