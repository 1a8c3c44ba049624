import { sql, type Kysely } from 'kysely';
import { criteriaSectorForEnterprise, hazardCode, shanghaiYear } from '@zhiben/domain';
import type { DB } from '../db/types';
import { mulberry32 } from './generate';

const DAY = 86_400_000;
const GENERAL_TITLES = [
  '消防通道堆放杂物',
  '灭火器压力不足',
  '安全警示标志缺失',
  '配电箱未上锁',
  '劳动防护用品佩戴不规范',
  '应急照明损坏',
  '特种作业人员证件过期',
  '设备防护罩缺失',
  '安全培训记录不全',
  '可燃气体报警器未定期校验',
];

/**
 * Demo hazards for the dashboards: a few per enterprise for part of the register, discovered
 * 2023-01 … now, older ones mostly closed, some overdue; major ones judged against a criterion in
 * force on their discovery date. Deterministic from the seed. Inserted directly, with timeline rows.
 */
export async function seedDemoHazards(db: Kysely<DB>, now = new Date(), seed = 20240630): Promise<number> {
  const r = mulberry32(seed);
  const ents = await db
    .selectFrom('enterprises')
    .select(['id', 'district_code', 'industry_code', 'sectors', 'categories', 'department_ids'])
    .orderBy('uscc')
    .execute();
  const criteria = await db
    .selectFrom('criteria_items')
    .select(['id', 'code', 'name', 'sector', 'effective_from', 'effective_to'])
    .execute();
  const deptCode = (ids: string[]) => ids[0]?.split('-')[2] ?? null;
  const counters = new Map<string, number>();
  const start = new Date('2023-01-01T00:00:00+08:00').getTime();
  const rows: Array<{
    code: string;
    enterprise_id: string;
    district_code: string;
    industry_code: string;
    sectors: string[];
    grade: string;
    criterion_id: string | null;
    title: string;
    source: string;
    discovered_at: Date;
    status: string;
    deadline: Date;
    department_code: string | null;
    department_ids: string[];
    closed_at: Date | null;
  }> = [];
  for (const e of ents) {
    if (r() > 0.45) continue;
    const n = 1 + Math.floor(r() * 3);
    const sectors = criteriaSectorForEnterprise(e.industry_code, e.sectors, e.categories).filter(
      (s) => s !== 'fire',
    );
    for (let i = 0; i < n; i++) {
      const discovered = new Date(start + r() * (now.getTime() - start - 2 * DAY));
      const day = discovered.toISOString().slice(0, 10);
      const pool = criteria.filter(
        (c) =>
          sectors.includes(c.sector as never) &&
          c.effective_from <= day &&
          (!c.effective_to || c.effective_to >= day),
      );
      const major = pool.length > 0 && r() < 0.12;
      const c = major ? pool[Math.floor(r() * pool.length)]! : null;
      const deadline = new Date(discovered.getTime() + (major ? 60 : 20) * DAY);
      const age = (now.getTime() - discovered.getTime()) / DAY;
      const roll = r();
      let status: string;
      if (age > 120) status = roll < 0.93 ? 'closed' : roll < 0.96 ? 'rectifying' : 'dismissed';
      else if (age > 30) status = roll < 0.7 ? 'closed' : roll < 0.9 ? 'rectifying' : 'pending_acceptance';
      else
        status =
          roll < 0.35
            ? 'closed'
            : roll < 0.7
              ? 'rectifying'
              : roll < 0.85
                ? 'pending_acceptance'
                : 'reported';
      const closedAt =
        status === 'closed'
          ? new Date(
              Math.min(now.getTime() - DAY, discovered.getTime() + (3 + r() * (major ? 75 : 25)) * DAY),
            )
          : null;
      const year = shanghaiYear(discovered);
      const key = `${e.district_code}:${year}`;
      const seq = (counters.get(key) ?? 0) + 1;
      counters.set(key, seq);
      const source =
        r() < 0.55 ? 'self_check' : r() < 0.7 ? 'inspection' : r() < 0.6 ? 'expert' : 'supervision';
      rows.push({
        code: hazardCode(e.district_code, year, seq),
        enterprise_id: e.id,
        district_code: e.district_code,
        industry_code: e.industry_code,
        sectors: e.sectors,
        grade: major ? 'major' : 'general',
        criterion_id: c?.id ?? null,
        title: c ? c.name : GENERAL_TITLES[Math.floor(r() * GENERAL_TITLES.length)]!,
        source,
        discovered_at: discovered,
        status,
        deadline,
        department_code: deptCode(e.department_ids),
        department_ids: e.department_ids,
        closed_at: closedAt,
      });
    }
  }
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 2000) {
      const b = rows.slice(i, i + 2000);
      await sql`
        WITH ins AS (
          INSERT INTO hazards (code, enterprise_id, district_code, industry_code, sectors, grade, criterion_id, title, source,
            discovered_at, discovered_by_name, status, deadline, department_code, department_ids, closed_at, accepted_by_name, updated_at)
          SELECT code, enterprise_id, district_code, industry_code, string_to_array(sectors, ','), grade, criterion_id, title, source,
            discovered_at, '演示数据', status, deadline, department_code, string_to_array(department_ids, ','), closed_at,
            CASE WHEN status = 'closed' THEN '演示数据' END, now()
          FROM unnest(
            ${b.map((x) => x.code)}::text[], ${b.map((x) => x.enterprise_id)}::uuid[], ${b.map((x) => x.district_code)}::text[],
            ${b.map((x) => x.industry_code)}::text[], ${b.map((x) => x.sectors.join(','))}::text[], ${b.map((x) => x.grade)}::text[],
            ${b.map((x) => x.criterion_id)}::uuid[], ${b.map((x) => x.title)}::text[], ${b.map((x) => x.source)}::text[],
            ${b.map((x) => x.discovered_at)}::timestamptz[], ${b.map((x) => x.status)}::text[], ${b.map((x) => x.deadline)}::timestamptz[],
            ${b.map((x) => x.department_code)}::text[], ${b.map((x) => x.department_ids.join(','))}::text[], ${b.map((x) => x.closed_at)}::timestamptz[]
          ) AS t(code, enterprise_id, district_code, industry_code, sectors, grade, criterion_id, title, source, discovered_at, status,
                 deadline, department_code, department_ids, closed_at)
          RETURNING id, status, discovered_at, closed_at
        )
        INSERT INTO hazard_events (hazard_id, action, from_status, to_status, actor_name, at, data)
        SELECT id, 'report', NULL, 'reported', '演示数据', discovered_at, '{}'::jsonb FROM ins
        UNION ALL
        SELECT id, 'accept', 'pending_acceptance', 'closed', '演示数据', closed_at, '{}'::jsonb FROM ins WHERE status = 'closed'
      `.execute(trx);
    }
    for (const [key, last] of counters) {
      const [district, year] = key.split(':');
      await trx
        .insertInto('hazard_counters')
        .values({ district_code: district!, year: Number(year), last })
        .onConflict((oc) =>
          oc
            .columns(['district_code', 'year'])
            .doUpdateSet({ last: sql`greatest(hazard_counters.last, excluded.last)` }),
        )
        .execute();
    }
  });
  return rows.length;
}
