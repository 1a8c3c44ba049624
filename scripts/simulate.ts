// npm run simulate -- --enterprises 50 --rate 1000 [--url http://127.0.0.1:3000] [--mqtt mqtt://127.0.0.1:1883]
//                     [--duration 60] [--faults] [--state file]
// A telemetry simulator for the demo and the e2e tests. Logs in as city-admin through the HTTP API, picks demo
// enterprises (hazardous-chemical major hazards and coal mines first), gives each (idempotently) a gateway and
// a handful of monitoring points with sensible thresholds, then publishes random-walk readings over MQTT (QoS 1)
// to zhiben/v1/<uscc>/<gatewayId>/telemetry at the given total rate, one message per gateway per round.
// --faults adds threshold crossings, flapping around a threshold, gateways going silent and malformed messages.
// Gateway tokens are shown once by the API, so they are kept in a state file; a gateway whose token is lost
// is revoked and a new one registered.
import { parseArgs } from 'node:util';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';

const { values: args } = parseArgs({
  options: {
    enterprises: { type: 'string', default: '50' },
    rate: { type: 'string', default: '1000' },
    url: { type: 'string', default: process.env.ZHIBEN_URL ?? 'http://127.0.0.1:3000' },
    mqtt: {
      type: 'string',
      default: process.env.MQTT_URL ?? `mqtt://127.0.0.1:${process.env.MQTT_PORT ?? 1883}`,
    },
    duration: { type: 'string' },
    faults: { type: 'boolean', default: false },
    state: { type: 'string' },
    username: { type: 'string', default: 'city-admin' },
    password: { type: 'string', default: 'zhiben-demo' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log(
    readFileSync(new URL(import.meta.url), 'utf8')
      .split('\n')
      .slice(0, 9)
      .join('\n'),
  );
  process.exit(0);
}
const ENTERPRISES = Math.max(1, Number(args.enterprises));
const RATE = Math.max(1, Number(args.rate));
const DURATION = args.duration ? Number(args.duration) : Infinity;
const BASE = args.url.replace(/\/$/, '');
const STATE_FILE =
  args.state ?? join(tmpdir(), `zhiben-simulate-${new URL(BASE).host.replace(/[^A-Za-z0-9]/g, '_')}.json`);

// ---------------------------------------------------------------- point templates

interface Template {
  tag: string;
  kind: string;
  unit: string;
  thresholds: { lowLow?: number; low?: number; high?: number; highHigh?: number };
  deadband: number;
  delayOnSec: number;
  /** normal operating value and random-walk step; values stay within [min, max] */
  normal: number;
  step: number;
  min: number;
  max: number;
}
const STALE = 60;
const HAZMAT: Template[] = [
  {
    tag: 'TI-101',
    kind: 'temperature',
    unit: '℃',
    thresholds: { high: 80, highHigh: 100 },
    deadband: 2,
    delayOnSec: 5,
    normal: 45,
    step: 0.4,
    min: -30,
    max: 150,
  },
  {
    tag: 'PI-101',
    kind: 'pressure',
    unit: 'MPa',
    thresholds: { low: 0.3, high: 1.6, highHigh: 2.0 },
    deadband: 0.05,
    delayOnSec: 3,
    normal: 1.0,
    step: 0.01,
    min: 0,
    max: 3,
  },
  {
    tag: 'LI-101',
    kind: 'level',
    unit: '%',
    thresholds: { lowLow: 10, low: 20, high: 85, highHigh: 95 },
    deadband: 1,
    delayOnSec: 5,
    normal: 55,
    step: 0.3,
    min: 0,
    max: 100,
  },
  {
    tag: 'GI-101',
    kind: 'combustible_gas',
    unit: '%LEL',
    thresholds: { high: 25, highHigh: 50 },
    deadband: 2,
    delayOnSec: 0,
    normal: 1,
    step: 0.3,
    min: 0,
    max: 100,
  },
  {
    tag: 'GI-102',
    kind: 'combustible_gas',
    unit: '%LEL',
    thresholds: { high: 25, highHigh: 50 },
    deadband: 2,
    delayOnSec: 0,
    normal: 1,
    step: 0.3,
    min: 0,
    max: 100,
  },
  // Power load (电力监测): the enterprise's meter in kW; the power job compares it with the idle baseline.
  {
    tag: 'EP-101',
    kind: 'power_load',
    unit: 'kW',
    thresholds: { high: 1500, highHigh: 2000 },
    deadband: 20,
    delayOnSec: 10,
    normal: 800,
    step: 10,
    min: 0,
    max: 4000,
  },
];
const COAL: Template[] = [
  {
    tag: 'CH4-101',
    kind: 'methane',
    unit: '%CH₄',
    thresholds: { high: 0.8, highHigh: 1.0 },
    deadband: 0.05,
    delayOnSec: 0,
    normal: 0.25,
    step: 0.01,
    min: 0,
    max: 5,
  },
  {
    tag: 'CH4-102',
    kind: 'methane',
    unit: '%CH₄',
    thresholds: { high: 0.8, highHigh: 1.0 },
    deadband: 0.05,
    delayOnSec: 0,
    normal: 0.3,
    step: 0.01,
    min: 0,
    max: 5,
  },
  {
    tag: 'O2-101',
    kind: 'oxygen',
    unit: '%O₂',
    thresholds: { lowLow: 18, low: 19.5 },
    deadband: 0.2,
    delayOnSec: 3,
    normal: 20.8,
    step: 0.03,
    min: 10,
    max: 23,
  },
  {
    tag: 'TI-201',
    kind: 'temperature',
    unit: '℃',
    thresholds: { high: 30, highHigh: 34 },
    deadband: 0.5,
    delayOnSec: 5,
    normal: 24,
    step: 0.1,
    min: 0,
    max: 60,
  },
  {
    tag: 'PI-201',
    kind: 'pressure',
    unit: 'kPa',
    thresholds: { low: 80, high: 110 },
    deadband: 0.5,
    delayOnSec: 5,
    normal: 92,
    step: 0.2,
    min: 50,
    max: 150,
  },
  {
    tag: 'GI-201',
    kind: 'combustible_gas',
    unit: '%LEL',
    thresholds: { high: 20, highHigh: 40 },
    deadband: 2,
    delayOnSec: 0,
    normal: 0.5,
    step: 0.2,
    min: 0,
    max: 100,
  },
  // Power load (电力监测): the enterprise's meter in kW; the power job compares it with the idle baseline.
  {
    tag: 'EP-101',
    kind: 'power_load',
    unit: 'kW',
    thresholds: { high: 5000, highHigh: 6000 },
    deadband: 20,
    delayOnSec: 10,
    normal: 3000,
    step: 30,
    min: 0,
    max: 12000,
  },
];

// ---------------------------------------------------------------- HTTP API

let cookie = '';
async function api<T = unknown>(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  const r = await fetch(`${BASE}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: r.status, json: json as T };
}
function must<T>(r: { status: number; json: T }, what: string): T {
  if (r.status >= 400) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`);
  return r.json;
}

interface Enterprise {
  id: string;
  uscc: string;
  name: string;
  categories: string[];
}
interface SimGateway {
  id: string;
  token: string;
  enterprise: Enterprise;
  templates: Template[];
  values: number[];
  lastTs: number;
  client?: mqtt.MqttClient;
  silentUntil: number;
  inflight: number;
}

async function login() {
  const r = await fetch(`${BASE}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: args.username, password: args.password }),
  });
  if (r.status !== 200)
    throw new Error(`login as ${args.username} failed: HTTP ${r.status} ${await r.text()}`);
  cookie = r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/**
 * The enterprise of the demo account `enterprise-demo`, so that its principal sees live data on the wall,
 * the alarm centre and the power page; undefined outside demo mode (the login is refused there).
 */
async function demoAccountEnterprise(): Promise<Enterprise | undefined> {
  const r = await fetch(`${BASE}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'enterprise-demo', password: args.password }),
  }).catch(() => undefined);
  if (!r?.ok) return undefined;
  const id = ((await r.json()) as { user?: { enterpriseId?: string | null } }).user?.enterpriseId;
  if (!id) return undefined;
  const e = await api<Enterprise>('GET', `/api/enterprises/${id}`);
  return e.status === 200 ? e.json : undefined;
}

async function pickEnterprises(n: number): Promise<Enterprise[]> {
  const list = async (q: string) =>
    must(
      await api<{ items: Enterprise[] }>('GET', `/api/enterprises?${q}&pageSize=500&sort=name`),
      'enterprise list',
    ).items;
  const hazmat = await list('category=hazmat_major_hazard');
  const coal = await list('category=coal_mine');
  const picked = new Map<string, Enterprise>();
  const demo = await demoAccountEnterprise();
  if (demo) picked.set(demo.id, demo);
  // Alternate the two categories so a small N still shows both kinds.
  for (let i = 0; picked.size < n && (i < hazmat.length || i < coal.length); i++) {
    for (const e of [hazmat[i], coal[i]]) if (e && picked.size < n) picked.set(e.id, e);
  }
  if (picked.size < n)
    for (const e of await list('status=operating')) if (picked.size < n) picked.set(e.id, e);
  return [...picked.values()];
}

type State = Record<string, { id: string; token: string }>; // enterpriseId → gateway credentials
const loadState = (): State =>
  existsSync(STATE_FILE) ? (JSON.parse(readFileSync(STATE_FILE, 'utf8')) as State) : {};

async function provision(e: Enterprise, state: State): Promise<SimGateway> {
  const templates = e.categories.includes('coal_mine') ? COAL : HAZMAT;
  const existing = must(
    await api<{ items: Array<{ tag: string }> }>('GET', `/api/monitoring/points?enterpriseId=${e.id}`),
    'points list',
  ).items;
  const have = new Set(existing.map((p) => p.tag));
  for (const t of templates) {
    if (have.has(t.tag)) continue;
    const r = await api('POST', '/api/monitoring/points', {
      enterpriseId: e.id,
      tag: t.tag,
      kind: t.kind,
      unit: t.unit,
      thresholds: t.thresholds,
      deadband: t.deadband,
      delayOnSec: t.delayOnSec,
      staleTimeoutSec: STALE,
      zone: '模拟器 simulator',
    });
    if (r.status !== 409) must(r, `point ${t.tag} of ${e.name}`);
  }
  const gws = must(
    await api<{ items: Array<{ id: string; name: string; revokedAt: string | null }> }>(
      'GET',
      `/api/monitoring/gateways?enterpriseId=${e.id}`,
    ),
    'gateway list',
  ).items.filter((g) => g.name === '模拟网关' && !g.revokedAt);
  const known = state[e.id];
  let cred = known && gws.some((g) => g.id === known.id) ? known : undefined;
  if (!cred) {
    // The token of an existing simulator gateway is not retrievable: revoke it and register a new one.
    for (const g of gws) await api('POST', `/api/monitoring/gateways/${g.id}/actions/revoke`, {});
    const g = must(
      await api<{ id: string; token: string }>('POST', '/api/monitoring/gateways', {
        enterpriseId: e.id,
        name: '模拟网关',
      }),
      `gateway of ${e.name}`,
    );
    cred = { id: g.id, token: g.token };
    state[e.id] = cred;
  }
  return {
    ...cred,
    enterprise: e,
    templates,
    values: templates.map((t) => t.normal),
    lastTs: 0,
    silentUntil: 0,
    inflight: 0,
  };
}

// ---------------------------------------------------------------- faults

type Fault =
  | { kind: 'excursion'; gw: SimGateway; point: number; target: number; until: number }
  | { kind: 'flap'; gw: SimGateway; point: number; around: number; amp: number; until: number };
const faults: Fault[] = [];
const rnd = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
const log = (msg: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${msg}`);

function injectFault(gws: SimGateway[], now: number) {
  const gw = rnd(gws);
  const i = Math.floor(Math.random() * gw.templates.length);
  const t = gw.templates[i]!;
  const roll = Math.random();
  const who = `${gw.enterprise.name} ${t.tag}`;
  if (roll < 0.35) {
    const th = t.thresholds;
    const target =
      th.highHigh !== undefined
        ? th.highHigh + (th.highHigh - t.normal) * 0.1
        : th.high !== undefined
          ? th.high + (th.high - t.normal) * 0.2
          : th.lowLow !== undefined
            ? th.lowLow - (t.normal - th.lowLow) * 0.1
            : th.low! - (t.normal - th.low!) * 0.2;
    faults.push({ kind: 'excursion', gw, point: i, target, until: now + 40_000 });
    log(`fault: threshold crossing — ${who} heading to ${target.toFixed(2)} ${t.unit} for 40 s`);
  } else if (roll < 0.55) {
    const around = t.thresholds.high ?? t.thresholds.low!;
    faults.push({
      kind: 'flap',
      gw,
      point: i,
      around,
      amp: Math.max(t.deadband * 0.8, t.step),
      until: now + 30_000,
    });
    log(`fault: flapping — ${who} oscillating around ${around} ${t.unit} (deadband ${t.deadband}) for 30 s`);
  } else if (roll < 0.75) {
    if (gw.silentUntil > now) return;
    gw.silentUntil = now + (STALE + 90) * 1000;
    log(
      `fault: gateway ${gw.id} of ${gw.enterprise.name} goes silent for ${STALE + 90} s (offline after ${STALE} s)`,
    );
  } else {
    const topic = `zhiben/v1/${gw.enterprise.uscc}/${gw.id}/telemetry`;
    const bad = rnd([
      { what: 'invalid JSON', body: '{"ts": 1, "points": [' },
      {
        what: 'unknown tag',
        body: JSON.stringify({ ts: Date.now(), points: [{ tag: 'XX-999', value: 1 }] }),
      },
      {
        what: 'far-future timestamp',
        body: JSON.stringify({ ts: Date.now() + 86_400_000, points: [{ tag: t.tag, value: t.normal }] }),
      },
      {
        what: 'non-numeric value',
        body: JSON.stringify({ ts: Date.now(), points: [{ tag: t.tag, value: 'NaN?' }] }),
      },
      { what: 'no points', body: JSON.stringify({ hello: 'world' }) },
    ]);
    gw.client?.publish(topic, bad.body, { qos: 1 });
    log(`fault: malformed message (${bad.what}) from ${gw.id} of ${gw.enterprise.name}`);
  }
}

function nextValue(gw: SimGateway, i: number, now: number): number {
  const t = gw.templates[i]!;
  const f = faults.find((x) => x.gw === gw && x.point === i && x.until > now);
  let v = gw.values[i]!;
  if (f?.kind === 'flap') {
    v = f.around + (Math.random() * 2 - 1) * f.amp;
  } else {
    const target = f?.kind === 'excursion' ? f.target : t.normal;
    // Mean-reverting random walk (Ornstein–Uhlenbeck-like): drifts to the target, noise of `step`.
    v += (target - v) * (f ? 0.08 : 0.02) + (Math.random() * 2 - 1) * t.step;
  }
  v = Math.min(t.max, Math.max(t.min, v));
  gw.values[i] = v;
  const digits = t.step < 0.05 ? 3 : 2;
  return Number(v.toFixed(digits));
}

// ---------------------------------------------------------------- main

async function main() {
  console.log(
    `simulate: ${BASE}, MQTT ${args.mqtt}, ${ENTERPRISES} enterprises, ${RATE} readings/s${args.faults ? ', faults on' : ''}`,
  );
  await login();
  const ents = await pickEnterprises(ENTERPRISES);
  if (!ents.length) throw new Error('no enterprises found (is the server in demo mode?)');
  const state = loadState();
  const gws: SimGateway[] = [];
  for (const e of ents) gws.push(await provision(e, state));
  writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
  const points = gws.reduce((n, g) => n + g.templates.length, 0);
  console.log(
    `provisioned ${gws.length} gateways, ${points} points (${gws.filter((g) => g.templates === COAL).length} coal mines); credentials in ${STATE_FILE}`,
  );

  let connected = 0;
  await Promise.all(
    gws.map(
      (g) =>
        new Promise<void>((resolve) => {
          const c = mqtt.connect(args.mqtt, {
            username: g.id,
            password: g.token,
            clientId: `sim-${g.id}`,
            clean: false, // QoS 1 messages in flight survive a reconnect
            reconnectPeriod: 2000,
            connectTimeout: 10_000,
          });
          g.client = c;
          let first = true;
          c.on('connect', () => {
            connected++;
            if (first) resolve();
            first = false;
          });
          c.on('close', () => {
            if (!first) connected = Math.max(0, connected - 1);
          });
          c.on('error', (e) => {
            if (first) {
              console.error(`gateway ${g.id}: ${e.message}`);
              first = false;
              resolve();
            }
          });
        }),
    ),
  );
  if (!connected)
    throw new Error(
      `no gateway could connect to ${args.mqtt} (check --mqtt: npm start prints the MQTT port)`,
    );

  let published = 0;
  let acked = 0;
  let failed = 0;
  let skipped = 0;
  let lastPrinted = { published: 0, acked: 0, at: Date.now() };
  const started = Date.now();
  let stopping = false;
  // One message per gateway per round, all its points; rounds per second = rate / points.
  const roundsPerSec = RATE / points;
  const tickMs = 50;
  let budget = 0;
  let cursor = 0;
  let nextFault = started + 5_000;

  const timer = setInterval(() => {
    const now = Date.now();
    if (args.faults && now >= nextFault) {
      injectFault(gws, now);
      nextFault = now + 4_000 + Math.random() * 8_000;
    }
    for (let i = faults.length - 1; i >= 0; i--) if (faults[i]!.until <= now) faults.splice(i, 1);
    budget += (roundsPerSec * gws.length * tickMs) / 1000; // messages due this tick
    while (budget >= 1) {
      budget -= 1;
      const g = gws[cursor++ % gws.length]!;
      if (g.silentUntil > now) continue;
      if (g.silentUntil && g.silentUntil <= now) {
        g.silentUntil = 0;
        log(`gateway ${g.id} of ${g.enterprise.name} is back`);
      }
      if (!g.client?.connected || g.inflight > 200) {
        skipped++;
        continue;
      }
      const ts = Math.max(now, g.lastTs + 1);
      g.lastTs = ts;
      const body = JSON.stringify({
        ts,
        points: g.templates.map((t, i) => ({ tag: t.tag, value: nextValue(g, i, now) })),
      });
      g.inflight++;
      published += g.templates.length;
      const n = g.templates.length;
      g.client.publish(`zhiben/v1/${g.enterprise.uscc}/${g.id}/telemetry`, body, { qos: 1 }, (err) => {
        g.inflight--;
        if (err) failed += n;
        else acked += n;
      });
    }
  }, tickMs);

  const report = setInterval(() => {
    const now = Date.now();
    const dt = (now - lastPrinted.at) / 1000;
    log(
      `published ${published} readings (${((published - lastPrinted.published) / dt).toFixed(0)}/s), acked ${acked} (${((acked - lastPrinted.acked) / dt).toFixed(0)}/s)` +
        `, gateways connected ${connected}/${gws.length}` +
        (failed ? `, failed ${failed}` : '') +
        (skipped ? `, skipped ${skipped} messages (gateway disconnected or backlogged)` : '') +
        (args.faults
          ? `, silent ${gws.filter((g) => g.silentUntil > now).length}, active faults ${faults.length}`
          : ''),
    );
    lastPrinted = { published, acked, at: now };
  }, 5000);

  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    clearInterval(report);
    log(`stopping (${why}): waiting for outstanding acknowledgements…`);
    const deadline = Date.now() + 5000;
    while (gws.some((g) => g.inflight > 0) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    await Promise.all(gws.map((g) => g.client?.endAsync(true).catch(() => {})));
    const secs = (Date.now() - started) / 1000;
    log(
      `done: ${published} readings published, ${acked} acknowledged, ${published - acked - failed} unacknowledged, ${failed} failed in ${secs.toFixed(0)} s (${(acked / secs).toFixed(0)} acked/s)`,
    );
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('Ctrl-C'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  if (Number.isFinite(DURATION)) setTimeout(() => void stop(`--duration ${DURATION}`), DURATION * 1000);
}

main().catch((e: Error) => {
  console.error(`simulate: ${e.message}`);
  process.exit(1);
});
