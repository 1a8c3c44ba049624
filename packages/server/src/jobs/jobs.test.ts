import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../test/harness';
import { Jobs } from './jobs';
import { sweepSessions } from './sweeps';

describe('jobs', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('sweeps sessions idle past the timeout, as of a given time', async () => {
    await t.login('city-admin');
    await t.login('district-150627');
    await sql`update sessions set last_seen_at = '2026-01-01T00:00:00Z'`.execute(t.database.db);
    assert.equal(await sweepSessions(t.database.db, 30, new Date('2026-01-01T00:29:00Z')), 0);
    assert.equal(await sweepSessions(t.database.db, 30, new Date('2026-01-01T00:31:00Z')), 2);
  });

  it('runs a queued job exactly once on pg-boss over the same database', async () => {
    const jobs = await Jobs.start(t.database, pino({ level: 'silent' }));
    try {
      const seen: unknown[] = [];
      let resolve!: () => void;
      const done = new Promise<void>((r) => (resolve = r));
      await jobs.register('test.echo', async (data) => {
        seen.push(data);
        resolve();
      });
      await jobs.send('test.echo', { n: 1 });
      await Promise.race([
        done,
        new Promise((_, rej) => setTimeout(() => rej(new Error('job not run in 20 s')), 20_000)),
      ]);
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(seen, [{ n: 1 }]);
    } finally {
      await jobs.stop();
    }
  });
});
