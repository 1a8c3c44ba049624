import { sql, type Kysely } from 'kysely';
import { CATEGORY_CODES, type EnterpriseScope } from '@zhiben/domain';
import type { DB } from '../db/types';
import { whereInScope } from '../enterprises/enterprises.repo';

export interface CoverageEnterpriseRow {
  id: string;
  name: string;
  uscc: string;
  district_code: string;
  categories: string[];
  last_reading_at: Date | null;
}

/**
 * Required enterprises in scope (a key-monitoring category, not closed) with the time of their latest
 * reading on any point. Without `at` that is the points' last_ts (now); with `at` it is the latest
 * reading at or before `at`, from the raw readings (kept some days) and the 1-minute aggregates (kept long),
 * and enterprises registered after `at` are left out.
 */
export async function coverageEnterprises(
  db: Kysely<DB>,
  scope: EnterpriseScope,
  f: { at: Date | null; district?: string; category?: string },
): Promise<CoverageEnterpriseRow[]> {
  const at = f.at;
  const lastReading = at
    ? sql<Date | null>`(SELECT max(CASE WHEN p.last_ts IS NULL THEN NULL
          WHEN p.last_ts <= ${at}::timestamptz THEN p.last_ts
          ELSE greatest(
            (SELECT max(r.ts) FROM readings r WHERE r.point_id = p.id AND r.ts <= ${at}::timestamptz),
            (SELECT max(m.last_ts) FROM readings_1m m
              WHERE m.point_id = p.id AND m.bucket <= ${at}::timestamptz AND m.last_ts <= ${at}::timestamptz))
          END)
        FROM monitoring_points p WHERE p.enterprise_id = enterprises.id)`
    : sql<Date | null>`(SELECT max(p.last_ts) FROM monitoring_points p WHERE p.enterprise_id = enterprises.id)`;
  let q = whereInScope(db.selectFrom('enterprises'), scope)
    .select([
      'enterprises.id',
      'enterprises.name',
      'enterprises.uscc',
      'enterprises.district_code',
      'enterprises.categories',
      lastReading.as('last_reading_at'),
    ])
    .where('enterprises.status', '<>', 'closed')
    .where(sql<boolean>`enterprises.categories && ${[...CATEGORY_CODES]}::text[]`);
  if (at) q = q.where('enterprises.created_at', '<=', at);
  if (f.district) q = q.where('enterprises.district_code', '=', f.district);
  if (f.category) q = q.where(sql<boolean>`enterprises.categories @> ARRAY[${f.category}]::text[]`);
  return q.orderBy('enterprises.name').orderBy('enterprises.id').execute();
}

export async function enterpriseDistrict(db: Kysely<DB>, id: string): Promise<string | null> {
  const r = await db
    .selectFrom('enterprises')
    .select('district_code')
    .where('id', '=', id)
    .executeTakeFirst();
  return r?.district_code ?? null;
}

export interface QualityFilters {
  from: Date;
  to: Date;
  district?: string;
  enterpriseId?: string;
}

function monitoredEnterprises(db: Kysely<DB>, scope: EnterpriseScope, f: QualityFilters) {
  let q = whereInScope(db.selectFrom('enterprises'), scope).where(({ exists, selectFrom }) =>
    exists(
      selectFrom('monitoring_points')
        .select(sql`1`.as('one'))
        .whereRef('monitoring_points.enterprise_id', '=', 'enterprises.id'),
    ),
  );
  if (f.district) q = q.where('enterprises.district_code', '=', f.district);
  if (f.enterpriseId) q = q.where('enterprises.id', '=', f.enterpriseId);
  return q;
}

/**
 * What the alarm-quality ledger needs: monitored enterprises in scope, their points (created when, offline
 * now), and their alarms opened in [from, to) plus offline alarms still open at `from`.
 */
export async function alarmQualityData(db: Kysely<DB>, scope: EnterpriseScope, f: QualityFilters) {
  const enterprises = await monitoredEnterprises(db, scope, f)
    .select(['enterprises.id', 'enterprises.name', 'enterprises.uscc', 'enterprises.district_code'])
    .orderBy('enterprises.name')
    .orderBy('enterprises.id')
    .execute();
  if (enterprises.length === 0) return { enterprises, points: [], alarms: [] };
  const ids = monitoredEnterprises(db, scope, f).select('enterprises.id');
  const points = await db
    .selectFrom('monitoring_points')
    .select([
      'id',
      'enterprise_id',
      'created_at',
      sql<boolean>`coalesce(state->>'level', 'normal') = 'offline'`.as('offline_now'),
    ])
    .where('enterprise_id', 'in', ids)
    .execute();
  const alarms = await db
    .selectFrom('alarms')
    .select([
      'point_id',
      'enterprise_id',
      'level',
      'opened_at',
      'acknowledged_at',
      'disposed_at',
      'closed_at',
      'false_alarm',
    ])
    .where('enterprise_id', 'in', ids)
    .where('opened_at', '<', f.to)
    .where((eb) =>
      eb.or([
        eb('opened_at', '>=', f.from),
        eb.and([
          eb('level', '=', 'offline'),
          eb.or([eb('closed_at', 'is', null), eb('closed_at', '>', f.from)]),
        ]),
      ]),
    )
    .execute();
  return { enterprises, points, alarms };
}
