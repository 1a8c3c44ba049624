// npm run bench:api — the filtered enterprise list at 50 concurrent connections for 10 s, on PGlite and on
// PostgreSQL, beside the same queries run directly through the driver (the baseline); then the time from
// `npm start` to healthy on an existing data directory. Prints figures; asserts nothing.
import autocannon from 'autocannon';
import pg from 'pg';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { enterpriseListQuerySchema, enterpriseScope, type Actor } from '@zhiben/domain';
import { loadConfig } from '../packages/server/src/config';
import { openDatabase, type Database } from '../packages/server/src/db/connect';
import { migrate } from '../packages/server/src/db/migrate';
import { seedDemo } from '../packages/server/src/demo/seed';
import { buildApp } from '../packages/server/src/app';
import { listEnterprises } from '../packages/server/src/enterprises/enterprises.repo';

const N = Number(process.env.BENCH_ENTERPRISES ?? 20_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const QUERY = 'district=150627&sector=mining&status=operating&sort=-employees&page=2&pageSize=20';

interface Figures {
  label: string;
  rps: number;
  p50: number;
  p99: number;
}

function pct(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** The baseline: the list's own SQL (page + count) run directly through the driver, 50 at a time. */
async function driverBaseline(database: Database, actor: Actor, label: string): Promise<Figures> {
  const query = enterpriseListQuerySchema.parse(Object.fromEntries(new URLSearchParams(QUERY)));
  const scope = enterpriseScope(actor);
  // Capture the compiled SQL by running the repository once through a logging Kysely.
  const captured: Array<{ sql: string; parameters: readonly unknown[] }> = [];
  const { Kysely, PostgresDialect } = await import('kysely');
  const spy = new Kysely<never>({
    dialect: new PostgresDialect({ pool: database.pool }),
    log: (e) => {
      if (e.level === 'query') captured.push({ sql: e.query.sql, parameters: e.query.parameters });
    },
  });
  await listEnterprises(spy as never, scope, query);
  const lat: number[] = [];
  const end = Date.now() + DURATION * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < end) {
        const t0 = performance.now();
        await Promise.all(captured.map((q) => database.pool.query(q.sql, q.parameters as unknown[])));
        lat.push(performance.now() - t0);
        done++;
      }
    }),
  );
  lat.sort((a, b) => a - b);
  return { label, rps: done / DURATION, p50: pct(lat, 50), p99: pct(lat, 99) };
}

async function httpRun(url: string, cookie: string, label: string): Promise<Figures> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers: { cookie } });
  if (r.non2xx) throw new Error(`${label}: ${r.non2xx} non-2xx answers`);
  return { label, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

async function benchDatabase(kind: 'pglite' | 'postgres'): Promise<Figures[]> {
  let database: Database;
  let dropDb: (() => Promise<void>) | null = null;
  if (kind === 'postgres') {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS zhiben_bench WITH (FORCE)');
    await admin.query('CREATE DATABASE zhiben_bench');
    await admin.end();
    const url = new URL(PG_URL);
    url.pathname = '/zhiben_bench';
    database = await openDatabase({ databaseUrl: url.toString(), dataDir: '.' });
    dropDb = async () => {
      const a = new pg.Client({ connectionString: PG_URL });
      await a.connect();
      await a.query('DROP DATABASE IF EXISTS zhiben_bench WITH (FORCE)');
      await a.end();
    };
  } else {
    database = await openDatabase({ dataDir: '.', memory: true });
  }
  await migrate(database.db);
  const t0 = Date.now();
  await seedDemo(database.db, N);
  console.log(`[${kind}] seeded ${N} enterprises in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const config = loadConfig({ NODE_ENV: 'test', ZHIBEN_BACKGROUND: '0', LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, database });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'district-150627', password: 'zhiben-demo' }),
  });
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  const me = (await (await fetch(`${base}/api/auth/me`, { headers: { cookie } })).json()) as Actor & {
    id: string;
  };
  const actor: Actor = {
    userId: me.id,
    username: me.username,
    displayName: me.displayName,
    role: me.role,
    orgId: me.orgId,
    regionCode: me.regionCode,
    enterpriseId: me.enterpriseId,
  };
  const sample = (await (
    await fetch(`${base}/api/enterprises?${QUERY}`, { headers: { cookie } })
  ).json()) as { total: number; items: unknown[] };
  console.log(`[${kind}] query ${QUERY}: ${sample.total} matching, ${sample.items.length} on the page`);
  const baseline = await driverBaseline(database, actor, `${kind} driver (baseline)`);
  const http = await httpRun(`${base}/api/enterprises?${QUERY}`, cookie, `${kind} HTTP /api/enterprises`);
  await app.close();
  await database.close();
  await dropDb?.();
  return [baseline, http];
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts `npm start` and returns ms until /api/health answers 200. */
async function timeStart(dataDir: string): Promise<number> {
  const port = await freePort();
  const mqtt = await freePort();
  const t0 = Date.now();
  const child = spawn('npm', ['start'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      MQTT_PORT: String(mqtt),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
    detached: true,
  });
  try {
    for (;;) {
      if (Date.now() - t0 > 300_000) throw new Error('not healthy in 300 s');
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return Date.now() - t0;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await new Promise((r) => child.on('exit', r));
  }
}

const rows: Figures[] = [];
rows.push(...(await benchDatabase('pglite')));
try {
  rows.push(...(await benchDatabase('postgres')));
} catch (e) {
  console.log(`PostgreSQL skipped: ${(e as Error).message}`);
}
console.log(`\nFiltered enterprise list, ${N} enterprises, ${CONNECTIONS} connections, ${DURATION} s`);
console.log('label                                  req/s     p50 ms   p99 ms');
for (const r of rows) {
  console.log(
    `${r.label.padEnd(36)} ${r.rps.toFixed(0).padStart(8)} ${r.p50.toFixed(1).padStart(9)} ${r.p99.toFixed(1).padStart(8)}`,
  );
}
for (const kind of ['pglite', 'postgres']) {
  const b = rows.find((r) => r.label.startsWith(`${kind} driver`));
  const h = rows.find((r) => r.label.startsWith(`${kind} HTTP`));
  if (b && h) {
    console.log(
      `${kind}: HTTP/driver p50 ratio ${(h.p50 / b.p50).toFixed(2)}×, p99 ratio ${(h.p99 / b.p99).toFixed(2)}×, throughput ratio ${(h.rps / b.rps).toFixed(2)}×`,
    );
  }
}

const dir = mkdtempSync(join(tmpdir(), 'zhiben-bench-start-'));
try {
  const first = await timeStart(dir);
  const second = await timeStart(dir);
  console.log(
    `\nnpm start → healthy: first start (migrate + seed) ${(first / 1000).toFixed(1)} s; existing data directory ${(second / 1000).toFixed(1)} s`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
