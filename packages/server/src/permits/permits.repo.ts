import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import { enterpriseScope, type Actor } from '@zhiben/domain';
import type { DB } from '../db/types';
import { whereInScope } from '../enterprises/enterprises.repo';
import type { PermitListQuery } from './permits.schemas';
import { containsPattern } from '../db/like';

export type Db = Kysely<DB> | Transaction<DB>;
type PQ = SelectQueryBuilder<DB, 'permits', object>;

/** Permits of the enterprises the actor may see (the shared enterprise scope rule). */
export function wherePermitInScope<Q extends PQ>(db: Db, q: Q, actor: Actor): Q {
  const scope = enterpriseScope(actor);
  if (scope.kind === 'all') return q;
  if (scope.kind === 'enterprise') return q.where('permits.enterprise_id', '=', scope.enterpriseId) as Q;
  if (scope.kind === 'none') return q.where(sql<boolean>`false`) as Q;
  return q.where(
    'permits.enterprise_id',
    'in',
    whereInScope(db.selectFrom('enterprises'), scope).select('enterprises.id'),
  ) as Q;
}

const SHANGHAI = 8 * 3_600_000;

export function wherePermitFilters<Q extends PQ>(q: Q, f: Omit<PermitListQuery, 'page' | 'pageSize'>): Q {
  let r = q;
  if (f.enterprise) r = r.where('permits.enterprise_id', '=', f.enterprise) as Q;
  if (f.type) r = r.where('permits.type', '=', f.type) as Q;
  if (f.status?.length) r = r.where('permits.status', 'in', f.status) as Q;
  if (f.district) r = r.where('permits.district_code', '=', f.district) as Q;
  if (f.date) {
    const from = new Date(Date.parse(`${f.date}T00:00:00Z`) - SHANGHAI);
    const to = new Date(from.getTime() + 86_400_000);
    r = r.where('permits.planned_start', '<', to).where('permits.planned_end', '>=', from) as Q;
  }
  if (f.keyword) {
    const like = containsPattern(f.keyword);
    r = r.where((eb) =>
      eb.or([
        eb('permits.number', 'ilike', like),
        eb(sql<string>`permits.draft->>'location'`, 'ilike', like),
        eb(sql<string>`permits.draft->>'content'`, 'ilike', like),
      ]),
    ) as Q;
  }
  return r;
}

export async function listPermits(db: Db, actor: Actor, q: PermitListQuery) {
  const base = wherePermitFilters(wherePermitInScope(db, db.selectFrom('permits'), actor), q);
  const rows = await base
    .innerJoin('enterprises', 'enterprises.id', 'permits.enterprise_id')
    .selectAll('permits')
    .select(['enterprises.name as enterprise_name', sql<string>`count(*) over ()`.as('total_count')])
    .orderBy('permits.planned_start', 'desc')
    .orderBy('permits.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  let total = rows[0] ? Number(rows[0].total_count) : 0;
  if (rows.length === 0 && q.page > 1)
    total = Number((await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  return { rows, total };
}

/** Permits in the approval stages of the actor's own enterprise, for the inbox. */
export async function pendingPermits(db: Db, enterpriseId: string) {
  return db
    .selectFrom('permits')
    .innerJoin('enterprises', 'enterprises.id', 'permits.enterprise_id')
    .selectAll('permits')
    .select(['enterprises.name as enterprise_name'])
    .where('permits.enterprise_id', '=', enterpriseId)
    .where('permits.status', 'in', [
      'draft',
      'measures_confirmed',
      'gas_analysed',
      'approving',
      'issued',
      'in_progress',
      'suspended',
      'completed',
      'accepted',
    ])
    .orderBy('permits.planned_start')
    .limit(500)
    .execute();
}

export async function findPermit(db: Db, actor: Actor, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return wherePermitInScope(db, db.selectFrom('permits'), actor)
    .innerJoin('enterprises', 'enterprises.id', 'permits.enterprise_id')
    .selectAll('permits')
    .select(['enterprises.name as enterprise_name'])
    .where('permits.id', '=', id)
    .executeTakeFirst();
}

export async function findPermitById(db: Db, id: string) {
  return db
    .selectFrom('permits')
    .innerJoin('enterprises', 'enterprises.id', 'permits.enterprise_id')
    .selectAll('permits')
    .select(['enterprises.name as enterprise_name'])
    .where('permits.id', '=', id)
    .executeTakeFirst();
}

export async function findPermitByNumber(db: Db, number: string) {
  return db
    .selectFrom('permits')
    .innerJoin('enterprises', 'enterprises.id', 'permits.enterprise_id')
    .selectAll('permits')
    .select(['enterprises.name as enterprise_name'])
    .where('permits.number', '=', number)
    .executeTakeFirst();
}

export async function permitEvents(db: Db, permitId: string) {
  return db.selectFrom('permit_events').selectAll().where('permit_id', '=', permitId).orderBy('id').execute();
}

/** Next sequence number for a number prefix (ZY-DH-20250312), under the counter row's lock. */
export async function nextPermitSeq(trx: Transaction<DB>, prefix: string): Promise<number> {
  const r = await trx
    .insertInto('permit_counters')
    .values({ prefix, last: 1 })
    .onConflict((oc) => oc.column('prefix').doUpdateSet({ last: sql`permit_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return r.last;
}

/** The enterprise's active blind-plate permits, for the one-plate/one-pipeline rules. */
export async function blindPlatePermits(db: Db, enterpriseId: string) {
  return db
    .selectFrom('permits')
    .select(['id', 'number', 'status', 'planned_start', 'planned_end', 'draft'])
    .where('enterprise_id', '=', enterpriseId)
    .where('type', '=', 'blind_plate')
    .where('status', 'in', ['issued', 'in_progress', 'suspended'])
    .execute();
}

/** Registry rows for the worker ids a permit names. */
export async function registryFor(db: Db, enterpriseId: string, ids: string[]) {
  const uuids = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (!uuids.length) return [];
  return db
    .selectFrom('permit_workers')
    .select(['id', 'certificates', 'guardian_trained'])
    .where('enterprise_id', '=', enterpriseId)
    .where('archived', '=', false)
    .where('id', 'in', uuids)
    .execute();
}

export async function recordRefusal(
  db: Db,
  r: {
    permitId: string | null;
    enterpriseId: string;
    districtCode: string;
    type: string;
    action: string;
    violations: { code: string; clause: string; message: string }[];
    actorId: string | null;
    actorName: string;
  },
) {
  await db
    .insertInto('permit_refusals')
    .values({
      permit_id: r.permitId,
      enterprise_id: r.enterpriseId,
      district_code: r.districtCode,
      type: r.type,
      action: r.action,
      codes: r.violations.map((v) => v.code),
      violations: JSON.stringify(r.violations),
      actor_id: r.actorId,
      actor_name: r.actorName,
    })
    .execute();
}
