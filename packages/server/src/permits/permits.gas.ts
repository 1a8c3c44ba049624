/**
 * Live gas readings of a permit's workplace (issue 5, item 5 "link to monitoring"): the gas-kind
 * monitoring points of the permit's enterprise in its zone or installation, each with its thresholds,
 * last value, level, open alarm and the last two hours of 1-minute aggregates for a sparkline.
 * The caller reaches them only through a permit it may read (404 otherwise, like the permit itself).
 */
import type { Kysely } from 'kysely';
import {
  GAS_POINT_KINDS,
  violation,
  type Actor,
  type PermitGasPoint,
  type PermitGasReadings,
  type PermitViolation,
  type PointLevel,
} from '@zhiben/domain';
import type { DB } from '../db/types';
import { notFound } from '../http/errors';
import { findPermit } from './permits.repo';

/** How far back the sparkline reaches. */
export const GAS_SPARKLINE_MINUTES = 120;

const LEVELS: readonly string[] = ['normal', 'high', 'high_high', 'low', 'low_low', 'offline'];

export async function permitGasReadings(
  db: Kysely<DB>,
  actor: Actor,
  permitId: string,
  now = new Date(),
): Promise<PermitGasReadings> {
  const permit = await findPermit(db, actor, permitId);
  if (!permit) throw notFound('作业票');
  const zone = permit.zone?.trim() || null;
  const installationId = permit.installation_id;
  const installation = installationId
    ? await db
        .selectFrom('installations')
        .select(['id', 'name'])
        .where('id', '=', installationId)
        .where('enterprise_id', '=', permit.enterprise_id)
        .executeTakeFirst()
    : undefined;
  const base = {
    permitId: permit.id,
    zone,
    installationId,
    installationName: installation?.name ?? null,
    asOf: now.toISOString(),
    windowMinutes: GAS_SPARKLINE_MINUTES,
  };
  if (!zone && !installation) return { ...base, items: [] };

  const points = await db
    .selectFrom('monitoring_points')
    .select([
      'id',
      'tag',
      'kind',
      'unit',
      'zone',
      'installation_id',
      'thresholds',
      'stale_timeout_sec',
      'state',
      'last_value',
      'last_ts',
    ])
    .where('enterprise_id', '=', permit.enterprise_id)
    .where('kind', 'in', [...GAS_POINT_KINDS])
    .where((eb) =>
      eb.or([
        ...(zone ? [eb('zone', '=', zone)] : []),
        ...(installation ? [eb('installation_id', '=', installation.id)] : []),
      ]),
    )
    .orderBy('tag')
    .limit(200)
    .execute();
  if (points.length === 0) return { ...base, items: [] };
  const ids = points.map((p) => p.id);

  const since = new Date(now.getTime() - GAS_SPARKLINE_MINUTES * 60_000);
  const [buckets, alarms] = await Promise.all([
    db
      .selectFrom('readings_1m')
      .select(['point_id', 'bucket', 'min', 'max', 'last'])
      .where('point_id', 'in', ids)
      .where('bucket', '>=', since)
      .orderBy('point_id')
      .orderBy('bucket')
      .execute(),
    db
      .selectFrom('alarms')
      .select(['id', 'point_id', 'level', 'status', 'value', 'peak', 'opened_at'])
      .where('point_id', 'in', ids)
      .where('status', 'in', ['active', 'acknowledged'])
      .orderBy('opened_at', 'desc')
      .execute(),
  ]);
  const series = new Map<string, PermitGasPoint['series']>();
  for (const b of buckets) {
    const list = series.get(b.point_id) ?? [];
    list.push({ ts: b.bucket.toISOString(), min: b.min, max: b.max, last: b.last });
    series.set(b.point_id, list);
  }
  const openAlarm = new Map<string, (typeof alarms)[number]>();
  for (const a of alarms) if (!openAlarm.has(a.point_id)) openAlarm.set(a.point_id, a);

  return {
    ...base,
    items: points.map((p): PermitGasPoint => {
      const stateLevel = (p.state as { level?: string } | null)?.level;
      const level = (stateLevel && LEVELS.includes(stateLevel) ? stateLevel : 'normal') as PointLevel;
      const a = openAlarm.get(p.id);
      return {
        id: p.id,
        tag: p.tag,
        kind: p.kind,
        unit: p.unit,
        zone: p.zone,
        installationId: p.installation_id,
        matchedBy: [
          ...(zone && p.zone === zone ? (['zone'] as const) : []),
          ...(installation && p.installation_id === installation.id ? (['installation'] as const) : []),
        ],
        thresholds: p.thresholds,
        lastValue: p.last_value,
        lastTs: p.last_ts?.toISOString() ?? null,
        level,
        staleTimeoutSec: p.stale_timeout_sec,
        stale: !p.last_ts || now.getTime() - p.last_ts.getTime() > p.stale_timeout_sec * 1000,
        alarm: a
          ? {
              id: a.id,
              level: a.level,
              status: a.status,
              value: a.value,
              peak: a.peak,
              openedAt: a.opened_at.toISOString(),
            }
          : null,
        series: series.get(p.id) ?? [],
      };
    }),
  };
}

/**
 * §4.8 (stop on abnormality): hot work and confined-space entry neither start nor resume while a gas
 * point in the permit's zone or installation has an open process alarm (acknowledged or not). An
 * offline detector is not counted here: the gas-analysis rules already demand a fresh passing analysis.
 */
export async function activeGasAlarmViolations(
  db: Kysely<DB>,
  row: { type: string; enterprise_id: string; zone: string | null; installation_id: string | null },
): Promise<PermitViolation[]> {
  if (!['hot_work', 'confined_space'].includes(row.type) || (!row.zone && !row.installation_id)) return [];
  const open = await db
    .selectFrom('alarms')
    .innerJoin('monitoring_points as p', 'p.id', 'alarms.point_id')
    .select(['p.tag', 'alarms.level', 'alarms.peak'])
    .where('p.enterprise_id', '=', row.enterprise_id)
    .where('p.kind', 'in', [...GAS_POINT_KINDS])
    .where((eb) =>
      eb.or([
        ...(row.zone ? [eb('p.zone', '=', row.zone)] : []),
        ...(row.installation_id ? [eb('p.installation_id', '=', row.installation_id)] : []),
      ]),
    )
    .where('alarms.status', 'in', ['active', 'acknowledged'])
    .where('alarms.level', '<>', 'offline')
    .orderBy('p.tag')
    .execute();
  if (!open.length) return [];
  const which = open.map((a) => `${a.tag}（${LEVEL_ZH[a.level] ?? a.level}）`).join('、');
  return [violation('GAS_ALARM_ACTIVE', `作业区域气体报警未解除：${which}，报警解除前不得开始或恢复作业`)];
}

const LEVEL_ZH: Record<string, string> = {
  high: '高报',
  high_high: '高高报',
  low: '低报',
  low_low: '低低报',
};
