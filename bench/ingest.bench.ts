// npm run bench:ingest — MQTT telemetry ingest: 100 gateways × 20 points publishing QoS 1 messages of 50
// readings into the embedded broker, with alarm evaluation and persistence, on PGlite and on PostgreSQL.
// Baseline in the same run: the same publishers through a bare aedes broker (no auth, no ingest) to a
// subscriber that does nothing. Then publish → alarm-visible latency at ~10,000 readings/s.
// The publishers run in a child process (this file with --publisher) so their JSON and MQTT encoding
// does not count against the server's event loop. Prints figures; asserts nothing.
//
// BENCH_EXTERNAL=1: instead, the server in external-broker mode (MQTT_URL, Ingest shared: true) on PostgreSQL
// behind the machine's Mosquitto (BENCH_MQTT_URL, default mqtt://127.0.0.1:1883), for each subscriber count
// in BENCH_SUBSCRIBERS (default "1,4": connections in the share group per instance), beside a raw baseline
// through the same Mosquitto (an idle subscriber that acknowledges at once). Mosquitto acknowledges the
// gateways itself and drops what no longer fits a subscriber's queue (max_queued_messages), so these runs
// are closed end to end: at most BENCH_EXT_WINDOW messages (default 400) published and not yet committed
// (or, baseline, not yet received). Latency there is publish → committed (baseline: → received).
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';
import mqtt from 'mqtt';
import pg from 'pg';
import pino from 'pino';
import { sql } from 'kysely';
import { Aedes } from 'aedes';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../packages/server/src/config';
import { openDatabase, type Database } from '../packages/server/src/db/connect';
import { migrate } from '../packages/server/src/db/migrate';
import { seedDemo } from '../packages/server/src/demo/seed';
import { buildApp } from '../packages/server/src/app';
import { GatewayDirectory } from '../packages/server/src/monitoring/gateways';
import type { AlarmChange } from '../packages/server/src/monitoring/ingest';
import { startEmbeddedBroker, type EmbeddedBroker } from '../packages/server/src/mqtt/broker';
import { subscribeExternal } from '../packages/server/src/monitoring/external';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const GATEWAYS = Number(process.env.BENCH_GATEWAYS ?? 100);
const POINTS = 20;
const PER_MESSAGE = 50;
const WINDOW = Number(process.env.BENCH_WINDOW ?? 4); // QoS 1 messages in flight per connection (closed loop)
const LATENCY_RATE = 10_000; // readings/s during the alarm-latency phase
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PG_DB = 'zhiben_bench_ingest';
const EXTERNAL = process.env.BENCH_EXTERNAL === '1';
const MQTT_URL = process.env.BENCH_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const SUBSCRIBERS = (process.env.BENCH_SUBSCRIBERS ?? '1,4').split(',').map(Number);
const EXT_WINDOW = Number(process.env.BENCH_EXT_WINDOW ?? 400);

interface Gw {
  id: string;
  token: string;
  uscc: string;
  tags: string[];
}
interface PublisherJob {
  port: number;
  /** Another broker than 127.0.0.1:port (BENCH_EXTERNAL). */
  url?: string;
  gateways: Gw[];
  seconds: number;
  /**
   * closed: WINDOW in flight per connection, as fast as acks come; paced: total readings/s;
   * window: at most `window` messages published and not yet reported done by the parent (IPC `done`).
   */
  mode: 'closed' | 'paced' | 'window';
  rate?: number;
  window?: number;
}
interface PublisherResult {
  messages: number;
  readings: number;
  failed: number;
  elapsedMs: number;
  p50: number;
  p99: number;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

// ---------------------------------------------------------------- publisher (child process)

async function publisherMain(job: PublisherJob): Promise<PublisherResult> {
  const clients = await Promise.all(
    job.gateways.map(
      (g) =>
        new Promise<{ c: mqtt.MqttClient; g: Gw }>((resolve, reject) => {
          const c = mqtt.connect(job.url ?? `mqtt://127.0.0.1:${job.port}`, {
            username: g.id,
            password: g.token,
            clientId: `bench-${g.id}`,
            reconnectPeriod: 0,
            connectTimeout: 20_000,
          });
          c.once('connect', () => resolve({ c, g }));
          c.once('error', reject);
        }),
    ),
  );
  const lat: number[] = [];
  let messages = 0;
  let failed = 0;
  const last = new Map<string, number>();
  const payload = (g: Gw) => {
    // 50 readings over 20 points: each point at strictly increasing timestamps within the message.
    const base = Math.max(Date.now(), (last.get(g.id) ?? 0) + 3);
    last.set(g.id, base);
    const points = [];
    for (let i = 0; i < PER_MESSAGE; i++)
      points.push({
        tag: g.tags[i % POINTS]!,
        value: 40 + Math.random() * 10,
        ts: base + Math.floor(i / POINTS),
      });
    return JSON.stringify({ ts: base, points });
  };
  const topic = (g: Gw) => `zhiben/v1/${g.uscc}/${g.id}/telemetry`;
  let firstAt = 0;
  let lastAckAt = 0;
  const send = (c: mqtt.MqttClient, g: Gw) =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      c.publish(topic(g), payload(g), { qos: 1 }, (err) => {
        lastAckAt = performance.now();
        if (err) failed++;
        else {
          messages++;
          lat.push(lastAckAt - t0);
        }
        resolve();
      });
    });
  firstAt = performance.now();
  const end = firstAt + job.seconds * 1000;
  if (job.mode === 'closed') {
    await Promise.all(
      clients.flatMap(({ c, g }) =>
        Array.from({ length: WINDOW }, async () => {
          while (performance.now() < end && !c.disconnected) await send(c, g);
        }),
      ),
    );
  } else if (job.mode === 'window') {
    // End-to-end flow control: the parent reports how many messages were committed (or received).
    let done = 0;
    let wake: (() => void) | null = null;
    process.on('message', (m: { done?: number }) => {
      if (typeof m.done !== 'number') return;
      done = m.done;
      wake?.();
    });
    let sent = 0;
    let k = 0;
    while (performance.now() < end) {
      while (sent - done < job.window! && performance.now() < end) {
        const { c, g } = clients[k++ % clients.length]!;
        sent++;
        void send(c, g);
      }
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, 5);
      });
      wake = null;
    }
    // Broker acknowledgements only; the parent waits for the end-to-end count itself.
    await new Promise((r) => setTimeout(r, 200));
  } else {
    const perConnMsgs = job.rate! / PER_MESSAGE / clients.length; // messages/s per connection
    const period = 1000 / perConnMsgs;
    const pending: Promise<void>[] = [];
    await Promise.all(
      clients.map(
        ({ c, g }, i) =>
          new Promise<void>((resolve) => {
            setTimeout(
              () => {
                pending.push(send(c, g));
                const timer = setInterval(() => {
                  if (performance.now() >= end) {
                    clearInterval(timer);
                    resolve();
                    return;
                  }
                  pending.push(send(c, g));
                }, period);
              },
              (i / clients.length) * period,
            );
          }),
      ),
    );
    await Promise.all(pending);
  }
  await Promise.all(clients.map(({ c }) => c.endAsync()));
  lat.sort((a, b) => a - b);
  return {
    messages,
    readings: messages * PER_MESSAGE,
    failed,
    elapsedMs: lastAckAt - firstAt,
    p50: pct(lat, 50),
    p99: pct(lat, 99),
  };
}

if (process.argv.includes('--publisher')) {
  process.once('message', (job: PublisherJob) => {
    publisherMain(job).then(
      (r) => process.send!({ ok: r }, () => process.exit(0)),
      (e: Error) => process.send!({ error: String(e?.stack ?? e) }, () => process.exit(1)),
    );
  });
}

function runPublishers(job: PublisherJob, progress?: () => number): Promise<PublisherResult> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--publisher'], {
      execArgv: ['--import', 'tsx'],
    });
    // Window mode: the end-to-end count, told to the publishers every 2 ms.
    let last = -1;
    const timer = progress
      ? setInterval(() => {
          const done = progress();
          if (done !== last && child.connected) child.send({ done });
          last = done;
        }, 2)
      : null;
    child.once('message', (m: { ok?: PublisherResult; error?: string }) => {
      if (timer) clearInterval(timer);
      if (m.ok) resolve(m.ok);
      else reject(new Error(m.error));
    });
    child.once('error', reject);
    child.once('exit', (code) => code && reject(new Error(`publisher exited with ${code}`)));
    child.send(job);
  });
}

// ---------------------------------------------------------------- server side

interface Row {
  label: string;
  readingsPerSec: number;
  persistedPerSec: number | null;
  ackP50: number;
  ackP99: number;
  alarmP50?: number;
  alarmP99?: number;
  alarmN?: number;
}

async function baseline(): Promise<Row> {
  const broker = await Aedes.createBroker();
  const server = createServer(broker.handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const sub = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { clientId: 'bench-sink' });
  let received = 0;
  sub.on('message', () => {
    received++;
  });
  await sub.subscribeAsync('zhiben/v1/+/+/telemetry', { qos: 1 });
  const gateways = Array.from({ length: GATEWAYS }, (_, i) => ({
    id: `gwbase${i}`,
    token: 'x',
    uscc: '91150600MA0N000000',
    tags: Array.from({ length: POINTS }, (_, j) => `TI-${j}`),
  }));
  const r = await runPublishers({ port, gateways, seconds: SECONDS, mode: 'closed' });
  await sub.endAsync();
  await new Promise<void>((res) => server.close(() => res()));
  broker.close();
  console.log(`[baseline] ${r.messages} messages acked, ${received} delivered to the idle subscriber`);
  return {
    label: 'bare aedes → idle subscriber (baseline)',
    readingsPerSec: r.readings / (r.elapsedMs / 1000),
    persistedPerSec: null,
    ackP50: r.p50,
    ackP99: r.p99,
  };
}

async function provision(database: Database) {
  const db = database.db;
  const ents = await db
    .selectFrom('enterprises')
    .select(['id', 'uscc'])
    .orderBy('uscc')
    .limit(GATEWAYS + 1)
    .execute();
  if (ents.length < GATEWAYS + 1) throw new Error(`need ${GATEWAYS + 1} enterprises, have ${ents.length}`);
  const gws: Array<Gw & { enterpriseId: string }> = [];
  for (const e of ents) {
    const c = GatewayDirectory.newCredentials();
    await db
      .insertInto('gateways')
      .values({ id: c.id, enterprise_id: e.id, name: '压测网关', token_hash: c.hash })
      .execute();
    const tags = Array.from({ length: POINTS }, (_, j) => `TI-${String(j).padStart(3, '0')}`);
    await db
      .insertInto('monitoring_points')
      .values(
        tags.map((tag) => ({
          enterprise_id: e.id,
          tag,
          kind: 'temperature',
          unit: '℃',
          thresholds: JSON.stringify({ high: 80, highHigh: 100 }),
          deadband: 2,
          delay_on_sec: 0,
          stale_timeout_sec: 600,
        })),
      )
      .execute();
    gws.push({ id: c.id, token: c.token, uscc: e.uscc, tags, enterpriseId: e.id });
  }
  return { load: gws.slice(0, GATEWAYS), probe: gws[GATEWAYS]! };
}

async function countReadings(database: Database) {
  const r = await sql<{ n: string }>`SELECT count(*)::text AS n FROM readings`.execute(database.db);
  return Number(r.rows[0]!.n);
}

/** Alarm probe: toggles 20 points above / below the threshold on its own connection, 20 times a second. */
async function probeAlarms(app: FastifyInstance, port: number, probe: Gw, seconds: number) {
  const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, {
    username: probe.id,
    password: probe.token,
    clientId: `bench-probe-${probe.id}`,
    reconnectPeriod: 0,
  });
  const ids = new Map(
    (
      await app.deps.database.db
        .selectFrom('monitoring_points')
        .innerJoin('gateways', 'gateways.enterprise_id', 'monitoring_points.enterprise_id')
        .select(['monitoring_points.id', 'monitoring_points.tag'])
        .where('gateways.id', '=', probe.id)
        .execute()
    ).map((r) => [r.id, r.tag]),
  );
  const pending = new Map<string, number>(); // tag → publish time of the crossing reading
  const lat: number[] = [];
  const onAlarm = (ch: AlarmChange) => {
    const tag = ids.get(ch.pointId);
    if (ch.kind !== 'open' || !tag) return;
    const t0 = pending.get(tag);
    if (t0 === undefined) return;
    pending.delete(tag);
    lat.push(performance.now() - t0);
  };
  app.ingest.on('alarm', onAlarm);
  const high = new Set<string>();
  const topic = `zhiben/v1/${probe.uscc}/${probe.id}/telemetry`;
  let k = 0;
  let lastTs = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const tag = probe.tags[k++ % probe.tags.length]!;
    const up = !high.has(tag);
    const ts = Math.max(Date.now(), lastTs + 1);
    lastTs = ts;
    const body = JSON.stringify({ ts, points: [{ tag, value: up ? 90 : 50 }] });
    if (up) {
      high.add(tag);
      pending.set(tag, performance.now());
    } else high.delete(tag);
    c.publish(topic, body, { qos: 1 });
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 1000));
  app.ingest.off('alarm', onAlarm);
  await c.endAsync();
  lat.sort((a, b) => a - b);
  return { p50: pct(lat, 50), p99: pct(lat, 99), n: lat.length, missed: pending.size };
}

async function openBenchDatabase(
  kind: 'pglite' | 'postgres',
): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  if (kind === 'postgres') {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${PG_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${PG_DB}`);
    await admin.end();
    const url = new URL(PG_URL);
    url.pathname = `/${PG_DB}`;
    const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '.' });
    const cleanup = async () => {
      const a = new pg.Client({ connectionString: PG_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${PG_DB} WITH (FORCE)`);
      await a.end();
    };
    return { database, cleanup };
  }
  const dir = mkdtempSync(join(tmpdir(), 'zhiben-bench-ingest-'));
  const database = await openDatabase({ dataDir: dir });
  return { database, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function benchDatabase(kind: 'pglite' | 'postgres'): Promise<Row[]> {
  const { database, cleanup } = await openBenchDatabase(kind);
  const t0 = Date.now();
  await migrate(database.db);
  await seedDemo(database.db, 200);
  const config = loadConfig({ NODE_ENV: 'test', ZHIBEN_BACKGROUND: '0', LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, database });
  const { load, probe } = await provision(database);
  const broker: EmbeddedBroker = await startEmbeddedBroker({
    port: 0,
    host: '127.0.0.1',
    demo: true,
    logger: pino({ level: 'silent' }),
    authenticate: async (u, p) => !!(await app.gateways.authenticate(u, p)),
    onPublish: (u, topic, payload) => app.gateways.handlePublish(app.ingest, u, topic, payload),
  });
  console.log(
    `[${kind}] ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${load.length} gateways × ${POINTS} points, broker :${broker.port}`,
  );

  // 1. Sustained throughput, closed loop.
  const before = await countReadings(database);
  const thr = await runPublishers({ port: broker.port, gateways: load, seconds: SECONDS, mode: 'closed' });
  const persisted = (await countReadings(database)) - before;
  const rej = await database.db
    .selectFrom('gateways')
    .select([sql<string>`sum(rejected)::text`.as('n'), sql<string | null>`max(last_error)`.as('err')])
    .executeTakeFirstOrThrow();
  console.log(
    `[${kind}] throughput: ${thr.messages} messages acked (${thr.failed} failed), ${persisted} readings persisted` +
      (persisted !== thr.readings ? ` of ${thr.readings} acked` : '') +
      (Number(rej.n) ? `; ${rej.n} readings rejected by ingest, e.g. ${rej.err?.slice(0, 120)}` : ''),
  );
  const rows: Row[] = [
    {
      label: `${kind}: embedded broker + ingest (max)`,
      readingsPerSec: thr.readings / (thr.elapsedMs / 1000),
      persistedPerSec: persisted / (thr.elapsedMs / 1000),
      ackP50: thr.p50,
      ackP99: thr.p99,
    },
  ];

  // 2. Publish → alarm visible at ~10,000 readings/s.
  const latSeconds = Math.max(5, Math.round(SECONDS * 0.8));
  const before2 = await countReadings(database);
  const [paced, alarm] = await Promise.all([
    runPublishers({
      port: broker.port,
      gateways: load,
      seconds: latSeconds,
      mode: 'paced',
      rate: LATENCY_RATE,
    }),
    new Promise((r) => setTimeout(r, 1500)).then(() => probeAlarms(app, broker.port, probe, latSeconds - 2)),
  ]);
  const persisted2 = (await countReadings(database)) - before2;
  console.log(
    `[${kind}] latency phase: ${alarm.n} alarms timed (${alarm.missed} not seen), ${persisted2} readings persisted`,
  );
  rows.push({
    label: `${kind}: at ${LATENCY_RATE.toLocaleString('en')} readings/s`,
    readingsPerSec: paced.readings / (paced.elapsedMs / 1000),
    persistedPerSec: persisted2 / (paced.elapsedMs / 1000),
    ackP50: paced.p50,
    ackP99: paced.p99,
    alarmP50: alarm.p50,
    alarmP99: alarm.p99,
    alarmN: alarm.n,
  });

  await broker.close();
  await app.close();
  await database.close();
  await cleanup();
  return rows;
}

// ---------------------------------------------------------------- external broker (BENCH_EXTERNAL=1)

/** Removes a persistent session from the broker (connect with clean start and expiry 0). */
async function dropSession(clientId: string) {
  const c = await mqtt.connectAsync(MQTT_URL, {
    clientId,
    protocolVersion: 5,
    clean: true,
    properties: { sessionExpiryInterval: 0 },
    reconnectPeriod: 0,
  });
  await c.endAsync();
}

/** Publish → done latencies, from the `ts` each publisher writes into its payload (one clock). */
function latencies() {
  const lat: number[] = [];
  return {
    add(body: unknown) {
      const ts = (body as { ts?: unknown } | null)?.ts;
      if (typeof ts === 'number') lat.push(Date.now() - ts);
    },
    p(q: number) {
      lat.sort((a, b) => a - b);
      return pct(lat, q);
    },
  };
}

async function externalBaseline(): Promise<Row> {
  const run = Math.random().toString(36).slice(2, 8);
  const clientId = `bench-ext-sink-${run}`;
  const sub = await mqtt.connectAsync(MQTT_URL, {
    clientId,
    protocolVersion: 5,
    clean: false,
    properties: { sessionExpiryInterval: 60 },
  });
  let received = 0;
  const lat = latencies();
  // Only this run's gateways: anything else published on the machine's broker is not counted.
  sub.on('message', (topic, payload) => {
    if (!topic.includes(`/gwext${run}`)) return;
    received++;
    lat.add(JSON.parse(payload.toString('utf8')));
  });
  await sub.subscribeAsync(`$share/bench${run}/zhiben/v1/+/+/telemetry`, { qos: 1 });
  const gateways = Array.from({ length: GATEWAYS }, (_, i) => ({
    id: `gwext${run}${i}`,
    token: 'x',
    uscc: '91150600MA0N000000',
    tags: Array.from({ length: POINTS }, (_, j) => `TI-${j}`),
  }));
  const r = await runPublishers(
    { port: 0, url: MQTT_URL, gateways, seconds: SECONDS, mode: 'window', window: EXT_WINDOW },
    () => received,
  );
  const end = Date.now() + 10_000;
  while (received < r.messages && Date.now() < end) await new Promise((res) => setTimeout(res, 20));
  await sub.endAsync();
  await dropSession(clientId);
  console.log(`[external baseline] ${r.messages} messages published, ${received} received`);
  return {
    label: 'Mosquitto → idle subscriber (baseline)',
    readingsPerSec: (received * PER_MESSAGE) / (r.elapsedMs / 1000),
    persistedPerSec: null,
    ackP50: lat.p(50),
    ackP99: lat.p(99),
  };
}

async function benchExternal(subscribers: number): Promise<Row> {
  const { database, cleanup } = await openBenchDatabase('postgres');
  const t0 = Date.now();
  await migrate(database.db);
  await seedDemo(database.db, 200);
  const config = loadConfig({ NODE_ENV: 'test', ZHIBEN_BACKGROUND: '0', LOG_LEVEL: 'silent', MQTT_URL });
  const app = await buildApp({ config, database });
  const { load } = await provision(database);
  // Committed messages, counted where the external subscription waits for them.
  let committed = 0;
  const lat = latencies();
  const ingest = app.ingest.ingest.bind(app.ingest);
  app.ingest.ingest = async (gw, body, now) => {
    const r = await ingest(gw, body, now);
    committed++;
    lat.add(body);
    return r;
  };
  const run = Math.random().toString(36).slice(2, 8);
  const clientId = `bench-ext-${run}`;
  const sub = await subscribeExternal(MQTT_URL, app.gateways, app.ingest, pino({ level: 'silent' }), {
    clientId,
    sessionExpirySec: 60,
    group: `bench${run}`,
    subscribers,
  });
  await sub.drained;
  console.log(
    `[external ×${subscribers}] ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${load.length} gateways × ${POINTS} points`,
  );
  const before = await countReadings(database);
  const r = await runPublishers(
    { port: 0, url: MQTT_URL, gateways: load, seconds: SECONDS, mode: 'window', window: EXT_WINDOW },
    () => committed,
  );
  const end = Date.now() + 30_000;
  while (committed < r.messages && Date.now() < end) await new Promise((res) => setTimeout(res, 20));
  const persisted = (await countReadings(database)) - before;
  console.log(
    `[external ×${subscribers}] ${r.messages} messages published, ${committed} committed and acknowledged, ${persisted} readings persisted`,
  );
  await sub.close();
  await app.close();
  await database.close();
  await cleanup();
  for (const id of sub.clientIds) await dropSession(id);
  return {
    label: `postgres: Mosquitto → external subscription ×${subscribers} + ingest (shared)`,
    readingsPerSec: (committed * PER_MESSAGE) / (r.elapsedMs / 1000),
    persistedPerSec: persisted / (r.elapsedMs / 1000),
    ackP50: lat.p(50),
    ackP99: lat.p(99),
  };
}

async function mainExternal() {
  const started = Date.now();
  const rows: Row[] = [await externalBaseline()];
  for (const n of SUBSCRIBERS) rows.push(await benchExternal(n));
  const base = rows[0]!.readingsPerSec;
  const f = (n: number | null | undefined, d = 0) => (n === null || n === undefined ? '—' : n.toFixed(d));
  console.log(
    `\nExternal broker ${MQTT_URL}, ${GATEWAYS} publisher connections, QoS 1, ${PER_MESSAGE} readings/message, ${SECONDS} s per run, ` +
      `end-to-end window ${EXT_WINDOW} messages`,
  );
  console.table(
    rows.map((r) => ({
      run: r.label,
      'readings/s committed': f(r.readingsPerSec),
      'readings/s persisted': f(r.persistedPerSec),
      '× baseline': (r.readingsPerSec / base).toFixed(2),
      'publish → done p50 ms': f(r.ackP50, 1),
      'publish → done p99 ms': f(r.ackP99, 1),
    })),
  );
  console.log(`Total ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

async function main() {
  const started = Date.now();
  const rows: Row[] = [await baseline()];
  for (const kind of ['pglite', 'postgres'] as const) {
    try {
      rows.push(...(await benchDatabase(kind)));
    } catch (e) {
      console.error(`[${kind}] skipped: ${(e as Error).message}`);
    }
  }
  const base = rows[0]!.readingsPerSec;
  const f = (n: number | null | undefined, d = 0) => (n === null || n === undefined ? '—' : n.toFixed(d));
  console.log(
    `\nMQTT ingest, ${GATEWAYS} connections, QoS 1, ${PER_MESSAGE} readings/message, ${SECONDS} s per run, window ${WINDOW}/connection`,
  );
  console.table(
    rows.map((r) => ({
      run: r.label,
      'readings/s acked': f(r.readingsPerSec),
      'readings/s persisted': f(r.persistedPerSec),
      '× baseline': (r.readingsPerSec / base).toFixed(2),
      'PUBACK p50 ms': f(r.ackP50, 1),
      'PUBACK p99 ms': f(r.ackP99, 1),
      'alarm p50 ms': f(r.alarmP50, 1),
      'alarm p99 ms': f(r.alarmP99, 1),
      'alarms timed': r.alarmN ?? '—',
    })),
  );
  console.log(
    'Targets: ≥ 20,000 readings/s persisted with alarm evaluation (2 cores) and ≥ 0.5 × baseline; p99 publish → alarm visible < 250 ms at 10,000 readings/s.',
  );
  console.log(`Total ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

if (!process.argv.includes('--publisher')) await (EXTERNAL ? mainExternal() : main());
