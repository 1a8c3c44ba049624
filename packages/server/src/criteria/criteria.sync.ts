import type { Kysely } from 'kysely';
import { CRITERIA_ITEMS } from '@zhiben/domain';
import type { DB } from '../db/types';

/**
 * The built-in judgement criteria come from the domain package (the national texts); they are
 * upserted by code at every start, so a corrected text reaches every installation. Items that city
 * administrators add are `builtin = false` and never touched here. A built-in item's end date is
 * left as the city set it (retiring an item locally survives restarts).
 */
export async function syncBuiltinCriteria(db: Kysely<DB>): Promise<number> {
  const rows = CRITERIA_ITEMS.map((c) => ({
    code: c.code,
    sector: c.sector,
    version: c.version,
    name: c.name,
    description: c.description,
    source: c.source,
    article: c.article,
    effective_from: c.effectiveFrom,
    effective_to: c.effectiveTo,
    builtin: true,
    updated_at: new Date(),
  }));
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('criteria_items')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          sector: eb.ref('excluded.sector'),
          version: eb.ref('excluded.version'),
          name: eb.ref('excluded.name'),
          description: eb.ref('excluded.description'),
          source: eb.ref('excluded.source'),
          article: eb.ref('excluded.article'),
          effective_from: eb.ref('excluded.effective_from'),
          builtin: true,
        })),
      )
      .execute();
  }
  return rows.length;
}
