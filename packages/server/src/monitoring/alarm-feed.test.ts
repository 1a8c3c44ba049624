import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { testDatabase } from '../test/harness';
import { openDatabase, type Database } from '../db/connect';
import { loadConfig } from '../config';
import { buildApp } from '../app';
import { alarmChannel, alarmPayloads } from './alarm-feed';
import type { AlarmStreamEvent } from './alarm-events';
import { openAlarmStream } from '../test/sse';

/*
 * The live alarm stream across instances: on PostgreSQL every instance LISTENs for the alarm changes the
 * others commit (pg_notify in the committing transaction) and pushes them to its own SSE clients, within
 * their scope, once. Two apps on one database, each with its own pool and HTTP port.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const stream = (base: string, cookie: string) => openAlarmStream(base, cookie, 10_000);

interface Instance {
  app: FastifyInstance;
  base: string;
  call(
    method: 'GET' | 'POST',
    url: string,
    opts?: { cookie?: string; body?: unknown; token?: string },
  ): Promise<{ status: number; json: any; body: string }>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function instance(database: Database): Promise<Instance> {
  const config = loadConfig({ NODE_ENV: 'test', ZHIBEN_BACKGROUND: '0', LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    async call(method, url, opts = {}) {
      const headers: Record<string, string> = {};
      if (opts.cookie) headers.cookie = opts.cookie;
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      const r = await app.inject({
        method,
        url,
        headers,
        ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
      });
      const json: unknown = String(r.headers['content-type'] ?? '').includes('json') ? r.json() : null;
      return { status: r.statusCode, json, body: r.body };
    },
  };
}

async function login(i: Instance, username: string) {
  const r = await i.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: 'zhiben-demo' },
  });
  assert.equal(r.statusCode, 200, r.body);
  return String(r.headers['set-cookie']).split(';')[0]!;
}

/** A point with a high threshold of 80 and a gateway for it, on the demo enterprise. */
async function pointAndGateway(i: Instance, cookie: string, tag: string) {
  const me = (await i.call('GET', '/api/auth/me', { cookie })).json;
  const p = await i.call('POST', '/api/monitoring/points', {
    cookie,
    body: {
      enterpriseId: me.enterpriseId,
      tag,
      kind: 'temperature',
      unit: '℃',
      thresholds: { high: 80 },
      deadband: 2,
      staleTimeoutSec: 3600,
    },
  });
  assert.equal(p.status, 201, p.body);
  const g = await i.call('POST', '/api/monitoring/gateways', {
    cookie,
    body: { enterpriseId: me.enterpriseId, name: `推送测试 ${tag}` },
  });
  assert.equal(g.status, 201, g.body);
  return g.json.token as string;
}

describe('alarm feed payloads', () => {
  it('packs events under the NOTIFY limit, one channel per schema', () => {
    const e = (i: number): AlarmStreamEvent => ({
      alarmId: `a${i}`,
      pointId: 'p',
      enterpriseId: 'e',
      districtCode: '150627',
      tag: `TAG-${'x'.repeat(60)}`,
      level: 'high',
      status: 'active',
      value: 91.5,
      at: new Date(0).toISOString(),
      kind: 'open',
    });
    const events = Array.from({ length: 100 }, (_, i) => e(i));
    const payloads = alarmPayloads('origin-1', events);
    assert.ok(payloads.length > 1);
    for (const p of payloads) assert.ok(Buffer.byteLength(p) <= 7900, `${Buffer.byteLength(p)} bytes`);
    const back = payloads.flatMap((p) => (JSON.parse(p) as { o: string; e: AlarmStreamEvent[] }).e);
    assert.deepEqual(back, events);
    assert.ok(payloads.every((p) => (JSON.parse(p) as { o: string }).o === 'origin-1'));
    assert.deepEqual(alarmPayloads('o', []), []);
    assert.equal(alarmChannel(), 'zhiben_alarms');
    assert.match(alarmChannel('tenant_a'), /^zhiben_alarms_[0-9a-f]{16}$/);
    assert.notEqual(alarmChannel('tenant_a'), alarmChannel('tenant_b'));
  });
});

describe('alarm stream on one instance', () => {
  let database: Database;
  let a: Instance;
  before(async () => {
    database = await testDatabase();
    a = await instance(database);
  });
  after(async () => {
    await a?.app.close();
    await database?.close();
  });

  it('pushes each change once (on PostgreSQL its own notification is not pushed again)', async () => {
    assert.equal(a.app.alarmFeed.crossInstance, database.kind === 'postgres');
    const ent = await login(a, 'enterprise-demo');
    const tag = `FEED-1-${randomBytes(3).toString('hex')}`;
    const token = await pointAndGateway(a, ent, tag);
    const s = await stream(a.base, ent);
    try {
      const r = await a.call('POST', '/api/telemetry', {
        token,
        body: { ts: Date.now(), points: [{ tag, value: 91 }] },
      });
      assert.equal(r.status, 200, r.body);
      const opened = await s.until((e) => e.tag === tag && e.kind === 'open');
      const ack = await a.call('POST', `/api/alarms/${opened.alarmId}/actions/acknowledge`, {
        cookie: ent,
        body: {},
      });
      assert.equal(ack.status, 200, ack.body);
      await s.until((e) => e.alarmId === opened.alarmId && e.kind === 'acknowledge');
      await sleep(300);
      assert.deepEqual(s.kinds(opened.alarmId), ['open', 'acknowledge']);
    } finally {
      await s.close();
    }
  });
});

describe(
  'alarm stream across instances (PostgreSQL LISTEN/NOTIFY)',
  { skip: process.env.TEST_DATABASE_URL ? false : 'PostgreSQL only: on PGlite one instance owns the data' },
  () => {
    let primary: Database;
    let second: Database;
    let a: Instance;
    let b: Instance;
    let ent: string;
    let token: string;
    const tag = `FEED-2-${randomBytes(3).toString('hex')}`;

    before(async () => {
      primary = await testDatabase();
      second = await openDatabase({
        databaseUrl: String(primary.pool.options.connectionString),
        dataDir: '.',
      });
      a = await instance(primary);
      b = await instance(second);
      ent = await login(a, 'enterprise-demo');
      token = await pointAndGateway(a, ent, tag);
    });
    after(async () => {
      await a?.app.close();
      await b?.app.close();
      await second?.close();
      await primary?.close();
    });

    const listeners = async () =>
      (
        await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'zhiben-alarm-feed'`.execute(primary.db)
      ).rows.map((r) => r.pid);

    it('pushes what one instance commits to the other’s streams, once, within scope', async () => {
      assert.equal((await listeners()).length, 2, 'each instance listens on a connection of its own');
      const onA = await stream(a.base, ent);
      const onB = await stream(b.base, ent);
      const otherDistrict = await stream(b.base, await login(b, 'district-150602'));
      try {
        // Raised through instance a …
        const r = await a.call('POST', '/api/telemetry', {
          token,
          body: { ts: Date.now(), points: [{ tag, value: 91 }] },
        });
        assert.equal(r.status, 200, r.body);
        const opened = await onB.until((e) => e.tag === tag && e.kind === 'open');
        assert.equal(opened.status, 'active');
        await onA.until((e) => e.alarmId === opened.alarmId && e.kind === 'open');
        // … acknowledged on instance b …
        const ack = await b.call('POST', `/api/alarms/${opened.alarmId}/actions/acknowledge`, {
          cookie: ent,
          body: {},
        });
        assert.equal(ack.status, 200, ack.body);
        const acked = await onA.until((e) => e.alarmId === opened.alarmId && e.kind === 'acknowledge');
        assert.equal(acked.status, 'acknowledged');
        // … turned into a hazard on a, and recovering through b.
        const h = await a.call('POST', `/api/alarms/${opened.alarmId}/actions/to-hazard`, {
          cookie: ent,
          body: { grade: 'general' },
        });
        assert.equal(h.status, 201, h.body);
        await onB.until((e) => e.alarmId === opened.alarmId && e.kind === 'to_hazard');
        const rec = await b.call('POST', '/api/telemetry', {
          token,
          body: { ts: Date.now(), points: [{ tag, value: 50 }] },
        });
        assert.equal(rec.status, 200, rec.body);
        await onA.until((e) => e.alarmId === opened.alarmId && e.kind === 'recover');
        await onB.until((e) => e.alarmId === opened.alarmId && e.kind === 'recover');
        await sleep(300);
        const all = ['open', 'acknowledge', 'to_hazard', 'recover'];
        assert.deepEqual(onA.kinds(opened.alarmId), all, 'instance a: each change once');
        assert.deepEqual(onB.kinds(opened.alarmId), all, 'instance b: each change once');
        assert.equal(otherDistrict.events.length, 0, 'another district’s office hears nothing of it');
      } finally {
        await onA.close();
        await onB.close();
        await otherDistrict.close();
      }
    });

    it('listens again after its connection is lost', { timeout: 30_000 }, async () => {
      const old = await listeners();
      await sql`SELECT pg_terminate_backend(pid) FROM unnest(${old}::int[]) AS pid`.execute(primary.db);
      const end = Date.now() + 15_000;
      for (;;) {
        const now = await listeners();
        if (now.length === 2 && now.every((p) => !old.includes(p))) break;
        if (Date.now() > end) throw new Error(`listeners not back: ${JSON.stringify(now)}`);
        await sleep(100);
      }
      const onA = await stream(a.base, ent);
      try {
        const r = await b.call('POST', '/api/telemetry', {
          token,
          body: { ts: Date.now(), points: [{ tag, value: 95 }] },
        });
        assert.equal(r.status, 200, r.body);
        await onA.until((e) => e.tag === tag && e.kind === 'open');
      } finally {
        await onA.close();
      }
    });
  },
);
