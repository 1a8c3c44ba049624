import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { EnterpriseListQuery, EnterpriseScope } from '@zhiben/domain';
import type { DB, EnterpriseRow, NewEnterprise, EnterpriseUpdate } from '../db/types';

type EntQuery = SelectQueryBuilder<DB, 'enterprises', object>;

/** The scope rule in SQL; the same rule as inEnterpriseScope in the domain package. */
export function whereInScope<Q extends EntQuery>(q: Q, scope: EnterpriseScope): Q {
  switch (scope.kind) {
    case 'all':
      return q;
    case 'district':
      return q.where('enterprises.district_code', '=', scope.districtCode) as Q;
    case 'department':
      return q.where(sql<boolean>`enterprises.department_ids @> ARRAY[${scope.departmentId}]::text[]`) as Q;
    case 'enterprise':
      return q.where('enterprises.id', '=', scope.enterpriseId) as Q;
    case 'none':
      return q.where(sql<boolean>`false`) as Q;
  }
}

export type EnterpriseFilters = Omit<EnterpriseListQuery, 'page' | 'pageSize' | 'sort'>;

function whereFilters<Q extends EntQuery>(q: Q, f: EnterpriseFilters): Q {
  let r = q;
  if (f.district) r = r.where('enterprises.district_code', '=', f.district) as Q;
  if (f.industry) r = r.where('enterprises.industry_code', 'like', `${f.industry}%`) as Q;
  if (f.sector) r = r.where(sql<boolean>`enterprises.sectors @> ARRAY[${f.sector}]::text[]`) as Q;
  if (f.category) r = r.where(sql<boolean>`enterprises.categories @> ARRAY[${f.category}]::text[]`) as Q;
  if (f.status) r = r.where('enterprises.status', '=', f.status) as Q;
  if (f.scale) r = r.where('enterprises.scale', '=', f.scale) as Q;
  if (f.department)
    r = r.where(sql<boolean>`enterprises.department_ids @> ARRAY[${f.department}]::text[]`) as Q;
  if (f.keyword) {
    const like = `%${f.keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    r = r.where((eb) =>
      eb.or([
        eb('enterprises.name', 'ilike', like),
        eb('enterprises.uscc', 'ilike', like),
        eb('enterprises.address', 'ilike', like),
      ]),
    ) as Q;
  }
  return r;
}

const SORT_COLUMNS = {
  name: 'enterprises.name',
  createdAt: 'enterprises.created_at',
  employees: 'enterprises.employees',
  uscc: 'enterprises.uscc',
} as const;

export async function listEnterprises(
  db: Kysely<DB>,
  scope: EnterpriseScope,
  query: EnterpriseListQuery,
): Promise<{ rows: EnterpriseRow[]; total: number }> {
  const base = whereFilters(whereInScope(db.selectFrom('enterprises'), scope), query);
  const desc = query.sort.startsWith('-');
  const col = SORT_COLUMNS[query.sort.replace(/^-/, '') as keyof typeof SORT_COLUMNS];
  // One scan: the page and the total together (count over the whole filtered set).
  const rows = await base
    .selectAll('enterprises')
    .select(sql<string>`count(*) over ()`.as('total_count'))
    .orderBy(col, desc ? 'desc' : 'asc')
    .orderBy('enterprises.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  let total = rows[0] ? Number(rows[0].total_count) : 0;
  if (rows.length === 0 && query.page > 1) {
    // Past the last page the window has no rows to count on.
    total = Number((await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  }
  return { rows: rows.map(({ total_count: _, ...r }) => r), total };
}

/** Streams every row of a filtered list in pages (exports). */
export async function* iterateEnterprises(
  db: Kysely<DB>,
  scope: EnterpriseScope,
  filters: EnterpriseFilters,
  batch = 1000,
): AsyncGenerator<EnterpriseRow[]> {
  let last: { name: string; id: string } | null = null;
  for (;;) {
    let q = whereFilters(whereInScope(db.selectFrom('enterprises'), scope), filters).selectAll('enterprises');
    if (last) {
      const l = last;
      q = q.where((eb) =>
        eb.or([
          eb('enterprises.name', '>', l.name),
          eb.and([eb('enterprises.name', '=', l.name), eb('enterprises.id', '>', l.id)]),
        ]),
      );
    }
    const rows = await q.orderBy('enterprises.name').orderBy('enterprises.id').limit(batch).execute();
    if (rows.length === 0) return;
    yield rows;
    const tail = rows[rows.length - 1]!;
    last = { name: tail.name, id: tail.id };
    if (rows.length < batch) return;
  }
}

export async function findEnterprise(
  db: Kysely<DB> | Transaction<DB>,
  id: string,
  scope: EnterpriseScope,
): Promise<EnterpriseRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return whereInScope(db.selectFrom('enterprises'), scope)
    .selectAll('enterprises')
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function existingUsccs(db: Kysely<DB> | Transaction<DB>, usccs: string[]): Promise<Set<string>> {
  if (usccs.length === 0) return new Set();
  const rows = await db.selectFrom('enterprises').select('uscc').where('uscc', 'in', usccs).execute();
  return new Set(rows.map((r) => r.uscc));
}

export async function insertEnterprises(
  trx: Transaction<DB>,
  values: NewEnterprise[],
): Promise<EnterpriseRow[]> {
  const out: EnterpriseRow[] = [];
  for (let i = 0; i < values.length; i += 500) {
    out.push(
      ...(await trx
        .insertInto('enterprises')
        .values(values.slice(i, i + 500))
        .returningAll()
        .execute()),
    );
  }
  return out;
}

export async function updateEnterprise(
  trx: Transaction<DB>,
  id: string,
  set: EnterpriseUpdate,
): Promise<EnterpriseRow> {
  return trx
    .updateTable('enterprises')
    .set({ ...set, updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
