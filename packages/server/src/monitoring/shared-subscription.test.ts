import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect as tcpConnect } from 'node:net';
import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import pino from 'pino';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { testDatabase } from '../test/harness';
import { openDatabase, type Database } from '../db/connect';
import { ConfigError, defaultMqttClientId, loadConfig } from '../config';
import { buildApp } from '../app';
import { GatewayDirectory } from './gateways';
import { subscribeExternal, subscriberClientIds, type ExternalSubscription } from './external';
import type { AlarmChange } from './ingest';

/*
 * Two server instances behind one external broker (the machine's Mosquitto at 127.0.0.1:1883), sharing
 * one telemetry stream through a shared subscription and one database: on PGlite both apps use the same
 * in-process database, on PostgreSQL each has its own pool. Each instance subscribes with two connections
 * (MQTT_SUBSCRIBERS), so a point's readings also meet out of order within one instance. A run uses its
 * own share group and gateway, so parallel runs (and any other subscriber of zhiben/v1/+/+/telemetry) do
 * not take its messages.
 */

const BROKER = 'mqtt://127.0.0.1:1883';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const reachable = await new Promise<boolean>((resolve) => {
  const s = tcpConnect({ host: '127.0.0.1', port: 1883 });
  const done = (ok: boolean) => {
    s.destroy();
    resolve(ok);
  };
  s.setTimeout(1000, () => done(false));
  s.once('connect', () => done(true));
  s.once('error', () => done(false));
});
const skip = reachable
  ? false
  : 'no MQTT broker at 127.0.0.1:1883 (start Mosquitto with anonymous access to run the external-broker tests)';

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

interface Instance {
  app: FastifyInstance;
  database: Database;
  clientId: string;
  gateways: GatewayDirectory;
  sub: ExternalSubscription | null;
  /** Messages of this run's gateway this instance took from the broker (counted at the gateway lookup). */
  handled: number;
  alarms: AlarmChange[];
}

describe('external broker: two instances share one telemetry stream (Mosquitto)', { skip }, () => {
  const run = randomBytes(4).toString('hex');
  const group = `zt${run}`;
  const tag = `SH-${run}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    ZHIBEN_BACKGROUND: '0',
    LOG_LEVEL: 'silent',
    MQTT_URL: BROKER,
  });
  const logger = pino({ level: 'silent' });
  let primary: Database;
  let a: Instance;
  let b: Instance;
  let publisher: mqtt.MqttClient;
  let gw: { id: string; token: string; topic: string };
  let pointId: string;
  let cookie: string;
  let enterpriseId: string;

  const subscribe = async (i: Instance, subscribers = 2) => {
    i.sub = await subscribeExternal(BROKER, i.gateways, i.app.ingest, logger, {
      clientId: i.clientId,
      sessionExpirySec: 300,
      group,
      subscribers,
      reconnectPeriodMs: 200,
    });
  };
  /** A crash: the connections just go (no DISCONNECT); the broker keeps the sessions and queues their share. */
  const crash = (i: Instance) => {
    for (const c of i.sub!.clients) c.end(true);
    i.sub = null;
  };
  /** Whether the broker still holds a session under this id (asking removes it: session expiry 0). */
  const sessionPresent = async (clientId: string) => {
    const c = mqtt.connect(BROKER, {
      clientId,
      protocolVersion: 5,
      clean: false,
      properties: { sessionExpiryInterval: 0 },
      reconnectPeriod: 0,
    });
    const present = await new Promise<boolean>((resolve, reject) => {
      c.once('connect', (p) => resolve(p.sessionPresent));
      c.once('error', reject);
    });
    await c.endAsync();
    return present;
  };
  const instance = async (database: Database, name: string, gatewayTtlMs?: number) => {
    const app = await buildApp({ config, database });
    await app.ready();
    const i: Instance = {
      app,
      database,
      clientId: `zhiben-test-${run}-${name}`,
      // Instance b looks gateways up with a short cache, to see a revocation made on a reach it.
      gateways: gatewayTtlMs ? new GatewayDirectory(database.db, { ttlMs: gatewayTtlMs }) : app.gateways,
      sub: null,
      handled: 0,
      alarms: [],
    };
    const lookup = i.gateways.lookup.bind(i.gateways);
    i.gateways.lookup = (id) => {
      if (id === gw?.id) i.handled++;
      return lookup(id);
    };
    app.ingest.on('alarm', (c: AlarmChange) => {
      if (c.pointId === pointId) i.alarms.push(c);
    });
    await subscribe(i);
    return i;
  };
  const stored = async () => {
    const r = await sql<{ n: number; distinct_ts: number }>`
      SELECT count(*)::int AS n, count(DISTINCT ts)::int AS distinct_ts FROM readings WHERE point_id = ${pointId}`.execute(
      primary.db,
    );
    return r.rows[0]!;
  };
  const T0 = Date.now() - 10 * 60_000;
  const tsOf = (i: number) => T0 + i * 1000;
  const publish = async (from: number, values: number[]) => {
    for (const [k, value] of values.entries())
      await publisher.publishAsync(
        gw.topic,
        JSON.stringify({ ts: tsOf(from + k), points: [{ tag, value }] }),
        {
          qos: 1,
        },
      );
  };

  before(async () => {
    primary = await testDatabase();
    const second =
      primary.kind === 'postgres'
        ? await openDatabase({ databaseUrl: String(primary.pool.options.connectionString), dataDir: '.' })
        : primary;
    a = await instance(primary, 'a');
    b = await instance(second, 'b', 300);
    const login = await a.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'enterprise-demo', password: 'zhiben-demo' },
    });
    cookie = String(login.headers['set-cookie']).split(';')[0]!;
    enterpriseId = (await a.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json()
      .enterpriseId;
    const p = await a.app.inject({
      method: 'POST',
      url: '/api/monitoring/points',
      headers: { cookie },
      payload: {
        enterpriseId,
        tag,
        kind: 'temperature',
        unit: '℃',
        thresholds: { high: 80 },
        deadband: 2,
        delayOnSec: 3,
        staleTimeoutSec: 3600,
      },
    });
    assert.equal(p.statusCode, 201, p.body);
    pointId = p.json().id;
    const g = await a.app.inject({
      method: 'POST',
      url: '/api/monitoring/gateways',
      headers: { cookie },
      payload: { enterpriseId, name: `共享订阅测试 ${run}` },
    });
    assert.equal(g.statusCode, 201, g.body);
    gw = g.json();
    // Anonymous publisher: the gateway's ACL is the broker's job with an external broker.
    publisher = await mqtt.connectAsync(BROKER, { clientId: `zhiben-test-${run}-pub`, reconnectPeriod: 0 });
  });

  after(async () => {
    await publisher?.endAsync();
    for (const i of [a, b]) {
      if (!i) continue;
      await i.sub?.close();
      await i.app.close();
      // Remove the persistent sessions from the broker.
      for (const clientId of subscriberClientIds(i.clientId, 3)) {
        const c = await mqtt.connectAsync(BROKER, {
          clientId,
          protocolVersion: 5,
          clean: true,
          properties: { sessionExpiryInterval: 0 },
          reconnectPeriod: 0,
        });
        await c.endAsync();
      }
    }
    if (b?.database !== a?.database) await b?.database.close();
    await primary?.close();
  });

  it(
    'stores every reading once, splits the stream, and opens and closes exactly one alarm',
    { timeout: 60_000 },
    async () => {
      // 10 s normal, 20 s above high (delay-on 3 s), 10 s back below high − deadband: one alarm episode.
      const values = Array.from({ length: 40 }, (_, i) => (i < 10 ? 50 : i < 30 ? 90 + (i % 5) : 50));
      // Bursts of four: within a burst the two instances commit in either order (late readings happen),
      // between bursts everything is stored, so the episode itself is deterministic.
      for (let k = 0; k < values.length; k += 4) {
        await publish(k, values.slice(k, k + 4));
        await until(
          `readings up to #${k + 4}`,
          async () => (await stored()).n >= Math.min(k + 4, values.length),
        );
      }
      await sleep(200);
      const s = await stored();
      assert.equal(s.n, values.length, 'every reading stored');
      assert.equal(s.distinct_ts, values.length, '… exactly once');
      const agg = await sql<{ n: number }>`
      SELECT coalesce(sum(count), 0)::int AS n FROM readings_1m WHERE point_id = ${pointId}`.execute(
        primary.db,
      );
      assert.equal(agg.rows[0]!.n, values.length, '1-minute aggregates count each reading once');
      assert.ok(
        a.handled > 0 && b.handled > 0,
        `both instances got a share (a ${a.handled}, b ${b.handled})`,
      );
      assert.equal(a.handled + b.handled, values.length);

      const alarms = await primary.db
        .selectFrom('alarms')
        .selectAll()
        .where('point_id', '=', pointId)
        .execute();
      assert.equal(alarms.length, 1, 'one alarm record for the episode');
      const [alarm] = alarms;
      assert.equal(alarm!.level, 'high');
      assert.equal(alarm!.status, 'closed');
      assert.equal(alarm!.repeat_count, 0);
      assert.ok(+alarm!.opened_at >= tsOf(13) && +alarm!.opened_at <= tsOf(29), 'opened after the delay-on');
      assert.ok(+alarm!.closed_at! >= tsOf(30) && +alarm!.closed_at! <= tsOf(39), 'closed after the return');
      const events = [...a.alarms, ...b.alarms].map((c) => c.kind).sort();
      assert.deepEqual(events, ['open', 'recover'], 'one open and one recovery across both instances');

      const point = await primary.db
        .selectFrom('monitoring_points')
        .select(['state', 'last_value', 'last_ts'])
        .where('id', '=', pointId)
        .executeTakeFirstOrThrow();
      const state = point.state as { level: string; alarm: unknown; last: { ts: number; value: number } };
      assert.equal(state.level, 'normal');
      assert.equal(state.alarm, null);
      assert.deepEqual(state.last, { ts: tsOf(39), value: 50 });
      assert.equal(point.last_value, 50);
      assert.equal(+point.last_ts!, tsOf(39));
      const g = await primary.db
        .selectFrom('gateways')
        .select(['accepted', 'rejected'])
        .where('id', '=', gw.id)
        .executeTakeFirstOrThrow();
      assert.equal(Number(g.accepted), values.length);
      assert.equal(Number(g.rejected), 0);
    },
  );

  it(
    'an instance that drops out resumes its session under the same client id: nothing acknowledged is lost',
    { timeout: 60_000 },
    async () => {
      const before = (await stored()).n;
      crash(b);
      await sleep(200);
      // Four members (a's two connections, b's two), dealt round-robin: b's sessions get two or more.
      await publish(100, [50, 51, 52, 53, 54, 55]);
      await until('instance a to take its share', async () => (await stored()).n >= before + 2);
      await sleep(300);
      assert.ok((await stored()).n <= before + 4, 'b’s share waits for b at the broker');
      const handledBefore = b.handled;
      await subscribe(b);
      await until('the queued readings after the restart', async () => (await stored()).n === before + 6);
      assert.ok(b.handled > handledBefore, 'b received its queued share on reconnecting');
      const s = await stored();
      assert.equal(s.n, s.distinct_ts);
    },
  );

  it(
    'fewer subscriber connections after a restart: the retired session is drained and removed',
    { timeout: 60_000 },
    async () => {
      const before = (await stored()).n;
      const retiredId = b.sub!.clientIds[1]!;
      assert.equal(retiredId, `${b.clientId}-1`);
      crash(b);
      await sleep(200);
      await publish(300, [50, 51, 52, 53, 54, 55, 56, 57]);
      await until('instance a to take its share', async () => (await stored()).n >= before + 2);
      await sleep(300);
      const handledBefore = b.handled;
      // Back with one connection: b's own id resumes, `<id>-1` is resumed once, drained and deleted.
      await subscribe(b, 1);
      assert.deepEqual(b.sub!.clientIds, [b.clientId]);
      await until('every queued reading', async () => (await stored()).n === before + 8);
      assert.ok(b.handled > handledBefore);
      await b.sub!.drained;
      assert.equal(await sessionPresent(retiredId), false, 'the retired session is gone from the broker');
      // Three members now: nothing is dealt to the retired one any more.
      const n = (await stored()).n;
      await publish(400, [50, 51, 52, 53, 54, 55]);
      await until('all of them, without b’s old connection', async () => (await stored()).n === n + 6);
      const s = await stored();
      assert.equal(s.n, s.distinct_ts);
    },
  );

  it(
    'stops accepting a revoked gateway: at once where revoked, within the lookup TTL elsewhere',
    { timeout: 60_000 },
    async () => {
      const r = await a.app.inject({
        method: 'POST',
        url: `/api/monitoring/gateways/${gw.id}/actions/revoke`,
        headers: { cookie },
      });
      assert.equal(r.statusCode, 200, r.body);
      await sleep(400); // b's cache (300 ms in this test, 30 s by default) runs out
      const n = (await stored()).n;
      const handled = a.handled + b.handled;
      await publish(200, [60, 61, 62, 63]);
      await until(
        'both instances to have seen the messages',
        async () => a.handled + b.handled >= handled + 4,
      );
      await sleep(300);
      assert.equal((await stored()).n, n, 'nothing from a revoked gateway is stored');
    },
  );

  it('takes the point offline once when both instances tick at the same time', async () => {
    const later = new Date(Date.now() + 2 * 3_600_000);
    await Promise.all([a.app.ingest.tick(later), b.app.ingest.tick(later)]);
    const offline = await primary.db
      .selectFrom('alarms')
      .select(['level', 'closed_at'])
      .where('point_id', '=', pointId)
      .where('level', '=', 'offline')
      .execute();
    assert.equal(offline.length, 1);
    assert.equal(offline[0]!.closed_at, null);
    const point = await primary.db
      .selectFrom('monitoring_points')
      .select('state')
      .where('id', '=', pointId)
      .executeTakeFirstOrThrow();
    assert.equal((point.state as { level: string }).level, 'offline');
  });
});

describe('gateway directory cache', () => {
  let database: Database;
  before(async () => {
    database = await testDatabase();
  });
  after(async () => {
    await database.close();
  });

  it('keeps a lookup for its TTL, forgets on demand, and caches unknown gateways too', async () => {
    const e = await database.db
      .selectFrom('enterprises')
      .select(['id', 'uscc'])
      .limit(1)
      .executeTakeFirstOrThrow();
    const c = GatewayDirectory.newCredentials();
    await database.db
      .insertInto('gateways')
      .values({ id: c.id, enterprise_id: e.id, name: 'cache', token_hash: c.hash })
      .execute();
    const dir = new GatewayDirectory(database.db, { ttlMs: 200 });
    assert.deepEqual(await dir.lookup(c.id), { id: c.id, enterpriseId: e.id, uscc: e.uscc });
    assert.ok(await dir.authenticate(c.id, c.token));
    await database.db
      .updateTable('gateways')
      .set({ revoked_at: new Date() })
      .where('id', '=', c.id)
      .execute();
    assert.ok(await dir.lookup(c.id), 'still cached within the TTL');
    await sleep(250);
    assert.equal(await dir.lookup(c.id), undefined, 'revoked once the TTL ran out');
    assert.equal(await dir.authenticate(c.id, c.token), undefined);

    const d = GatewayDirectory.newCredentials();
    await database.db
      .insertInto('gateways')
      .values({ id: d.id, enterprise_id: e.id, name: 'cache 2', token_hash: d.hash })
      .execute();
    const dir2 = new GatewayDirectory(database.db, { ttlMs: 60_000 });
    assert.ok(await dir2.lookup(d.id));
    await database.db
      .updateTable('gateways')
      .set({ revoked_at: new Date() })
      .where('id', '=', d.id)
      .execute();
    dir2.forget(d.id);
    assert.equal(await dir2.lookup(d.id), undefined, 'forget drops the entry at once');
  });
});

describe('configuration: MQTT client id, session expiry and subscriber connections', () => {
  it('defaults to a stable id per host and port, and validates what is given', () => {
    const c = loadConfig({ PORT: '3100' });
    assert.equal(c.MQTT_CLIENT_ID, defaultMqttClientId(3100));
    assert.equal(loadConfig({ PORT: '3100' }).MQTT_CLIENT_ID, c.MQTT_CLIENT_ID, 'the same on every start');
    assert.match(c.MQTT_CLIENT_ID, /^zhiben-.+-3100$/);
    assert.equal(defaultMqttClientId(3000, 'node 1/a'), 'zhiben-node-1-a-3000');
    assert.equal(c.MQTT_SESSION_EXPIRY_SEC, 86_400);
    assert.equal(c.MQTT_SUBSCRIBERS, 4);
    assert.equal(loadConfig({ MQTT_SUBSCRIBERS: '16' }).MQTT_SUBSCRIBERS, 16);
    for (const bad of ['0', '17', '2.5'])
      assert.throws(
        () => loadConfig({ MQTT_SUBSCRIBERS: bad }),
        (e: Error) => e instanceof ConfigError && e.message.includes('MQTT_SUBSCRIBERS'),
      );
    assert.deepEqual(subscriberClientIds('zhiben-a', 3), ['zhiben-a', 'zhiben-a-1', 'zhiben-a-2']);
    assert.equal(loadConfig({ MQTT_CLIENT_ID: 'zhiben-a.1' }).MQTT_CLIENT_ID, 'zhiben-a.1');
    assert.throws(
      () => loadConfig({ MQTT_CLIENT_ID: 'has space', MQTT_SESSION_EXPIRY_SEC: '5' }),
      (e: Error) =>
        e instanceof ConfigError &&
        e.message.includes('MQTT_CLIENT_ID') &&
        e.message.includes('MQTT_SESSION_EXPIRY_SEC'),
    );
  });
});
