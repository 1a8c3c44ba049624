import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import {
  computeReward,
  DUPLICATE_SIMILARITY,
  DUPLICATE_WINDOW_DAYS,
  EXTENSION_DAYS,
  FEEDBACK_DAYS,
  nextReportState,
  REPORT_ACTION_SCHEMAS,
  REPORT_STATES,
  reportActionsInState,
  textSimilarity,
  VERIFY_DAYS,
  orgIds,
  type Actor,
  type PublicReport,
  type ReportAction,
  type ReportState,
} from '@zhiben/domain';
import type { DB } from '../db/types';
import { AppError, conflict, forbidden, invalid, notFound } from '../http/errors';
import { appendAudit, type AuditContext } from '../audit/audit.repo';
import { sha256 } from '../auth/crypto';
import type { OrgDirectory } from '../organizations/directory';
import { createHazard } from '../hazards/hazards.service';
import type { IdentityVault } from './identity';

const DAY = 86_400_000;
const CODE_CHARS = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

function trackingCode(): string {
  const b = randomBytes(10);
  return `JB${Array.from(b, (x) => CODE_CHARS[x % CODE_CHARS.length]).join('')}`;
}

export const stateName = (s: string) => REPORT_STATES.find((x) => x.code === s)?.name ?? s;

/** Reports an official may see: city all; a district office its district; an inspector those routed to its department. */
export function reportScopeFilter(actor: Actor) {
  switch (actor.role) {
    case 'sysadmin':
      return { kind: 'all' as const };
    case 'city_office':
      return actor.regionCode === '150600' ? { kind: 'all' as const } : { kind: 'none' as const };
    case 'district_office':
      return { kind: 'district' as const, code: actor.regionCode! };
    case 'inspector':
      return { kind: 'department' as const, id: actor.orgId! };
    default:
      return { kind: 'none' as const };
  }
}

export function scopedReports(db: Kysely<DB> | Transaction<DB>, actor: Actor) {
  const s = reportScopeFilter(actor);
  if (s.kind === 'none') throw forbidden('仅监管部门和安委办可处理举报');
  let q = db.selectFrom('reports');
  if (s.kind === 'district') q = q.where('reports.district_code', '=', s.code);
  if (s.kind === 'department') q = q.where(sql<boolean>`reports.department_ids @> ARRAY[${s.id}]::text[]`);
  return q;
}

/** Public intake: stores the report with the reporter sealed; answers the tracking code and the access key once. */
export async function submitPublicReport(
  db: Kysely<DB>,
  vault: IdentityVault,
  input: PublicReport,
  channel = 'web',
) {
  let enterpriseName = input.enterpriseName ?? '';
  let departmentIds: string[] = [];
  if (input.enterpriseId) {
    const e = await db
      .selectFrom('enterprises')
      .select(['name', 'district_code', 'department_ids'])
      .where('id', '=', input.enterpriseId)
      .executeTakeFirst();
    if (!e) throw invalid([{ path: 'enterpriseId', message: '企业不存在' }]);
    enterpriseName = e.name;
    departmentIds = e.department_ids;
  }
  if (departmentIds.length === 0) {
    // Unknown enterprise: routed to the emergency management bureaus of the district and the city.
    departmentIds = [orgIds.department('150600', 'yjj'), orgIds.department(input.districtCode, 'yjj')];
  }
  const files = input.attachmentIds.length
    ? await db
        .selectFrom('files')
        .select('id')
        .where('id', 'in', input.attachmentIds)
        .where('uploaded_by', 'is', null)
        .where('kind', '=', 'image')
        .execute()
    : [];
  if (files.length !== input.attachmentIds.length)
    throw invalid([{ path: 'attachmentIds', message: '照片不存在或已被使用' }]);
  const identity = !input.anonymous && input.reporter ? input.reporter : null;
  const accessKey = randomBytes(15).toString('base64url');
  const code = trackingCode();
  // Duplicate: same enterprise within the window and a similar description → linked to the earliest.
  const since = new Date(Date.now() - DUPLICATE_WINDOW_DAYS * DAY);
  const candidates = await db
    .selectFrom('reports')
    .select(['id', 'description', 'duplicate_of'])
    .where('created_at', '>=', since)
    .where((eb) =>
      input.enterpriseId
        ? eb('enterprise_id', '=', input.enterpriseId)
        : eb('enterprise_name', '=', enterpriseName),
    )
    .orderBy('created_at')
    .execute();
  const dup = candidates.find(
    (c) => textSimilarity(c.description, input.description) >= DUPLICATE_SIMILARITY,
  );
  const row = await db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('reports')
      .values({
        tracking_code: code,
        access_key_hash: sha256(accessKey),
        channel,
        category: input.category,
        enterprise_id: input.enterpriseId ?? null,
        enterprise_name: enterpriseName,
        district_code: input.districtCode,
        location: input.location,
        description: input.description,
        attachment_ids: input.attachmentIds,
        anonymous: !identity,
        reporter_enc: identity ? vault.seal(identity) : null,
        reporter_tag: identity ? vault.tag(identity.phone) : null,
        department_ids: departmentIds,
        duplicate_of: dup ? (dup.duplicate_of ?? dup.id) : null,
        updated_at: new Date(),
      })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('report_events')
      .values({
        report_id: r.id,
        action: 'receive',
        from_status: null,
        to_status: 'received',
        actor_name: '举报人',
        data: JSON.stringify({ channel }),
      })
      .execute();
    await appendAudit(trx, { actorId: null, actorName: '举报人(匿名化)', orgId: null, ip: null }, [
      // The audit record carries no identity and no text that could identify the reporter.
      {
        action: 'report.receive',
        entityType: 'report',
        entityId: r.id,
        after: {
          trackingCode: code,
          category: input.category,
          district: input.districtCode,
          anonymous: !identity,
        },
      },
    ]);
    return r;
  });
  return { id: row.id, trackingCode: code, accessKey, receivedAt: row.created_at.toISOString() };
}

/** Public lookup: a wrong key answers exactly like an unknown code. */
export async function publicStatus(db: Kysely<DB>, code: string, accessKey: string | undefined) {
  const r = await db
    .selectFrom('reports')
    .selectAll()
    .where('tracking_code', '=', code.toUpperCase())
    .executeTakeFirst();
  const given = Buffer.from(sha256(accessKey ?? ''));
  const expected = Buffer.from(r?.access_key_hash ?? sha256(randomBytes(8).toString('hex')));
  if (!r || !accessKey || !timingSafeEqual(given, expected)) throw notFound('举报记录');
  const reward =
    r.status === 'reward_paid' || r.reward_paid_at
      ? { status: 'paid', amount: r.reward_amount }
      : r.status === 'reward_approved'
        ? { status: 'approved', amount: r.reward_amount }
        : r.status === 'reward_pending'
          ? { status: 'pending', amount: null }
          : { status: 'none', amount: null };
  return {
    trackingCode: r.tracking_code,
    status: r.status,
    statusName: stateName(r.status),
    receivedAt: r.created_at.toISOString(),
    acceptedAt: r.accepted_at?.toISOString() ?? null,
    verified: r.outcome === null ? null : r.outcome === 'true',
    outcomeSummary: r.feedback_summary,
    feedbackAt: r.feedback_at?.toISOString() ?? null,
    reward,
  };
}

export function presentReport(r: Awaited<ReturnType<typeof loadReport>>, now = new Date()) {
  return {
    id: r.id,
    trackingCode: r.tracking_code,
    channel: r.channel,
    category: r.category,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    districtCode: r.district_code,
    location: r.location,
    description: r.description,
    attachmentIds: r.attachment_ids,
    anonymous: r.anonymous,
    hasIdentity: r.reporter_enc !== null,
    status: r.status,
    statusName: stateName(r.status),
    departmentIds: r.department_ids,
    acceptedAt: r.accepted_at?.toISOString() ?? null,
    verifyDueAt: r.verify_due_at?.toISOString() ?? null,
    verifyOverdue: r.status === 'verifying' && !!r.verify_due_at && r.verify_due_at.getTime() < now.getTime(),
    extended: r.extended,
    outcome: r.outcome,
    outcomeSummary: r.outcome_summary,
    fine: r.fine,
    hazardId: r.hazard_id,
    feedbackDueAt: r.feedback_due_at?.toISOString() ?? null,
    feedbackAt: r.feedback_at?.toISOString() ?? null,
    feedbackSummary: r.feedback_summary,
    rewardAmount: r.reward_amount,
    rewardBasis: r.reward_basis,
    rewardPaidAt: r.reward_paid_at?.toISOString() ?? null,
    paymentRef: r.payment_ref,
    duplicateOf: r.duplicate_of,
    createdAt: r.created_at.toISOString(),
  };
}

export async function loadReport(db: Kysely<DB> | Transaction<DB>, actor: Actor, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('举报');
  const r = await scopedReports(db, actor).selectAll().where('reports.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('举报');
  return r;
}

const OFFICE = (a: Actor) =>
  a.role === 'district_office' || a.role === 'city_office' || a.role === 'sysadmin';

/** Who may take an action: handlers (offices, routed inspectors) for the case; offices approve extensions and rewards. */
function mayAct(actor: Actor, action: ReportAction): boolean {
  if (actor.role === 'sysadmin') return false;
  if (action === 'extend' || action === 'approve-reward' || action === 'pay') return OFFICE(actor);
  return OFFICE(actor) || actor.role === 'inspector';
}

export async function reportAction(
  db: Kysely<DB>,
  orgs: OrgDirectory,
  actor: Actor,
  id: string,
  action: ReportAction,
  rawInput: unknown,
  ctx: AuditContext,
  now = new Date(),
) {
  return db.transaction().execute(async (trx) => {
    const before = await loadReport(trx, actor, id);
    await sql`select 1 from reports where id = ${id} for update`.execute(trx);
    const state = before.status as ReportState;
    const parsedOutcome = (rawInput as { outcome?: 'true' | 'false' })?.outcome;
    const to = nextReportState(state, action, parsedOutcome);
    if (!to) {
      const allowed = reportActionsInState(state);
      throw new AppError(
        'conflict',
        `举报当前状态为“${stateName(state)}”，不能执行该操作；可执行：${allowed.join('、') || '无'}`,
        [],
        { state, allowed },
      );
    }
    if (!mayAct(actor, action)) throw forbidden('当前角色不能执行该举报处理操作');
    const parsed = REPORT_ACTION_SCHEMAS[action].safeParse(rawInput ?? {});
    if (!parsed.success)
      throw invalid(
        parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
      );
    const input = parsed.data as Record<string, unknown>;
    const set: Record<string, unknown> = { status: to, updated_at: now };
    const data: Record<string, unknown> = { ...input };
    switch (action) {
      case 'accept':
        set.accepted_at = now;
        set.accepted_org_id = actor.orgId;
        set.verify_due_at = new Date(now.getTime() + VERIFY_DAYS * DAY);
        break;
      case 'decline':
        set.feedback_due_at = new Date(now.getTime() + FEEDBACK_DAYS * DAY);
        break;
      case 'extend':
        if (before.extended) throw conflict('核查期限只能延长一次（30日）');
        set.extended = true;
        set.verify_due_at = new Date((before.verify_due_at ?? now).getTime() + EXTENSION_DAYS * DAY);
        break;
      case 'verify': {
        set.verified_at = now;
        set.outcome = input.outcome;
        set.outcome_summary = input.summary;
        set.fine = input.fine ?? null;
        set.feedback_due_at = new Date(now.getTime() + FEEDBACK_DAYS * DAY);
        if (input.outcome === 'true') {
          if (input.hazardId) {
            const h = await trx
              .selectFrom('hazards')
              .select('id')
              .where('id', '=', input.hazardId as string)
              .executeTakeFirst();
            if (!h) throw invalid([{ path: 'hazardId', message: '隐患不存在' }]);
            set.hazard_id = h.id;
          } else {
            const hz = input.hazard as {
              enterpriseId: string;
              grade: 'major' | 'general';
              criterionId?: string | null;
              title: string;
              deadline: string;
            };
            const created = await createHazard(
              trx as unknown as Kysely<DB>,
              orgs,
              actor,
              {
                enterpriseId: hz.enterpriseId,
                grade: hz.grade,
                criterionId: hz.criterionId ?? null,
                title: hz.title,
                description: `${before.description}\n（举报 ${before.tracking_code} 核查属实：${String(input.summary)}）`,
                location: before.location,
                source: 'public_report',
                discoveredAt: (before.accepted_at ?? now).toISOString(),
                deadline: hz.deadline,
                attachmentIds: [],
              },
              ctx,
              now,
              { fromReport: true, trx },
            );
            set.hazard_id = created.id;
            data.hazardCode = created.code;
          }
        }
        break;
      }
      case 'feedback':
        set.feedback_at = now;
        set.feedback_summary = input.summary;
        break;
      case 'compute-reward': {
        if (before.anonymous || !before.reporter_tag) throw conflict('匿名举报不予奖励（奖励须实名）');
        // Only the first valid real-name reporter of the same matter is rewarded.
        const root = before.duplicate_of ?? before.id;
        const earlier = await trx
          .selectFrom('reports')
          .select(['id', 'tracking_code'])
          .where((eb) => eb.or([eb('id', '=', root), eb('duplicate_of', '=', root)]))
          .where('id', '!=', before.id)
          .where('reporter_tag', 'is not', null)
          .where('created_at', '<', before.created_at)
          .where('outcome', '=', 'true')
          .executeTakeFirst();
        if (earlier)
          throw conflict(`同一事项已有在先的实名有效举报（${earlier.tracking_code}），本举报不予重复奖励`);
        const verified = await trx
          .selectFrom('report_events')
          .select('data')
          .where('report_id', '=', id)
          .where('action', '=', 'verify')
          .orderBy('id', 'desc')
          .executeTakeFirst();
        const v = (verified?.data ?? {}) as { deaths?: number; accidentGrade?: 'general' };
        const r = computeReward({
          category: before.category as 'major_hazard',
          fine: before.fine ?? 0,
          deaths: v.deaths ?? 0,
          accidentGrade: v.accidentGrade ?? 'general',
        });
        set.reward_amount = r.amount;
        set.reward_basis = r.basis;
        Object.assign(data, r);
        break;
      }
      case 'approve-reward':
        set.reward_approved_by = actor.displayName;
        break;
      case 'pay':
        set.reward_paid_at = input.paidAt ? new Date(input.paidAt as string) : now;
        set.payment_ref = input.paymentRef;
        break;
      case 'close':
        set.closed_at = now;
        break;
    }
    const after = await trx
      .updateTable('reports')
      .set(set)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('report_events')
      .values({
        report_id: id,
        action,
        from_status: state,
        to_status: to,
        actor_id: actor.userId,
        actor_name: actor.displayName,
        data: JSON.stringify(data),
      })
      .execute();
    await appendAudit(trx, ctx, [
      {
        action: `report.${action}`,
        entityType: 'report',
        entityId: id,
        before: presentReport(before, now),
        after: presentReport(after, now),
      },
    ]);
    return presentReport(after, now);
  });
}

/** Reading a reporter's identity: the 举报受理 capability, a reason, and an audit record every time. */
export async function viewIdentity(
  db: Kysely<DB>,
  vault: IdentityVault,
  actor: Actor,
  capabilities: string[],
  id: string,
  reason: string,
  ctx: AuditContext,
) {
  if (!capabilities.includes('report_intake')) throw forbidden('查看举报人身份须具备“举报受理”职责');
  return db.transaction().execute(async (trx) => {
    const r = await loadReport(trx, actor, id);
    if (!r.reporter_enc) throw notFound('举报人身份（匿名举报）');
    await appendAudit(trx, ctx, [
      { action: 'report.identity_view', entityType: 'report', entityId: id, after: { reason } },
    ]);
    return vault.open(r.reporter_enc);
  });
}
