import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { loadConfig } from '../config';
import { openDatabase, type Database } from '../db/connect';
import { buildApp } from '../app';

/**
 * Test databases are clones of a template built once per run by scripts/test.mjs (migrated and
 * seeded with demo data): a PGlite tarball (ZHIBEN_TEST_TEMPLATE) or a PostgreSQL template
 * database (TEST_DATABASE_URL + ZHIBEN_TEST_PG_TEMPLATE), so each test file gets its own copy.
 */
export async function testDatabase(): Promise<Database> {
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    const template = process.env.ZHIBEN_TEST_PG_TEMPLATE;
    if (!template) throw new Error('ZHIBEN_TEST_PG_TEMPLATE is not set: run the suite through `npm test`');
    const name = `zt_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    await admin.end();
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '.' });
    const close = database.close;
    database.close = async () => {
      await close();
      const a = new pg.Client({ connectionString: pgUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
    return database;
  }
  const file = process.env.ZHIBEN_TEST_TEMPLATE;
  if (!file) throw new Error('ZHIBEN_TEST_TEMPLATE is not set: run the suite through `npm test`');
  return openDatabase({ dataDir: '.', loadDataDir: new Blob([readFileSync(file)]) });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are read loosely
type Loose = any;

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
  /** Logs in and returns the session cookie header. */
  login(username: string, password?: string): Promise<string>;
  /** app.inject with an optional session cookie; JSON bodies are sent as JSON. */
  call(
    method: InjectOptions['method'],
    url: string,
    opts?: { cookie?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; json: Loose; headers: Record<string, unknown>; body: string; raw: Buffer }>;
}

export async function testApp(): Promise<TestApp> {
  const database = await testDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    ZHIBEN_BACKGROUND: '0',
    LOG_LEVEL: 'silent',
    TRUST_PROXY: 'true',
  });
  // TEST_LOG=1 shows server errors (500s) while debugging a test.
  const logger = process.env.TEST_LOG ? pino({ level: 'error' }) : undefined;
  const app = await buildApp({ config, database, logger });
  await app.ready();
  const call: TestApp['call'] = async (method, url, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.cookie) headers.cookie = opts.cookie;
    const r = await app.inject({
      method,
      url,
      headers,
      ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
    });
    let json: unknown = null;
    if (String(r.headers['content-type'] ?? '').includes('json')) json = r.json();
    return { status: r.statusCode, json, headers: r.headers, body: r.body, raw: r.rawPayload };
  };
  return {
    app,
    database,
    call,
    async close() {
      await app.close();
      await database.close();
    },
    async login(username, password = 'zhiben-demo') {
      const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (r.statusCode !== 200) throw new Error(`login ${username}: ${r.statusCode} ${r.body}`);
      const set = r.headers['set-cookie'];
      const first = Array.isArray(set) ? set[0]! : String(set);
      return first.split(';')[0]!;
    },
  };
}
