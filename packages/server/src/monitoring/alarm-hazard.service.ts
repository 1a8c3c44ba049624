import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import {
  ALARM_LEVELS,
  enterpriseScope,
  hazardCreateSchema,
  inEnterpriseScope,
  type Actor,
} from '@zhiben/domain';
import type { DB } from '../db/types';
import { appendAudit, type AuditContext } from '../audit/audit.repo';
import { AppError, forbidden, invalid, notFound, zodIssuesToFieldErrors } from '../http/errors';
import type { OrgDirectory } from '../organizations/directory';
import { createHazard } from '../hazards/hazards.service';
import type { alarmActionEvent } from './alarm-events';

const shape = hazardCreateSchema.shape;

/** Body of POST /api/alarms/:id/actions/to-hazard; the rest of the hazard comes from the alarm. */
export const alarmToHazardSchema = z
  .object({
    grade: shape.grade,
    title: shape.title.optional(),
    description: z.string().trim().max(4000, '隐患描述不超过4000个字符').optional(),
    criterionId: shape.criterionId,
    deadline: shape.deadline,
  })
  .superRefine((v, ctx) => {
    if (v.grade === 'major' && !v.criterionId)
      ctx.addIssue({ code: 'custom', path: ['criterionId'], message: '重大事故隐患必须选择判定标准条目' });
  });
export type AlarmToHazard = z.infer<typeof alarmToHazardSchema>;

const levelName = (l: string) => ALARM_LEVELS.find((x) => x.code === l)?.name ?? l;
const fmt = (d: Date) => d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
const num = (v: number | null, unit: string) => (v === null ? '—' : `${v}${unit}`);

/**
 * An alarm becomes a hazard (source `monitoring`) of its enterprise through the hazard register's own
 * createHazard (codes, criteria in force, departments, timeline, audit), in one transaction with the link
 * alarms.hazard_id; the alarm row is locked, so a second conversion answers 409 naming the first hazard.
 * Who may: whoever may act on the alarm (the enterprise and its regulators in scope; not experts or the
 * system administrator, 403); an alarm outside the caller's scope answers 404, as acknowledge and dispose
 * do, so its existence is not disclosed. `opts.linked` runs inside the transaction once the link is written
 * (the alarm stream's notification to other instances).
 */
export async function alarmToHazard(
  db: Kysely<DB>,
  orgs: OrgDirectory,
  actor: Actor,
  alarmId: string,
  input: AlarmToHazard,
  ctx: AuditContext,
  now = new Date(),
  opts: {
    linked?: (trx: Transaction<DB>, alarm: Parameters<typeof alarmActionEvent>[1]) => Promise<void>;
  } = {},
): Promise<{ alarmId: string; hazardId: string; hazardCode: string }> {
  return db.transaction().execute(async (trx) => {
    const a = await trx
      .selectFrom('alarms')
      .innerJoin('enterprises', 'enterprises.id', 'alarms.enterprise_id')
      .innerJoin('monitoring_points', 'monitoring_points.id', 'alarms.point_id')
      .selectAll('alarms')
      .select([
        'enterprises.district_code as enterprise_district',
        'enterprises.department_ids',
        'monitoring_points.unit',
        'monitoring_points.zone',
      ])
      .where('alarms.id', '=', alarmId)
      .forUpdate('alarms')
      .executeTakeFirst();
    if (!a) throw notFound('报警');
    const inScope = inEnterpriseScope(enterpriseScope(actor), {
      id: a.enterprise_id,
      districtCode: a.enterprise_district,
      departmentIds: a.department_ids,
    });
    if (!inScope) throw notFound('报警');
    if (actor.role === 'expert' || actor.role === 'sysadmin')
      throw forbidden('仅报警企业及其监管部门可将报警转为隐患');
    if (a.hazard_id) {
      const h = await trx
        .selectFrom('hazards')
        .select(['id', 'code'])
        .where('id', '=', a.hazard_id)
        .executeTakeFirstOrThrow();
      throw new AppError('conflict', `该报警已转为隐患（${h.code}）`, [], {
        hazardId: h.id,
        hazardCode: h.code,
      });
    }
    const summary =
      `由监测报警转为隐患：监测点位 ${a.tag} 于 ${fmt(a.opened_at)} 发生${levelName(a.level)}，` +
      `报警值 ${num(a.value, a.unit)}，峰值 ${num(a.peak, a.unit)}` +
      (a.repeat_count ? `，重复报警 ${a.repeat_count} 次` : '') +
      (a.disposal ? `。处置情况：${a.disposal}` : '') +
      '。';
    const parsed = hazardCreateSchema.safeParse({
      enterpriseId: a.enterprise_id,
      grade: input.grade,
      criterionId: input.criterionId ?? null,
      title: input.title ?? `监测报警：${a.tag} ${levelName(a.level)}`,
      description: [input.description, summary].filter(Boolean).join('\n\n').slice(0, 4000),
      location: a.zone ?? '',
      source: 'monitoring',
      discoveredAt: a.opened_at.toISOString(),
      deadline: input.deadline ?? null,
      attachmentIds: [],
    });
    if (!parsed.success) throw invalid(zodIssuesToFieldErrors(parsed.error.issues));
    const hazard = await createHazard(trx as unknown as Kysely<DB>, orgs, actor, parsed.data, ctx, now, {
      fromMonitoring: true,
      trx,
    });
    await trx.updateTable('alarms').set({ hazard_id: hazard.id }).where('id', '=', a.id).execute();
    await appendAudit(trx, ctx, [
      {
        action: 'alarm.to_hazard',
        entityType: 'alarm',
        entityId: a.id,
        after: { hazardId: hazard.id, hazardCode: hazard.code, grade: input.grade },
      },
    ]);
    await opts.linked?.(trx, a);
    return { alarmId: a.id, hazardId: hazard.id, hazardCode: hazard.code };
  });
}
