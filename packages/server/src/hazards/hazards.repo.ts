import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { Actor, HazardListQuery } from '@zhiben/domain';
import { enterpriseScope } from '@zhiben/domain';
import type { DB } from '../db/types';
import { containsPattern } from '../db/like';

type HQ = SelectQueryBuilder<DB, 'hazards', object>;
type Db = Kysely<DB> | Transaction<DB>;

/** Hazards an actor may see: the enterprise scope, plus an expert's own findings. */
export function whereHazardInScope<Q extends HQ>(q: Q, actor: Actor): Q {
  if (actor.role === 'expert') return q.where('hazards.discovered_by', '=', actor.userId) as Q;
  const s = enterpriseScope(actor);
  switch (s.kind) {
    case 'all':
      return q;
    case 'district':
      return q.where('hazards.district_code', '=', s.districtCode) as Q;
    case 'department':
      return q.where(sql<boolean>`hazards.department_ids @> ARRAY[${s.departmentId}]::text[]`) as Q;
    case 'enterprise':
      return q.where('hazards.enterprise_id', '=', s.enterpriseId) as Q;
    case 'none':
      return q.where(sql<boolean>`false`) as Q;
  }
}

const OPEN = ['reported', 'rectifying', 'pending_acceptance'];

export function whereHazardFilters<Q extends HQ>(
  q: Q,
  f: Omit<HazardListQuery, 'page' | 'pageSize' | 'sort'>,
  now: Date,
): Q {
  let r = q;
  if (f.district) r = r.where('hazards.district_code', '=', f.district) as Q;
  if (f.enterprise) r = r.where('hazards.enterprise_id', '=', f.enterprise) as Q;
  if (f.grade) r = r.where('hazards.grade', '=', f.grade) as Q;
  if (f.status?.length) r = r.where('hazards.status', 'in', f.status) as Q;
  if (f.source) r = r.where('hazards.source', '=', f.source) as Q;
  if (f.criterion) r = r.where('hazards.criterion_id', '=', f.criterion) as Q;
  if (f.department) r = r.where('hazards.department_code', '=', f.department) as Q;
  if (f.supervised) r = r.where('hazards.supervised', '=', f.supervised === 'true') as Q;
  if (f.overdue === 'true')
    r = r.where('hazards.status', 'in', OPEN).where('hazards.deadline', '<', now) as Q;
  if (f.overdue === 'false')
    r = r.where((eb) =>
      eb.or([
        eb('hazards.status', 'not in', OPEN),
        eb('hazards.deadline', 'is', null),
        eb('hazards.deadline', '>=', now),
      ]),
    ) as Q;
  if (f.discoveredFrom) r = r.where('hazards.discovered_at', '>=', new Date(f.discoveredFrom)) as Q;
  if (f.discoveredTo) r = r.where('hazards.discovered_at', '<', new Date(f.discoveredTo)) as Q;
  if (f.keyword) {
    const like = containsPattern(f.keyword);
    r = r.where((eb) => eb.or([eb('hazards.title', 'ilike', like), eb('hazards.code', 'ilike', like)])) as Q;
  }
  return r;
}

const SORTS = {
  discoveredAt: 'hazards.discovered_at',
  deadline: 'hazards.deadline',
  code: 'hazards.code',
} as const;

export async function listHazards(db: Db, actor: Actor, q: HazardListQuery, now: Date) {
  const base = whereHazardFilters(whereHazardInScope(db.selectFrom('hazards'), actor), q, now);
  const desc = q.sort.startsWith('-');
  const col = SORTS[q.sort.replace(/^-/, '') as keyof typeof SORTS];
  // Page and count as two queries: a count(*) over () window makes PostgreSQL walk the whole sort
  // index instead of stopping after one page (measured at 1M hazards: 136 ms → 5.5 ms).
  const [rows, count] = await Promise.all([
    base
      .innerJoin('enterprises', 'enterprises.id', 'hazards.enterprise_id')
      .selectAll('hazards')
      .select(['enterprises.name as enterprise_name'])
      .orderBy(col, desc ? 'desc' : 'asc')
      .orderBy('hazards.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const total = Number(count.n);
  return { rows, total };
}

export async function findHazard(db: Db, actor: Actor, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return whereHazardInScope(db.selectFrom('hazards'), actor)
    .innerJoin('enterprises', 'enterprises.id', 'hazards.enterprise_id')
    .selectAll('hazards')
    .select(['enterprises.name as enterprise_name'])
    .where('hazards.id', '=', id)
    .executeTakeFirst();
}

/** Next sequence number for YH-<district>-<year>-<seq>, under the counter row's lock. */
export async function nextHazardSeq(
  trx: Transaction<DB>,
  districtCode: string,
  year: number,
): Promise<number> {
  const r = await trx
    .insertInto('hazard_counters')
    .values({ district_code: districtCode, year, last: 1 })
    .onConflict((oc) =>
      oc.columns(['district_code', 'year']).doUpdateSet({ last: sql`hazard_counters.last + 1` }),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return r.last;
}

export async function hazardEvents(db: Db, hazardId: string) {
  return db.selectFrom('hazard_events').selectAll().where('hazard_id', '=', hazardId).orderBy('id').execute();
}
