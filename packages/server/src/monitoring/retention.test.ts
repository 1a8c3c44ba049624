import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { testDatabase } from '../test/harness';
import type { Database } from '../db/connect';
import { ConfigError, loadConfig } from '../config';
import {
  maintainReadingsPartitions,
  partitionBounds,
  partitionFor,
  readingsPartitions,
  shanghaiDayStart,
} from './retention';

const DAY = 86_400_000;

describe('readings partitions: Asia/Shanghai days', () => {
  it('names and bounds a partition by the Shanghai calendar day', () => {
    const lateEvening = new Date('2026-12-03T15:59:59.999Z'); // 23:59:59.999 +08:00
    assert.equal(partitionFor(shanghaiDayStart(lateEvening)).name, 'readings_20261203');
    const midnight = new Date('2026-12-03T16:00:00Z'); // 00:00 +08:00 on the 4th
    const p = partitionFor(shanghaiDayStart(midnight));
    assert.equal(p.name, 'readings_20261204');
    assert.equal(p.from.toISOString(), '2026-12-03T16:00:00.000Z');
    assert.equal(p.to.toISOString(), '2026-12-04T16:00:00.000Z');
    assert.deepEqual(partitionBounds('readings_20261204'), { from: p.from, to: p.to });
    assert.equal(partitionBounds('readings_default'), null);
    assert.equal(partitionBounds('readings_20261332'), null);
  });

  it('READINGS_RETENTION_DAYS defaults to 7 and is validated', () => {
    assert.equal(loadConfig({}).READINGS_RETENTION_DAYS, 7);
    assert.equal(loadConfig({ READINGS_RETENTION_DAYS: '30' }).READINGS_RETENTION_DAYS, 30);
    for (const bad of ['0', '1.5', 'week', '100000'])
      assert.throws(
        () => loadConfig({ READINGS_RETENTION_DAYS: bad }),
        (e: unknown) => e instanceof ConfigError && /READINGS_RETENTION_DAYS/.test(e.message),
        bad,
      );
  });
});

describe('readings partitions: create ahead, move default rows, drop past retention', () => {
  let database: Database;
  const point = randomUUID();
  before(async () => {
    database = await testDatabase();
  });
  after(async () => {
    await database.close();
  });

  const insert = (ts: Date, value: number) =>
    sql`INSERT INTO readings (point_id, ts, value) VALUES (${point}, ${ts}, ${value})`.execute(database.db);
  const where = async () =>
    (
      await sql<{ part: string; ts: Date; value: number }>`
        SELECT tableoid::regclass::text AS part, ts, value FROM readings WHERE point_id = ${point} ORDER BY ts`.execute(
        database.db,
      )
    ).rows.map((r) => ({ part: r.part.replace(/^.*\./, ''), value: r.value }));

  it('creates today and the next two days, moving rows the default partition already holds', async () => {
    const now = new Date();
    const today = partitionFor(shanghaiDayStart(now));
    const tomorrow = partitionFor(new Date(today.to));
    const day3 = partitionFor(new Date(tomorrow.to));
    // Readings that arrived before any daily partition existed all sit in the default partition.
    await insert(new Date(today.from.getTime() - 1), 1); // yesterday, last millisecond
    await insert(today.from, 2); // today, first instant
    await insert(now, 3);
    await insert(new Date(tomorrow.from.getTime() + 3_600_000), 4);
    await insert(new Date(now.getTime() - 10 * DAY), 5); // past retention
    assert.ok((await where()).every((r) => r.part === 'readings_default'));

    const r = await maintainReadingsPartitions(database.db, now, { retentionDays: 7 });
    assert.deepEqual(r.created, [today.name, tomorrow.name, day3.name]);
    assert.equal(r.moved, 3);
    assert.equal(r.deleted, 1);
    assert.deepEqual(r.dropped, []);
    assert.deepEqual(await where(), [
      { part: 'readings_default', value: 1 },
      { part: today.name, value: 2 },
      { part: today.name, value: 3 },
      { part: tomorrow.name, value: 4 },
    ]);
    const parts = await readingsPartitions(database.db);
    for (const p of [today, tomorrow, day3]) assert.ok(parts.includes(p.name), p.name);
    // New readings are routed to the day's partition, which carries the (point_id, ts) index.
    await insert(new Date(day3.from.getTime() + 60_000), 6);
    assert.equal((await where()).at(-1)!.part, day3.name);
    const idx = await sql<{
      n: string;
    }>`SELECT count(*) AS n FROM pg_indexes WHERE tablename = ${today.name}`.execute(database.db);
    assert.equal(Number(idx.rows[0]!.n), 1);

    // Idempotent.
    const again = await maintainReadingsPartitions(database.db, now, { retentionDays: 7 });
    assert.deepEqual([again.created, again.moved, again.dropped, again.deleted], [[], 0, [], 0]);
  });

  it('drops partitions wholly older than the retention and keeps the one the cutoff falls in', async () => {
    const now = new Date();
    const past = new Date(now.getTime() - 9 * DAY);
    const made = await maintainReadingsPartitions(database.db, past, { retentionDays: 7 });
    assert.equal(made.created.length, 3);
    const [d9, d8, d7] = made.created;
    await insert(new Date(partitionBounds(d9!)!.from.getTime() + 1000), 7);
    await insert(new Date(partitionBounds(d7!)!.to.getTime() - 1000), 8);
    assert.ok((await where()).some((r) => r.part === d9 && r.value === 7));

    const r = await maintainReadingsPartitions(database.db, now, { retentionDays: 7 });
    // The day the cutoff (now − 7 days) falls in is not wholly older: it stays.
    assert.deepEqual(r.dropped.sort(), [d9, d8]);
    const parts = await readingsPartitions(database.db);
    assert.ok(!parts.includes(d9!) && !parts.includes(d8!) && parts.includes(d7!));
    assert.ok(parts.includes('readings_default'));
    const values = (await where()).map((x) => x.value);
    assert.ok(!values.includes(7));
    assert.ok(values.includes(8));
  });
});
