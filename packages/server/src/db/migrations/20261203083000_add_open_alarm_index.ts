import { sql, type Kysely } from 'kysely';

// Several server instances may evaluate one point (a shared MQTT subscription): at most one open alarm
// per point and kind (process alarm, offline alarm), enforced by the database. The state machine never
// opens a second one; should older data hold duplicates, all but the newest are closed first.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE alarms a SET status = 'closed', closed_at = now()
    WHERE a.closed_at IS NULL AND EXISTS (
      SELECT 1 FROM alarms b
      WHERE b.point_id = a.point_id AND b.closed_at IS NULL
        AND (b.level = 'offline') = (a.level = 'offline')
        AND (b.opened_at, b.id) > (a.opened_at, a.id)
    );
    CREATE UNIQUE INDEX alarms_open_point_idx ON alarms (point_id, (level = 'offline')) WHERE closed_at IS NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX alarms_open_point_idx`.execute(db);
}
