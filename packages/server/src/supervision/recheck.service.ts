import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { DISTRICTS } from '@zhiben/domain';
import type { DB } from '../db/types';
import { appendAudit, type AuditContext } from '../audit/audit.repo';

/** Deterministic shuffle from a seed string (SHA-256 counter stream), so a recorded draw can be re-derived. */
function seededPick<T>(items: T[], n: number, seed: string): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const h = createHash('sha256').update(`${seed}:${i}`).digest();
    const j = h.readUInt32BE(0) % (i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, n);
}

/**
 * 回头看 sampling: for a month (YYYY-MM, Asia/Shanghai), draw a share of the major hazards each district
 * closed that month, at least one where any were closed. Seeded by month and district; recorded once.
 */
export async function drawRechecks(db: Kysely<DB>, month: string, share: number, ctx: AuditContext) {
  const from = new Date(`${month}-01T00:00:00+08:00`);
  const to = new Date(from);
  to.setUTCMonth(to.getUTCMonth() + 1);
  const out = [];
  for (const d of DISTRICTS) {
    const existing = await db
      .selectFrom('recheck_draws')
      .selectAll()
      .where('month', '=', month)
      .where('district_code', '=', d.code)
      .executeTakeFirst();
    if (existing) {
      out.push(existing);
      continue;
    }
    const population = await db
      .selectFrom('hazards')
      .select('id')
      .where('district_code', '=', d.code)
      .where('grade', '=', 'major')
      .where('status', '=', 'closed')
      .where('closed_at', '>=', from)
      .where('closed_at', '<', to)
      .orderBy('id')
      .execute();
    const n = population.length === 0 ? 0 : Math.max(1, Math.round(population.length * share));
    const seed = `${month}:${d.code}`;
    const picked = seededPick(
      population.map((p) => p.id),
      n,
      seed,
    );
    const row = await db.transaction().execute(async (trx) => {
      const r = await trx
        .insertInto('recheck_draws')
        .values({
          month,
          district_code: d.code,
          seed,
          share,
          population: population.length,
          hazard_ids: picked,
        })
        .onConflict((oc) => oc.columns(['month', 'district_code']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (r)
        await appendAudit(trx, ctx, [
          {
            action: 'recheck.draw',
            entityType: 'recheck_draw',
            entityId: r.id,
            after: { month, district: d.code, population: population.length, drawn: picked },
          },
        ]);
      return (
        r ??
        (await trx
          .selectFrom('recheck_draws')
          .selectAll()
          .where('month', '=', month)
          .where('district_code', '=', d.code)
          .executeTakeFirstOrThrow())
      );
    });
    out.push(row);
  }
  return out.map((r) => ({
    month: r.month,
    districtCode: r.district_code,
    seed: r.seed,
    share: r.share,
    population: r.population,
    hazardIds: r.hazard_ids,
    drawnAt: r.created_at.toISOString(),
  }));
}
