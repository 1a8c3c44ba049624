import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import mqtt from 'mqtt';
import pino from 'pino';
import { testApp, type TestApp } from '../test/harness';
import { startEmbeddedBroker, type EmbeddedBroker } from '../mqtt/broker';

describe('monitoring: points, gateways, ingest, alarms', () => {
  let t: TestApp;
  let ent: string;
  let enterpriseId: string;
  let uscc: string;
  let gw: { id: string; username: string; token: string; topic: string };
  let broker: EmbeddedBroker;
  before(async () => {
    t = await testApp();
    ent = await t.login('enterprise-demo');
    const me = (await t.call('GET', '/api/auth/me', { cookie: ent })).json;
    enterpriseId = me.enterpriseId;
    uscc = (await t.call('GET', `/api/enterprises/${enterpriseId}`, { cookie: ent })).json.uscc;
    broker = await startEmbeddedBroker({
      port: 0,
      host: '127.0.0.1',
      demo: true,
      logger: pino({ level: 'silent' }),
      authenticate: async (u, p) => !!(await t.app.gateways.authenticate(u, p)),
      onPublish: (u, topic, payload) => t.app.gateways.handlePublish(t.app.ingest, u, topic, payload),
    });
  });
  after(async () => {
    await broker.close();
    await t.close();
  });

  it('grades a major hazard installation exactly (S = 1 is major)', async () => {
    const r = await t.call('POST', '/api/calculators/major-hazard', {
      body: { substances: [{ q: 20, Q: 5, beta: 4 }], peopleWithin500m: 80 },
    });
    assert.equal(r.status, 200);
    assert.equal(r.json.isMajor, true);
    assert.ok([1, 2, 3, 4].includes(r.json.grade));
    const one = await t.call('POST', '/api/calculators/major-hazard', {
      body: {
        substances: [
          { q: 0.1, Q: 0.3, beta: 1 },
          { q: 0.2, Q: 0.3, beta: 1 },
        ],
        peopleWithin500m: 0,
      },
    });
    assert.equal(one.json.S, 1);
    assert.equal(one.json.isMajor, true);
    const not = await t.call('POST', '/api/calculators/major-hazard', {
      body: { substances: [{ q: 1, Q: 5, beta: 1 }], peopleWithin500m: 0 },
    });
    assert.equal(not.json.grade, null);
  });

  it('registers points and a gateway whose token is shown once', async () => {
    const p = await t.call('POST', '/api/monitoring/points', {
      cookie: ent,
      body: {
        enterpriseId,
        tag: 'TI-101',
        kind: 'temperature',
        unit: '℃',
        thresholds: { high: 80, highHigh: 100 },
        deadband: 2,
        delayOnSec: 0,
        staleTimeoutSec: 60,
        repeatSuppressSec: 120,
      },
    });
    assert.equal(p.status, 201, p.body);
    assert.equal(p.json.repeatSuppressSec, 120);
    const listed = (await t.call('GET', '/api/monitoring/points', { cookie: ent })).json.items;
    assert.equal(
      listed[0].enterpriseName,
      (await t.call('GET', '/api/auth/me', { cookie: ent })).json.enterpriseName,
    );
    const negative = await t.call('POST', '/api/monitoring/points', {
      cookie: ent,
      body: {
        enterpriseId,
        tag: 'TI-9',
        kind: 'temperature',
        unit: '℃',
        staleTimeoutSec: 60,
        repeatSuppressSec: -1,
      },
    });
    assert.equal(negative.status, 400);
    assert.deepEqual(
      negative.json.errors.map((e: { path: string }) => e.path),
      ['repeatSuppressSec'],
    );
    const bad = await t.call('POST', '/api/monitoring/points', {
      cookie: ent,
      body: {
        enterpriseId,
        tag: 'PI-1',
        kind: 'pressure',
        unit: 'MPa',
        thresholds: { high: 5, highHigh: 4 },
        staleTimeoutSec: 60,
      },
    });
    assert.equal(bad.status, 400);
    const g = await t.call('POST', '/api/monitoring/gateways', {
      cookie: ent,
      body: { enterpriseId, name: '罐区网关' },
    });
    assert.equal(g.status, 201);
    assert.equal(g.json.username, g.json.id);
    assert.equal(g.json.topic, `zhiben/v1/${uscc}/${g.json.id}/telemetry`);
    gw = g.json;
    const list = await t.call('GET', '/api/monitoring/gateways', { cookie: ent });
    assert.ok(!JSON.stringify(list.json).includes(gw.token));
  });

  it('ingests over HTTP, opens an alarm at the threshold, rejects unknown tags and far-future times', async () => {
    const now = Date.now();
    const r = await t.call('POST', '/api/telemetry', {
      headers: { authorization: `Bearer ${gw.token}` },
      body: {
        ts: now,
        points: [
          { tag: 'TI-101', value: 85.2 },
          { tag: 'NOPE', value: 1 },
          { tag: 'TI-101', value: 90, ts: now + 3_600_000 },
        ],
      },
    });
    assert.equal(r.status, 200, r.body);
    assert.equal(r.json.accepted, 1);
    assert.deepEqual(r.json.rejected.map((x: { code: string }) => x.code).sort(), ['future', 'unknown_tag']);
    const alarms = await t.call('GET', '/api/alarms?status=active', { cookie: ent });
    const a = alarms.json.items.find((x: { tag: string }) => x.tag === 'TI-101');
    assert.equal(a.level, 'high');
    assert.equal(a.value, 85.2);
    assert.equal(a.unit, '℃');
    for (const k of ['id', 'tag', 'level', 'status', 'value', 'openedAt']) assert.ok(k in a);
    const none = await t.call('POST', '/api/telemetry', {
      headers: { authorization: `Bearer ${gw.token}` },
      body: { ts: now, points: [{ tag: 'NOPE', value: 1 }] },
    });
    assert.equal(none.status, 400);
    assert.match(String(none.headers['content-type']), /problem\+json/);
    assert.equal(
      (await t.call('POST', '/api/telemetry', { headers: { authorization: 'Bearer zgw_wrong' }, body: {} }))
        .status,
      401,
    );
  });

  it('acknowledges and disposes an alarm, and recovers it past the deadband', async () => {
    const a = (await t.call('GET', '/api/alarms?status=active', { cookie: ent })).json.items[0];
    // What the alarm stream pushes: each action its own kind, never 'open' again.
    const pushed: { alarmId: string; kind: string; status: string }[] = [];
    const listen = (c: { alarmId: string; kind: string; status: string }) => pushed.push(c);
    t.app.ingest.on('alarm', listen);
    assert.equal(
      (await t.call('POST', `/api/alarms/${a.id}/actions/acknowledge`, { cookie: ent, body: {} })).json
        .status,
      'acknowledged',
    );
    assert.equal(
      (await t.call('POST', `/api/alarms/${a.id}/actions/dispose`, { cookie: ent, body: {} })).status,
      400,
    );
    assert.equal(
      (
        await t.call('POST', `/api/alarms/${a.id}/actions/dispose`, {
          cookie: ent,
          body: { note: '已开启冷却水' },
        })
      ).status,
      200,
    );
    const send = (value: number) =>
      t.call('POST', '/api/telemetry', {
        headers: { authorization: `Bearer ${gw.token}` },
        body: { ts: Date.now(), points: [{ tag: 'TI-101', value }] },
      });
    await send(79); // inside the deadband: still open
    assert.equal((await t.call('GET', `/api/alarms/${''}?status=closed`, { cookie: ent })).status, 404);
    assert.equal((await t.call('GET', '/api/alarms?status=closed', { cookie: ent })).json.total, 0);
    await send(77); // more than 2 below 80: recovers
    assert.equal((await t.call('GET', '/api/alarms?status=closed', { cookie: ent })).json.total, 1);
    t.app.ingest.off('alarm', listen);
    assert.deepEqual(
      pushed.filter((c) => c.alarmId === a.id).map((c) => `${c.kind}:${c.status}`),
      ['acknowledge:acknowledged', 'dispose:acknowledged', 'recover:closed'],
    );
  });

  it('over MQTT: a QoS 1 reading is on disk when the PUBACK arrives; malformed messages are counted, not fatal', async () => {
    const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, {
      username: gw.username,
      password: gw.token,
      reconnectPeriod: 0,
    });
    await c.publishAsync(
      gw.topic,
      JSON.stringify({ ts: new Date().toISOString(), points: [{ tag: 'TI-101', value: 101 }] }),
      { qos: 1 },
    );
    const pts = (await t.call('GET', '/api/monitoring/points', { cookie: ent })).json.items;
    assert.equal(pts.find((p: { tag: string }) => p.tag === 'TI-101').lastValue, 101);
    const hh = (await t.call('GET', '/api/alarms?status=active&level=high_high', { cookie: ent })).json.items;
    assert.equal(hh.length, 1);
    await c.publishAsync(gw.topic, 'not json', { qos: 1 });
    const g = (await t.call('GET', '/api/monitoring/gateways', { cookie: ent })).json.items[0];
    assert.ok(g.rejected >= 1);
    assert.match(g.lastError, /JSON/);
    await c.endAsync();
  });

  it('refuses a gateway publishing for another enterprise (ACL) and wrong credentials', async () => {
    await assert.rejects(
      mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, {
        username: gw.username,
        password: 'wrong',
        reconnectPeriod: 0,
      }),
    );
    const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, {
      username: gw.username,
      password: gw.token,
      reconnectPeriod: 0,
    });
    const closed = new Promise<void>((r) => c.once('close', () => r()));
    c.publish(
      `zhiben/v1/91150602MA0N2K3Q5Q/${gw.id}/telemetry`,
      JSON.stringify({ ts: Date.now(), points: [] }),
      { qos: 1 },
    );
    await closed;
    c.end(true);
  });

  it('takes a point offline after its stale timeout', async () => {
    await t.app.ingest.tick(new Date(Date.now() + 5 * 60_000));
    const off = (await t.call('GET', '/api/alarms?level=offline', { cookie: ent })).json.items;
    assert.equal(off.length, 1);
  });

  it('keeps alarms and points inside the scope', async () => {
    const other = await t.login('district-150602');
    assert.equal((await t.call('GET', '/api/alarms', { cookie: other })).json.total, 0);
    assert.equal((await t.call('GET', '/api/monitoring/points', { cookie: other })).json.items.length, 0);
    const city = await t.login('city-admin');
    assert.ok((await t.call('GET', '/api/alarms', { cookie: city })).json.total > 0);
  });
});
