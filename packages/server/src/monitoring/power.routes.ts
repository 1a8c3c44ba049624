import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'kysely';
import {
  DISTRICT_CODES,
  POWER_ALERT_KINDS,
  powerProfileSchema,
  queryInstant,
  type DeclaredHours,
} from '@zhiben/domain';
import { auditContext, requireActor } from '../http/context';
import { conflict, forbidden, notFound } from '../http/errors';
import { appendAudit } from '../audit/audit.repo';
import {
  enterpriseLoad,
  POWER_ALERT_HANDLERS,
  powerDb,
  presentPowerAlert,
  requireEnterpriseVisible,
  requireProfileManage,
  visibleEnterpriseIds,
  type PowerTables,
} from './power.service';

const presentProfile = (
  enterpriseId: string,
  p: {
    idle_baseline_kw: number;
    declared_hours: DeclaredHours | null;
    updated_by: string | null;
    updated_at: Date;
    version: number;
  } | null,
) => ({
  enterpriseId,
  configured: !!p,
  idleBaselineKw: p?.idle_baseline_kw ?? null,
  declaredHours: p?.declared_hours ?? null,
  updatedBy: p?.updated_by ?? null,
  updatedAt: p?.updated_at.toISOString() ?? null,
  version: p?.version ?? 0,
});

const enterpriseParams = z.object({
  enterpriseId: z.string({ error: '请选择企业' }).uuid('企业编号格式不正确'),
});

/** 电力监测: power profiles, the enterprise's summed load, and the alerts the `monitoring.power` job records. */
export const powerRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  const pdb = powerDb(db);

  app.get(
    '/api/monitoring/power-profiles/:enterpriseId',
    {
      schema: {
        tags: ['monitoring'],
        summary: '电力监测档案 Power profile (idle baseline, declared production hours) and power points',
        params: enterpriseParams,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { enterpriseId } = req.params;
      const ent = await db
        .selectFrom('enterprises')
        .select(['id', 'name', 'status'])
        .where('id', '=', enterpriseId)
        .where('id', 'in', visibleEnterpriseIds(db, actor))
        .executeTakeFirst();
      if (!ent) throw notFound('企业');
      const [profile, points] = await Promise.all([
        pdb
          .selectFrom('power_profiles')
          .selectAll()
          .where('enterprise_id', '=', enterpriseId)
          .executeTakeFirst(),
        db
          .selectFrom('monitoring_points')
          .select(['id', 'tag', 'unit', 'last_value', 'last_ts'])
          .where('enterprise_id', '=', enterpriseId)
          .where('kind', '=', 'power_load')
          .orderBy('tag')
          .execute(),
      ]);
      return {
        ...presentProfile(enterpriseId, profile ?? null),
        enterpriseName: ent.name,
        enterpriseStatus: ent.status,
        points: points.map((p) => ({
          id: p.id,
          tag: p.tag,
          unit: p.unit,
          lastValue: p.last_value,
          lastTs: p.last_ts?.toISOString() ?? null,
        })),
      };
    },
  );

  app.put(
    '/api/monitoring/power-profiles/:enterpriseId',
    {
      schema: {
        tags: ['monitoring'],
        summary: '设置电力监测档案 Set the power profile (enterprise managers or its regulators)',
        params: enterpriseParams,
        body: powerProfileSchema,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { enterpriseId } = req.params;
      await requireProfileManage(db, actor, enterpriseId);
      const b = req.body;
      const row = await db.transaction().execute(async (trx) => {
        const ptx = trx.withTables<PowerTables>();
        const before = await ptx
          .selectFrom('power_profiles')
          .selectAll()
          .where('enterprise_id', '=', enterpriseId)
          .forUpdate()
          .executeTakeFirst();
        const values = {
          idle_baseline_kw: b.idleBaselineKw,
          declared_hours: b.declaredHours ? JSON.stringify(b.declaredHours) : null,
          updated_by: actor.displayName,
          updated_at: new Date(),
        };
        const r = await ptx
          .insertInto('power_profiles')
          .values({ enterprise_id: enterpriseId, ...values })
          .onConflict((oc) =>
            oc.column('enterprise_id').doUpdateSet({ ...values, version: sql`power_profiles.version + 1` }),
          )
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendAudit(trx, auditContext(req), [
          {
            action: 'power_profile.update',
            entityType: 'enterprise',
            entityId: enterpriseId,
            before: before ? presentProfile(enterpriseId, before) : null,
            after: presentProfile(enterpriseId, r),
          },
        ]);
        return r;
      });
      return presentProfile(enterpriseId, row);
    },
  );

  app.get(
    '/api/monitoring/power-load/:enterpriseId',
    {
      schema: {
        tags: ['monitoring'],
        summary: '企业总用电负荷 Summed load of the enterprise’s power points (kW, 1-minute buckets)',
        params: enterpriseParams,
        querystring: z.object({
          from: queryInstant('开始时间').optional(),
          to: queryInstant('结束时间').optional(),
        }),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { enterpriseId } = req.params;
      await requireEnterpriseVisible(db, actor, enterpriseId);
      const to = req.query.to ? new Date(req.query.to) : new Date();
      const from = req.query.from ? new Date(req.query.from) : new Date(to.getTime() - 24 * 3_600_000);
      const samples = await enterpriseLoad(db, enterpriseId, from, to);
      return { points: samples.map((s) => ({ ts: new Date(s.ts).toISOString(), kw: s.kw })) };
    },
  );

  const alertQuery = z.object({
    enterpriseId: z.string().uuid('企业编号格式不正确').optional(),
    district: z.enum(DISTRICT_CODES, { error: '旗区代码无效' }).optional(),
    kind: z
      .enum(POWER_ALERT_KINDS, {
        error: 'kind 必须是 illegal_production_suspected 或 outside_declared_hours',
      })
      .optional(),
    status: z.enum(['open', 'closed'], { error: 'status 必须是 open 或 closed' }).optional(),
    page: z.coerce.number({ error: '页码必须是整数' }).int().min(1, '页码从1开始').default(1),
    pageSize: z.coerce
      .number({ error: '每页条数必须是整数' })
      .int()
      .min(1, '每页至少1条')
      .max(200, '每页最多200条')
      .default(50),
  });
  app.get(
    '/api/monitoring/power-alerts',
    {
      schema: {
        tags: ['monitoring'],
        summary: '电力监测预警 Power alerts in the caller’s scope',
        querystring: alertQuery,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const q = req.query;
      let base = pdb
        .selectFrom('power_alerts')
        .innerJoin('enterprises', 'enterprises.id', 'power_alerts.enterprise_id')
        .where('power_alerts.enterprise_id', 'in', visibleEnterpriseIds(db, actor));
      if (q.enterpriseId) base = base.where('power_alerts.enterprise_id', '=', q.enterpriseId);
      if (q.district) base = base.where('power_alerts.district_code', '=', q.district);
      if (q.kind) base = base.where('power_alerts.kind', '=', q.kind);
      if (q.status) base = base.where('power_alerts.status', '=', q.status);
      const rows = await base
        .selectAll('power_alerts')
        .select(['enterprises.name as enterprise_name', sql<string>`count(*) over ()`.as('total_count')])
        .orderBy('power_alerts.detected_at', 'desc')
        .orderBy('power_alerts.id')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute();
      return {
        items: rows.map(presentPowerAlert),
        total: rows[0] ? Number(rows[0].total_count) : 0,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );

  app.post(
    '/api/monitoring/power-alerts/:id/actions/close',
    {
      schema: {
        tags: ['monitoring'],
        summary: '电力预警处置关闭 Close a power alert with a disposal note (regulators)',
        params: z.object({ id: z.string().uuid('预警编号格式不正确') }),
        body: z.object({
          note: z
            .string({ error: '请填写处置情况' })
            .trim()
            .min(1, '请填写处置情况')
            .max(2000, '处置情况不超过2000个字符'),
        }),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return db.transaction().execute(async (trx) => {
        const ptx = trx.withTables<PowerTables>();
        const a = await ptx
          .selectFrom('power_alerts')
          .innerJoin('enterprises', 'enterprises.id', 'power_alerts.enterprise_id')
          .selectAll('power_alerts')
          .select('enterprises.name as enterprise_name')
          .where('power_alerts.id', '=', req.params.id)
          .where('power_alerts.enterprise_id', 'in', visibleEnterpriseIds(db, actor))
          .forUpdate('power_alerts')
          .executeTakeFirst();
        if (!a) throw notFound('电力监测预警');
        if (!POWER_ALERT_HANDLERS.includes(actor.role)) throw forbidden('仅监管部门可处置电力监测预警');
        if (a.status === 'closed') throw conflict('该预警已处置关闭');
        const now = new Date();
        const after = await ptx
          .updateTable('power_alerts')
          .set({
            status: 'closed',
            closed_at: now,
            closed_by: actor.displayName,
            disposal: req.body.note,
            updated_at: now,
          })
          .where('id', '=', a.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendAudit(trx, auditContext(req), [
          {
            action: 'power_alert.close',
            entityType: 'power_alert',
            entityId: a.id,
            after: { note: req.body.note },
          },
        ]);
        return presentPowerAlert({ ...after, enterprise_name: a.enterprise_name });
      });
    },
  );
};
