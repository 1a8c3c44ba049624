import { sql, type Kysely } from 'kysely';

// Indexes found by `npm run bench:hazards` (1,000,000 hazards): covering indexes so the statistics and
// the zero-clearing milestones read compact index-only scans instead of the whole table.
//  - hazards_district_stats_idx: /api/stats/hazards grouped by district (city) and every district-scoped
//    statistic (district_code = …, discovered_at ranges); also the counts of district-filtered lists.
//  - hazards_major_idx: /api/stats/zero-clearing, which only reads major hazards (15 % of the rows).
// Index-only scans need the visibility map, which (auto)vacuum keeps current.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX hazards_district_stats_idx ON hazards (district_code, discovered_at)
      INCLUDE (status, grade, deadline, closed_at);
    CREATE INDEX hazards_major_idx ON hazards (district_code, discovered_at)
      INCLUDE (status, deadline, closed_at) WHERE grade = 'major';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX hazards_major_idx, hazards_district_stats_idx`.execute(db);
}
