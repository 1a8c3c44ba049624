import { sql, type ColumnType, type Kysely, type Selectable, type Transaction } from 'kysely';
import {
  enterpriseScope,
  illegalProductionSuspected,
  orgIds,
  outsideDeclaredHours,
  POWER_MAX_GAP_MINUTES,
  type Actor,
  type DeclaredHours,
  type PowerAlertKind,
  type PowerPeriod,
  type PowerSample,
} from '@zhiben/domain';
import type { DB } from '../db/types';
import { appendAudit, type AuditContext } from '../audit/audit.repo';
import { whereInScope } from '../enterprises/enterprises.repo';
import { forbidden, invalid } from '../http/errors';
import { enqueue, type OutgoingNotification } from '../notifications/outbox';

/**
 * Power-consumption analysis (电力监测, issue 4 §8): per-enterprise power profiles (idle baseline,
 * declared production hours) and the alerts a job records from the enterprises' power-load points.
 * The tables live in migration 20261203082000_create_power_monitoring; their types are declared here
 * and added to the database type with `withTables`.
 */
export interface PowerProfilesTable {
  enterprise_id: string;
  idle_baseline_kw: number;
  declared_hours: ColumnType<DeclaredHours | null, string | null, string | null>;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  version: ColumnType<number, number | undefined, number>;
}

export interface PowerAlertsTable {
  id: ColumnType<string, string | undefined, never>;
  enterprise_id: string;
  district_code: string;
  kind: PowerAlertKind;
  status: ColumnType<'open' | 'closed', 'open' | 'closed' | undefined, 'open' | 'closed'>;
  enterprise_status: string;
  baseline_kw: number;
  period_from: Date;
  period_to: Date;
  minutes: number;
  peak_kw: number;
  samples: number;
  ongoing: boolean;
  detected_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  closed_by: string | null;
  disposal: string | null;
}

export type PowerTables = {
  power_profiles: PowerProfilesTable;
  power_alerts: PowerAlertsTable;
};

export type PowerDB = DB & PowerTables;
export const powerDb = (db: Kysely<DB>): Kysely<PowerDB> => db.withTables<PowerTables>();

const MANAGERS = ['enterprise_principal', 'enterprise_safety'];
const REGULATORS = ['city_office', 'district_office', 'inspector', 'sysadmin'];
/** Who may close a power alert: regulators with the enterprise in scope (not the enterprise, not sysadmin). */
export const POWER_ALERT_HANDLERS = ['city_office', 'district_office', 'inspector'];

/** Enterprises an actor may see, as a subquery of ids. */
export function visibleEnterpriseIds(db: Kysely<DB>, actor: Actor) {
  return whereInScope(db.selectFrom('enterprises'), enterpriseScope(actor)).select('enterprises.id');
}

/** The enterprise itself (its principal or safety manager) or a regulator whose scope holds it. */
export async function requireProfileManage(db: Kysely<DB>, actor: Actor, enterpriseId: string) {
  if (actor.enterpriseId) {
    if (actor.enterpriseId !== enterpriseId || !MANAGERS.includes(actor.role))
      throw forbidden('仅本企业主要负责人、安全管理员或其监管部门可设置电力监测档案');
    return;
  }
  if (!REGULATORS.includes(actor.role)) throw forbidden();
  await requireEnterpriseVisible(db, actor, enterpriseId);
}

export async function requireEnterpriseVisible(db: Kysely<DB>, actor: Actor, enterpriseId: string) {
  const e = await whereInScope(db.selectFrom('enterprises'), enterpriseScope(actor))
    .select('enterprises.id')
    .where('enterprises.id', '=', enterpriseId)
    .executeTakeFirst();
  if (!e) throw invalid([{ path: 'enterpriseId', message: '企业不存在或不在您的范围内' }]);
}

/** Readings of power-load points are read in kW; MW and W are converted, anything else is taken as kW. */
export function toKw(value: number, unit: string): number {
  const u = unit.trim().toLowerCase();
  if (u === 'mw') return value * 1000;
  if (u === 'w') return value / 1000;
  return value;
}

export interface BucketRow {
  point_id: string;
  bucket: Date;
  avg: number;
  unit: string;
}

/**
 * The enterprise's total load per 1-minute bucket: at each bucket in which any power point reported,
 * the sum over its points of each one's latest bucket average no older than maxGapMs (sample and
 * hold), so meters reporting at different instants add up instead of alternating.
 */
export function sumLoad(
  rows: readonly BucketRow[],
  maxGapMs = POWER_MAX_GAP_MINUTES * 60_000,
): PowerSample[] {
  const byPoint = new Map<string, Array<{ ts: number; kw: number }>>();
  const times = new Set<number>();
  for (const r of rows) {
    const ts = r.bucket.getTime();
    times.add(ts);
    const list = byPoint.get(r.point_id) ?? [];
    list.push({ ts, kw: toKw(r.avg, r.unit) });
    byPoint.set(r.point_id, list);
  }
  for (const list of byPoint.values()) list.sort((a, b) => a.ts - b.ts);
  const cursor = new Map<string, number>();
  const out: PowerSample[] = [];
  for (const ts of [...times].sort((a, b) => a - b)) {
    let kw = 0;
    for (const [id, list] of byPoint) {
      let i = cursor.get(id) ?? -1;
      while (i + 1 < list.length && list[i + 1]!.ts <= ts) i++;
      cursor.set(id, i);
      const s = i >= 0 ? list[i]! : undefined;
      if (s && ts - s.ts <= maxGapMs) kw += s.kw;
    }
    out.push({ ts, kw });
  }
  return out;
}

/** 1-minute buckets of the power-load points of some enterprises in [from, to]. */
async function loadBuckets(db: Kysely<DB>, enterpriseIds: readonly string[], from: Date, to: Date) {
  if (enterpriseIds.length === 0) return new Map<string, BucketRow[]>();
  const rows = await db
    .selectFrom('readings_1m')
    .innerJoin('monitoring_points', 'monitoring_points.id', 'readings_1m.point_id')
    .select([
      'monitoring_points.enterprise_id',
      'readings_1m.point_id',
      'readings_1m.bucket',
      'monitoring_points.unit',
      sql<number>`readings_1m.sum / readings_1m.count`.as('avg'),
    ])
    .where('monitoring_points.kind', '=', 'power_load')
    .where('monitoring_points.enterprise_id', 'in', enterpriseIds)
    .where('readings_1m.bucket', '>=', from)
    .where('readings_1m.bucket', '<=', to)
    .execute();
  const out = new Map<string, BucketRow[]>();
  for (const r of rows) {
    const list = out.get(r.enterprise_id) ?? [];
    list.push({ point_id: r.point_id, bucket: r.bucket, avg: Number(r.avg), unit: r.unit });
    out.set(r.enterprise_id, list);
  }
  return out;
}

/** The summed load of one enterprise over [from, to], for charts and the analysis alike. */
export async function enterpriseLoad(db: Kysely<DB>, enterpriseId: string, from: Date, to: Date) {
  return sumLoad((await loadBuckets(db, [enterpriseId], from, to)).get(enterpriseId) ?? []);
}

export interface PowerRunResult {
  asOf: string;
  enterprises: number;
  opened: number;
  extended: number;
}

const STATUS_NAME: Record<string, string> = { operating: '在营', suspended: '停产整顿', closed: '关闭' };
const WEEKDAY_NAME = ['', '一', '二', '三', '四', '五', '六', '日'];
const fmt = (d: Date) =>
  d.toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
const kwText = (n: number) => `${Number(n.toFixed(1))} kW`;

export const SYSTEM_POWER: AuditContext = {
  actorId: null,
  actorName: '系统(电力监测)',
  orgId: null,
  ip: null,
};

/**
 * Runs the power rules for every enterprise with a power profile and power-load points, over the
 * window hours before `asOf`, and records one alert per period and kind. Idempotent: a period already
 * recorded (an alert of the same kind overlapping it) is extended, not duplicated; a closed alert is
 * left as the regulator closed it (the same period does not raise it again). New alerts notify the
 * enterprise's regulating departments and its district office through the outbox, in the same
 * transaction. Outside-declared-hours alerts are raised for operating enterprises only: for a
 * suspended or closed one any production is the illegal-production case.
 */
export async function runPowerAnalysis(
  db: Kysely<DB>,
  asOf: Date,
  opts: { windowHours?: number; ctx?: AuditContext } = {},
): Promise<PowerRunResult> {
  const windowMs = (opts.windowHours ?? 6) * 3_600_000;
  const gapMs = POWER_MAX_GAP_MINUTES * 60_000;
  const pdb = powerDb(db);
  const ents = await pdb
    .selectFrom('power_profiles')
    .innerJoin('enterprises', 'enterprises.id', 'power_profiles.enterprise_id')
    .select([
      'enterprises.id',
      'enterprises.name',
      'enterprises.status',
      'enterprises.district_code',
      'enterprises.department_ids',
      'power_profiles.idle_baseline_kw',
      'power_profiles.declared_hours',
    ])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('monitoring_points')
          .select('monitoring_points.id')
          .whereRef('monitoring_points.enterprise_id', '=', 'enterprises.id')
          .where('monitoring_points.kind', '=', 'power_load'),
      ),
    )
    .execute();
  const buckets = await loadBuckets(
    db,
    ents.map((e) => e.id),
    new Date(asOf.getTime() - windowMs),
    asOf,
  );
  let opened = 0;
  let extended = 0;
  for (const e of ents) {
    const samples = sumLoad(buckets.get(e.id) ?? [], gapMs);
    if (samples.length === 0) continue;
    const status = e.status as 'operating' | 'suspended' | 'closed';
    const found: Array<{ kind: PowerAlertKind; p: PowerPeriod }> = [
      ...illegalProductionSuspected(samples, { status, idleBaselineKw: e.idle_baseline_kw }).map((p) => ({
        kind: 'illegal_production_suspected' as const,
        p,
      })),
      ...(status === 'operating' && e.declared_hours
        ? outsideDeclaredHours(samples, e.declared_hours, e.idle_baseline_kw).map((p) => ({
            kind: 'outside_declared_hours' as const,
            p,
          }))
        : []),
    ];
    if (found.length === 0) continue;
    await db.transaction().execute(async (trx) => {
      const ptx = trx.withTables<PowerTables>();
      // One analysis of an enterprise at a time, across connections and instances.
      await sql`select pg_advisory_xact_lock(hashtext(${`power:${e.id}`}))`.execute(trx);
      for (const { kind, p } of found) {
        const ongoing = p.ongoing && asOf.getTime() - p.to.getTime() <= gapMs;
        const existing = await ptx
          .selectFrom('power_alerts')
          .selectAll()
          .where('enterprise_id', '=', e.id)
          .where('kind', '=', kind)
          .where('period_from', '<=', p.to)
          .where('period_to', '>=', p.from)
          .orderBy('period_from')
          .limit(1)
          .executeTakeFirst();
        if (existing) {
          if (existing.status === 'closed') continue;
          const to = new Date(Math.max(existing.period_to.getTime(), p.to.getTime()));
          const peak = Math.max(existing.peak_kw, p.peakKw);
          const samplesN = Math.max(existing.samples, p.samples);
          if (
            to.getTime() === existing.period_to.getTime() &&
            peak === existing.peak_kw &&
            samplesN === existing.samples &&
            ongoing === existing.ongoing
          )
            continue;
          await ptx
            .updateTable('power_alerts')
            .set({
              period_to: to,
              minutes: (to.getTime() - existing.period_from.getTime()) / 60_000,
              peak_kw: peak,
              samples: samplesN,
              ongoing,
              updated_at: asOf,
            })
            .where('id', '=', existing.id)
            .execute();
          extended++;
          continue;
        }
        const row = await ptx
          .insertInto('power_alerts')
          .values({
            enterprise_id: e.id,
            district_code: e.district_code,
            kind,
            enterprise_status: status,
            baseline_kw: e.idle_baseline_kw,
            period_from: p.from,
            period_to: p.to,
            minutes: p.minutes,
            peak_kw: p.peakKw,
            samples: p.samples,
            ongoing,
            detected_at: asOf,
            updated_at: asOf,
          })
          .onConflict((oc) => oc.columns(['enterprise_id', 'kind', 'period_from']).doNothing())
          .returningAll()
          .executeTakeFirst();
        if (!row) continue;
        opened++;
        await appendAudit(trx, opts.ctx ?? SYSTEM_POWER, [
          {
            action: 'power_alert.open',
            entityType: 'power_alert',
            entityId: row.id,
            after: presentPowerAlert({ ...row, enterprise_name: e.name }),
          },
        ]);
        await notifyRegulators(trx, { ...e, status }, row);
      }
    });
  }
  // Periods that ran out of the window without an ending sample are no longer ongoing.
  await pdb
    .updateTable('power_alerts')
    .set({ ongoing: false })
    .where('ongoing', '=', true)
    .where('period_to', '<', new Date(asOf.getTime() - gapMs))
    .execute();
  return { asOf: asOf.toISOString(), enterprises: ents.length, opened, extended };
}

/** In-app (and, for suspected illegal production, SMS) notices to the enterprise's regulators. */
async function notifyRegulators(
  trx: Transaction<DB>,
  e: { id: string; name: string; status: string; district_code: string; department_ids: string[] },
  a: Selectable<PowerAlertsTable>,
) {
  const office = orgIds.office(e.district_code);
  const users = await trx
    .selectFrom('users')
    .select(['id', 'display_name', 'phone'])
    .where('status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb.and([eb('role', '=', 'district_office'), eb('org_id', '=', office)]),
        ...(e.department_ids.length
          ? [eb.and([eb('role', '=', 'inspector'), eb('org_id', 'in', e.department_ids)])]
          : []),
      ]),
    )
    .execute();
  const { title, body } = powerAlertText(e, a);
  const items: OutgoingNotification[] = [];
  for (const u of users) {
    items.push({
      dedupeKey: `power-alert:${a.id}:inapp:${u.id}`,
      channel: 'inapp',
      userId: u.id,
      recipientName: u.display_name,
      kind: `power.${a.kind}`,
      title,
      body,
      enterpriseId: e.id,
    });
    if (a.kind === 'illegal_production_suspected' && u.phone)
      items.push({
        dedupeKey: `power-alert:${a.id}:sms:${u.id}`,
        channel: 'sms',
        userId: u.id,
        recipientName: u.display_name,
        phone: u.phone,
        kind: `power.${a.kind}`,
        title,
        body,
        enterpriseId: e.id,
      });
  }
  await enqueue(trx, items);
}

export function powerAlertText(
  e: { name: string; status: string },
  a: Pick<PowerAlertsTable, 'kind' | 'period_from' | 'minutes' | 'peak_kw' | 'baseline_kw'>,
  declared?: DeclaredHours | null,
) {
  if (a.kind === 'illegal_production_suspected')
    return {
      title: `疑似违法生产：${e.name}`,
      body:
        `${e.name}（${STATUS_NAME[e.status] ?? e.status}）自 ${fmt(a.period_from)} 起用电负荷持续高于空载基线 ` +
        `${kwText(a.baseline_kw)}，已持续约 ${Math.round(a.minutes)} 分钟，峰值 ${kwText(a.peak_kw)}。` +
        `请核查是否存在停产整顿或关闭期间擅自生产。`,
    };
  const hours = declared
    ? `（周${declared.weekdays.map((d) => WEEKDAY_NAME[d]).join('、')} ${declared.from}–${declared.to}）`
    : '';
  return {
    title: `申报时段外生产：${e.name}`,
    body:
      `${e.name} 于 ${fmt(a.period_from)} 起在申报生产时段${hours}以外用电负荷高于空载基线 ` +
      `${kwText(a.baseline_kw)}，峰值 ${kwText(a.peak_kw)}。请核实生产安排。`,
  };
}

export function presentPowerAlert(a: Selectable<PowerAlertsTable> & { enterprise_name: string }) {
  return {
    id: a.id,
    enterpriseId: a.enterprise_id,
    enterpriseName: a.enterprise_name,
    districtCode: a.district_code,
    kind: a.kind,
    status: a.status,
    enterpriseStatus: a.enterprise_status,
    baselineKw: a.baseline_kw,
    periodFrom: a.period_from.toISOString(),
    periodTo: a.period_to.toISOString(),
    minutes: Math.round(a.minutes * 10) / 10,
    peakKw: a.peak_kw,
    samples: a.samples,
    ongoing: a.ongoing,
    detectedAt: a.detected_at.toISOString(),
    updatedAt: a.updated_at.toISOString(),
    closedAt: a.closed_at?.toISOString() ?? null,
    closedBy: a.closed_by,
    disposal: a.disposal,
  };
}
