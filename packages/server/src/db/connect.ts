import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DB } from './types';

// Return int8 and numeric as JS numbers where safe; bigint sequence numbers stay strings.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
// Calendar dates stay 'YYYY-MM-DD' strings: a JS Date would shift them by the process time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type DbKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DbKind;
  /** A pg-compatible pool (PGlite through its node-postgres adapter), for pg-boss. */
  pool: pg.Pool;
  schema: string | undefined;
  /** PostgreSQL only: a new connection outside the pool, for a session of its own (LISTEN). */
  newClient?: (applicationName: string) => pg.Client;
  close(): Promise<void>;
  /** PGlite only: the whole database as a tarball (test templates). */
  dumpDataDir?: () => Promise<Blob>;
}

export interface DbOptions {
  databaseUrl?: string;
  schema?: string;
  dataDir: string;
  /** Open PGlite from a dumped data-dir tarball instead of a directory (tests). */
  loadDataDir?: Blob;
  memory?: boolean;
  /**
   * An idle pooled connection that breaks (server restart, failover, a terminated backend) is dropped
   * by the pool and reported here; without a listener node-postgres would throw it as an uncaught
   * exception and take the process down. The next query opens a fresh connection.
   */
  onIdleError?: (err: Error) => void;
}

/** Opens PostgreSQL (DATABASE_URL) or PGlite (persisted under DATA_DIR/pglite); one Kysely dialect for both. */
export async function openDatabase(o: DbOptions): Promise<Database> {
  if (o.databaseUrl) {
    const databaseUrl = o.databaseUrl;
    const options = o.schema ? `-c search_path=${o.schema},public` : undefined;
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 20, options });
    pool.on('error', (err) => o.onIdleError?.(err));
    if (o.schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${o.schema}`);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const newClient = (applicationName: string) =>
      new pg.Client({
        connectionString: databaseUrl,
        options,
        application_name: applicationName,
        keepAlive: true,
        keepAliveInitialDelayMillis: 10_000,
      });
    return { db, kind: 'postgres', pool, schema: o.schema, newClient, close: () => db.destroy() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  let pglite: InstanceType<typeof PGlite>;
  if (o.memory || o.loadDataDir) {
    pglite = await PGlite.create({ loadDataDir: o.loadDataDir });
  } else {
    const dir = resolve(o.dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
    pglite = await PGlite.create(join(dir));
  }
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    pool,
    schema: undefined,
    dumpDataDir: () => pglite.dumpDataDir('none'),
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

export async function ping(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}
