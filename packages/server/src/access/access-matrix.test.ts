import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { enterpriseScope, inEnterpriseScope, type Actor } from '@zhiben/domain';
import { testApp, type TestApp } from '../test/harness';
import { enterprisePayload, freshUscc } from '../test/fixtures';

const ACCOUNTS = [
  'sysadmin',
  'city-admin',
  'district-150627',
  'inspector-yjj',
  'inspector-nyj',
  'enterprise-demo',
  'expert-demo',
];

/**
 * Every route × every role: allowed (and then only in-scope data), or 401/403/404 —
 * never another district's or enterprise's data.
 */
describe('access matrix', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const actors: Record<string, Actor> = {};
  let foreignId: string; // an enterprise in 150602, outside district-150627, enterprise-demo and (being chemical) inspector-nyj
  let ownDistrictId: string;
  before(async () => {
    t = await testApp();
    for (const a of ACCOUNTS) {
      cookies[a] = await t.login(a);
      const me = (await t.call('GET', '/api/auth/me', { cookie: cookies[a] })).json;
      actors[a] = {
        userId: me.id,
        username: me.username,
        displayName: me.displayName,
        role: me.role,
        orgId: me.orgId,
        regionCode: me.regionCode,
        enterpriseId: me.enterpriseId,
      };
    }
    const city = cookies['city-admin']!;
    foreignId = (
      await t.call('POST', '/api/enterprises', {
        cookie: city,
        body: enterprisePayload({ districtCode: '150602', uscc: freshUscc('150602') }),
      })
    ).json.id;
    ownDistrictId = (await t.call('POST', '/api/enterprises', { cookie: city, body: enterprisePayload() }))
      .json.id;
  });
  after(() => t.close());

  const anonymousRoutes: Array<[string, string]> = [
    ['GET', '/api/enterprises'],
    ['POST', '/api/enterprises'],
    ['GET', '/api/enterprises/00000000-0000-0000-0000-000000000000'],
    ['PATCH', '/api/enterprises/00000000-0000-0000-0000-000000000000'],
    ['GET', '/api/enterprises/export'],
    ['GET', '/api/enterprises/template'],
    ['POST', '/api/enterprises/import'],
    ['GET', '/api/users'],
    ['POST', '/api/users'],
    ['GET', '/api/tokens'],
    ['POST', '/api/tokens'],
    ['GET', '/api/audit'],
    ['GET', '/api/audit/verify'],
    ['GET', '/api/auth/me'],
    ['GET', '/api/organizations'],
    ['GET', '/api/hazards'],
    ['POST', '/api/hazards'],
    ['GET', '/api/hazards/00000000-0000-0000-0000-000000000000'],
    ['POST', '/api/hazards/00000000-0000-0000-0000-000000000000/actions/confirm'],
    ['PUT', '/api/hazards/00000000-0000-0000-0000-000000000000/plan'],
    ['GET', '/api/criteria'],
    ['POST', '/api/criteria'],
    ['POST', '/api/files'],
    ['GET', '/api/files/00000000-0000-0000-0000-000000000000'],
    ['GET', '/api/stats/hazards?groupBy=district'],
    ['GET', '/api/stats/zero-clearing'],
    ['GET', '/api/supervision/escalations'],
    ['POST', '/api/supervision/escalations/run'],
    ['POST', '/api/supervision/rechecks/draw'],
    ['GET', '/api/notifications'],
    ['GET', '/api/permits'],
    ['POST', '/api/permits'],
    ['POST', '/api/permits/check'],
    ['GET', '/api/permits/inbox'],
    ['GET', '/api/permits/stats?groupBy=type'],
    ['GET', '/api/permits/00000000-0000-0000-0000-000000000000'],
    ['GET', '/api/permits/00000000-0000-0000-0000-000000000000/qr.png'],
    ['GET', '/api/permits/00000000-0000-0000-0000-000000000000/gas-readings'],
    ['POST', '/api/permits/00000000-0000-0000-0000-000000000000/actions/start'],
    ['GET', '/api/permits/workers'],
    ['POST', '/api/permits/workers'],
    ['POST', '/api/alarms/00000000-0000-0000-0000-000000000000/actions/to-hazard'],
    ['GET', '/api/monitoring/power-profiles/00000000-0000-0000-0000-000000000000'],
    ['PUT', '/api/monitoring/power-profiles/00000000-0000-0000-0000-000000000000'],
    ['GET', '/api/monitoring/power-load/00000000-0000-0000-0000-000000000000'],
    ['GET', '/api/monitoring/power-alerts'],
    ['POST', '/api/monitoring/power-alerts/00000000-0000-0000-0000-000000000000/actions/close'],
    ['GET', '/api/monitoring/coverage'],
    ['GET', '/api/monitoring/alarm-quality'],
  ];
  for (const [method, url] of anonymousRoutes) {
    it(`answers 401 to an anonymous ${method} ${url}`, async () => {
      const r = await t.call(method as 'GET', url, method === 'GET' ? {} : { body: {} });
      assert.equal(r.status, 401, r.body.slice(0, 200));
    });
  }

  for (const a of ACCOUNTS) {
    it(`${a}: the enterprise list holds only its scope`, async () => {
      const r = await t.call('GET', '/api/enterprises?pageSize=500', { cookie: cookies[a] });
      if (a === 'expert-demo') return assert.equal(r.status, 403);
      assert.equal(r.status, 200);
      const scope = enterpriseScope(actors[a]!);
      for (const e of r.json.items)
        assert.ok(inEnterpriseScope(scope, e), `${a} saw ${e.name} (${e.districtCode})`);
      if (a === 'enterprise-demo') assert.equal(r.json.total, 1);
    });

    it(`${a}: reading, patching or exporting out-of-scope data answers 403/404 and leaks nothing`, async () => {
      const scope = actors[a] && enterpriseScope(actors[a]);
      const row = (await t.call('GET', `/api/enterprises/${foreignId}`, { cookie: cookies['sysadmin'] }))
        .json;
      const visible = scope ? inEnterpriseScope(scope, row) : false;
      const g = await t.call('GET', `/api/enterprises/${foreignId}`, { cookie: cookies[a] });
      const p = await t.call('PATCH', `/api/enterprises/${foreignId}`, {
        cookie: cookies[a],
        body: { employees: 1 },
      });
      if (visible) {
        assert.equal(g.status, 200);
      } else {
        assert.ok([403, 404].includes(g.status), `${a} GET ${g.status}`);
        assert.ok([403, 404].includes(p.status), `${a} PATCH ${p.status}`);
        assert.ok(!g.body.includes(row.uscc));
      }
      const ex = await t.call('GET', '/api/enterprises/export?district=150602', { cookie: cookies[a] });
      if (!visible) assert.ok(!ex.raw.includes(Buffer.from(row.uscc)), `${a} export leaked`);
    });

    it(`${a}: user management is limited to what it manages`, async () => {
      const r = await t.call('GET', '/api/users?pageSize=200', { cookie: cookies[a] });
      if (['inspector-yjj', 'inspector-nyj', 'expert-demo'].includes(a)) return assert.equal(r.status, 403);
      assert.equal(r.status, 200);
      const names = r.json.items.map((u: { username: string }) => u.username);
      if (a === 'city-admin') assert.ok(!names.includes('sysadmin'));
      if (a === 'district-150627')
        assert.ok(
          names.every((n: string) => !n.startsWith('district-15060')),
          names.join(),
        );
      if (a === 'enterprise-demo') assert.ok(!names.includes('city-admin'));
    });

    it(`${a}: audit verification only for administrators`, async () => {
      const r = await t.call('GET', '/api/audit/verify', { cookie: cookies[a] });
      assert.equal(r.status, ['sysadmin', 'city-admin'].includes(a) ? 200 : 403);
      const l = await t.call('GET', '/api/audit', { cookie: cookies[a] });
      assert.equal(l.status, ['sysadmin', 'city-admin', 'district-150627'].includes(a) ? 200 : 403);
    });
  }

  describe('hazards', () => {
    let hazardId: string;
    before(async () => {
      const ent = cookies['enterprise-demo']!;
      const me = actors['enterprise-demo']!;
      const criterion = (await t.call('GET', '/api/criteria?sector=hazardous_chemicals', { cookie: ent }))
        .json.items[0].id;
      const r = await t.call('POST', '/api/hazards', {
        cookie: ent,
        body: {
          enterpriseId: me.enterpriseId,
          grade: 'major',
          criterionId: criterion,
          title: '访问矩阵测试隐患',
          source: 'self_check',
          discoveredAt: new Date(Date.now() - 3_600_000).toISOString(),
          deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        },
      });
      assert.equal(r.status, 201, r.body);
      hazardId = r.json.id;
    });

    // enterprise-demo is in 150627, regulated by 应急管理局: who sees its hazard
    const sees: Record<string, boolean> = {
      sysadmin: true,
      'city-admin': true,
      'district-150627': true,
      'inspector-yjj': true,
      'inspector-nyj': false,
      'enterprise-demo': true,
      'expert-demo': false,
    };
    for (const a of ACCOUNTS) {
      it(`${a}: hazard list, detail, statistics and escalations hold only its scope`, async () => {
        const list = await t.call('GET', '/api/hazards?pageSize=200', { cookie: cookies[a] });
        assert.equal(list.status, 200);
        assert.equal(
          list.json.items.some((h: { id: string }) => h.id === hazardId),
          sees[a],
        );
        const one = await t.call('GET', `/api/hazards/${hazardId}`, { cookie: cookies[a] });
        assert.equal(one.status, sees[a] ? 200 : 404);
        const stats = await t.call('GET', '/api/stats/hazards?groupBy=district', { cookie: cookies[a] });
        assert.equal(stats.status, 200);
        const total = stats.json.rows.reduce((n: number, r: { total: number }) => n + r.total, 0);
        assert.equal(total > 0, sees[a]);
        if (!sees[a]) {
          const act = await t.call('POST', `/api/hazards/${hazardId}/actions/confirm`, {
            cookie: cookies[a],
            body: {},
          });
          assert.equal(act.status, 404);
        }
        const run = await t.call('POST', '/api/supervision/escalations/run', {
          cookie: cookies[a],
          body: {},
        });
        assert.equal(run.status, ['sysadmin', 'city-admin'].includes(a) ? 200 : 403);
      });
    }
  });

  describe('permits', () => {
    let permitId: string;
    before(async () => {
      const ent = cookies['enterprise-demo']!;
      const g = await t.call('POST', '/api/permits/workers', {
        cookie: ent,
        body: { name: '王监护', guardianTrained: true },
      });
      const r = await t.call('POST', '/api/permits', { cookie: ent, body: await permitBody(g.json.id) });
      assert.equal(r.status, 201, r.body);
      permitId = r.json.id;
    });
    const permitBody = async (guardianId: string) => ({
      type: 'road_closure',
      applyingUnit: '储运车间',
      content: '道路开挖敷设管线',
      location: '厂区纬二路',
      workUnit: '维修班',
      workLeader: '张三',
      workers: [],
      guardians: [{ workerId: guardianId, name: '王监护' }],
      relatedPermits: [],
      riskIdentification: '车辆伤害',
      plannedStart: new Date().toISOString(),
      plannedEnd: new Date(Date.now() + 3_600_000).toISOString(),
      measures: [],
      details: { reason: '管线敷设', affectedUnits: ['消防队'], sketch: '见附图' },
    });

    // the same visibility as hazards: the enterprise's scope
    const sees: Record<string, boolean> = {
      sysadmin: true,
      'city-admin': true,
      'district-150627': true,
      'inspector-yjj': true,
      'inspector-nyj': false,
      'enterprise-demo': true,
      'expert-demo': false,
    };
    for (const a of ACCOUNTS) {
      it(`${a}: permit list, detail, QR code, gas readings and statistics hold only its scope; only the enterprise files`, async () => {
        const list = await t.call('GET', '/api/permits?pageSize=200', { cookie: cookies[a] });
        assert.equal(list.status, 200);
        assert.equal(
          list.json.items.some((p: { id: string }) => p.id === permitId),
          sees[a],
        );
        const one = await t.call('GET', `/api/permits/${permitId}`, { cookie: cookies[a] });
        assert.equal(one.status, sees[a] ? 200 : 404);
        const qr = await t.call('GET', `/api/permits/${permitId}/qr.png`, { cookie: cookies[a] });
        assert.equal(qr.status, sees[a] ? 200 : 404);
        const gas = await t.call('GET', `/api/permits/${permitId}/gas-readings`, { cookie: cookies[a] });
        assert.equal(gas.status, sees[a] ? 200 : 404);
        const stats = await t.call('GET', '/api/permits/stats?groupBy=enterprise', { cookie: cookies[a] });
        assert.equal(stats.status, 200);
        assert.equal(stats.json.totals.permits > 0, sees[a]);
        if (a !== 'enterprise-demo') {
          const act = await t.call('POST', `/api/permits/${permitId}/actions/cancel`, {
            cookie: cookies[a],
            body: { reason: '访问矩阵' },
          });
          assert.equal(act.status, sees[a] ? 403 : 404);
          const file = await t.call('POST', '/api/permits', {
            cookie: cookies[a],
            body: await permitBody('00000000-0000-0000-0000-000000000000'),
          });
          assert.equal(file.status, 403);
        }
        const workers = await t.call('GET', '/api/permits/workers', { cookie: cookies[a] });
        assert.equal(workers.status, 200);
        if (!sees[a]) assert.equal(workers.json.total, 0);
        const check = await t.call('POST', '/api/permits/check', {
          cookie: cookies[a],
          body: {
            type: 'lifting',
            massT: 5,
            plannedStart: new Date().toISOString(),
            plannedEnd: new Date(Date.now() + 3_600_000).toISOString(),
            at: new Date().toISOString(),
          },
        });
        assert.equal(check.status, 200);
        assert.equal(check.json.grade, 'none');
      });
    }
  });

  it('an inspector of 能源局 sees coal, not chemicals; 应急管理局 sees chemicals', async () => {
    const nyj = await t.call('GET', '/api/enterprises?pageSize=500', { cookie: cookies['inspector-nyj'] });
    assert.ok(nyj.json.total > 0);
    assert.ok(
      nyj.json.items.every((e: { departmentIds: string[] }) => e.departmentIds.includes('dept-150600-nyj')),
    );
    assert.equal(
      (await t.call('GET', `/api/enterprises/${ownDistrictId}`, { cookie: cookies['inspector-nyj'] })).status,
      404,
    );
    assert.equal(
      (await t.call('GET', `/api/enterprises/${ownDistrictId}`, { cookie: cookies['inspector-yjj'] })).status,
      200,
    );
  });

  it('an enterprise user cannot create enterprises or see other enterprises’ users', async () => {
    const r = await t.call('POST', '/api/enterprises', {
      cookie: cookies['enterprise-demo'],
      body: enterprisePayload(),
    });
    assert.equal(r.status, 403);
  });
});
