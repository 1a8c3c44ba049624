#!/usr/bin/env node
/* global fetch, setTimeout, clearTimeout */
// Runs the Playwright journeys in e2e/ against a freshly started server with its own data directory.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const log = (...a) => console.log('[e2e]', ...a);

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  log('chromium missing: installing it with apt-get');
  const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit' });
  run(['update']);
  const r = run(['install', '-y', 'chromium', 'fonts-wqy-microhei']);
  if (r.status !== 0) throw new Error('apt-get install chromium failed');
}

function ensureWebBuilt() {
  if (existsSync(join(root, 'packages/web/dist/index.html')) && !process.argv.includes('--build')) return;
  log('building the web (packages/web/dist)');
  const r = spawnSync('npx', ['vite', 'build'], { cwd: join(root, 'packages/web'), stdio: 'inherit' });
  if (r.status !== 0) throw new Error('web build failed');
}

async function waitForHealth(base, server, timeoutMs = 180_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`server exited early with code ${server.exitCode}`);
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) return await r.json();
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('server did not become healthy in time');
}

function stop(child, timeoutMs = 20_000) {
  return new Promise((res) => {
    if (child.exitCode !== null || child.signalCode !== null) return res();
    const t = setTimeout(() => {
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(t);
      res();
    });
    child.kill('SIGTERM');
  });
}

ensureChromium();
ensureWebBuilt();

const dataDir = mkdtempSync(join(tmpdir(), 'zhiben-e2e-'));
const port = await freePort();
const mqttPort = await freePort();
const base = `http://127.0.0.1:${port}`;
log(`starting server on ${base} (DATA_DIR ${dataDir})`);
const server = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], {
  cwd: root,
  env: {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    MQTT_PORT: String(mqttPort),
    DATA_DIR: dataDir,
    DEMO_ENTERPRISES: process.env.DEMO_ENTERPRISES ?? '300',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});

let code = 1;
try {
  const health = await waitForHealth(base, server);
  log('server healthy', JSON.stringify(health));
  const files = readdirSync(join(root, 'e2e'))
    .filter((f) => f.endsWith('.e2e.ts'))
    .filter((f) => !process.env.E2E_ONLY || f.includes(process.env.E2E_ONLY))
    .map((f) => join('e2e', f));
  const tests = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], {
    cwd: root,
    env: { ...process.env, E2E_BASE_URL: base },
    stdio: 'inherit',
  });
  code = await new Promise((res) => tests.on('exit', (c, sig) => res(c ?? (sig ? 1 : 0))));
} catch (e) {
  console.error('[e2e]', e instanceof Error ? e.message : e);
  code = 1;
} finally {
  await stop(server);
  rmSync(dataDir, { recursive: true, force: true });
}
log(`done, exit code ${code}`);
process.exit(code);
