import { sql, type Kysely, type RawBuilder } from 'kysely';
import { OPEN_HAZARD_STATES, enterpriseScope, type Actor, type HazardStatsQuery } from '@zhiben/domain';
import type { DB } from '../db/types';
import { whereHazardInScope } from '../hazards/hazards.repo';

/**
 * Hazard statistics grouped by one dimension, scoped to the caller. The city, district and department
 * scopes read the rollup kept by the database (migration 20261204090000_create_hazard_stats: whole months
 * of discovery from hazard_stats plus the pending deltas), and the hazards table only for what the rollup
 * cannot answer: discovery-time edges that do not fall on a month boundary and the open hazards due in
 * the current month (overdue is "deadline before now"). One statement, one snapshot: the answer is exact
 * at every moment. Enterprise and expert scopes (a few hundred hazards each) and a department viewing one
 * district read the hazards table only.
 */
export interface HazardStatsRow {
  key: string;
  total: number;
  open: number;
  closed: number;
  dismissed: number;
  overdue: number;
  major: number;
  general: number;
  /** Mean days from discovery to closing over the closed hazards, unrounded; null when none. */
  avgDays: number | null;
}

const OPEN = sql`(${sql.join(OPEN_HAZARD_STATES.map((s) => sql.lit(s)))})`;
const SH = 8 * 3_600_000;
/** Start of the Asia/Shanghai month holding `t` (epoch ms); China keeps no daylight saving time. */
export function shanghaiMonthStart(t: number): number {
  const d = new Date(t + SH);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) - SH;
}
function nextShanghaiMonth(monthStart: number): number {
  const d = new Date(monthStart + SH);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - SH;
}
/** The rollup's `month` column value for a Shanghai month start. */
const monthDate = (monthStart: number) => new Date(monthStart + SH).toISOString().slice(0, 10);

/** The rollup scope for this caller and query, or null when only the hazards table can answer. */
function rollupScope(actor: Actor, q: HazardStatsQuery): string | null {
  if (actor.role === 'expert') return null;
  const s = enterpriseScope(actor);
  switch (s.kind) {
    case 'all':
      return q.district ? `d:${q.district}` : '*';
    case 'district':
      return q.district && q.district !== s.districtCode ? null : `d:${s.districtCode}`;
    case 'department':
      return q.district ? null : `p:${s.departmentId}`;
    default:
      return null;
  }
}

const baseKey: Record<HazardStatsQuery['groupBy'], RawBuilder<string>> = {
  district: sql`hazards.district_code`,
  industry: sql`substr(hazards.industry_code, 1, 2)`,
  // unnest(...) AS s: the column of a scalar function aliased s is named s too.
  sector: sql`s.s`,
  grade: sql`hazards.grade`,
  status: sql`hazards.status`,
  source: sql`hazards.source`,
  department: sql`coalesce(hazards.department_code, '')`,
  month: sql`to_char(hazards.discovered_at at time zone 'Asia/Shanghai', 'YYYY-MM')`,
};

interface Range {
  from?: Date;
  to?: Date;
}

/** The caller's hazards in a discovery range with the query's filters, before selecting. */
function baseFrom(db: Kysely<DB>, actor: Actor, q: HazardStatsQuery, range: Range) {
  let base = whereHazardInScope(db.selectFrom('hazards'), actor);
  if (q.groupBy === 'sector')
    base = base.innerJoin(sql<{ s: string }>`unnest(hazards.sectors)`.as('s'), (j) =>
      j.onTrue(),
    ) as typeof base;
  if (range.from) base = base.where('hazards.discovered_at', '>=', range.from);
  if (range.to) base = base.where('hazards.discovered_at', '<', range.to);
  if (q.district) base = base.where('hazards.district_code', '=', q.district);
  if (q.grade) base = base.where('hazards.grade', '=', q.grade);
  return base;
}

/** Every measure of the hazards in a range, aggregated by key. */
function baseAggregate(db: Kysely<DB>, actor: Actor, q: HazardStatsQuery, range: Range, now: Date) {
  const key = baseKey[q.groupBy];
  return baseFrom(db, actor, q, range)
    .select([
      key.as('key'),
      sql`count(*)::bigint`.as('total'),
      sql`count(*) filter (where hazards.status in ${OPEN})::bigint`.as('open'),
      sql`count(*) filter (where hazards.status = 'closed')::bigint`.as('closed'),
      sql`count(*) filter (where hazards.status = 'dismissed')::bigint`.as('dismissed'),
      sql`count(*) filter (where hazards.status in ${OPEN} and hazards.deadline < ${now})::bigint`.as(
        'overdue',
      ),
      sql`count(*) filter (where hazards.grade = 'major')::bigint`.as('major'),
      sql`count(*) filter (where hazards.grade = 'general')::bigint`.as('general'),
      sql`coalesce(sum(extract(epoch from (hazards.closed_at - hazards.discovered_at))) filter (where hazards.status = 'closed' and hazards.closed_at is not null), 0)::numeric`.as(
        'closed_secs',
      ),
      sql`count(*) filter (where hazards.status = 'closed' and hazards.closed_at is not null)::bigint`.as(
        'closed_timed',
      ),
    ])
    .groupBy(key);
}

/** Open hazards discovered in a range and due in [dueFrom, now): overdue, which the rollup cannot date. */
function overdueSince(
  db: Kysely<DB>,
  actor: Actor,
  q: HazardStatsQuery,
  range: Range,
  dueFrom: Date,
  now: Date,
) {
  const key = baseKey[q.groupBy];
  const zero = sql`0::bigint`;
  return baseFrom(db, actor, q, range)
    .where(sql<boolean>`hazards.status in ${OPEN}`)
    .where('hazards.deadline', '>=', dueFrom)
    .where('hazards.deadline', '<', now)
    .select([
      key.as('key'),
      zero.as('total'),
      zero.as('open'),
      zero.as('closed'),
      zero.as('dismissed'),
      sql`count(*)::bigint`.as('overdue'),
      zero.as('major'),
      zero.as('general'),
      sql`0::numeric`.as('closed_secs'),
      zero.as('closed_timed'),
    ])
    .groupBy(key);
}

const ROLLUP_COLUMNS = sql.raw(
  'scope, dim, key, grade, month, due_month, total, open, closed, dismissed, closed_secs, closed_timed',
);

export async function hazardStatsRows(
  db: Kysely<DB>,
  actor: Actor,
  q: HazardStatsQuery,
  now = new Date(),
): Promise<HazardStatsRow[]> {
  const from = q.from ? Date.parse(q.from) : undefined;
  const to = q.to ? Date.parse(q.to) : undefined;
  const scope = rollupScope(actor, q);
  const parts: RawBuilder<unknown>[] = [];
  const at = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));
  // Whole months of discovery [m1, m2) come from the rollup; the rest of [from, to) from the hazards.
  // m1 is defined exactly when from is, m2 when to is.
  const m1 =
    from === undefined || shanghaiMonthStart(from) === from
      ? from
      : nextShanghaiMonth(shanghaiMonthStart(from));
  const m2 = to === undefined ? undefined : shanghaiMonthStart(to);
  const whole = scope !== null && (m1 === undefined || m2 === undefined || m1 < m2);
  if (!whole) {
    parts.push(sql`(${baseAggregate(db, actor, q, { from: at(from), to: at(to) }, now)})`);
  } else {
    const dueNow = shanghaiMonthStart(now.getTime());
    const conditions = [sql`r.scope = ${scope}`, sql`r.dim = ${q.groupBy}`];
    if (m1 !== undefined) conditions.push(sql`r.month >= ${monthDate(m1)}::date`);
    if (m2 !== undefined) conditions.push(sql`r.month < ${monthDate(m2)}::date`);
    if (q.grade) conditions.push(sql`r.grade = ${q.grade}`);
    parts.push(sql`
      SELECT r.key, r.total, r.open, r.closed, r.dismissed,
        CASE WHEN r.due_month < ${monthDate(dueNow)}::date THEN r.open ELSE 0 END AS overdue,
        CASE WHEN r.grade = 'major' THEN r.total ELSE 0 END AS major,
        CASE WHEN r.grade = 'general' THEN r.total ELSE 0 END AS general,
        r.closed_secs, r.closed_timed
      FROM (
        SELECT ${ROLLUP_COLUMNS} FROM hazard_stats
        UNION ALL SELECT ${ROLLUP_COLUMNS} FROM hazard_stats_delta
      ) r
      WHERE ${sql.join(conditions, sql` AND `)}`);
    parts.push(sql`(${overdueSince(db, actor, q, { from: at(m1), to: at(m2) }, new Date(dueNow), now)})`);
    // The edges: [from, m1) and [m2, to), each within [from, to).
    if (from !== undefined && from < m1!)
      parts.push(
        sql`(${baseAggregate(db, actor, q, { from: at(from), to: at(Math.min(m1!, to ?? m1!)) }, now)})`,
      );
    if (to !== undefined && m2! < to)
      parts.push(
        sql`(${baseAggregate(db, actor, q, { from: at(Math.max(m2!, from ?? m2!)), to: at(to) }, now)})`,
      );
  }
  const result = await sql<{
    key: string;
    total: string;
    open: string;
    closed: string;
    dismissed: string;
    overdue: string;
    major: string;
    general: string;
    closed_secs: string;
    closed_timed: string;
  }>`
    SELECT x.key, sum(x.total) AS total, sum(x.open) AS open, sum(x.closed) AS closed,
      sum(x.dismissed) AS dismissed, sum(x.overdue) AS overdue, sum(x.major) AS major,
      sum(x.general) AS general, sum(x.closed_secs) AS closed_secs, sum(x.closed_timed) AS closed_timed
    FROM (${sql.join(parts, sql` UNION ALL `)}) x
    GROUP BY x.key
    HAVING sum(x.total) > 0
    ORDER BY x.key`.execute(db);
  return result.rows.map((r) => {
    const timed = Number(r.closed_timed);
    return {
      key: r.key,
      total: Number(r.total),
      open: Number(r.open),
      closed: Number(r.closed),
      dismissed: Number(r.dismissed),
      overdue: Number(r.overdue),
      major: Number(r.major),
      general: Number(r.general),
      avgDays: timed === 0 ? null : Number(r.closed_secs) / timed / 86_400,
    };
  });
}

/**
 * Folds the pending deltas into the rollup in one transaction, at most one folder at a time (others
 * return at once). Readers see the rollup before or after, never half of it. Returns the rows folded.
 */
export async function foldHazardStats(db: Kysely<DB>): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const lock = await sql<{
      ok: boolean;
    }>`SELECT pg_try_advisory_xact_lock(hashtext('zhiben.hazard_stats_fold')) AS ok`.execute(tx);
    if (!lock.rows[0]?.ok) return 0;
    const moved = await sql<{ n: string; zeros: unknown[] | null }>`
      WITH moved AS (
        DELETE FROM hazard_stats_delta
        RETURNING scope, dim, key, grade, month, due_month, total, open, closed, dismissed, closed_secs, closed_timed
      ), agg AS (
        SELECT scope, dim, key, grade, month, due_month, sum(total) AS total, sum(open) AS open,
          sum(closed) AS closed, sum(dismissed) AS dismissed, sum(closed_secs) AS closed_secs,
          sum(closed_timed) AS closed_timed, count(*) AS n
        FROM moved GROUP BY scope, dim, key, grade, month, due_month
      ), upserted AS (
        INSERT INTO hazard_stats AS s (scope, dim, key, grade, month, due_month, total, open, closed, dismissed, closed_secs, closed_timed)
        SELECT scope, dim, key, grade, month, due_month, total, open, closed, dismissed, closed_secs, closed_timed
        FROM agg ORDER BY scope, dim, month, grade, key, due_month
        ON CONFLICT (scope, dim, month, grade, key, due_month) DO UPDATE SET
          total = s.total + excluded.total, open = s.open + excluded.open,
          closed = s.closed + excluded.closed, dismissed = s.dismissed + excluded.dismissed,
          closed_secs = s.closed_secs + excluded.closed_secs, closed_timed = s.closed_timed + excluded.closed_timed
        RETURNING s.scope, s.dim, s.month, s.grade, s.key, s.due_month, s.total
      )
      SELECT (SELECT coalesce(sum(n), 0) FROM agg) AS n,
        (SELECT json_agg(json_build_object('scope', scope, 'dim', dim, 'month', month, 'grade', grade,
          'key', key, 'due_month', due_month)) FROM upserted WHERE total = 0) AS zeros`.execute(tx);
    const zeros = moved.rows[0]?.zeros;
    // A grain whose hazards all moved elsewhere: drop the empty row.
    if (zeros?.length)
      await sql`
        DELETE FROM hazard_stats h
        USING json_to_recordset(${JSON.stringify(zeros)}::json)
          AS z(scope text, dim text, month date, grade text, key text, due_month date)
        WHERE h.scope = z.scope AND h.dim = z.dim AND h.month = z.month AND h.grade = z.grade
          AND h.key = z.key AND h.due_month = z.due_month AND h.total = 0`.execute(tx);
    return Number(moved.rows[0]?.n ?? 0);
  });
}

/** Recomputes the rollup from the hazards (after a bulk load with the triggers disabled). */
export async function rebuildHazardStats(db: Kysely<DB>): Promise<void> {
  await sql`SELECT hazard_stats_rebuild()`.execute(db);
}
