#!/usr/bin/env node
// The test command: builds a database template, then runs every *.test.ts with node's test runner.
// PGlite by default; with TEST_DATABASE_URL (or --pg: postgres://postgres@127.0.0.1:5432/test) on PostgreSQL,
// each test file in its own database cloned from a per-run template, dropped afterwards.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

const args = process.argv.slice(2);
const pgMode = args.includes('--pg') || !!process.env.TEST_DATABASE_URL;
const filters = args.filter((a) => !a.startsWith('--'));
const env = { ...process.env, TZ: 'UTC', NODE_ENV: 'test' };
if (pgMode) env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';

const files = ['packages', 'bench']
  .flatMap((root) => readdirSync(root, { recursive: true }).map((f) => join(root, String(f))))
  .filter((f) => f.endsWith('.test.ts') && !f.includes('node_modules'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

const tmp = mkdtempSync(join(tmpdir(), 'zhiben-test-'));
const run = (cmd, argv, extra = {}) => spawnSync(cmd, argv, { stdio: 'inherit', env: { ...env, ...extra } });
let status = 1;
try {
  const t0 = Date.now();
  if (pgMode) {
    env.ZHIBEN_TEST_PG_TEMPLATE = `zt_tpl_${randomBytes(4).toString('hex')}`;
    const r = run('node', [
      '--import',
      'tsx',
      'scripts/test-template.ts',
      '',
      env.TEST_DATABASE_URL,
      env.ZHIBEN_TEST_PG_TEMPLATE,
    ]);
    if (r.status !== 0) throw new Error('could not build the PostgreSQL test template');
  } else {
    env.ZHIBEN_TEST_TEMPLATE = join(tmp, 'template.tar');
    const r = run('node', ['--import', 'tsx', 'scripts/test-template.ts', env.ZHIBEN_TEST_TEMPLATE]);
    if (r.status !== 0) throw new Error('could not build the PGlite test template');
  }
  console.log(
    `test database template (${pgMode ? 'PostgreSQL' : 'PGlite'}) ready in ${Date.now() - t0} ms; ${files.length} test files`,
  );
  const r = spawnSync(
    'node',
    ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
    { stdio: ['inherit', 'pipe', 'inherit'], env, maxBuffer: 256 * 1024 * 1024 },
  );
  const out = r.stdout.toString();
  process.stdout.write(out);
  const pass = Number(/ℹ pass (\d+)/.exec(out)?.[1] ?? 0);
  const fail = Number(/ℹ fail (\d+)/.exec(out)?.[1] ?? 0);
  console.log(`${pgMode ? 'postgres' : 'pglite'}: ${pass} passed, ${fail} failed`);
  status = r.status ?? 1;
} catch (e) {
  console.error(String(e));
} finally {
  if (pgMode && env.ZHIBEN_TEST_PG_TEMPLATE) {
    spawnSync(
      'psql',
      [env.TEST_DATABASE_URL, '-qc', `DROP DATABASE IF EXISTS ${env.ZHIBEN_TEST_PG_TEMPLATE} WITH (FORCE)`],
      { stdio: 'ignore' },
    );
  }
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(status);
