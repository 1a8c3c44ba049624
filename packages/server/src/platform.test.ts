import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { ConfigError, loadConfig } from './config';
import { DataDirLockedError, lockDataDir } from './lock';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe('configuration', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({});
    assert.equal(c.PORT, 3000);
    assert.equal(c.DATA_DIR, './data');
    assert.equal(c.MQTT_PORT, 1883);
    assert.equal(c.demo, true);
  });

  it('lists every invalid variable at once, in Chinese', () => {
    assert.throws(
      () => loadConfig({ PORT: 'abc', MQTT_PORT: '70000', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' }),
      (e: Error) =>
        e instanceof ConfigError &&
        ['PORT', 'MQTT_PORT', 'DATABASE_URL', 'LOG_LEVEL'].every((v) => e.message.includes(v)) &&
        /配置错误/.test(e.message),
    );
  });

  it('refuses production without SECRET', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /SECRET/);
    assert.equal(loadConfig({ NODE_ENV: 'production', SECRET: 'x'.repeat(32) }).demo, false);
  });
});

describe('data directory lock', () => {
  it('refuses a directory held by a live process and takes over a stale lock', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhiben-lock-'));
    const holder = spawn('sleep', ['30']);
    try {
      writeFileSync(join(dir, 'zhiben.lock'), String(holder.pid));
      assert.throws(() => lockDataDir(dir), DataDirLockedError);
      holder.kill();
      await new Promise((r) => holder.on('exit', r));
      const unlock = lockDataDir(dir);
      assert.ok(existsSync(join(dir, 'zhiben.lock')));
      unlock();
      assert.ok(!existsSync(join(dir, 'zhiben.lock')));
    } finally {
      holder.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the server process', () => {
  it('refuses a second server on the same DATA_DIR and shuts down cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhiben-proc-'));
    const start = async (): Promise<{ child: ChildProcess; port: number; out: () => string }> => {
      const port = await freePort();
      const child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], {
        env: {
          ...process.env,
          NODE_ENV: 'development',
          DATA_DIR: dir,
          PORT: String(port),
          HOST: '127.0.0.1',
          MQTT_PORT: String(await freePort()),
          DEMO_ENTERPRISES: '20',
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout!.on('data', (d) => (out += d));
      child.stderr!.on('data', (d) => (out += d));
      return { child, port, out: () => out };
    };
    const exitCode = (c: ChildProcess) => new Promise<number | null>((r) => c.on('exit', (code) => r(code)));
    const first = await start();
    try {
      const t0 = Date.now();
      for (;;) {
        assert.ok(Date.now() - t0 < 120_000, `not healthy: ${first.out()}`);
        const ok = await fetch(`http://127.0.0.1:${first.port}/api/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      const second = await start();
      assert.equal(await exitCode(second.child), 3);
      assert.match(second.out(), /已被另一个 zhiben 进程/);

      // An in-flight request finishes during shutdown.
      const inflight = fetch(`http://127.0.0.1:${first.port}/api/health`).then((r) => r.status);
      const exited = exitCode(first.child);
      first.child.kill('SIGTERM');
      assert.equal(await inflight, 200);
      assert.equal(await exited, 0);
      assert.ok(!existsSync(join(dir, 'zhiben.lock')), 'lock released');
    } finally {
      first.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
