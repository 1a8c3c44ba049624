import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../test/harness';
import { escalateAlarms } from './alarm-escalation.service';

const MIN = 60_000;

describe('alarm engine: escalation of unacknowledged alarms, repeat suppression', () => {
  let t: TestApp;
  let ent: string;
  let enterpriseId: string;
  let token: string;
  before(async () => {
    t = await testApp();
    ent = await t.login('enterprise-demo');
    enterpriseId = (await t.call('GET', '/api/auth/me', { cookie: ent })).json.enterpriseId;
    const g = await t.call('POST', '/api/monitoring/gateways', {
      cookie: ent,
      body: { enterpriseId, name: '报警升级测试网关' },
    });
    assert.equal(g.status, 201, g.body);
    token = g.json.token;
  });
  after(() => t.close());

  const point = async (tag: string, extra: Record<string, unknown> = {}) => {
    const r = await t.call('POST', '/api/monitoring/points', {
      cookie: ent,
      body: {
        enterpriseId,
        tag,
        kind: 'temperature',
        unit: '℃',
        thresholds: { high: 80, highHigh: 100 },
        deadband: 2,
        staleTimeoutSec: 3600,
        ...extra,
      },
    });
    assert.equal(r.status, 201, r.body);
    return r.json as { id: string; repeatSuppressSec: number };
  };
  const send = async (tag: string, value: number, ts: number) => {
    const r = await t.call('POST', '/api/telemetry', {
      headers: { authorization: `Bearer ${token}` },
      body: { ts, points: [{ tag, value }] },
    });
    assert.equal(r.status, 200, r.body);
    assert.equal(r.json.accepted, 1, r.body);
  };
  const alarmsOf = async (pointId: string) =>
    t.database.db
      .selectFrom('alarms')
      .selectAll()
      .where('point_id', '=', pointId)
      .orderBy('opened_at')
      .execute();
  const notificationsOf = (alarmId: string) =>
    t.database.db
      .selectFrom('notifications')
      .selectAll()
      .where('dedupe_key', 'like', `alarm-escalation:${alarmId}:%`)
      .execute();
  const inbox = async (username: string) =>
    (await t.call('GET', '/api/notifications?pageSize=100', { cookie: await t.login(username) })).json
      .items as Array<{ kind: string; title: string; body: string }>;

  it('climbs enterprise → district → city with an injected clock, notifying each tier once', async () => {
    const p = await point('ESC-1');
    const t0 = Date.now() - 2 * MIN;
    await send('ESC-1', 85, t0);
    const [a] = await alarmsOf(p.id);
    assert.ok(a);
    assert.equal(a.status, 'active');
    assert.equal(a.notified_tier, null);

    // Before it opened: nothing to do.
    const early = await escalateAlarms(t.database.db, new Date(t0 - MIN));
    assert.equal(early.escalated.length, 0);

    // At once: the enterprise's users (in-app) and its principal (SMS).
    const r0 = await escalateAlarms(t.database.db, new Date(t0 + MIN));
    assert.deepEqual(
      r0.escalated.filter((e) => e.alarmId === a.id),
      [{ alarmId: a.id, tier: 'enterprise' }],
    );
    let ns = await notificationsOf(a.id);
    assert.ok(ns.every((n) => n.kind === 'alarm.escalation.enterprise'));
    assert.ok(ns.some((n) => n.channel === 'sms' && n.phone && n.status === 'pending'));
    assert.ok(
      (await inbox('enterprise-demo')).some(
        (n) => n.kind === 'alarm.escalation.enterprise' && /ESC-1/.test(n.title),
      ),
    );
    assert.equal((await inbox('district-150627')).filter((n) => /ESC-1/.test(n.title)).length, 0);

    // Idempotent: the same instant again adds nothing.
    const again = await escalateAlarms(t.database.db, new Date(t0 + MIN));
    assert.equal(again.escalated.length, 0);
    assert.equal(again.notified, 0);
    assert.equal((await notificationsOf(a.id)).length, ns.length);

    // 14 minutes unacknowledged: still the enterprise tier.
    assert.equal((await escalateAlarms(t.database.db, new Date(t0 + 14 * MIN))).escalated.length, 0);

    // 15 minutes (inclusive): the district office.
    const r15 = await escalateAlarms(t.database.db, new Date(t0 + 15 * MIN));
    assert.deepEqual(r15.escalated, [{ alarmId: a.id, tier: 'district' }]);
    assert.ok(r15.notified > 0);
    const dist = (await inbox('district-150627')).filter((n) => /ESC-1/.test(n.title));
    assert.equal(dist.length, 1);
    assert.equal(dist[0]!.kind, 'alarm.escalation.district');
    assert.match(dist[0]!.title, /报警升级至旗区/);
    assert.match(dist[0]!.body, /15分钟未确认/);
    assert.equal((await inbox('district-150602')).filter((n) => /ESC-1/.test(n.title)).length, 0);
    assert.equal((await inbox('city-admin')).filter((n) => /ESC-1/.test(n.title)).length, 0);
    let row = (await alarmsOf(p.id))[0]!;
    assert.equal(row.escalation_tier, 'district');
    assert.equal(row.notified_tier, 'district');

    // 30 minutes: the city office and the enterprise's city-level regulating department.
    const r30 = await escalateAlarms(t.database.db, new Date(t0 + 30 * MIN));
    assert.deepEqual(r30.escalated, [{ alarmId: a.id, tier: 'city' }]);
    assert.equal((await inbox('city-admin')).filter((n) => /ESC-1/.test(n.title)).length, 1);
    assert.equal((await inbox('inspector-yjj')).filter((n) => /ESC-1/.test(n.title)).length, 1);
    assert.equal((await inbox('inspector-nyj')).filter((n) => /ESC-1/.test(n.title)).length, 0);
    // Each tier was told exactly once, however often the job runs.
    for (const at of [31, 45, 120]) {
      const r = await escalateAlarms(t.database.db, new Date(t0 + at * MIN));
      assert.equal(r.notified, 0);
    }
    ns = await notificationsOf(a.id);
    const keys = ns.map((n) => n.dedupe_key);
    assert.equal(new Set(keys).size, keys.length);
    assert.deepEqual([...new Set(ns.map((n) => n.kind))].sort(), [
      'alarm.escalation.city',
      'alarm.escalation.district',
      'alarm.escalation.enterprise',
    ]);
    row = (await alarmsOf(p.id))[0]!;
    assert.equal(row.escalation_tier, 'city');

    // Closed alarms present the tier they reached.
    await send('ESC-1', 70, Date.now() - MIN);
    const closed = (await t.call('GET', '/api/alarms?status=closed', { cookie: ent })).json.items.find(
      (x: { id: string }) => x.id === a.id,
    );
    assert.equal(closed.escalationTier, 'city');
  });

  it('a late first run tells every tier reached at once; an acknowledged alarm does not escalate', async () => {
    const p = await point('ESC-2');
    const q = await point('ESC-3');
    const t0 = Date.now() - MIN;
    await send('ESC-2', 90, t0);
    await send('ESC-3', 90, t0);
    const [late] = await alarmsOf(p.id);
    const [acked] = await alarmsOf(q.id);
    const ack = await t.call('POST', `/api/alarms/${acked!.id}/actions/acknowledge`, {
      cookie: ent,
      body: {},
    });
    assert.equal(ack.status, 200, ack.body);
    const r = await escalateAlarms(t.database.db, new Date(t0 + 40 * MIN));
    assert.deepEqual(
      r.escalated.filter((e) => e.alarmId === late!.id || e.alarmId === acked!.id),
      [{ alarmId: late!.id, tier: 'city' }],
    );
    const kinds = new Set((await notificationsOf(late!.id)).map((n) => n.kind));
    assert.equal(kinds.size, 3);
    assert.equal((await notificationsOf(acked!.id)).length, 0);
    const ackRow = (await alarmsOf(q.id))[0]!;
    assert.equal(ackRow.escalation_tier, 'enterprise');
    // A custom ladder (e.g. a city that escalates faster) is honoured.
    const r2 = await point('ESC-4');
    await send('ESC-4', 90, t0);
    const [fast] = await alarmsOf(r2.id);
    const res = await escalateAlarms(t.database.db, new Date(t0 + 5 * MIN), {
      ladder: [
        { tier: 'enterprise', afterMin: 0 },
        { tier: 'district', afterMin: 5 },
      ],
    });
    assert.deepEqual(
      res.escalated.filter((e) => e.alarmId === fast!.id),
      [{ alarmId: fast!.id, tier: 'district' }],
    );
  });

  it('suppresses a repeat: the recently closed alarm of the same level is reopened, counted, not re-notified', async () => {
    const p = await point('REP-1');
    assert.equal(p.repeatSuppressSec, 300);
    const t0 = Date.now() - 20 * MIN;
    await send('REP-1', 85, t0);
    const [first] = await alarmsOf(p.id);
    await escalateAlarms(t.database.db, new Date(t0 + 30_000));
    const told = (await notificationsOf(first!.id)).length;
    assert.ok(told > 0);
    await send('REP-1', 70, t0 + MIN); // recovers: closed
    assert.equal((await alarmsOf(p.id))[0]!.status, 'closed');
    await send('REP-1', 86, t0 + 5 * MIN); // 4 min after closing: within 300 s
    let rows = await alarmsOf(p.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.id, first!.id);
    assert.equal(rows[0]!.status, 'active');
    assert.equal(rows[0]!.closed_at, null);
    assert.equal(rows[0]!.repeat_count, 1);
    assert.equal(rows[0]!.opened_at.getTime(), first!.opened_at.getTime());
    assert.equal(rows[0]!.value, 86);
    assert.equal(rows[0]!.peak, 86);
    // No new notification for the repeat.
    await escalateAlarms(t.database.db, new Date(t0 + 5 * MIN + 30_000));
    assert.equal((await notificationsOf(first!.id)).length, told);
    // The API shows one alarm with its repeat count and original opening time.
    const listed = (await t.call('GET', '/api/alarms?status=active', { cookie: ent })).json.items.filter(
      (x: { tag: string }) => x.tag === 'REP-1',
    );
    assert.equal(listed.length, 1);
    assert.equal(listed[0].repeatCount, 1);
    assert.equal(listed[0].openedAt, first!.opened_at.toISOString());

    // Acknowledged, closed, repeated: it stays acknowledged.
    await t.call('POST', `/api/alarms/${first!.id}/actions/acknowledge`, { cookie: ent, body: {} });
    await send('REP-1', 70, t0 + 6 * MIN);
    await send('REP-1', 84, t0 + 7 * MIN);
    rows = await alarmsOf(p.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.status, 'acknowledged');
    assert.equal(rows[0]!.repeat_count, 2);

    // Another level is a new alarm.
    await send('REP-1', 70, t0 + 8 * MIN);
    await send('REP-1', 101, t0 + 9 * MIN);
    rows = await alarmsOf(p.id);
    assert.equal(rows.length, 2);
    assert.equal(rows[1]!.level, 'high_high');
    assert.equal(rows[1]!.repeat_count, 0);

    // Past the window: a new alarm.
    await send('REP-1', 70, t0 + 10 * MIN);
    await send('REP-1', 105, t0 + 16 * MIN);
    rows = await alarmsOf(p.id);
    assert.equal(rows.length, 3);
    assert.equal(rows[2]!.status, 'active');
  });

  it('honours the per-point window: 0 turns suppression off; the window is validated', async () => {
    const p = await point('REP-2', { repeatSuppressSec: 0 });
    assert.equal(p.repeatSuppressSec, 0);
    const t0 = Date.now() - 5 * MIN;
    await send('REP-2', 85, t0);
    await send('REP-2', 70, t0 + 10_000);
    await send('REP-2', 85, t0 + 20_000);
    assert.equal((await alarmsOf(p.id)).length, 2);

    const q = await point('REP-3', { repeatSuppressSec: 30 });
    await send('REP-3', 85, t0);
    await send('REP-3', 70, t0 + 10_000);
    await send('REP-3', 85, t0 + 40_000); // exactly 30 s after closing: suppressed (inclusive)
    await send('REP-3', 70, t0 + 50_000);
    await send('REP-3', 85, t0 + 81_000); // 31 s: a new alarm
    const rows = await alarmsOf(q.id);
    assert.equal(rows.length, 2);
    assert.equal(rows[0]!.repeat_count, 1);

    const bad = await t.call('POST', '/api/monitoring/points', {
      cookie: ent,
      body: {
        enterpriseId,
        tag: 'REP-BAD',
        kind: 'temperature',
        unit: '℃',
        thresholds: { high: 80 },
        staleTimeoutSec: 60,
        repeatSuppressSec: -1,
      },
    });
    assert.equal(bad.status, 400);
    assert.ok(bad.json.errors.some((e: { path: string }) => e.path === 'repeatSuppressSec'));
  });
});
