import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase, type Database } from '../db/connect';

/*
 * "kill -9 during ingest, restart, no acknowledged QoS 1 reading lost."
 *
 * The real server runs as a child process (as `npm start` runs it) on its own database: a PGlite
 * DATA_DIR, or a PostgreSQL database when the suite runs with TEST_DATABASE_URL. A gateway publishes
 * QoS 1 telemetry with many messages in flight; after some hundreds of PUBACKs the server is killed
 * with SIGKILL, restarted on the same data, fed a few more readings and stopped with SIGTERM. The
 * database is then read directly: every reading whose PUBACK arrived must be there.
 */

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const TAG = 'CRASH-1';
const WINDOW = 256; // QoS 1 publishes in flight at once
const KILL_AFTER = 500; // PUBACKs received before the SIGKILL
const AFTER_RESTART = 25;
const START_TIMEOUT_MS = 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

interface Target {
  kind: 'pglite' | 'postgres';
  /** Environment the server needs to run on this database. */
  env: Record<string, string>;
  open(): Promise<Database>;
  drop(): Promise<void>;
}

/**
 * A database of this test's own, cloned from the run's template when there is one (fast start: no
 * seeding), else empty and seeded with a small demo set by the server's first start.
 */
async function prepareDatabase(dataDir: string): Promise<Target> {
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    const template = process.env.ZHIBEN_TEST_PG_TEMPLATE;
    const name = `zt_crash_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
    } finally {
      await admin.end();
    }
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    return {
      kind: 'postgres',
      env: { DATABASE_URL: url.toString() },
      open: () => openDatabase({ databaseUrl: url.toString(), dataDir: '.' }),
      drop: async () => {
        const a = new pg.Client({ connectionString: pgUrl });
        await a.connect();
        try {
          await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        } finally {
          await a.end();
        }
      },
    };
  }
  const template = process.env.ZHIBEN_TEST_TEMPLATE;
  if (template) {
    // The server opens PGlite at DATA_DIR/pglite: unpack the template there.
    const db = await PGlite.create(join(dataDir, 'pglite'), {
      loadDataDir: new Blob([readFileSync(template)]),
    });
    await db.close();
  }
  return {
    kind: 'pglite',
    env: {},
    open: () => openDatabase({ dataDir }),
    drop: async () => {},
  };
}

interface Server {
  child: ChildProcess;
  url: string;
  mqttPort: number;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function startServer(env: Record<string, string>, children: Set<ChildProcess>): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: '',
      DATABASE_SCHEMA: '',
      MQTT_URL: '',
      SECRET: '',
      ...env,
      NODE_ENV: 'development',
      ZHIBEN_BACKGROUND: '1',
      HOST: '127.0.0.1',
      PORT: String(port),
      MQTT_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    }),
  );
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  for (;;) {
    // The banner names the broker's port (demo mode moves a taken MQTT_PORT to the next free one).
    const m = /embedded broker on port (\d+)/.exec(out);
    if (m) {
      const health = await fetch(`${url}/api/health`);
      assert.equal(health.status, 200, `server not healthy:\n${out}`);
      return { child, url, mqttPort: Number(m[1]), output: () => out, exited };
    }
    if (child.exitCode !== null || child.signalCode !== null)
      assert.fail(`server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${out}`);
    if (Date.now() - t0 > START_TIMEOUT_MS)
      assert.fail(`server not ready after ${START_TIMEOUT_MS} ms:\n${out}`);
    await sleep(50);
  }
}

async function api(
  server: Server,
  method: string,
  path: string,
  body?: unknown,
  cookie?: string,
): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const r = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(cookie ? { cookie } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  return { status: r.status, json: text ? JSON.parse(text) : {}, headers: r.headers };
}

test(
  'kill -9 during QoS 1 ingest, restart: no acknowledged reading is lost',
  { timeout: 180_000 },
  async (t) => {
    const started = Date.now();
    const dataDir = mkdtempSync(join(tmpdir(), 'zhiben-crash-'));
    const children = new Set<ChildProcess>();
    const clients: mqtt.MqttClient[] = [];
    const owned: { target?: Target } = {};
    t.after(async () => {
      for (const c of clients) c.end(true);
      for (const child of children) {
        if (child.exitCode !== null || child.signalCode !== null) continue;
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await gone;
      }
      await owned.target?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const target = await prepareDatabase(dataDir);
    owned.target = target;
    const env: Record<string, string> = {
      ...target.env,
      DATA_DIR: dataDir,
      // Only used when there is no template: the first start seeds this many demo enterprises.
      DEMO_ENTERPRISES: '20',
    };

    // ---- first life: configure a point and a gateway through the API, then publish until SIGKILL.
    const first = await startServer(env, children);
    const login = await api(first, 'POST', '/api/auth/login', {
      username: 'enterprise-demo',
      password: 'zhiben-demo',
    });
    assert.equal(login.status, 200, JSON.stringify(login.json));
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const me = await api(first, 'GET', '/api/auth/me', undefined, cookie);
    const enterpriseId = String(me.json.enterpriseId);
    const point = await api(
      first,
      'POST',
      '/api/monitoring/points',
      { enterpriseId, tag: TAG, kind: 'other', unit: 'u', staleTimeoutSec: 3600 },
      cookie,
    );
    assert.equal(point.status, 201, JSON.stringify(point.json));
    const pointId = String(point.json.id);
    const gw = await api(
      first,
      'POST',
      '/api/monitoring/gateways',
      { enterpriseId, name: '崩溃测试网关' },
      cookie,
    );
    assert.equal(gw.status, 201, JSON.stringify(gw.json));
    const gateway = gw.json as { id: string; username: string; token: string; topic: string };

    // Reading `seq`: a distinct, increasing timestamp (within the accepted window) and a distinct value.
    const base = Date.now() - 120_000;
    const tsOf = (seq: number) => base + seq;
    const valueOf = (seq: number) => seq + 0.25;
    const message = (seq: number) =>
      JSON.stringify({ ts: tsOf(seq), points: [{ tag: TAG, value: valueOf(seq) }] });
    const connect = async (server: Server) => {
      const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${server.mqttPort}`, {
        username: gateway.username,
        password: gateway.token,
        reconnectPeriod: 0,
        connectTimeout: 10_000,
      });
      c.on('error', () => {}); // the connection is expected to break when the server is killed
      clients.push(c);
      return c;
    };

    const acked = new Set<number>();
    let next = 0;
    let inFlight = 0;
    let inFlightAtKill = 0;
    let killed = false;
    const c1 = await connect(first);
    const c1Closed = new Promise<void>((r) => c1.once('close', () => r()));
    const publishPhase = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `only ${acked.size} of ${next} publishes acknowledged in 30 s:\n${first.output().slice(-4000)}`,
            ),
          ),
        30_000,
      );
      const pump = () => {
        while (!killed && inFlight < WINDOW) {
          const seq = next++;
          inFlight++;
          c1.publish(gateway.topic, message(seq), { qos: 1 }, (err) => {
            inFlight--;
            // PUBACKs already on the wire when the server died still count: the server sent them.
            if (!err) acked.add(seq);
            if (killed) return;
            if (acked.size >= KILL_AFTER) {
              killed = true;
              inFlightAtKill = inFlight;
              first.child.kill('SIGKILL');
              clearTimeout(timer);
              resolve();
            } else pump();
          });
        }
      };
      pump();
    });
    await publishPhase;
    const death = await first.exited;
    assert.equal(death.signal, 'SIGKILL');
    await Promise.race([c1Closed, sleep(5_000)]);
    c1.end(true);
    const sent = next;
    t.diagnostic(
      `first life (${target.kind}): ${sent} published, ${acked.size} acknowledged, ${inFlightAtKill} in flight at SIGKILL`,
    );
    assert.ok(acked.size >= KILL_AFTER && sent > acked.size);
    if (target.kind === 'pglite') {
      // The dead server's lock is still there: the restart below has to take it over.
      const lock = readFileSync(join(dataDir, 'zhiben.lock'), 'utf8').trim();
      assert.equal(lock, String(first.child.pid), 'the killed server left its lock behind');
    }

    // ---- second life: same data (a stale DATA_DIR lock from the dead pid is taken over), new readings.
    const second = await startServer(env, children);
    const c2 = await connect(second);
    const later: number[] = [];
    for (let i = 0; i < AFTER_RESTART; i++) later.push(next++);
    await Promise.all(later.map((seq) => c2.publishAsync(gateway.topic, message(seq), { qos: 1 })));
    await c2.endAsync();
    const stopped = second.exited;
    second.child.kill('SIGTERM');
    const stop = await stopped;
    assert.equal(stop.code, 0, `graceful stop after the restart failed:\n${second.output()}`);
    if (target.kind === 'pglite') assert.ok(!existsSync(join(dataDir, 'zhiben.lock')), 'lock released');

    // ---- the database, read directly.
    const database = await target.open();
    let rows: Array<{ ts: Date; value: number }>;
    let gatewayRow: { accepted: string; rejected: string; last_error: string | null } | undefined;
    try {
      rows = await database.db
        .selectFrom('readings')
        .select(['ts', 'value'])
        .where('point_id', '=', pointId)
        .execute();
      gatewayRow = await database.db
        .selectFrom('gateways')
        .select(['accepted', 'rejected', 'last_error'])
        .where('id', '=', gateway.id)
        .executeTakeFirst();
    } finally {
      await database.close();
    }
    const stored = new Map<number, number[]>();
    for (const r of rows) {
      const ms = new Date(r.ts).getTime();
      stored.set(ms, [...(stored.get(ms) ?? []), Number(r.value)]);
    }
    const has = (seq: number) => stored.get(tsOf(seq))?.includes(valueOf(seq)) ?? false;
    const lost = [...acked].sort((a, b) => a - b).filter((seq) => !has(seq));
    const explain = () =>
      `gateway counters ${JSON.stringify(gatewayRow)}; ${rows.length} readings stored for the point\n` +
      `--- first server:\n${first.output().slice(-3000)}\n--- restarted server:\n${second.output().slice(-3000)}`;
    assert.ok(
      lost.length === 0,
      `${lost.length} of ${acked.size} acknowledged readings missing after kill -9 (seq ${lost
        .slice(0, 20)
        .join(', ')}${lost.length > 20 ? ' …' : ''}); ${explain()}`,
    );
    const laterLost = later.filter((seq) => !has(seq));
    assert.ok(
      laterLost.length === 0,
      `${laterLost.length} of ${later.length} readings acknowledged by the restarted server missing; ${explain()}`,
    );
    // Nothing stored that was never sent (at-least-once may repeat a reading, never invent one).
    const foreign = rows.filter((r) => {
      const seq = new Date(r.ts).getTime() - base;
      return !(Number.isInteger(seq) && seq >= 0 && seq < next && Number(r.value) === valueOf(seq));
    });
    assert.deepEqual(foreign, [], 'readings stored that were never published');
    t.diagnostic(
      `stored ${rows.length} readings: all ${acked.size} acknowledged before the SIGKILL, ` +
        `${rows.length - acked.size - later.length} more that were in flight, ${later.length} after the restart; ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  },
);
