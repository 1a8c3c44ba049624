import { sql, type Kysely } from 'kysely';

// Alarm engine (issue 4 §5): repeat suppression and escalation of unacknowledged alarms.
//  - monitoring_points.repeat_suppress_sec: a new alarm of the same level on a point whose previous one
//    closed at most this many seconds ago reopens that alarm instead of opening a new record (0: off).
//  - alarms.repeat_count: how many times a closed alarm was reopened that way.
//  - alarms.notified_tier: the highest escalation tier whose recipients were notified (null: none yet),
//    so the escalation job looks only at alarms that still have someone to tell.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE monitoring_points ADD COLUMN repeat_suppress_sec integer NOT NULL DEFAULT 300
      CHECK (repeat_suppress_sec >= 0);
    ALTER TABLE alarms ADD COLUMN repeat_count integer NOT NULL DEFAULT 0;
    ALTER TABLE alarms ADD COLUMN notified_tier text;
    CREATE INDEX alarms_escalation_idx ON alarms (opened_at) WHERE status = 'active';
    CREATE UNIQUE INDEX alarms_hazard_idx ON alarms (hazard_id) WHERE hazard_id IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX alarms_hazard_idx, alarms_escalation_idx;
    ALTER TABLE alarms DROP COLUMN notified_tier, DROP COLUMN repeat_count;
    ALTER TABLE monitoring_points DROP COLUMN repeat_suppress_sec;
  `.execute(db);
}
