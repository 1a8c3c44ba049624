import { sql, type Kysely } from 'kysely';
import {
  DEFAULT_LADDER,
  daysOverdue,
  districtName,
  dueRungs,
  escalationDocument,
  unitsToEscalate,
  type LadderStep,
  type Rung,
} from '@zhiben/domain';
import type { DB } from '../db/types';
import { appendAudit, type AuditContext } from '../audit/audit.repo';
import type { OrgDirectory } from '../organizations/directory';
import { enqueue } from '../notifications/outbox';

const OPEN = ['reported', 'rectifying', 'pending_acceptance'];

export interface EscalationRunResult {
  asOf: string;
  hazardsChecked: number;
  created: number;
  byRung: Record<string, number>;
  units: number;
}

/**
 * Computes overdue hazards as of a time and records each rung of the ladder once per hazard, with its
 * document; units (districts, departments) whose rectification rate is below the threshold get the
 * ladder too, once per rung and month. Idempotent: a rerun for the same or an earlier time adds nothing.
 */
export async function runEscalations(
  db: Kysely<DB>,
  orgs: OrgDirectory,
  asOf: Date,
  ctx: AuditContext,
  opts: { ladder?: readonly LadderStep[]; unitThreshold?: number } = {},
): Promise<EscalationRunResult> {
  const ladder = opts.ladder ?? DEFAULT_LADDER;
  const minDays = Math.min(...ladder.map((s) => s.minDaysOverdue));
  const overdue = await db
    .selectFrom('hazards')
    .innerJoin('enterprises', 'enterprises.id', 'hazards.enterprise_id')
    .select([
      'hazards.id',
      'hazards.code',
      'hazards.title',
      'hazards.grade',
      'hazards.status',
      'hazards.deadline',
      'hazards.district_code',
      'hazards.department_code',
      'hazards.enterprise_id',
      'enterprises.name as enterprise_name',
      'enterprises.principal',
      sql<
        string[]
      >`coalesce((select array_agg(e.rung) from escalations e where e.unit_type = 'hazard' and e.hazard_id = hazards.id), '{}')`.as(
        'existing',
      ),
    ])
    .where('hazards.status', 'in', OPEN)
    .where('hazards.deadline', '<=', new Date(asOf.getTime() - minDays * 86_400_000))
    .execute();

  const rows: Array<{
    unit_type: 'hazard' | 'district' | 'department';
    unit_key: string;
    hazard_id: string | null;
    district_code: string | null;
    enterprise_id: string | null;
    rung: string;
    days_overdue: number;
    as_of: Date;
    title: string;
    body: string;
  }> = [];
  for (const h of overdue) {
    const snap = { status: h.status as 'rectifying', deadline: h.deadline!.toISOString() };
    const days = daysOverdue(snap, asOf);
    for (const rung of dueRungs(snap, h.existing as Rung[], asOf, ladder)) {
      const deptName = h.department_code
        ? orgs.name(`dept-${h.district_code}-${h.department_code}`)
        : '有关部门';
      const doc = escalationDocument(rung, {
        hazardCode: h.code,
        hazardTitle: h.title,
        enterpriseName: h.enterprise_name,
        principalName: h.principal.name,
        districtName: districtName(h.district_code) ?? h.district_code,
        departmentName: deptName,
        deadline: h.deadline!.toISOString(),
        daysOverdue: days,
        asOf,
        issuer:
          rung === 'letter'
            ? deptName
            : rung === 'interview'
              ? `${districtName(h.district_code)}安全生产委员会办公室`
              : '鄂尔多斯市安全生产委员会办公室',
        grade: h.grade,
      });
      rows.push({
        unit_type: 'hazard',
        unit_key: h.id,
        hazard_id: h.id,
        district_code: h.district_code,
        enterprise_id: h.enterprise_id,
        rung,
        days_overdue: days,
        as_of: asOf,
        ...doc,
      });
    }
  }

  // Units: districts and responsible departments whose rectification rate is below the threshold.
  const month = asOf.toISOString().slice(0, 7);
  const unitStats = async (col: 'district_code' | 'department_code') =>
    db
      .selectFrom('hazards')
      .select([
        sql<string>`${sql.ref(`hazards.${col}`)}`.as('key'),
        (eb) => eb.fn.countAll<string>().as('total'),
        sql<string>`count(*) filter (where status in ('closed', 'dismissed'))`.as('closed'),
        sql<string>`count(*) filter (where status in ('reported','rectifying','pending_acceptance') and deadline < ${asOf})`.as(
          'overdue',
        ),
        sql<Date | null>`min(deadline) filter (where status in ('reported','rectifying','pending_acceptance') and deadline < ${asOf})`.as(
          'oldest',
        ),
      ])
      .where('hazards.discovered_at', '<=', asOf)
      .where(sql.ref(`hazards.${col}`), 'is not', null)
      .groupBy(sql.ref(`hazards.${col}`))
      .execute();
  let units = 0;
  for (const [type, col] of [
    ['district', 'district_code'],
    ['department', 'department_code'],
  ] as const) {
    const stats = (await unitStats(col)).map((u) => ({
      key: u.key,
      total: Number(u.total),
      closed: Number(u.closed),
      overdue: Number(u.overdue),
      oldest: u.oldest,
    }));
    for (const u of unitsToEscalate(stats, opts.unitThreshold ?? 0.8)) {
      units++;
      const existing = (
        await db
          .selectFrom('escalations')
          .select('rung')
          .where('unit_type', '=', type)
          .where('unit_key', 'like', `${u.key}:${month}`)
          .execute()
      ).map((r) => r.rung as Rung);
      const snap = {
        status: 'rectifying' as const,
        deadline: u.oldest ? new Date(u.oldest).toISOString() : null,
      };
      const days = daysOverdue(snap, asOf);
      const name =
        type === 'district'
          ? `${districtName(u.key)}人民政府`
          : `各级${orgs.list.find((o) => o.deptCode === u.key)?.name.replace(/^鄂尔多斯市/, '') ?? u.key}`;
      for (const rung of dueRungs(snap, existing, asOf, ladder)) {
        const pct = (u.rate * 100).toFixed(1);
        rows.push({
          unit_type: type,
          unit_key: `${u.key}:${month}`,
          hazard_id: null,
          district_code: type === 'district' ? u.key : null,
          enterprise_id: null,
          rung,
          days_overdue: days,
          as_of: asOf,
          title: `关于${name}隐患整改进度滞后的${ladder.find((s) => s.rung === rung)?.name ?? rung}`,
          body: `${name}：\n\u3000\u3000截至${asOf.toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' })}，你单位负责的事故隐患共${u.total}项，已整改销号${u.closed}项，整改率${pct}%，低于${((opts.unitThreshold ?? 0.8) * 100).toFixed(0)}%的要求，逾期未整改${u.overdue}项，最长逾期${days}日。请切实履行监管责任，督促企业限期整改到位。\n\n鄂尔多斯市安全生产委员会办公室`,
        });
      }
    }
  }

  let created = 0;
  const byRung: Record<string, number> = {};
  if (rows.length) {
    await db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('escalations')
        .values(rows)
        .onConflict((oc) => oc.columns(['unit_type', 'unit_key', 'rung']).doNothing())
        .returning(['id', 'unit_type', 'hazard_id', 'enterprise_id', 'rung', 'title', 'body'])
        .execute();
      created = inserted.length;
      for (const r of inserted) byRung[r.rung] = (byRung[r.rung] ?? 0) + 1;
      await appendAudit(
        trx,
        ctx,
        inserted.map((r) => ({
          action: `escalation.${r.rung}`,
          entityType: r.hazard_id ? 'hazard' : 'escalation',
          entityId: r.hazard_id ?? r.id,
          after: { rung: r.rung, title: r.title, asOf: asOf.toISOString() },
        })),
      );
      // The enterprise's principal users see each document in their inbox.
      const hazardRows = inserted.filter((r) => r.enterprise_id);
      if (hazardRows.length) {
        const users = await trx
          .selectFrom('users')
          .select(['id', 'display_name', 'enterprise_id'])
          .where('role', '=', 'enterprise_principal')
          .where('enterprise_id', 'in', [...new Set(hazardRows.map((r) => r.enterprise_id!))])
          .execute();
        await enqueue(
          trx,
          hazardRows.flatMap((r) =>
            users
              .filter((u) => u.enterprise_id === r.enterprise_id)
              .map((u) => ({
                dedupeKey: `escalation:${r.id}:${u.id}`,
                channel: 'inapp' as const,
                userId: u.id,
                recipientName: u.display_name,
                kind: `escalation.${r.rung}`,
                title: r.title,
                body: r.body.slice(0, 500),
                hazardId: r.hazard_id,
                enterpriseId: r.enterprise_id,
              })),
          ),
        );
      }
    });
  }
  return { asOf: asOf.toISOString(), hazardsChecked: overdue.length, created, byRung, units };
}

/** Deadline reminders (7 days and 1 day before) and overdue notices, each once per hazard. */
export async function sendDeadlineReminders(db: Kysely<DB>, asOf: Date): Promise<number> {
  const in7 = new Date(asOf.getTime() + 7 * 86_400_000);
  const rows = await db
    .selectFrom('hazards')
    .innerJoin('enterprises', 'enterprises.id', 'hazards.enterprise_id')
    .select([
      'hazards.id',
      'hazards.code',
      'hazards.title',
      'hazards.deadline',
      'hazards.enterprise_id',
      'enterprises.principal',
    ])
    .where('hazards.status', 'in', ['rectifying'])
    .where('hazards.deadline', '<=', in7)
    .execute();
  const items = rows.flatMap((h) => {
    const left = (h.deadline!.getTime() - asOf.getTime()) / 86_400_000;
    const kind = left < 0 ? 'overdue' : left <= 1 ? 'due-1d' : 'due-7d';
    const date = h.deadline!.toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' });
    const title = left < 0 ? '隐患整改逾期提醒' : '隐患整改期限提醒';
    const body =
      left < 0
        ? `隐患“${h.title}”（${h.code}）整改期限 ${date} 已过，请立即整改并提交验收。`
        : `隐患“${h.title}”（${h.code}）整改期限为 ${date}，请按期完成整改并提交验收。`;
    return [
      {
        dedupeKey: `${kind}:${h.id}`,
        channel: 'sms' as const,
        recipientName: h.principal.name,
        phone: h.principal.phone,
        kind: `hazard.${kind}`,
        title,
        body,
        hazardId: h.id,
        enterpriseId: h.enterprise_id,
      },
    ];
  });
  return enqueue(db, items);
}
