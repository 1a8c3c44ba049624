import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase } from '../test/harness';

/*
 * A pooled connection that the server terminates while idle (restart, failover, DROP … WITH (FORCE))
 * must not crash the process: the pool drops it and the next query gets a fresh connection.
 */
describe('database pool', () => {
  it(
    'survives idle connections terminated by the server',
    { skip: !process.env.TEST_DATABASE_URL && 'PostgreSQL only (npm run test:pg)' },
    async () => {
      const errors: Error[] = [];
      const database = await testDatabase();
      try {
        const before = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db);
        const pid = before.rows[0]!.pid;
        // from another connection: terminate the idle pooled one
        // without a listener of openDatabase's own, node-postgres throws the idle error as uncaught
        assert.equal(database.pool.listenerCount('error'), 1);
        database.pool.on('error', (e) => errors.push(e));
        const other = database.newClient!('zhiben-test-terminator');
        await other.connect();
        await other.query('select pg_terminate_backend($1)', [pid]);
        await other.end();
        for (let i = 0; i < 50 && errors.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
        assert.match(String(errors[0]?.message), /terminat/);
        const after = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db);
        assert.notEqual(after.rows[0]!.pid, pid, 'a fresh connection');
      } finally {
        await database.close();
      }
    },
  );
});
