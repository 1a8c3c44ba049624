import { sql, type Kysely } from 'kysely';

// Hazard statistics as a rollup kept by the database itself, so `GET /api/stats/hazards` reads a few
// hundred pre-aggregated rows instead of aggregating a million hazards (bench:hazards).
//
// One row per (scope, dim, key, grade, discovery month, due month):
//  - scope: '*' (the city), 'd:<district code>' and 'p:<department id>' for each of the hazard's
//    departments — the three scopes that see more than a handful of hazards;
//  - dim/key: the group-by dimension and the hazard's key in it ('sector' once per sector);
//  - month: the month of discovery in Asia/Shanghai (from/to filters on whole months);
//  - due_month: the month of the deadline in Asia/Shanghai for open hazards, 'infinity' otherwise, so
//    "overdue now" is the open count of earlier due months plus the few open hazards due this month
//    (read from hazards).
// Measures are counts and the exact (numeric) sum of seconds to close.
//
// Writes never touch hazard_stats: statement triggers append the signed, aggregated change of each
// statement to hazard_stats_delta (insert-only, no lock contention between writers). Readers sum both
// tables in one statement, so the answer is exact at every moment; a job folds the deltas into
// hazard_stats in one transaction (hazardStatsFold).
const OPEN = `('reported', 'rectifying', 'pending_acceptance')`;

/** The signed contributions of the rows of transition table `t`, aggregated by grain. */
const contributions = (t: string, sign: 1 | -1) => `
  SELECT sc.scope, d.dim, d.key, t.grade,
    date_trunc('month', t.discovered_at AT TIME ZONE 'Asia/Shanghai')::date AS month,
    CASE WHEN t.status IN ${OPEN} AND t.deadline IS NOT NULL
      THEN date_trunc('month', t.deadline AT TIME ZONE 'Asia/Shanghai')::date
      ELSE 'infinity'::date END AS due_month,
    ${sign}::bigint AS total,
    ${sign} * (t.status IN ${OPEN})::int::bigint AS open,
    ${sign} * (t.status = 'closed')::int::bigint AS closed,
    ${sign} * (t.status = 'dismissed')::int::bigint AS dismissed,
    CASE WHEN t.status = 'closed' AND t.closed_at IS NOT NULL
      THEN ${sign} * extract(epoch from (t.closed_at - t.discovered_at)) ELSE 0 END::numeric AS closed_secs,
    ${sign} * (t.status = 'closed' AND t.closed_at IS NOT NULL)::int::bigint AS closed_timed
  FROM ${t} t
  CROSS JOIN LATERAL (
    SELECT '*' AS scope
    UNION ALL SELECT 'd:' || t.district_code
    UNION ALL SELECT DISTINCT 'p:' || x FROM unnest(t.department_ids) x
  ) sc
  CROSS JOIN LATERAL (
    VALUES ('district', t.district_code),
      ('industry', substr(t.industry_code, 1, 2)),
      ('grade', t.grade),
      ('status', t.status),
      ('source', t.source),
      ('department', coalesce(t.department_code, '')),
      ('month', to_char(t.discovered_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'))
    UNION ALL SELECT 'sector', s FROM unnest(t.sectors) s
  ) d(dim, key)`;

const GRAIN = 'scope, dim, key, grade, month, due_month';
const SUMS = `sum(total) AS total, sum(open) AS open, sum(closed) AS closed, sum(dismissed) AS dismissed,
  sum(closed_secs) AS closed_secs, sum(closed_timed) AS closed_timed`;
const COLUMNS = `${GRAIN}, total, open, closed, dismissed, closed_secs, closed_timed`;
const TABLE_COLUMNS = `scope text NOT NULL, dim text NOT NULL, key text NOT NULL, grade text NOT NULL,
      month date NOT NULL, due_month date NOT NULL, total bigint NOT NULL, open bigint NOT NULL,
      closed bigint NOT NULL, dismissed bigint NOT NULL, closed_secs numeric NOT NULL,
      closed_timed bigint NOT NULL`;

const capture = (parts: string) => `
  INSERT INTO hazard_stats_delta (${COLUMNS})
  SELECT ${GRAIN}, ${SUMS} FROM (${parts}) c
  GROUP BY ${GRAIN}
  HAVING sum(total) <> 0 OR sum(open) <> 0 OR sum(closed) <> 0 OR sum(dismissed) <> 0
    OR sum(closed_secs) <> 0 OR sum(closed_timed) <> 0;`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE hazard_stats (
      ${TABLE_COLUMNS},
      PRIMARY KEY (scope, dim, month, grade, key, due_month)
    );

    CREATE TABLE hazard_stats_delta (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      ${TABLE_COLUMNS}
    );
    CREATE INDEX hazard_stats_delta_scope_idx ON hazard_stats_delta (scope, dim, month);

    CREATE FUNCTION hazard_stats_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${capture(contributions('new_rows', 1))}
      RETURN NULL;
    END $$;

    CREATE FUNCTION hazard_stats_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${capture(`${contributions('old_rows', -1)} UNION ALL ${contributions('new_rows', 1)}`)}
      RETURN NULL;
    END $$;

    CREATE FUNCTION hazard_stats_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${capture(contributions('old_rows', -1))}
      RETURN NULL;
    END $$;

    CREATE FUNCTION hazard_stats_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM hazard_stats;
      DELETE FROM hazard_stats_delta;
      RETURN NULL;
    END $$;

    CREATE TRIGGER hazard_stats_insert AFTER INSERT ON hazards
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hazard_stats_on_insert();
    CREATE TRIGGER hazard_stats_update AFTER UPDATE ON hazards
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION hazard_stats_on_update();
    CREATE TRIGGER hazard_stats_delete AFTER DELETE ON hazards
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hazard_stats_on_delete();
    CREATE TRIGGER hazard_stats_truncate AFTER TRUNCATE ON hazards
      FOR EACH STATEMENT EXECUTE FUNCTION hazard_stats_on_truncate();

    -- Rebuilds the rollup from the hazards themselves (this migration's backfill; bulk loads).
    CREATE FUNCTION hazard_stats_rebuild() RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      LOCK TABLE hazards IN SHARE MODE;
      DELETE FROM hazard_stats;
      DELETE FROM hazard_stats_delta;
      INSERT INTO hazard_stats (${COLUMNS})
      SELECT ${GRAIN}, ${SUMS} FROM (${contributions('hazards', 1)}) c
      GROUP BY ${GRAIN};
    END $$;

    SELECT hazard_stats_rebuild();
  `,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER hazard_stats_insert ON hazards;
    DROP TRIGGER hazard_stats_update ON hazards;
    DROP TRIGGER hazard_stats_delete ON hazards;
    DROP TRIGGER hazard_stats_truncate ON hazards;
    DROP FUNCTION hazard_stats_on_insert(), hazard_stats_on_update(), hazard_stats_on_delete(),
      hazard_stats_on_truncate(), hazard_stats_rebuild();
    DROP TABLE hazard_stats, hazard_stats_delta;
  `.execute(db);
}
