import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../test/harness';
import { enterprisePayload, freshUscc } from '../test/fixtures';

describe('alarm becomes a hazard (source monitoring)', () => {
  let t: TestApp;
  let ent: string;
  let enterpriseId: string;
  let token: string;
  let criterionId: string;
  let n = 0;
  before(async () => {
    t = await testApp();
    ent = await t.login('enterprise-demo');
    enterpriseId = (await t.call('GET', '/api/auth/me', { cookie: ent })).json.enterpriseId;
    const g = await t.call('POST', '/api/monitoring/gateways', {
      cookie: ent,
      body: { enterpriseId, name: '转隐患测试网关' },
    });
    token = g.json.token;
    criterionId = (await t.call('GET', '/api/criteria?sector=hazardous_chemicals', { cookie: ent })).json
      .items[0].id;
  });
  after(() => t.close());

  /** A fresh point with an active high alarm; returns the alarm's id. */
  const alarm = async () => {
    const tag = `HZ-${++n}`;
    const p = await t.call('POST', '/api/monitoring/points', {
      cookie: ent,
      body: {
        enterpriseId,
        tag,
        kind: 'combustible_gas',
        unit: '%LEL',
        thresholds: { high: 20, highHigh: 50 },
        staleTimeoutSec: 3600,
        zone: '罐区A',
      },
    });
    assert.equal(p.status, 201, p.body);
    const r = await t.call('POST', '/api/telemetry', {
      headers: { authorization: `Bearer ${token}` },
      body: { ts: Date.now(), points: [{ tag, value: 26.5 }] },
    });
    assert.equal(r.status, 200, r.body);
    const a = (
      await t.call('GET', '/api/alarms?status=active&pageSize=200', { cookie: ent })
    ).json.items.find((x: { tag: string }) => x.tag === tag);
    assert.ok(a);
    return a.id as string;
  };
  const toHazard = (id: string, cookie: string, body: Record<string, unknown>) =>
    t.call('POST', `/api/alarms/${id}/actions/to-hazard`, { cookie, body });

  it('the enterprise turns an alarm into a general hazard; the alarm links it', async () => {
    const id = await alarm();
    const pushed: { alarmId: string; kind: string }[] = [];
    const listen = (c: { alarmId: string; kind: string }) => pushed.push(c);
    t.app.ingest.on('alarm', listen);
    const r = await toHazard(id, ent, { grade: 'general' });
    t.app.ingest.off('alarm', listen);
    assert.equal(r.status, 201, r.body);
    assert.equal(r.json.alarmId, id);
    // The alarm stream tells the alarm centres (kind to_hazard, not a new alarm).
    assert.deepEqual(pushed, [{ ...pushed[0], alarmId: id, kind: 'to_hazard' }]);
    assert.match(r.json.hazardCode, /^YH-150627-/);
    const h = await t.call('GET', `/api/hazards/${r.json.hazardId}`, { cookie: ent });
    assert.equal(h.status, 200, h.body);
    assert.equal(h.json.source, 'monitoring');
    assert.equal(h.json.grade, 'general');
    assert.equal(h.json.enterpriseId, enterpriseId);
    assert.equal(h.json.code, r.json.hazardCode);
    assert.equal(h.json.location, '罐区A');
    assert.match(h.json.title, /HZ-1/);
    assert.match(h.json.description, /26\.5%LEL/);
    const listed = (await t.call('GET', '/api/alarms?pageSize=200', { cookie: ent })).json.items.find(
      (x: { id: string }) => x.id === id,
    );
    assert.equal(listed.hazardId, r.json.hazardId);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', id)
      .execute();
    assert.ok(audit.some((x) => x.action === 'alarm.to_hazard'));

    // A second conversion answers 409 naming the existing hazard.
    const again = await toHazard(id, ent, { grade: 'general', title: '重复转换' });
    assert.equal(again.status, 409);
    assert.match(String(again.headers['content-type']), /problem\+json/);
    assert.equal(again.json.hazardId, r.json.hazardId);
    assert.equal(again.json.hazardCode, r.json.hazardCode);
    assert.match(again.json.detail, new RegExp(r.json.hazardCode));
  });

  it('a major hazard needs a criterion (400); with one, a regulator converts it with its own title and deadline', async () => {
    const id = await alarm();
    const dist = await t.login('district-150627');
    const bad = await toHazard(id, dist, { grade: 'major' });
    assert.equal(bad.status, 400);
    assert.ok(bad.json.errors.some((e: { path: string }) => e.path === 'criterionId'));
    const badGrade = await toHazard(id, dist, { grade: 'huge' });
    assert.equal(badGrade.status, 400);
    const pastDeadline = await toHazard(id, dist, {
      grade: 'general',
      deadline: new Date(Date.now() - 86_400_000).toISOString(),
    });
    assert.equal(pastDeadline.status, 400);
    assert.ok(pastDeadline.json.errors.some((e: { path: string }) => e.path === 'deadline'));
    const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const r = await toHazard(id, dist, {
      grade: 'major',
      criterionId,
      title: '可燃气体浓度持续超标',
      description: '现场检查发现泄漏点',
      deadline,
    });
    assert.equal(r.status, 201, r.body);
    const h = (await t.call('GET', `/api/hazards/${r.json.hazardId}`, { cookie: dist })).json;
    assert.equal(h.grade, 'major');
    assert.equal(h.title, '可燃气体浓度持续超标');
    assert.match(h.description, /^现场检查发现泄漏点/);
    assert.equal(h.source, 'monitoring');
  });

  it('answers 404 outside the scope (as acknowledge and dispose do), 403 to the system administrator, 404 for unknown alarms', async () => {
    const id = await alarm();
    for (const u of ['district-150602', 'inspector-nyj', 'expert-demo']) {
      const cookie = await t.login(u);
      const r = await toHazard(id, cookie, { grade: 'general' });
      assert.equal(r.status, 404, `${u}: ${r.body}`);
      // The same answer as the other alarm actions: an alarm out of scope is not disclosed.
      const ack = await t.call('POST', `/api/alarms/${id}/actions/acknowledge`, { cookie, body: {} });
      assert.equal(ack.status, 404, `${u} acknowledge: ${ack.body}`);
    }
    // The system administrator sees every alarm but may not act on one.
    const admin = await toHazard(id, await t.login('sysadmin'), { grade: 'general' });
    assert.equal(admin.status, 403, admin.body);
    const city = await t.login('city-admin');
    const other = await t.call('POST', '/api/enterprises', {
      cookie: city,
      body: enterprisePayload({ uscc: freshUscc('150627') }),
    });
    assert.equal(other.status, 201, other.body);
    const uname = `alarm-other-${Date.now()}`;
    const u = await t.call('POST', '/api/users', {
      cookie: city,
      body: {
        username: uname,
        displayName: '其他企业',
        role: 'enterprise_principal',
        enterpriseId: other.json.id,
        password: 'Strong-pass-1',
      },
    });
    assert.equal(u.status, 201, u.body);
    const r = await toHazard(id, await t.login(uname, 'Strong-pass-1'), { grade: 'general' });
    assert.equal(r.status, 404, r.body);
    const unknown = await toHazard('00000000-0000-0000-0000-000000000000', ent, { grade: 'general' });
    assert.equal(unknown.status, 404);
    // Nothing was linked by the refusals.
    const listed = (await t.call('GET', '/api/alarms?pageSize=200', { cookie: ent })).json.items.find(
      (x: { id: string }) => x.id === id,
    );
    assert.equal(listed.hazardId, null);
    // Without a session: 401.
    assert.equal((await t.call('POST', `/api/alarms/${id}/actions/to-hazard`, { body: {} })).status, 401);
    // The city office (its regulator) may.
    assert.equal((await toHazard(id, city, { grade: 'general' })).status, 201);
  });
});
