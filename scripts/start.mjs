#!/usr/bin/env node
// `npm start`: builds the web once (or when its sources changed), then runs the server in this process's place.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dist = 'packages/web/dist/index.html';
const newest = (dir) =>
  readdirSync(dir, { recursive: true }).reduce((m, f) => {
    const p = join(dir, String(f));
    return p.includes('node_modules') ? m : Math.max(m, statSync(p).mtimeMs);
  }, 0);

const sources = [
  'packages/web/src',
  'packages/web/index.html',
  'packages/web/vite.config.ts',
  'packages/domain/src',
].filter(existsSync);
const stale =
  !existsSync(dist) ||
  sources.some((s) => (statSync(s).isDirectory() ? newest(s) : statSync(s).mtimeMs) > statSync(dist).mtimeMs);
if (stale && existsSync('packages/web/index.html')) {
  console.log('构建网页 (building the web UI)…');
  const r = spawnSync('npm', ['run', 'build', '-w', '@zhiben/web'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], {
  stdio: 'inherit',
});
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
