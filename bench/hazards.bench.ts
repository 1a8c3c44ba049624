// npm run bench:hazards — 1,000,000 hazards over 20,000 enterprises on PGlite and PostgreSQL: the filtered
// hazard list, group-by statistics and the zero-clearing milestones over HTTP (autocannon, 20 connections)
// beside the very SQL each route runs, executed directly through the driver (the baseline). Prints req/s,
// p50, p99 and HTTP/driver ratios, the server-side execution time of each query (EXPLAIN ANALYZE), and
// whether the issue's PostgreSQL targets are met. Asserts nothing.
//
// Env: BENCH_HAZARDS (1000000), BENCH_ENTERPRISES (20000), BENCH_SECONDS (10), BENCH_CONNECTIONS (20),
// BENCH_DB (pglite,postgres), BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test),
// BENCH_EXPLAIN=1 to print every plan, BENCH_ONLY=<scenario name substring> to run a subset,
// BENCH_KEEP=1 to keep the PostgreSQL database afterwards and BENCH_REUSE=1 to bench a kept one again.
import autocannon from 'autocannon';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { loadConfig } from '../packages/server/src/config';
import { openDatabase, type Database } from '../packages/server/src/db/connect';
import { migrate } from '../packages/server/src/db/migrate';
import type { DB } from '../packages/server/src/db/types';
import { seedDemo } from '../packages/server/src/demo/seed';
import { syncBuiltinCriteria } from '../packages/server/src/criteria/criteria.sync';
import { buildApp } from '../packages/server/src/app';
import { generateHazards } from './hazard-data';
import { rebuildHazardStats } from '../packages/server/src/stats/hazard-stats';

const HAZARDS = Number(process.env.BENCH_HAZARDS ?? 1_000_000);
const ENTERPRISES = Number(process.env.BENCH_ENTERPRISES ?? 20_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const KINDS = (process.env.BENCH_DB ?? 'pglite,postgres').split(',').map((s) => s.trim());
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DB_NAME = 'zhiben_bench_hazards';
const EXPLAIN = process.env.BENCH_EXPLAIN === '1';
const ONLY = process.env.BENCH_ONLY;
const KEEP = process.env.BENCH_KEEP === '1';
const REUSE = process.env.BENCH_REUSE === '1';

interface Scenario {
  name: string;
  kind: 'list' | 'groupBy' | 'zero';
  user: 'city-admin' | 'district-150627';
  path: string;
}
const SCENARIOS: Scenario[] = [
  {
    name: 'list filtered',
    kind: 'list',
    user: 'city-admin',
    path: '/api/hazards?district=150627&status=rectifying,pending_acceptance&grade=major&page=1&pageSize=20',
  },
  {
    name: 'list overdue',
    kind: 'list',
    user: 'city-admin',
    path: '/api/hazards?overdue=true&page=1&pageSize=20',
  },
  {
    name: 'list overdue (district)',
    kind: 'list',
    user: 'district-150627',
    path: '/api/hazards?overdue=true&page=1&pageSize=20',
  },
  {
    name: 'stats by district',
    kind: 'groupBy',
    user: 'city-admin',
    path: '/api/stats/hazards?groupBy=district',
  },
  {
    name: 'stats by month',
    kind: 'groupBy',
    user: 'city-admin',
    path: `/api/stats/hazards?groupBy=month&from=${encodeURIComponent('2025-01-01T00:00:00+08:00')}`,
  },
  {
    name: 'stats by month (district)',
    kind: 'groupBy',
    user: 'district-150627',
    path: `/api/stats/hazards?groupBy=month&from=${encodeURIComponent('2025-01-01T00:00:00+08:00')}`,
  },
  { name: 'zero-clearing', kind: 'zero', user: 'city-admin', path: '/api/stats/zero-clearing' },
  {
    name: 'zero-clearing (district)',
    kind: 'zero',
    user: 'district-150627',
    path: '/api/stats/zero-clearing',
  },
];

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  n: number;
}
interface Result {
  db: string;
  scenario: Scenario;
  queries: number;
  /** Sum of the EXPLAIN ANALYZE execution times of the route's queries, ms. */
  execMs: number;
  driver: Figures;
  http: Figures | null;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

interface Captured {
  sql: string;
  parameters: unknown[];
}

/** The hazard queries one request runs, captured by serving it through an app on a logging Kysely. */
async function captureQueries(database: Database, path: string, cookie: string): Promise<Captured[]> {
  const captured: Captured[] = [];
  let on = false;
  const spy = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: database.pool }),
    log: (e) => {
      if (on && e.level === 'query' && /"hazards"|\bhazards\b/.test(e.query.sql))
        captured.push({ sql: e.query.sql, parameters: [...e.query.parameters] });
    },
  });
  const config = loadConfig({ NODE_ENV: 'test', ZHIBEN_BACKGROUND: '0', LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, database: { ...database, db: spy, close: async () => {} } });
  await app.ready();
  on = true;
  const r = await app.inject({ method: 'GET', url: path, headers: { cookie } });
  on = false;
  await app.close();
  if (r.statusCode !== 200) throw new Error(`${path}: ${r.statusCode} ${r.body.slice(0, 300)}`);
  return captured;
}

/** The baseline: the route's queries, one after the other as the route runs them, CONNECTIONS at a time. */
async function driverRun(database: Database, queries: Captured[]): Promise<Figures> {
  const lat: number[] = [];
  const end = Date.now() + DURATION * 1000;
  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < end) {
        const t = performance.now();
        for (const q of queries) await database.pool.query(q.sql, q.parameters);
        lat.push(performance.now() - t);
      }
    }),
  );
  const secs = (Date.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  return { rps: lat.length / secs, p50: pct(lat, 50), p99: pct(lat, 99), n: lat.length };
}

async function httpRun(url: string, cookie: string): Promise<Figures> {
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    timeout: 300,
    headers: { cookie },
  });
  if (r.non2xx || r.errors) throw new Error(`${url}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  // No answer within the run (every request slower than BENCH_SECONDS): no latency figures.
  if (r.requests.total === 0) return { rps: 0, p50: NaN, p99: NaN, n: 0 };
  return { rps: r.requests.total / DURATION, p50: r.latency.p50, p99: r.latency.p99, n: r.requests.total };
}

async function explain(database: Database, queries: Captured[]): Promise<number> {
  let total = 0;
  for (const q of queries) {
    const r = await database.pool.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) ${q.sql}`, q.parameters);
    const lines = r.rows.map((x: Record<string, string>) => x['QUERY PLAN']!);
    const exec = Number(/Execution Time: ([\d.]+)/.exec(lines.join('\n'))?.[1] ?? NaN);
    total += exec;
    if (EXPLAIN) {
      console.log(`\n    ${q.sql.replace(/\s+/g, ' ').slice(0, 240)}`);
      console.log(lines.map((l) => `      ${l}`).join('\n'));
    }
  }
  return total;
}

async function openBenchDatabase(
  kind: string,
): Promise<{ database: Database; drop: () => Promise<void>; reused: boolean }> {
  if (kind === 'postgres') {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME])).rowCount;
    const reused = REUSE && !!exists;
    if (!reused) {
      await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${DB_NAME}`);
    }
    await admin.end();
    const url = new URL(PG_URL);
    url.pathname = `/${DB_NAME}`;
    const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '.' });
    return {
      database,
      reused,
      drop: async () => {
        if (KEEP) return;
        const a = new pg.Client({ connectionString: PG_URL });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
        await a.end();
      },
    };
  }
  return {
    database: await openDatabase({ dataDir: '.', memory: true }),
    drop: async () => {},
    reused: false,
  };
}

async function benchDatabase(kind: string): Promise<Result[]> {
  const { database, drop, reused } = await openBenchDatabase(kind);
  const out: Result[] = [];
  try {
    const tm = Date.now();
    await migrate(database.db);
    console.log(`[${kind}] migrations in ${((Date.now() - tm) / 1000).toFixed(1)} s`);
    await syncBuiltinCriteria(database.db);
    if (reused) {
      await database.pool.query('ANALYZE');
      console.log(`[${kind}] reusing ${DB_NAME}`);
    } else {
      let t0 = Date.now();
      await seedDemo(database.db, ENTERPRISES);
      console.log(
        `[${kind}] seeded ${ENTERPRISES} enterprises in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
      );
      t0 = Date.now();
      // A bulk load: the statistics triggers off, the rollup rebuilt once at the end.
      await database.pool.query('ALTER TABLE hazards DISABLE TRIGGER USER');
      const g = await generateHazards(database, {
        hazards: HAZARDS,
        log: (l) => console.log(`[${kind}]${l}`),
      });
      await database.pool.query('ALTER TABLE hazards ENABLE TRIGGER USER');
      console.log(
        `[${kind}] inserted ${g.inserted} hazards in ${g.seconds.toFixed(1)} s (${Math.round(g.rowsPerSecond)} rows/s); with ANALYZE ${((Date.now() - t0) / 1000).toFixed(1)} s`,
      );
      t0 = Date.now();
      await rebuildHazardStats(database.db);
      await database.pool.query('ANALYZE hazard_stats');
      console.log(`[${kind}] statistics rollup rebuilt in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }

    const config = loadConfig({ NODE_ENV: 'test', ZHIBEN_BACKGROUND: '0', LOG_LEVEL: 'silent' });
    const app = await buildApp({ config, database });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const cookies: Record<string, string> = {};
    for (const u of ['city-admin', 'district-150627']) {
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: u, password: 'zhiben-demo' }),
      });
      cookies[u] = login.headers.getSetCookie()[0]!.split(';')[0]!;
    }
    try {
      for (const s of SCENARIOS) {
        if (ONLY && !s.name.includes(ONLY)) continue;
        const cookie = cookies[s.user]!;
        const sample = (await (await fetch(`${base}${s.path}`, { headers: { cookie } })).json()) as {
          total?: number;
          rows?: unknown[];
          current?: { openMajor: number; overdueMajor: number };
        };
        const what =
          sample.total !== undefined
            ? `${sample.total} matching`
            : sample.rows
              ? `${sample.rows.length} groups`
              : `open major ${sample.current?.openMajor}, overdue ${sample.current?.overdueMajor}`;
        const queries = await captureQueries(database, s.path, cookie);
        const execMs = await explain(database, queries);
        const driver = await driverRun(database, queries);
        const http = await httpRun(`${base}${s.path}`, cookie);
        console.log(
          `[${kind}] ${s.name} as ${s.user}: ${what}; ${queries.length} queries, server execution ${execMs.toFixed(1)} ms; ` +
            `driver p99 ${driver.p99.toFixed(1)} ms, HTTP p99 ${http.p99.toFixed(1)} ms`,
        );
        out.push({ db: kind, scenario: s, queries: queries.length, execMs, driver, http });
      }
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    await drop();
  }
  return out;
}

const results: Result[] = [];
for (const kind of KINDS) {
  try {
    results.push(...(await benchDatabase(kind)));
  } catch (e) {
    console.log(`[${kind}] skipped: ${(e as Error).stack ?? String(e)}`);
  }
}

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');
console.log(
  `\nHazards: ${HAZARDS} over ${ENTERPRISES} enterprises, ${CONNECTIONS} concurrent clients, ${DURATION} s per run`,
);
console.log(
  'db        scenario                               q  exec ms │ driver req/s   p50   p99 │ HTTP req/s    p50    p99 │ HTTP/driver p50  p99  req/s',
);
for (const r of results) {
  console.log(
    `${r.db.padEnd(9)} ${r.scenario.name.padEnd(37)} ${String(r.queries).padStart(2)} ${f1(r.execMs).padStart(8)} │ ` +
      `${r.driver.rps.toFixed(0).padStart(12)} ${f1(r.driver.p50).padStart(5)} ${f1(r.driver.p99).padStart(5)} │ ` +
      (r.http
        ? `${r.http.rps.toFixed(0).padStart(10)} ${f1(r.http.p50).padStart(6)} ${f1(r.http.p99).padStart(6)} │ ` +
          `${f2(r.http.p50 / r.driver.p50).padStart(15)} ${f2(r.http.p99 / r.driver.p99).padStart(4)} ${f2(r.http.rps / r.driver.rps).padStart(6)}`
        : `${'(driver only)'.padStart(24)} │`),
  );
}
const targets = { list: 50, groupBy: 150 } as const;
for (const r of results.filter((x) => x.db === 'postgres' && x.http && x.scenario.kind !== 'zero')) {
  if (!r.http) continue;
  const limit = targets[r.scenario.kind as keyof typeof targets];
  const met = r.http.n > 0 && r.http.p99 < limit;
  console.log(
    `target PostgreSQL ${r.scenario.name}: HTTP p99 ${r.http.n ? `${f1(r.http.p99)} ms` : `> ${DURATION * 1000} ms (no answer within the run)`} ${met ? '<' : '≥'} ${limit} ms — ${met ? 'met' : 'MISSED'}`,
  );
}
process.exit(0);
