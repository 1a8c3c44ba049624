import { sql, type Kysely, type Transaction } from 'kysely';
import {
  decideHazardAction,
  hazardStateName,
  allowedActions,
  hazardCode,
  shanghaiYear,
  criterionInForceOn,
  enterpriseScope,
  inEnterpriseScope,
  SYSTEM_HAZARD_SOURCES,
  type Actor,
  type ActorRelation,
  type HazardAction,
  type HazardCreate,
  type CriterionItem,
} from '@zhiben/domain';
import type { DB } from '../db/types';
import { AppError, conflict, forbidden, invalid, notFound, type FieldError } from '../http/errors';
import { appendAudit, type AuditContext } from '../audit/audit.repo';
import type { OrgDirectory } from '../organizations/directory';
import { enqueue } from '../notifications/outbox';
import { bumpHazardStats } from '../stats/cache';
import { findHazard, nextHazardSeq } from './hazards.repo';
import { presentHazard, snapshot, type HazardRow } from './hazards.present';

/** The actor's relation to one hazard, for the pure state machine. */
export function relationTo(
  actor: Actor,
  orgs: OrgDirectory,
  h: { enterprise_id: string; district_code: string; department_code: string | null },
): ActorRelation {
  const org = actor.orgId ? orgs.get(actor.orgId) : undefined;
  return {
    role: actor.role,
    userId: actor.userId,
    ownEnterprise: actor.enterpriseId === h.enterprise_id,
    responsibleDepartment:
      actor.role === 'inspector' &&
      !!org &&
      org.deptCode === h.department_code &&
      (org.regionCode === '150600' || org.regionCode === h.district_code),
    districtOffice: actor.role === 'district_office' && actor.regionCode === h.district_code,
    cityOffice: actor.role === 'city_office' && actor.regionCode === '150600',
    sysadmin: actor.role === 'sysadmin',
  };
}

/** Which sources each role may record directly. */
function sourceAllowed(actor: Actor, source: string): boolean {
  if ((SYSTEM_HAZARD_SOURCES as readonly string[]).includes(source)) return false;
  switch (actor.role) {
    case 'enterprise_principal':
    case 'enterprise_safety':
    case 'enterprise_staff':
      return source === 'self_check';
    case 'inspector':
      return source === 'inspection';
    case 'expert':
      return source === 'expert';
    case 'district_office':
    case 'city_office':
      return source === 'supervision' || source === 'inspection';
    default:
      return false;
  }
}

function dbCriterion(r: {
  code: string;
  sector: string;
  version: string;
  name: string;
  effective_from: string;
  effective_to: string | null;
  source: string;
  article: string;
  description: string;
}): CriterionItem {
  return {
    code: r.code,
    sector: r.sector,
    version: r.version,
    name: r.name,
    description: r.description,
    source: r.source,
    article: r.article,
    effectiveFrom: String(r.effective_from).slice(0, 10),
    effectiveTo: r.effective_to ? String(r.effective_to).slice(0, 10) : null,
  } as CriterionItem;
}

async function claimAttachments(
  trx: Transaction<DB>,
  actor: Actor,
  ids: string[],
  enterpriseId: string,
  path: string,
) {
  if (ids.length === 0) return;
  const files = await trx
    .selectFrom('files')
    .select(['id', 'uploaded_by', 'enterprise_id'])
    .where('id', 'in', ids)
    .execute();
  const errors: FieldError[] = [];
  ids.forEach((id, i) => {
    const f = files.find((x) => x.id === id);
    if (!f || (f.uploaded_by !== actor.userId && f.enterprise_id !== enterpriseId)) {
      errors.push({ path: `${path}.${i}`, message: '附件不存在或不是您上传的' });
    } else if (f.enterprise_id && f.enterprise_id !== enterpriseId) {
      errors.push({ path: `${path}.${i}`, message: '附件属于其他企业' });
    }
  });
  if (errors.length) throw invalid(errors);
  // Attached files belong to the enterprise from now on, so its regulators can read them.
  await trx.updateTable('files').set({ enterprise_id: enterpriseId }).where('id', 'in', ids).execute();
}

export async function createHazard(
  db: Kysely<DB>,
  orgs: OrgDirectory,
  actor: Actor,
  input: HazardCreate,
  ctx: AuditContext,
  now = new Date(),
  /** Set by the reporting module: a verified report becomes a hazard with source public_report. */
  opts: { fromReport?: boolean; fromMonitoring?: boolean; trx?: Transaction<DB> } = {},
) {
  // fromMonitoring: set by the alarm engine, an alarm becomes a hazard with source monitoring.
  const allowed = opts.fromReport
    ? input.source === 'public_report'
    : opts.fromMonitoring
      ? input.source === 'monitoring'
      : sourceAllowed(actor, input.source);
  if (!allowed) {
    throw new AppError('forbidden', '当前角色不能以该来源渠道登记隐患', [
      { path: 'source', message: '当前角色不能使用该来源渠道' },
    ]);
  }
  if (new Date(input.discoveredAt).getTime() > now.getTime() + 5 * 60_000) {
    throw invalid([{ path: 'discoveredAt', message: '发现时间不能晚于当前时间' }]);
  }
  const ent = await db
    .selectFrom('enterprises')
    .selectAll()
    .where('id', '=', input.enterpriseId)
    .executeTakeFirst();
  const visible =
    ent &&
    (actor.role === 'expert' ||
      inEnterpriseScope(enterpriseScope(actor), {
        id: ent.id,
        districtCode: ent.district_code,
        departmentIds: ent.department_ids,
      }));
  if (!ent || !visible) throw invalid([{ path: 'enterpriseId', message: '企业不存在或不在您的监管范围内' }]);

  let criterion: CriterionItem | null = null;
  if (input.criterionId) {
    const c = await db
      .selectFrom('criteria_items')
      .selectAll()
      .where('id', '=', input.criterionId)
      .executeTakeFirst();
    if (!c) throw invalid([{ path: 'criterionId', message: '判定标准条目不存在' }]);
    criterion = dbCriterion(c);
    if (!criterionInForceOn(criterion, input.discoveredAt)) {
      throw invalid([
        {
          path: 'criterionId',
          message: `该条目（${c.code}）在发现之日不在有效期内，请按发现之日有效的版本判定`,
        },
      ]);
    }
  }
  const codes = [
    ...new Set(ent.department_ids.map((id) => orgs.get(id)?.deptCode).filter((c): c is string => !!c)),
  ];
  const departmentCode = input.departmentCode ?? codes[0] ?? null;
  if (input.departmentCode && !orgs.list.some((o) => o.deptCode === input.departmentCode)) {
    throw invalid([{ path: 'departmentCode', message: '责任部门不存在' }]);
  }

  const run = async (trx: Transaction<DB>) => {
    await claimAttachments(trx, actor, input.attachmentIds, ent.id, 'attachmentIds');
    const year = shanghaiYear(input.discoveredAt);
    const seq = await nextHazardSeq(trx, ent.district_code, year);
    const row = await trx
      .insertInto('hazards')
      .values({
        code: hazardCode(ent.district_code, year, seq),
        enterprise_id: ent.id,
        district_code: ent.district_code,
        industry_code: ent.industry_code,
        sectors: ent.sectors,
        grade: input.grade,
        criterion_id: input.criterionId ?? null,
        title: input.title,
        description: input.description,
        location: input.location,
        lng: input.coordinates?.lng ?? null,
        lat: input.coordinates?.lat ?? null,
        source: input.source,
        discovered_at: new Date(input.discoveredAt),
        discovered_by: actor.userId,
        discovered_by_name: actor.displayName,
        status: 'reported',
        deadline: input.deadline ? new Date(input.deadline) : null,
        plan: input.plan ? JSON.stringify(input.plan) : null,
        department_code: departmentCode,
        department_ids: ent.department_ids,
        attachment_ids: input.attachmentIds,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('hazard_events')
      .values({
        hazard_id: row.id,
        action: 'report',
        from_status: null,
        to_status: 'reported',
        actor_id: actor.userId,
        actor_name: actor.displayName,
        data: JSON.stringify({ source: input.source, grade: input.grade }),
        attachment_ids: input.attachmentIds,
      })
      .execute();
    const presented = presentHazard(
      { ...row, enterprise_name: ent.name },
      now,
      criterion ? { code: criterion.code, name: criterion.name } : null,
    );
    await appendAudit(trx, ctx, [
      { action: 'hazard.report', entityType: 'hazard', entityId: row.id, after: presented },
    ]);
    return presented;
  };
  const created = await (opts.trx ? run(opts.trx) : db.transaction().execute(run));
  bumpHazardStats();
  return created;
}

export async function performAction(
  db: Kysely<DB>,
  orgs: OrgDirectory,
  actor: Actor,
  id: string,
  action: HazardAction,
  input: unknown,
  ctx: AuditContext,
  now = new Date(),
) {
  const result = await db.transaction().execute(async (trx) => {
    const found = await findHazard(trx, actor, id);
    if (!found) throw notFound('隐患');
    // Lock the row: concurrent actions on one hazard apply one after the other.
    await sql`select 1 from hazards where id = ${id} for update`.execute(trx);
    const h = (await findHazard(trx, actor, id)) as HazardRow;
    const who = relationTo(actor, orgs, h);
    const d = decideHazardAction(snapshot(h), action, who, input, now);
    if (!d.ok) {
      if (d.error === 'invalid_state')
        throw new AppError('conflict', d.message, [], { state: d.state, allowed: d.allowed });
      if (d.error === 'forbidden') throw forbidden(d.message);
      throw invalid(d.errors);
    }
    const data = d.event.data as { attachmentIds?: string[] };
    const evidence = data.attachmentIds ?? [];
    if (action === 'submit') {
      if (h.grade === 'major' && !h.plan)
        throw invalid([
          { path: 'plan', message: '重大事故隐患须先填报整改方案（责任人、措施、资金、时限、应急预案）' },
        ]);
      await claimAttachments(trx, actor, evidence, h.enterprise_id, 'attachmentIds');
    }
    const p = d.patch;
    const set: Record<string, unknown> = { status: d.to, updated_at: now, version: sql`version + 1` };
    if (p.deadline !== undefined) set.deadline = p.deadline ? new Date(p.deadline) : null;
    if (p.pendingExtension !== undefined)
      set.pending_extension = p.pendingExtension ? JSON.stringify(p.pendingExtension) : null;
    if (p.rejections !== undefined) set.rejections = p.rejections;
    if (p.supervised !== undefined) set.supervised = p.supervised;
    if (p.supervision !== undefined) set.supervision = JSON.stringify(p.supervision);
    if (p.closedAt !== undefined) set.closed_at = p.closedAt ? new Date(p.closedAt) : null;
    if (p.acceptedBy !== undefined) {
      set.accepted_by = p.acceptedBy;
      set.accepted_by_name = p.acceptedBy ? actor.displayName : null;
    }
    if (p.reopens !== undefined) set.reopens = p.reopens;
    if (evidence.length) set.attachment_ids = sql`array_cat(attachment_ids, ${evidence}::uuid[])`;
    const after = await trx
      .updateTable('hazards')
      .set(set)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('hazard_events')
      .values({
        hazard_id: id,
        action,
        from_status: d.event.from,
        to_status: d.event.to,
        actor_id: actor.userId,
        actor_name: actor.displayName,
        data: JSON.stringify(d.event.data),
        attachment_ids: evidence,
      })
      .execute();
    const presented = presentHazard({ ...after, enterprise_name: h.enterprise_name }, now);
    await appendAudit(trx, ctx, [
      {
        action: `hazard.${action}`,
        entityType: 'hazard',
        entityId: id,
        before: presentHazard(h, now),
        after: presented,
      },
    ]);
    if (action === 'confirm' && h.grade === 'major')
      await notifyMajorConfirmed(trx, { ...after, enterprise_name: h.enterprise_name });
    return presented;
  });
  bumpHazardStats();
  return result;
}

/** A confirmed major hazard: the principal person and the actual controller are told (SMS + in-app). */
async function notifyMajorConfirmed(trx: Transaction<DB>, h: HazardRow) {
  const ent = await trx
    .selectFrom('enterprises')
    .select(['principal', 'actual_controller'])
    .where('id', '=', h.enterprise_id)
    .executeTakeFirstOrThrow();
  const deadline = h.deadline
    ? h.deadline.toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' })
    : '（未设定）';
  const body = `贵单位存在重大事故隐患“${h.title}”（${h.code}），已由监管部门确认，请于 ${deadline} 前完成整改并提交验收。`;
  const title = '重大事故隐患确认通知';
  const users = await trx
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('enterprise_id', '=', h.enterprise_id)
    .where('role', '=', 'enterprise_principal')
    .execute();
  await enqueue(trx, [
    {
      dedupeKey: `major-confirmed:${h.id}:principal`,
      channel: 'sms',
      recipientName: ent.principal.name,
      phone: ent.principal.phone,
      kind: 'hazard.major_confirmed',
      title,
      body,
      hazardId: h.id,
      enterpriseId: h.enterprise_id,
    },
    {
      dedupeKey: `major-confirmed:${h.id}:controller`,
      channel: 'sms',
      recipientName: ent.actual_controller.name,
      phone: ent.actual_controller.phone,
      kind: 'hazard.major_confirmed',
      title,
      body,
      hazardId: h.id,
      enterpriseId: h.enterprise_id,
    },
    ...users.map((u) => ({
      dedupeKey: `major-confirmed:${h.id}:user:${u.id}`,
      channel: 'inapp' as const,
      userId: u.id,
      recipientName: u.display_name,
      kind: 'hazard.major_confirmed',
      title,
      body,
      hazardId: h.id,
      enterpriseId: h.enterprise_id,
    })),
  ]);
}

export async function updatePlan(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  plan: unknown,
  ctx: AuditContext,
  now = new Date(),
) {
  return db.transaction().execute(async (trx) => {
    const h = await findHazard(trx, actor, id);
    if (!h) throw notFound('隐患');
    if (actor.enterpriseId !== h.enterprise_id || actor.role === 'enterprise_staff')
      throw forbidden('整改方案由企业主要负责人或安全管理员填报');
    if (!['reported', 'rectifying'].includes(h.status))
      throw conflict(`隐患当前状态为“${hazardStateName(h.status)}”，不能修改整改方案`);
    const after = await trx
      .updateTable('hazards')
      .set({ plan: JSON.stringify(plan), updated_at: now, version: sql`version + 1` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('hazard_events')
      .values({
        hazard_id: id,
        action: 'plan',
        from_status: h.status,
        to_status: h.status,
        actor_id: actor.userId,
        actor_name: actor.displayName,
        data: JSON.stringify({ plan }),
        attachment_ids: [],
      })
      .execute();
    await appendAudit(trx, ctx, [
      {
        action: 'hazard.plan',
        entityType: 'hazard',
        entityId: id,
        before: { plan: h.plan },
        after: { plan },
      },
    ]);
    return presentHazard({ ...after, enterprise_name: h.enterprise_name }, now);
  });
}

export { allowedActions };
