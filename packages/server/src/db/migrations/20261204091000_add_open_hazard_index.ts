import { sql, type Kysely } from 'kysely';

// Found by `npm run bench:hazards` (1,000,000 hazards): counting a district's overdue hazards
// (`GET /api/hazards?overdue=true` as a district office) scanned the district's whole covering index in
// parallel workers (17 ms, 372 ms p99 at 20 clients). Open hazards are a small share of all hazards, so a
// partial index on them keyed by district and deadline answers it index-only; it also serves the
// statistics' "due this month" part (stats/hazard-stats.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX hazards_open_deadline_idx ON hazards (district_code, deadline)
      WHERE status IN ('reported', 'rectifying', 'pending_acceptance');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX hazards_open_deadline_idx`.execute(db);
}
