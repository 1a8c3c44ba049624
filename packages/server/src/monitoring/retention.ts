import { sql, type Kysely } from 'kysely';
import { MS_PER_DAY, SHANGHAI_OFFSET_MS } from '@zhiben/domain';
import type { DB } from '../db/types';

/**
 * Retention of raw readings (issue 4 §6). `readings` is range-partitioned by `ts` with a default
 * partition (migration 20261203070000). Daily partitions are Asia/Shanghai calendar days —
 * `readings_YYYYMMDD` holds [YYYY-MM-DD 00:00+08:00, next day 00:00+08:00) — so a partition is the day
 * an operator reads on the charts. Raw readings are kept `READINGS_RETENTION_DAYS`; the 1-minute
 * aggregates (`readings_1m`) are kept long and are not touched here.
 *
 * The same SQL runs on PostgreSQL and PGlite (both have declarative partitioning).
 */

const PARTITION_NAME = /^readings_(\d{4})(\d{2})(\d{2})$/;

/** Start of the Asia/Shanghai day holding `t`, as an instant. */
export function shanghaiDayStart(t: Date | number): Date {
  const local = +t + SHANGHAI_OFFSET_MS;
  return new Date(Math.floor(local / MS_PER_DAY) * MS_PER_DAY - SHANGHAI_OFFSET_MS);
}

/** The partition of the Asia/Shanghai day starting at `start`. */
export function partitionFor(start: Date): { name: string; from: Date; to: Date } {
  const ymd = new Date(start.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
  return { name: `readings_${ymd}`, from: start, to: new Date(start.getTime() + MS_PER_DAY) };
}

/** Bounds of a partition from its name, or null for names this module did not make. */
export function partitionBounds(name: string): { from: Date; to: Date } | null {
  const m = PARTITION_NAME.exec(name);
  if (!m) return null;
  const from = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!) - SHANGHAI_OFFSET_MS);
  if (partitionFor(from).name !== name) return null; // e.g. readings_20261332
  return { from, to: new Date(from.getTime() + MS_PER_DAY) };
}

/** Names of the partitions attached to `readings` (the default one included). */
export async function readingsPartitions(db: Kysely<DB>): Promise<string[]> {
  const r = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'readings'::regclass ORDER BY c.relname`.execute(db);
  return r.rows.map((x) => x.name);
}

export interface PartitionRunResult {
  asOf: string;
  created: string[];
  /** Rows moved from the default partition into a partition created for their day. */
  moved: number;
  dropped: string[];
  /** Rows past retention deleted from the default partition. */
  deleted: number;
}

const lit = (d: Date) => sql.lit(d.toISOString());

/**
 * Makes the daily partitions for today and the next `aheadDays` days (Asia/Shanghai), drops the
 * partitions wholly older than the retention, and deletes rows older than the retention from the
 * default partition. Idempotent.
 *
 * PostgreSQL refuses to create a partition while the default partition holds rows of its range
 * (readings that arrived before the partition existed, e.g. at a first start mid-day). So a partition
 * is always made as a plain table, filled with those rows (deleted from the default partition in the
 * same statement) and then attached — in one transaction that first takes a SHARE ROW EXCLUSIVE lock
 * on `readings` (and so on its partitions), which holds off concurrent inserts for that moment while
 * reads go on.
 */
export async function maintainReadingsPartitions(
  db: Kysely<DB>,
  asOf: Date,
  opts: { retentionDays: number; aheadDays?: number },
): Promise<PartitionRunResult> {
  const ahead = opts.aheadDays ?? 2;
  const existing = new Set(await readingsPartitions(db));
  const created: string[] = [];
  let moved = 0;
  const today = shanghaiDayStart(asOf);
  for (let i = 0; i <= ahead; i++) {
    const p = partitionFor(new Date(today.getTime() + i * MS_PER_DAY));
    if (existing.has(p.name)) continue;
    moved += await db.transaction().execute(async (trx) => {
      await sql`LOCK TABLE readings IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
      const again = await sql<{ n: number }>`SELECT 1 AS n FROM pg_class c
        JOIN pg_inherits i ON i.inhrelid = c.oid AND i.inhparent = 'readings'::regclass
        WHERE c.relname = ${p.name}`.execute(trx);
      if (again.rows.length) return 0; // another instance made it meanwhile
      await sql`CREATE TABLE ${sql.id(p.name)} (LIKE readings INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`.execute(
        trx,
      );
      const r = await sql`
        WITH moved AS (
          DELETE FROM readings_default WHERE ts >= ${p.from} AND ts < ${p.to} RETURNING point_id, ts, value
        )
        INSERT INTO ${sql.id(p.name)} (point_id, ts, value) SELECT point_id, ts, value FROM moved`.execute(
        trx,
      );
      await sql`ALTER TABLE readings ATTACH PARTITION ${sql.id(p.name)}
        FOR VALUES FROM (${lit(p.from)}) TO (${lit(p.to)})`.execute(trx);
      return Number(r.numAffectedRows ?? 0);
    });
    created.push(p.name);
  }

  const cutoff = new Date(asOf.getTime() - opts.retentionDays * MS_PER_DAY);
  const dropped: string[] = [];
  for (const name of existing) {
    const b = partitionBounds(name);
    if (!b || b.to.getTime() > cutoff.getTime()) continue;
    await sql`DROP TABLE IF EXISTS ${sql.id(name)}`.execute(db);
    dropped.push(name);
  }
  const del = await sql`DELETE FROM readings_default WHERE ts < ${cutoff}`.execute(db);
  return {
    asOf: asOf.toISOString(),
    created,
    moved,
    dropped,
    deleted: Number(del.numAffectedRows ?? 0),
  };
}
