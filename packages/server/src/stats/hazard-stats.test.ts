import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { OPEN_HAZARD_STATES, STATS_GROUP_BY, type Actor, type HazardStatsQuery } from '@zhiben/domain';
import { testDatabase } from '../test/harness';
import type { Database } from '../db/connect';
import { foldHazardStats, hazardStatsRows, rebuildHazardStats, shanghaiMonthStart } from './hazard-stats';

/**
 * The rollup answers exactly what aggregating the hazards answers, for every dimension, scope, filter and
 * discovery range, before and after folding, while hazards are inserted, moved between states, given new
 * deadlines and deleted. The expected figures are computed here in plain TypeScript from the rows.
 */
interface H {
  id: string;
  district_code: string;
  industry_code: string;
  sectors: string[];
  department_ids: string[];
  department_code: string | null;
  grade: string;
  status: string;
  source: string;
  discovered_at: Date;
  discovered_by: string | null;
  deadline: Date | null;
  closed_at: Date | null;
  enterprise_id: string;
}

const OPEN = new Set<string>(OPEN_HAZARD_STATES);
const SH = 8 * 3_600_000;
const month = (d: Date) => new Date(d.getTime() + SH).toISOString().slice(0, 7);

function keysOf(h: H, groupBy: HazardStatsQuery['groupBy']): string[] {
  switch (groupBy) {
    case 'district':
      return [h.district_code];
    case 'industry':
      return [h.industry_code.slice(0, 2)];
    case 'sector':
      return h.sectors;
    case 'grade':
      return [h.grade];
    case 'status':
      return [h.status];
    case 'source':
      return [h.source];
    case 'department':
      return [h.department_code ?? ''];
    case 'month':
      return [month(h.discovered_at)];
  }
}

function inScope(h: H, a: Actor): boolean {
  if (a.role === 'expert') return h.discovered_by === a.userId;
  if (a.role === 'sysadmin' || (a.role === 'city_office' && a.regionCode === '150600')) return true;
  if (a.role === 'district_office') return h.district_code === a.regionCode;
  if (a.role === 'inspector') return h.department_ids.includes(a.orgId!);
  return h.enterprise_id === a.enterpriseId;
}

function expected(hazards: H[], a: Actor, q: HazardStatsQuery, now: Date) {
  const from = q.from ? Date.parse(q.from) : -Infinity;
  const to = q.to ? Date.parse(q.to) : Infinity;
  const acc = new Map<string, number[]>();
  for (const h of hazards) {
    const t = h.discovered_at.getTime();
    if (!inScope(h, a) || t < from || t >= to) continue;
    if (q.district && h.district_code !== q.district) continue;
    if (q.grade && h.grade !== q.grade) continue;
    const open = OPEN.has(h.status);
    const timed = h.status === 'closed' && h.closed_at !== null;
    for (const key of keysOf(h, q.groupBy)) {
      const v = acc.get(key) ?? [0, 0, 0, 0, 0, 0, 0, 0, 0];
      v[0]! += 1;
      v[1]! += open ? 1 : 0;
      v[2]! += h.status === 'closed' ? 1 : 0;
      v[3]! += h.status === 'dismissed' ? 1 : 0;
      v[4]! += open && h.deadline !== null && h.deadline < now ? 1 : 0;
      v[5]! += h.grade === 'major' ? 1 : 0;
      v[6]! += h.grade === 'general' ? 1 : 0;
      v[7]! += timed ? (h.closed_at!.getTime() - t) / 1000 : 0;
      v[8]! += timed ? 1 : 0;
      acc.set(key, v);
    }
  }
  return new Map(
    [...acc].map(([key, v]) => [
      key,
      {
        total: v[0],
        open: v[1],
        closed: v[2],
        dismissed: v[3],
        overdue: v[4],
        major: v[5],
        general: v[6],
        avgDays: v[8] ? Math.round((v[7]! / v[8]! / 86_400) * 1e6) / 1e6 : null,
      },
    ]),
  );
}

const actor = (over: Partial<Actor>): Actor => ({
  userId: '00000000-0000-0000-0000-000000000001',
  username: 'x',
  displayName: 'x',
  role: 'sysadmin',
  orgId: null,
  regionCode: null,
  enterpriseId: null,
  ...over,
});

describe('hazard statistics rollup', () => {
  let database: Database;
  let hazards: H[];
  const now = new Date();
  const thisMonth = shanghaiMonthStart(now.getTime());
  const iso = (ms: number) => new Date(ms).toISOString();

  const load = async () => {
    const r = await sql<H>`
      SELECT id, district_code, industry_code, sectors, department_ids, department_code, grade, status, source,
        discovered_at, discovered_by, deadline, closed_at, enterprise_id
      FROM hazards`.execute(database.db);
    hazards = r.rows.map((h) => ({
      ...h,
      discovered_at: new Date(h.discovered_at),
      deadline: h.deadline && new Date(h.deadline),
      closed_at: h.closed_at && new Date(h.closed_at),
    }));
  };

  before(async () => {
    database = await testDatabase();
    const db = database.db;
    // A few hundred hazards over the demo enterprises: every status, deadlines past, this month (before
    // and after now) and ahead, discoveries across 2023–now including this month, duplicate departments.
    await sql`
      INSERT INTO hazards (code, enterprise_id, district_code, industry_code, sectors, grade, title, source,
        discovered_at, discovered_by, discovered_by_name, status, deadline, department_code, department_ids,
        closed_at)
      SELECT 'T-' || g, e.id, e.district_code, e.industry_code,
        CASE WHEN g % 11 = 0 THEN '{}'::text[] WHEN g % 7 = 0 THEN e.sectors || '{general}'::text[] ELSE e.sectors END,
        CASE WHEN g % 4 = 0 THEN 'major' ELSE 'general' END, '测试隐患',
        (ARRAY['self_check','inspection','expert','public_report','monitoring','supervision'])[1 + g % 6],
        d.at, CASE WHEN g % 9 = 0 THEN ${'00000000-0000-0000-0000-0000000000e1'}::uuid END, '测试',
        s.status,
        CASE WHEN g % 13 = 0 THEN NULL ELSE ${now}::timestamptz + ((g % 41) - 20) * interval '1 day' + (g % 5) * interval '1 hour' END,
        CASE WHEN g % 10 = 0 THEN NULL ELSE e.district_code END,
        CASE WHEN g % 17 = 0 THEN e.department_ids || e.department_ids ELSE e.department_ids END,
        CASE WHEN s.status = 'closed' AND g % 19 <> 0 THEN d.at + (g % 30) * interval '1 day' + g * interval '1 second' END
      FROM generate_series(1, 400) g
      CROSS JOIN LATERAL (SELECT * FROM enterprises ORDER BY id OFFSET (g * 7) % (SELECT count(*) FROM enterprises) LIMIT 1) e
      CROSS JOIN LATERAL (SELECT (ARRAY['reported','rectifying','pending_acceptance','closed','dismissed'])[1 + g % 5] AS status) s
      CROSS JOIN LATERAL (SELECT ${now}::timestamptz - (g * 3) * interval '1 day' - (g % 24) * interval '1 hour' AS at) d
    `.execute(db);
    await load();
  });
  after(() => database.close());

  const district = '150627' as const;
  const actors = () => {
    const dept = hazards.find((h) => h.district_code === district && h.department_ids.length)!
      .department_ids[0]!;
    return [
      actor({ role: 'city_office', regionCode: '150600' }),
      actor({ role: 'district_office', regionCode: district }),
      actor({ role: 'inspector', orgId: dept }),
      actor({ role: 'enterprise_principal', enterpriseId: hazards[0]!.enterprise_id }),
      actor({ role: 'expert', userId: '00000000-0000-0000-0000-0000000000e1' }),
    ];
  };
  const ranges = (): Array<{ from?: string; to?: string }> => [
    {},
    { from: '2025-01-01T00:00:00+08:00' },
    { to: iso(thisMonth) },
    { from: '2024-03-15T10:30:00+08:00', to: '2025-07-20T00:00:00+08:00' },
    { from: '2024-03-01T00:00:00+08:00', to: '2024-03-20T00:00:00+08:00' },
    { from: iso(thisMonth - 40 * 86_400_000) },
    { to: iso(now.getTime() - 5 * 86_400_000) },
    { from: '2025-06-01T00:00:00+08:00', to: '2025-01-01T00:00:00+08:00' },
  ];

  async function compareAll(label: string) {
    await load();
    let compared = 0;
    for (const a of actors())
      for (const groupBy of STATS_GROUP_BY)
        for (const range of ranges())
          for (const extra of [{}, { grade: 'major' as const }, { district }]) {
            const q: HazardStatsQuery = { groupBy, ...range, ...extra };
            const got = await hazardStatsRows(database.db, a, q, now);
            const want = expected(hazards, a, q, now);
            const ctx = `${label}: ${a.role} ${JSON.stringify(q)}`;
            // (The order is the database's collation; compared here as sets.)
            assert.deepEqual(got.map((r) => r.key).sort(), [...want.keys()].sort(), ctx);
            for (const r of got) {
              const { key, avgDays, ...counts } = r;
              const { avgDays: wantAvg, ...wantCounts } = want.get(key)!;
              assert.deepEqual(counts, wantCounts, ctx);
              assert.equal(
                avgDays === null ? null : Math.round(avgDays * 1e6) / 1e6,
                wantAvg,
                `${ctx} avgDays`,
              );
            }
            compared++;
          }
    return compared;
  }

  it('matches the hazards with every change still pending in the deltas', async () => {
    const n = await sql<{ n: string }>`SELECT count(*) AS n FROM hazard_stats_delta`.execute(database.db);
    assert.ok(Number(n.rows[0]!.n) > 0, 'inserts left deltas');
    assert.ok((await compareAll('pending')) > 0);
  });

  it('matches after folding, and the folded rollup equals a rebuild from scratch', async () => {
    assert.ok((await foldHazardStats(database.db)) > 0);
    const left = await sql<{ n: string }>`SELECT count(*) AS n FROM hazard_stats_delta`.execute(database.db);
    assert.equal(Number(left.rows[0]!.n), 0);
    await compareAll('folded');
    const snapshot = async () =>
      (
        await sql<Record<string, unknown>>`
          SELECT scope, dim, key, grade, month::text, due_month::text, total::text, open::text, closed::text,
            dismissed::text, closed_secs::text, closed_timed::text
          FROM hazard_stats ORDER BY scope, dim, month, grade, key, due_month`.execute(database.db)
      ).rows;
    const folded = await snapshot();
    await rebuildHazardStats(database.db);
    assert.deepEqual(await snapshot(), folded);
  });

  it('matches while hazards change state, deadline, district scope and are deleted, folded or not', async () => {
    const db = database.db;
    await foldHazardStats(db);
    // Lifecycle moves, new deadlines (this month before and after now), reopenings, deletions.
    await sql`UPDATE hazards SET status = 'closed', closed_at = now() WHERE code LIKE 'T-%' AND status = 'pending_acceptance' AND code::text LIKE '%1'`.execute(
      db,
    );
    await sql`UPDATE hazards SET status = 'rectifying', closed_at = NULL WHERE code LIKE 'T-%' AND status = 'closed' AND code LIKE '%2'`.execute(
      db,
    );
    await sql`UPDATE hazards SET deadline = ${new Date(Math.max(thisMonth, now.getTime() - 3_600_000))} WHERE code LIKE 'T-%3'`.execute(
      db,
    );
    await sql`UPDATE hazards SET deadline = ${new Date(now.getTime() + 3_600_000)} WHERE code LIKE 'T-%4'`.execute(
      db,
    );
    await sql`UPDATE hazards SET grade = 'major', department_code = NULL WHERE code LIKE 'T-%5'`.execute(db);
    await sql`UPDATE hazards SET title = title || '（已核）' WHERE code LIKE 'T-%6'`.execute(db);
    await sql`DELETE FROM hazards WHERE code LIKE 'T-%7'`.execute(db);
    await compareAll('mixed');
    await foldHazardStats(db);
    await compareAll('refolded');
    const empty = await sql<{
      n: string;
    }>`SELECT count(*) AS n FROM hazard_stats WHERE total = 0`.execute(db);
    assert.equal(Number(empty.rows[0]!.n), 0, 'emptied grains are dropped');
  });

  it('an update that moves no figure writes no delta', async () => {
    const db = database.db;
    await foldHazardStats(db);
    await sql`UPDATE hazards SET title = title || '。', updated_at = now() WHERE code LIKE 'T-%'`.execute(db);
    const n = await sql<{ n: string }>`SELECT count(*) AS n FROM hazard_stats_delta`.execute(db);
    assert.equal(Number(n.rows[0]!.n), 0);
  });

  it('two folds at once fold each delta exactly once', async () => {
    const db = database.db;
    await sql`UPDATE hazards SET status = 'dismissed' WHERE code LIKE 'T-%8' AND status = 'reported'`.execute(
      db,
    );
    await sql`UPDATE hazards SET status = 'reported', closed_at = NULL WHERE code LIKE 'T-%9' AND status = 'closed'`.execute(
      db,
    );
    await Promise.all([foldHazardStats(db), foldHazardStats(db), foldHazardStats(db)]);
    await foldHazardStats(db);
    await compareAll('concurrent folds');
  });
});
