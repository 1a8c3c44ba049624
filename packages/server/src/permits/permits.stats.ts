/**
 * Permit statistics (issue 5, item 7): permits by type, grade, enterprise, day or district, the violations
 * caught (actions refused by the rules), and the seed's target — the share of major-hazard enterprises
 * (category hazmat_major_hazard) using electronic permits — by district. Everything within the caller's scope.
 */
import { sql, type Kysely } from 'kysely';
import {
  DISTRICTS,
  districtName,
  enterpriseScope,
  permitTypeName,
  shanghaiDay,
  type Actor,
} from '@zhiben/domain';
import type { DB } from '../db/types';
import { whereInScope } from '../enterprises/enterprises.repo';
import { gradeName } from './permits.present';
import { wherePermitInScope } from './permits.repo';
import type { STATS_GROUPS } from './permits.schemas';

type GroupBy = (typeof STATS_GROUPS)[number];
const SHANGHAI = 8 * 3_600_000;
const dayStart = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - SHANGHAI);

interface Row {
  key: string;
  name: string;
  total: number;
  active: number;
  closed: number;
  cancelled: number;
  expired: number;
  violations: number;
}

export async function permitStats(
  db: Kysely<DB>,
  actor: Actor,
  q: { groupBy: GroupBy; from?: string; to?: string },
) {
  const from = q.from ? dayStart(q.from) : null;
  const to = q.to ? new Date(dayStart(q.to).getTime() + 86_400_000) : null;

  let pq = wherePermitInScope(db, db.selectFrom('permits'), actor)
    .innerJoin('enterprises', 'enterprises.id', 'permits.enterprise_id')
    .select([
      'permits.type',
      'permits.grade',
      'permits.status',
      'permits.enterprise_id',
      'permits.district_code',
      'permits.planned_start',
      'enterprises.name as enterprise_name',
    ]);
  if (from) pq = pq.where('permits.planned_start', '>=', from);
  if (to) pq = pq.where('permits.planned_start', '<', to);
  const permits = await pq.execute();

  const scope = enterpriseScope(actor);
  let rq = db
    .selectFrom('permit_refusals')
    .innerJoin('enterprises', 'enterprises.id', 'permit_refusals.enterprise_id')
    .leftJoin('permits', 'permits.id', 'permit_refusals.permit_id')
    .select([
      'permit_refusals.type',
      'permit_refusals.enterprise_id',
      'permit_refusals.district_code',
      'permit_refusals.codes',
      'permit_refusals.at',
      'permits.grade',
      'enterprises.name as enterprise_name',
    ]);
  if (scope.kind !== 'all')
    rq = rq.where(
      'permit_refusals.enterprise_id',
      'in',
      whereInScope(db.selectFrom('enterprises'), scope).select('enterprises.id'),
    );
  if (from) rq = rq.where('permit_refusals.at', '>=', from);
  if (to) rq = rq.where('permit_refusals.at', '<', to);
  const refusals = await rq.execute();

  const keyOf = (r: {
    type: string;
    grade: string | null;
    enterprise_id: string;
    enterprise_name: string;
    district_code: string;
    day: Date;
  }): [string, string] => {
    switch (q.groupBy) {
      case 'type':
        return [r.type, permitTypeName(r.type)];
      case 'grade':
        return [
          `${r.type}:${r.grade ?? '-'}`,
          `${permitTypeName(r.type)} ${gradeName(r.type, r.grade) ?? '（不分级）'}`,
        ];
      case 'enterprise':
        return [r.enterprise_id, r.enterprise_name];
      case 'day': {
        const d = shanghaiDay(r.day);
        return [d, d];
      }
      case 'district':
        return [r.district_code, districtName(r.district_code) ?? r.district_code];
    }
  };
  const rows = new Map<string, Row>();
  const get = (k: [string, string]) => {
    let r = rows.get(k[0]);
    if (!r) {
      r = { key: k[0], name: k[1], total: 0, active: 0, closed: 0, cancelled: 0, expired: 0, violations: 0 };
      rows.set(k[0], r);
    }
    return r;
  };
  for (const p of permits) {
    const r = get(keyOf({ ...p, day: p.planned_start }));
    r.total++;
    if (['issued', 'in_progress', 'suspended'].includes(p.status)) r.active++;
    if (p.status === 'closed') r.closed++;
    if (p.status === 'cancelled') r.cancelled++;
    if (p.status === 'expired') r.expired++;
  }
  const byCode = new Map<string, number>();
  for (const f of refusals) {
    get(keyOf({ ...f, day: f.at })).violations += f.codes.length;
    for (const c of f.codes) byCode.set(c, (byCode.get(c) ?? 0) + 1);
  }

  // Adoption: major-hazard enterprises in scope, and those that filed at least one permit in the period.
  let eq = whereInScope(db.selectFrom('enterprises'), scope)
    .select([
      'enterprises.district_code',
      sql<string>`count(*)`.as('n'),
      sql<string>`count(*) filter (where exists (
        select 1 from permits p where p.enterprise_id = enterprises.id
        ${from ? sql`and p.planned_start >= ${from}` : sql``}
        ${to ? sql`and p.planned_start < ${to}` : sql``}))`.as('using'),
    ])
    .where(sql<boolean>`enterprises.categories @> ARRAY['hazmat_major_hazard']::text[]`)
    .where('enterprises.status', '!=', 'closed')
    .groupBy('enterprises.district_code');
  eq = eq.orderBy('enterprises.district_code');
  const adoptionRows = await eq.execute();
  const order = DISTRICTS.map((d) => d.code as string);
  const adoption = adoptionRows
    .map((a) => {
      const n = Number(a.n);
      const using = Number(a.using);
      return {
        districtCode: a.district_code,
        districtName: districtName(a.district_code) ?? a.district_code,
        majorHazardEnterprises: n,
        usingElectronicPermits: using,
        share: n ? Math.round((using / n) * 1000) / 1000 : 0,
      };
    })
    .sort((a, b) => order.indexOf(a.districtCode) - order.indexOf(b.districtCode));
  const totalMajor = adoption.reduce((s, a) => s + a.majorHazardEnterprises, 0);
  const totalUsing = adoption.reduce((s, a) => s + a.usingElectronicPermits, 0);

  return {
    groupBy: q.groupBy,
    from: q.from ?? null,
    to: q.to ?? null,
    rows: [...rows.values()].sort((a, b) =>
      q.groupBy === 'day' ? a.key.localeCompare(b.key) : b.total - a.total || a.key.localeCompare(b.key),
    ),
    totals: {
      permits: permits.length,
      violations: refusals.reduce((s, f) => s + f.codes.length, 0),
      refusedActions: refusals.length,
    },
    violationsByCode: [...byCode.entries()]
      .map(([code, count]) => ({ code, count }))
      .sort((a, b) => b.count - a.count),
    adoption,
    adoptionTotal: {
      majorHazardEnterprises: totalMajor,
      usingElectronicPermits: totalUsing,
      share: totalMajor ? Math.round((totalUsing / totalMajor) * 1000) / 1000 : 0,
    },
  };
}
