/**
 * Permit commands: file a draft, perform a workflow action, expire what is due, and the monitoring hook.
 * Each runs in one transaction: load (scoped, row-locked) → the domain decides → persist + event + audit.
 * Actions refused by the rules are counted (permit_refusals) for the "violations caught" statistic.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import {
  checkBlindPlateAgainst,
  checkWorkers,
  decidePermitAction,
  expireIfDue,
  liftingGrade,
  permitActionName,
  permitContext,
  shanghaiDay,
  validityEnd,
  type Actor,
  type BlindPlatePermitLike,
  type Permit,
  type PermitAction,
  type PermitDecision,
  type PermitViolation,
} from '@zhiben/domain';
import type { DB } from '../db/types';
import { AppError, forbidden, invalid, notFound } from '../http/errors';
import { appendAudit, type AuditContext } from '../audit/audit.repo';
import { enqueue, type OutgoingNotification } from '../notifications/outbox';
import {
  blindPlatePermits,
  findPermit,
  findPermitById,
  nextPermitSeq,
  recordRefusal,
  registryFor,
  type Db,
} from './permits.repo';
import { presentPermit, storedGrade, toPermit, type PermitRow } from './permits.present';
import { isEnterpriseUser, permitActorFor } from './permits.policy';
import type { PermitCreate } from './permits.schemas';
import { activeGasAlarmViolations } from './permits.gas';

export const SYSTEM: AuditContext = { actorId: null, actorName: '系统(作业票)', orgId: null, ip: null };

/** Two-letter codes in permit numbers: ZY-<code>-<yyyymmdd>-<seq>. */
export const PERMIT_NUMBER_CODES: Record<Permit['type'], string> = {
  hot_work: 'DH',
  confined_space: 'SX',
  blind_plate: 'MB',
  height: 'GC',
  lifting: 'DZ',
  temp_power: 'LD',
  excavation: 'DT',
  road_closure: 'DL',
};

/** A refusal by the rules: 400 naming each violation, and the violations themselves. */
function refusedBy(violations: PermitViolation[], what: string): AppError {
  return new AppError(
    'validation',
    `${what}：${violations.map((v) => v.message).join('；')}`,
    violations.map((v) => ({ path: '', message: `${v.message}（${v.clause}）` })),
    { violations },
  );
}

/** Workers' certificates and guardians' training, against the enterprise's registry (§4.9, §4.10). */
export async function qualificationViolations(
  db: Db,
  enterpriseId: string,
  p: Pick<Permit, 'type' | 'workers' | 'guardians'>,
  now: Date,
): Promise<PermitViolation[]> {
  const ids = [...p.workers, ...p.guardians].map((w) => w.workerId).filter((x): x is string => !!x);
  const rows = await registryFor(db, enterpriseId, ids);
  return checkWorkers(
    p,
    rows.map((r) => ({ id: r.id, certificates: r.certificates, guardianTrained: r.guardian_trained })),
    now,
  );
}

const plateLike = (r: {
  number: string;
  status: string;
  planned_start: Date;
  planned_end: Date;
  draft: Record<string, unknown>;
}): BlindPlatePermitLike => ({
  number: r.number,
  status: r.status as BlindPlatePermitLike['status'],
  plannedStart: r.planned_start.toISOString(),
  plannedEnd: r.planned_end.toISOString(),
  details: r.draft.details as BlindPlatePermitLike['details'],
});

/** One blind plate, one action, one permit; never two on one pipeline at once (§7). */
export async function blindPlateViolations(db: Db, enterpriseId: string, p: Permit) {
  if (p.type !== 'blind_plate') return [];
  const others = await blindPlatePermits(db, enterpriseId);
  return checkBlindPlateAgainst(p as unknown as BlindPlatePermitLike, others.map(plateLike));
}

export async function createPermit(
  db: Kysely<DB>,
  actor: Actor,
  input: PermitCreate,
  ctx: AuditContext,
  now = new Date(),
) {
  if (!isEnterpriseUser(actor)) throw forbidden('作业票由企业人员申请；监管人员只能查看');
  if (input.enterpriseId && input.enterpriseId !== actor.enterpriseId)
    throw forbidden('只能为本企业申请作业票');
  const ent = await db
    .selectFrom('enterprises')
    .select(['id', 'name', 'district_code', 'categories'])
    .where('id', '=', actor.enterpriseId!)
    .executeTakeFirstOrThrow();
  if (!ent.categories.includes('hazmat_major_hazard'))
    throw forbidden('电子作业票适用于危险化学品重大危险源企业；本企业未登记为重大危险源企业');

  const { number: _n, appliedAt, enterpriseId: _e, zone, installationId, ...draft } = input;
  const base = {
    ...draft,
    number: '',
    appliedAt: appliedAt ?? now.toISOString(),
    status: 'draft',
    signatures: [],
    gasAnalyses: [],
    interruptions: [],
    guardianOnSite: false,
    startedAt: null,
    completedAt: null,
  } as unknown as Permit;

  const refusals: PermitViolation[] = [];
  if (base.type === 'lifting' && liftingGrade(base.details.massT) === 'none')
    throw invalid(
      [
        {
          path: 'details.massT',
          message: '吊物质量小于10 t，可不办理吊装作业票，但应进行作业风险分析（表B.1注3）',
        },
      ],
      '吊物质量小于10 t，无需办理吊装作业票',
    );
  refusals.push(...(await qualificationViolations(db, ent.id, base, now)));
  refusals.push(...(await blindPlateViolations(db, ent.id, base)));
  if (refusals.length) {
    await recordRefusal(db, {
      permitId: null,
      enterpriseId: ent.id,
      districtCode: ent.district_code,
      type: base.type,
      action: 'create',
      violations: refusals,
      actorId: actor.userId,
      actorName: actor.displayName,
    });
    throw refusedBy(refusals, '作业票不能办理');
  }

  return db.transaction().execute(async (trx) => {
    const prefix = `ZY-${PERMIT_NUMBER_CODES[base.type]}-${shanghaiDay(now).replaceAll('-', '')}`;
    const seq = await nextPermitSeq(trx, prefix);
    const number = `${prefix}-${String(seq).padStart(4, '0')}`;
    const permit = { ...base, number } as Permit;
    const stored = { ...draft, number, appliedAt: permit.appliedAt };
    const row = await trx
      .insertInto('permits')
      .values({
        number,
        enterprise_id: ent.id,
        district_code: ent.district_code,
        type: permit.type,
        grade: storedGrade(permit),
        status: 'draft',
        draft: JSON.stringify(stored),
        planned_start: new Date(permit.plannedStart),
        planned_end: new Date(permit.plannedEnd),
        valid_until: new Date(validityEnd(permitContext(permit, now, {}, 'hold'))),
        zone: zone ?? null,
        installation_id: installationId ?? null,
        verify_token: randomBytes(12).toString('base64url'),
        created_by: actor.userId,
        created_by_name: actor.displayName,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('permit_events')
      .values({
        permit_id: row.id,
        action: 'create',
        from_status: null,
        to_status: 'draft',
        actor_id: actor.userId,
        actor_name: actor.displayName,
        data: JSON.stringify({ number }),
      })
      .execute();
    const presented = presentPermit({ ...row, enterprise_name: ent.name });
    await appendAudit(trx, ctx, [
      { action: 'permit.create', entityType: 'permit', entityId: row.id, after: presented },
    ]);
    return presented;
  });
}

/** Writes a decided change: the row, the event and the audit entry. */
async function persist(
  trx: Transaction<DB>,
  row: PermitRow,
  d: Extract<PermitDecision, { ok: true }>,
  actor: { id: string | null; name: string },
  ctx: AuditContext,
  now: Date,
) {
  const p = d.patch;
  const set: Record<string, unknown> = { status: d.to, updated_at: now, version: sql`version + 1` };
  if (p.signatures) set.signatures = JSON.stringify(p.signatures);
  if (p.gasAnalyses) set.gas_analyses = JSON.stringify(p.gasAnalyses);
  if (p.interruptions) set.interruptions = JSON.stringify(p.interruptions);
  if (p.guardianOnSite !== undefined) set.guardian_on_site = p.guardianOnSite;
  if (p.startedAt !== undefined) set.started_at = p.startedAt ? new Date(p.startedAt) : null;
  if (p.completedAt !== undefined) set.completed_at = p.completedAt ? new Date(p.completedAt) : null;
  if (p.closedAt !== undefined) set.closed_at = p.closedAt ? new Date(p.closedAt) : null;
  if (p.measures || p.riskIdentification) {
    const draft = { ...row.draft };
    if (p.measures) draft.measures = p.measures;
    if (p.riskIdentification) draft.riskIdentification = p.riskIdentification;
    set.draft = JSON.stringify(draft);
  }
  const after = await trx
    .updateTable('permits')
    .set(set)
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('permit_events')
    .values({
      permit_id: row.id,
      action: d.event.action,
      from_status: d.event.from,
      to_status: d.event.to,
      actor_id: actor.id,
      actor_name: actor.name,
      data: JSON.stringify(d.event.data),
    })
    .execute();
  const presented = presentPermit({ ...after, enterprise_name: row.enterprise_name });
  await appendAudit(trx, ctx, [
    {
      action: `permit.${d.event.action}`,
      entityType: 'permit',
      entityId: row.id,
      before: { status: row.status, version: row.version },
      after: { status: after.status, version: after.version, event: d.event },
    },
  ]);
  return { after: { ...after, enterprise_name: row.enterprise_name }, presented };
}

export async function performPermitAction(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  action: PermitAction,
  input: unknown,
  ctx: AuditContext,
  now = new Date(),
) {
  // Expiry first, in its own transaction, so an action on an overdue permit meets 'expired'.
  await expireDuePermits(db, now, { id });
  const outcome = await db.transaction().execute(async (trx) => {
    const found = await findPermit(trx, actor, id);
    if (!found) throw notFound('作业票');
    // Lock the row: concurrent actions on one permit apply one after the other.
    await sql`select 1 from permits where id = ${id} for update`.execute(trx);
    const row = (await findPermitById(trx, id))!;
    const permit = toPermit(row);
    const who = permitActorFor(actor, row);
    const d = decidePermitAction(permit, action, who, input, now);
    if (!d.ok) {
      if (d.error === 'invalid_state')
        throw new AppError('conflict', d.message, [], { state: d.state, allowed: d.allowed });
      if (d.error === 'forbidden') throw forbidden(d.message);
      if (!d.violations?.length) throw invalid(d.errors);
      return { refused: d.violations, row };
    }
    // Rules that need other records than the permit: the registry and the enterprise's other permits.
    const issuing = action === 'sign' && d.to === 'issued' && permit.status !== 'issued';
    if (issuing || action === 'start' || action === 'resume') {
      const more = [
        ...(action !== 'resume' ? await qualificationViolations(trx, row.enterprise_id, permit, now) : []),
        ...(issuing ? await blindPlateViolations(trx, row.enterprise_id, permit) : []),
        ...(action !== 'sign' ? await activeGasAlarmViolations(trx, row) : []),
      ];
      if (more.length) return { refused: more, row };
    }
    return persist(trx, row, d, { id: actor.userId, name: actor.displayName }, ctx, now);
  });
  if ('refused' in outcome) {
    const { row, refused } = outcome;
    await recordRefusal(db, {
      permitId: row.id,
      enterpriseId: row.enterprise_id,
      districtCode: row.district_code,
      type: row.type,
      action,
      violations: refused,
      actorId: actor.userId,
      actorName: actor.displayName,
    });
    throw refusedBy(refused, `不能${permitActionName(action)}`);
  }
  return outcome.presented;
}

/**
 * Expires every issued, in-progress or suspended permit past the end of its validity (one permit, or all
 * when no id is given). Run on read and every minute by the `permits.expire` job. Returns the numbers.
 */
export async function expireDuePermits(
  db: Kysely<DB>,
  now: Date,
  only: { id?: string; enterpriseId?: string } = {},
  ctx: AuditContext = SYSTEM,
): Promise<string[]> {
  let q = db
    .selectFrom('permits')
    .select('id')
    .where('status', 'in', ['issued', 'in_progress', 'suspended'])
    .where('valid_until', '<', now);
  if (only.id) {
    if (!/^[0-9a-f-]{36}$/i.test(only.id)) return [];
    q = q.where('id', '=', only.id);
  }
  if (only.enterpriseId) q = q.where('enterprise_id', '=', only.enterpriseId);
  const due = await q.limit(500).execute();
  const out: string[] = [];
  for (const { id } of due) {
    const n = await db.transaction().execute(async (trx) => {
      await sql`select 1 from permits where id = ${id} for update`.execute(trx);
      const row = await findPermitById(trx, id);
      if (!row) return null;
      const d = expireIfDue(toPermit(row), now);
      if (!d?.ok) return null;
      await persist(trx, row, d, { id: null, name: ctx.actorName }, ctx, now);
      return row.number;
    });
    if (n) out.push(n);
  }
  return out;
}

const GAS_ALARM_TYPES = ['hot_work', 'confined_space'];

/**
 * The monitoring module's hook: an active gas alarm in an installation or zone suspends, at once, the
 * hot-work and confined-space permits in progress there (§4.8: stop on abnormality). "There" is the
 * alarm's zone, or the installation of the alarming point (looked up by its tag). It tells, in the app,
 * the enterprise's principal and safety manager, the permit's applicant and whoever signed the permit as
 * guardian and as approver; by SMS the registered guardians and those signers with a phone number.
 * Issued permits not yet started there get a timeline entry and the same notice; whoever starts them
 * must first record a fresh passing gas analysis, as for any start.
 * Returns the numbers suspended and the numbers warned.
 */
export async function suspendPermitsForGasAlarm(
  db: Kysely<DB>,
  enterpriseId: string,
  zone: string | null,
  alarm: { tag?: string; value?: number; level?: string; at?: Date } = {},
  now = new Date(),
): Promise<{ suspended: string[]; warned: string[] }> {
  const point = alarm.tag
    ? await db
        .selectFrom('monitoring_points')
        .select('installation_id')
        .where('enterprise_id', '=', enterpriseId)
        .where('tag', '=', alarm.tag)
        .executeTakeFirst()
    : undefined;
  const installationId = point?.installation_id ?? null;
  if (!zone && !installationId) return { suspended: [], warned: [] };
  const installationName = installationId
    ? (
        await db
          .selectFrom('installations')
          .select('name')
          .where('id', '=', installationId)
          .executeTakeFirst()
      )?.name
    : undefined;
  const place = zone ?? installationName ?? '所属危险源';
  const rows = await db
    .selectFrom('permits')
    .select(['id', 'status'])
    .where('enterprise_id', '=', enterpriseId)
    .where((eb) =>
      eb.or([
        ...(zone ? [eb('zone', '=', zone)] : []),
        ...(installationId ? [eb('installation_id', '=', installationId)] : []),
      ]),
    )
    .where('type', 'in', GAS_ALARM_TYPES)
    .where('status', 'in', ['issued', 'in_progress'])
    .execute();
  const suspended: string[] = [];
  const warned: string[] = [];
  const reason = `作业区域（${place}）可燃/有毒气体报警${alarm.tag ? `（${alarm.tag}${alarm.value !== undefined ? `=${alarm.value}` : ''}）` : ''}，作业立即暂停`;
  for (const { id } of rows) {
    await db.transaction().execute(async (trx) => {
      await sql`select 1 from permits where id = ${id} for update`.execute(trx);
      const row = await findPermitById(trx, id);
      if (!row || !['issued', 'in_progress'].includes(row.status)) return;
      const p = toPermit(row);
      const data = { reason, zone, alarm: { ...alarm, at: (alarm.at ?? now).toISOString() } };
      const d: Extract<PermitDecision, { ok: true }> =
        row.status === 'in_progress'
          ? {
              ok: true,
              to: 'suspended',
              patch: { interruptions: [...p.interruptions, { from: now.toISOString(), to: null }] },
              event: {
                action: 'suspend',
                from: 'in_progress',
                to: 'suspended',
                data: { ...data, gasAlarm: true },
              },
            }
          : {
              ok: true,
              to: 'issued',
              patch: {},
              event: {
                action: 'suspend',
                from: 'issued',
                to: 'issued',
                data: { ...data, gasAlarm: true, notStarted: true },
              },
            };
      await persist(trx, row, d, { id: null, name: '系统(气体报警联动)' }, SYSTEM, now);
      (row.status === 'in_progress' ? suspended : warned).push(row.number);
      const title = `作业票${row.number}因气体报警${row.status === 'in_progress' ? '已暂停' : '暂停开始'}`;
      const body = `${reason}。请监护人收回作业票、组织人员撤离，报警解除并重新进行气体分析合格后方可恢复作业。`;
      await enqueue(trx, await gasAlarmRecipients(trx, row, p, { title, body, at: now }));
    });
  }
  return { suspended, warned };
}

/**
 * Who hears of a gas-alarm suspension: in the app the enterprise's principal and safety managers, the
 * applicant and the users who signed the permit's guardian and approver steps; by SMS the registered
 * guardians of the permit and those two signers, each phone number once.
 */
async function gasAlarmRecipients(
  trx: Transaction<DB>,
  row: PermitRow,
  p: Permit,
  n: { title: string; body: string; at: Date },
): Promise<OutgoingNotification[]> {
  const signers = await trx
    .selectFrom('permit_events')
    .select(['actor_id', sql<string>`data->>'step'`.as('step')])
    .where('permit_id', '=', row.id)
    .where('action', '=', 'sign')
    .where(sql<string>`data->>'step'`, 'in', ['guardian', 'approver'])
    .where('actor_id', 'is not', null)
    .execute();
  const signerIds = signers.map((s) => s.actor_id!);
  const users = await trx
    .selectFrom('users')
    .select(['id', 'display_name', 'phone'])
    .where('enterprise_id', '=', row.enterprise_id)
    .where('status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb('role', 'in', ['enterprise_principal', 'enterprise_safety']),
        ...(row.created_by ? [eb('id', '=', row.created_by)] : []),
        ...(signerIds.length ? [eb('id', 'in', signerIds)] : []),
      ]),
    )
    .execute();
  const guardianIds = p.guardians.map((g) => g.workerId).filter((x): x is string => !!x && UUID.test(x));
  const guardians = guardianIds.length
    ? await trx
        .selectFrom('permit_workers')
        .select(['id', 'name', 'phone'])
        .where('enterprise_id', '=', row.enterprise_id)
        .where('id', 'in', guardianIds)
        .execute()
    : [];
  const key = `permit-gas-alarm:${row.id}:${n.at.getTime()}`;
  const base = { kind: 'permit.gas_alarm', title: n.title, body: n.body, enterpriseId: row.enterprise_id };
  const out: OutgoingNotification[] = users.map((u) => ({
    ...base,
    dedupeKey: `${key}:${u.id}`,
    channel: 'inapp' as const,
    userId: u.id,
    recipientName: u.display_name,
  }));
  const phones = new Set<string>();
  const sms = (who: string, name: string, phone: string | null) => {
    if (!phone || phones.has(phone)) return;
    phones.add(phone);
    out.push({
      ...base,
      body: `${n.title}：${n.body}`,
      dedupeKey: `${key}:sms:${who}`,
      channel: 'sms',
      recipientName: name,
      phone,
    });
  };
  for (const g of guardians) sms(`worker:${g.id}`, g.name, g.phone);
  for (const u of users) if (signerIds.includes(u.id)) sms(`user:${u.id}`, u.display_name, u.phone);
  return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
