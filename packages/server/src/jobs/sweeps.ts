import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types';

/** Deletes sessions idle past the timeout (they are already refused; this keeps the table small). */
export async function sweepSessions(db: Kysely<DB>, idleMinutes: number, asOf = new Date()): Promise<number> {
  const r = await db
    .deleteFrom('sessions')
    .where('last_seen_at', '<', sql<Date>`${asOf}::timestamptz - make_interval(mins => ${idleMinutes})`)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
