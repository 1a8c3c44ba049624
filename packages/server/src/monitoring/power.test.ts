import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../test/harness';
import { powerDb, runPowerAnalysis, sumLoad } from './power.service';

const MIN = 60_000;

describe('power analysis: sample-and-hold sum of meters', () => {
  it('adds meters reporting at different minutes instead of alternating between them', () => {
    const t0 = Date.UTC(2026, 11, 3, 0, 0);
    const rows = [
      { point_id: 'a', bucket: new Date(t0), avg: 10, unit: 'kW' },
      { point_id: 'b', bucket: new Date(t0 + 2 * MIN), avg: 0.02, unit: 'MW' },
      { point_id: 'a', bucket: new Date(t0 + 5 * MIN), avg: 12, unit: 'kW' },
      // b silent for longer than the 15-minute gap: it no longer counts
      { point_id: 'a', bucket: new Date(t0 + 20 * MIN), avg: 11, unit: 'kW' },
    ];
    assert.deepEqual(
      sumLoad(rows).map((s) => [(+s.ts - t0) / MIN, s.kw]),
      [
        [0, 10],
        [2, 30],
        [5, 32],
        [20, 11],
      ],
    );
  });
});

describe('power monitoring: profiles, the monitoring.power run, alerts', () => {
  let t: TestApp;
  let ent: string;
  let enterpriseId: string;
  let gwToken: string;
  let start: number;
  before(async () => {
    t = await testApp();
    ent = await t.login('enterprise-demo');
    enterpriseId = (await t.call('GET', '/api/auth/me', { cookie: ent })).json.enterpriseId;
    const p = await t.call('POST', '/api/monitoring/points', {
      cookie: ent,
      body: {
        enterpriseId,
        tag: 'EP-01',
        kind: 'power_load',
        unit: 'kW',
        thresholds: { highHigh: 100_000 },
        staleTimeoutSec: 3600,
      },
    });
    assert.equal(p.status, 201, p.body);
    const g = await t.call('POST', '/api/monitoring/gateways', {
      cookie: ent,
      body: { enterpriseId, name: '配电室网关' },
    });
    gwToken = g.json.token;
    // One hour of real readings, every 5 minutes, at 50 kW, through the HTTP ingest.
    start = Math.floor((Date.now() - 60 * MIN) / MIN) * MIN;
    const points = [];
    for (let ts = start; ts <= start + 60 * MIN; ts += 5 * MIN) points.push({ tag: 'EP-01', value: 50, ts });
    const r = await t.call('POST', '/api/telemetry', {
      headers: { authorization: `Bearer ${gwToken}` },
      body: { ts: start, points },
    });
    assert.equal(r.status, 200, r.body);
    assert.equal(r.json.accepted, 13);
  });
  after(async () => {
    await t.close();
  });

  const alerts = async (cookie: string, qs = '') =>
    (await t.call('GET', `/api/monitoring/power-alerts${qs}`, { cookie })).json;

  it('validates a profile with field-level Chinese errors', async () => {
    const bad = await t.call('PUT', `/api/monitoring/power-profiles/${enterpriseId}`, {
      cookie: ent,
      body: { idleBaselineKw: -1, declaredHours: { weekdays: [1, 8], from: '25:00', to: '18:00' } },
    });
    assert.equal(bad.status, 400);
    assert.match(String(bad.headers['content-type']), /problem\+json/);
    const paths = bad.json.errors.map((e: { path: string }) => e.path).sort();
    assert.deepEqual(paths, ['declaredHours.from', 'declaredHours.weekdays.1', 'idleBaselineKw']);
    const msg = bad.json.errors.find((e: { path: string }) => e.path === 'idleBaselineKw').message;
    assert.equal(msg, '空载基线功率不能为负数');
    const same = await t.call('PUT', `/api/monitoring/power-profiles/${enterpriseId}`, {
      cookie: ent,
      body: { idleBaselineKw: 5, declaredHours: { weekdays: [1], from: '08:00', to: '08:00' } },
    });
    assert.deepEqual(
      same.json.errors.map((e: { path: string }) => e.path),
      ['declaredHours.to'],
    );
    const missing = await t.call('PUT', `/api/monitoring/power-profiles/${enterpriseId}`, {
      cookie: ent,
      body: {},
    });
    assert.equal(missing.json.errors[0].message, '请填写空载基线功率（kW）');
  });

  it('lets the enterprise and its regulators set the profile, nobody else', async () => {
    const none = await t.call('GET', `/api/monitoring/power-profiles/${enterpriseId}`, { cookie: ent });
    assert.equal(none.status, 200);
    assert.equal(none.json.configured, false);
    assert.deepEqual(
      none.json.points.map((p: { tag: string }) => p.tag),
      ['EP-01'],
    );
    const own = await t.call('PUT', `/api/monitoring/power-profiles/${enterpriseId}`, {
      cookie: ent,
      body: { idleBaselineKw: 8 },
    });
    assert.equal(own.status, 200, own.body);
    assert.equal(own.json.version, 1);
    assert.equal(own.json.declaredHours, null);
    const district = await t.login('district-150627');
    const reg = await t.call('PUT', `/api/monitoring/power-profiles/${enterpriseId}`, {
      cookie: district,
      body: { idleBaselineKw: 10, declaredHours: { weekdays: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' } },
    });
    assert.equal(reg.status, 200, reg.body);
    assert.equal(reg.json.version, 2);
    assert.equal(reg.json.idleBaselineKw, 10);
    const other = await t.login('district-150602');
    const out = await t.call('PUT', `/api/monitoring/power-profiles/${enterpriseId}`, {
      cookie: other,
      body: { idleBaselineKw: 1 },
    });
    assert.equal(out.status, 400);
    assert.equal(out.json.errors[0].path, 'enterpriseId');
    assert.equal(
      (await t.call('GET', `/api/monitoring/power-profiles/${enterpriseId}`, { cookie: other })).status,
      404,
    );
    const expert = await t.login('expert-demo');
    assert.equal(
      (
        await t.call('PUT', `/api/monitoring/power-profiles/${enterpriseId}`, {
          cookie: expert,
          body: { idleBaselineKw: 1 },
        })
      ).status,
      403,
    );
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'power_profile.update')
      .execute();
    assert.equal(audit.length, 2);
    const got = await t.call('GET', `/api/monitoring/power-profiles/${enterpriseId}`, { cookie: ent });
    assert.equal(got.json.configured, true);
    assert.equal(got.json.idleBaselineKw, 10);
    assert.deepEqual(got.json.declaredHours, { weekdays: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' });
  });

  it('shows the summed load', async () => {
    const r = await t.call(
      'GET',
      `/api/monitoring/power-load/${enterpriseId}?from=${new Date(start - MIN).toISOString()}`,
      { cookie: ent },
    );
    assert.equal(r.status, 200, r.body);
    assert.equal(r.json.points.length, 13);
    assert.ok(r.json.points.every((p: { kw: number }) => p.kw === 50));
  });

  it('an operating enterprise inside declared hours raises nothing', async () => {
    await t.call('PUT', `/api/monitoring/power-profiles/${enterpriseId}`, {
      cookie: ent,
      body: {
        idleBaselineKw: 10,
        declaredHours: { weekdays: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '24:00' },
      },
    });
    const r = await runPowerAnalysis(t.database.db, new Date());
    assert.equal(r.opened, 0);
    assert.equal((await alerts(ent)).total, 0);
  });

  it('a suspended enterprise above its baseline for over 30 minutes: one alert, extended, never duplicated', async () => {
    await t.database.db
      .updateTable('enterprises')
      .set({ status: 'suspended' })
      .where('id', '=', enterpriseId)
      .execute();
    // As of 25 minutes in: only 25 minutes of load seen, not yet suspicious.
    assert.equal((await runPowerAnalysis(t.database.db, new Date(start + 25 * MIN))).opened, 0);
    // As of 35 minutes in: 35 minutes above the baseline.
    const first = await runPowerAnalysis(t.database.db, new Date(start + 35 * MIN));
    assert.equal(first.opened, 1);
    const again = await runPowerAnalysis(t.database.db, new Date(start + 35 * MIN));
    assert.deepEqual([again.opened, again.extended], [0, 0]);
    let list = await alerts(ent, '?kind=illegal_production_suspected');
    assert.equal(list.total, 1);
    let a = list.items[0];
    assert.equal(a.status, 'open');
    assert.equal(a.minutes, 35);
    assert.equal(a.ongoing, true);
    assert.equal(a.enterpriseStatus, 'suspended');
    assert.equal(a.baselineKw, 10);
    assert.equal(a.peakKw, 50);
    assert.equal(a.periodFrom, new Date(start).toISOString());
    for (const k of ['id', 'enterpriseName', 'districtCode', 'periodTo', 'detectedAt']) assert.ok(k in a, k);

    // The period goes on: the same alert grows.
    const later = await runPowerAnalysis(t.database.db, new Date(start + 60 * MIN));
    assert.deepEqual([later.opened, later.extended], [0, 1]);
    assert.deepEqual([(await runPowerAnalysis(t.database.db, new Date(start + 60 * MIN))).extended], [0]);
    list = await alerts(ent, '?kind=illegal_production_suspected');
    assert.equal(list.total, 1);
    a = list.items[0];
    assert.equal(a.minutes, 60);
    assert.equal(a.periodTo, new Date(start + 60 * MIN).toISOString());
    // No data for long after: no longer ongoing, still one alert.
    await runPowerAnalysis(t.database.db, new Date(start + 120 * MIN));
    list = await alerts(ent, '?kind=illegal_production_suspected');
    assert.equal(list.total, 1);
    assert.equal(list.items[0].ongoing, false);

    // The regulators were told, once each, in the outbox.
    const notes = await t.database.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.user_id')
      .select(['users.username', 'notifications.channel', 'notifications.title'])
      .where('notifications.kind', '=', 'power.illegal_production_suspected')
      .execute();
    const inapp = notes.filter((n) => n.channel === 'inapp').map((n) => n.username);
    assert.ok(inapp.includes('district-150627'), JSON.stringify(notes));
    assert.ok(inapp.includes('inspector-yjj'), JSON.stringify(notes));
    assert.ok(!inapp.includes('district-150602'));
    assert.ok(!inapp.includes('enterprise-demo'));
    assert.equal(new Set(inapp).size, inapp.length);
    assert.match(notes[0]!.title, /^疑似违法生产：/);
  });

  it('an operating enterprise outside its declared hours is flagged', async () => {
    await t.database.db
      .updateTable('enterprises')
      .set({ status: 'operating' })
      .where('id', '=', enterpriseId)
      .execute();
    // Declared hours that exclude the whole hour of readings (two hours from now, every day).
    const h = new Date(Date.now() + 8 * 3_600_000).getUTCHours();
    const hh = (n: number) => `${String(n % 24).padStart(2, '0')}:00`;
    await t.call('PUT', `/api/monitoring/power-profiles/${enterpriseId}`, {
      cookie: ent,
      body: {
        idleBaselineKw: 10,
        declaredHours: { weekdays: [1, 2, 3, 4, 5, 6, 7], from: hh(h + 2), to: hh(h + 4) },
      },
    });
    const r = await runPowerAnalysis(t.database.db, new Date(start + 60 * MIN));
    assert.equal(r.opened, 1);
    assert.equal((await runPowerAnalysis(t.database.db, new Date(start + 60 * MIN))).opened, 0);
    const list = await alerts(ent, '?kind=outside_declared_hours');
    assert.equal(list.total, 1);
    assert.equal(list.items[0].minutes, 60);
    const n = await t.database.db
      .selectFrom('notifications')
      .select(sql<string>`count(*)`.as('n'))
      .where('kind', '=', 'power.outside_declared_hours')
      .where('channel', '=', 'sms')
      .executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 0); // in-app only for this kind
  });

  it('lists alerts inside the caller’s scope with filters', async () => {
    const district = await t.login('district-150627');
    assert.equal((await alerts(district)).total, 2);
    assert.equal((await alerts(district, '?district=150627&status=open')).total, 2);
    assert.equal((await alerts(district, '?status=closed')).total, 0);
    assert.equal(
      (await alerts(district, `?enterpriseId=${enterpriseId}&kind=outside_declared_hours`)).total,
      1,
    );
    const other = await t.login('district-150602');
    assert.equal((await alerts(other)).total, 0);
    const city = await t.login('city-admin');
    assert.equal((await alerts(city)).total, 2);
    const expert = await t.login('expert-demo');
    assert.equal((await alerts(expert)).total, 0);
    const bad = await t.call('GET', '/api/monitoring/power-alerts?kind=nope&status=x', { cookie: city });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.json.errors.map((e: { path: string }) => e.path).sort(), ['kind', 'status']);
  });

  it('regulators close an alert with a disposal note; a closed period is not raised again', async () => {
    const district = await t.login('district-150627');
    const id = (await alerts(district, '?kind=illegal_production_suspected')).items[0].id;
    const url = `/api/monitoring/power-alerts/${id}/actions/close`;
    assert.equal((await t.call('POST', url, { cookie: ent, body: { note: '自查' } })).status, 403);
    const other = await t.login('district-150602');
    assert.equal((await t.call('POST', url, { cookie: other, body: { note: '核查' } })).status, 404);
    const empty = await t.call('POST', url, { cookie: district, body: { note: '  ' } });
    assert.equal(empty.status, 400);
    assert.equal(empty.json.errors[0].path, 'note');
    assert.equal(empty.json.errors[0].message, '请填写处置情况');
    const ok = await t.call('POST', url, {
      cookie: district,
      body: { note: '现场核查：设备检修临时用电，已责令停止' },
    });
    assert.equal(ok.status, 200, ok.body);
    assert.equal(ok.json.status, 'closed');
    assert.equal(ok.json.disposal, '现场核查：设备检修临时用电，已责令停止');
    assert.ok(ok.json.closedAt);
    assert.equal((await t.call('POST', url, { cookie: district, body: { note: '再次' } })).status, 409);
    assert.equal(
      (
        await t.call(
          'POST',
          '/api/monitoring/power-alerts/00000000-0000-4000-8000-000000000000/actions/close',
          {
            cookie: district,
            body: { note: 'x' },
          },
        )
      ).status,
      404,
    );
    await t.database.db
      .updateTable('enterprises')
      .set({ status: 'closed' })
      .where('id', '=', enterpriseId)
      .execute();
    const rerun = await runPowerAnalysis(t.database.db, new Date(start + 60 * MIN));
    assert.deepEqual([rerun.opened, rerun.extended], [0, 0]);
    const rows = await powerDb(t.database.db)
      .selectFrom('power_alerts')
      .select(['kind', 'status'])
      .where('enterprise_id', '=', enterpriseId)
      .orderBy('kind')
      .execute();
    assert.deepEqual(rows, [
      { kind: 'illegal_production_suspected', status: 'closed' },
      { kind: 'outside_declared_hours', status: 'open' },
    ]);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['power_alert.open', 'power_alert.close'])
      .execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), [
      'power_alert.close',
      'power_alert.open',
      'power_alert.open',
    ]);
  });
});
