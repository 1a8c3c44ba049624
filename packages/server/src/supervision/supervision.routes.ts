import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'kysely';
import { DISTRICT_CODES, RUNG_CODES, districtName } from '@zhiben/domain';
import { auditContext, requireActor } from '../http/context';
import { forbidden } from '../http/errors';
import { whereHazardInScope } from '../hazards/hazards.repo';
import { runEscalations } from './escalation.service';
import { drawRechecks } from './recheck.service';
import { containsPattern } from '../db/like';

const isCity = (role: string, region: string | null) =>
  role === 'sysadmin' || (role === 'city_office' && region === '150600');

export const supervisionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;

  app.post(
    '/api/supervision/escalations/run',
    {
      schema: {
        tags: ['supervision'],
        summary: '运行督办升级 Run the escalation ladder as of a time (city office; idempotent)',
        body: z
          .object({ asOf: z.iso.datetime({ offset: true, error: 'asOf 格式应为 ISO 8601' }).optional() })
          .default({}),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!isCity(actor.role, actor.regionCode)) throw forbidden('仅市安委办可运行督办升级');
      return runEscalations(
        db,
        app.orgs,
        req.body.asOf ? new Date(req.body.asOf) : new Date(),
        auditContext(req),
      );
    },
  );

  app.get(
    '/api/supervision/escalations',
    {
      schema: {
        tags: ['supervision'],
        summary: '督办升级记录 Escalation records (函告、通报、约谈、曝光) in the caller’s scope',
        querystring: z.object({
          hazardId: z.string().uuid().optional(),
          district: z.enum(DISTRICT_CODES, { error: '旗区代码无效' }).optional(),
          rung: z
            .enum(RUNG_CODES, { error: 'rung 必须是 letter、circular、interview 或 exposure' })
            .optional(),
          unitType: z.enum(['hazard', 'district', 'department']).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const q = req.query;
      let base = db
        .selectFrom('escalations')
        .leftJoin('hazards', 'hazards.id', 'escalations.hazard_id')
        .leftJoin('enterprises', 'enterprises.id', 'escalations.enterprise_id');
      if (!isCity(actor.role, actor.regionCode)) {
        // Outside the city office: hazard records in scope, and the district's own unit records.
        const visible = whereHazardInScope(db.selectFrom('hazards'), actor).select('hazards.id');
        base = base.where((eb) =>
          eb.or([
            eb('escalations.hazard_id', 'in', visible),
            ...(actor.role === 'district_office'
              ? [
                  eb.and([
                    eb('escalations.unit_type', '=', 'district'),
                    eb('escalations.district_code', '=', actor.regionCode),
                  ]),
                ]
              : []),
          ]),
        );
      }
      if (q.hazardId) base = base.where('escalations.hazard_id', '=', q.hazardId);
      if (q.district) base = base.where('escalations.district_code', '=', q.district);
      if (q.rung) base = base.where('escalations.rung', '=', q.rung);
      if (q.unitType) base = base.where('escalations.unit_type', '=', q.unitType);
      const rows = await base
        .selectAll('escalations')
        .select([
          'hazards.code as hazard_code',
          'hazards.title as hazard_title',
          'enterprises.name as enterprise_name',
          sql<string>`count(*) over ()`.as('total_count'),
        ])
        .orderBy('escalations.created_at', 'desc')
        .orderBy('escalations.id')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute();
      return {
        items: rows.map((r) => ({
          id: r.id,
          unitType: r.unit_type,
          unitKey: r.unit_key,
          hazardId: r.hazard_id,
          hazardCode: r.hazard_code,
          hazardTitle: r.hazard_title,
          enterpriseId: r.enterprise_id,
          enterpriseName: r.enterprise_name,
          districtCode: r.district_code,
          rung: r.rung,
          daysOverdue: r.days_overdue,
          asOf: r.as_of.toISOString(),
          title: r.title,
          body: r.body,
          createdAt: r.created_at.toISOString(),
        })),
        total: rows[0] ? Number(rows[0].total_count) : 0,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );

  app.get(
    '/api/public/exposures',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        security: [],
        summary:
          '事故隐患逾期未整改曝光台 Public exposure list of hazards 60+ days overdue (no login; grade given)',
        querystring: z.object({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
          district: z
            .string()
            .regex(/^\d{6}$/, '区划代码应为 6 位数字')
            .optional(),
          q: z.string().trim().max(100, '搜索词不超过 100 字').optional(),
        }),
      },
    },
    async (req) => {
      const { district, q } = req.query;
      const rows = await db
        .selectFrom('escalations')
        .innerJoin('hazards', 'hazards.id', 'escalations.hazard_id')
        .innerJoin('enterprises', 'enterprises.id', 'escalations.enterprise_id')
        .select([
          'escalations.id',
          'escalations.title',
          'escalations.body',
          'escalations.days_overdue',
          'escalations.as_of',
          'hazards.code',
          'hazards.title as hazard_title',
          'hazards.grade',
          'hazards.status',
          'hazards.district_code',
          'enterprises.name as enterprise_name',
          sql<string>`count(*) over ()`.as('total_count'),
        ])
        .where('escalations.rung', '=', 'exposure')
        .where('escalations.unit_type', '=', 'hazard')
        .$if(!!district, (w) => w.where('hazards.district_code', '=', district!))
        .$if(!!q, (w) =>
          w.where((eb) =>
            eb.or([
              eb('hazards.code', 'ilike', containsPattern(q!)),
              eb('enterprises.name', 'ilike', containsPattern(q!)),
            ]),
          ),
        )
        // Newest exposures first: by publication, then the hazard that crossed the 60-day line
        // most recently (fewest days overdue), then by code — deterministic, so pages never shuffle.
        .orderBy('escalations.as_of', 'desc')
        .orderBy('escalations.days_overdue', 'asc')
        .orderBy('hazards.code', 'asc')
        .limit(req.query.pageSize)
        .offset((req.query.page - 1) * req.query.pageSize)
        .execute();
      return {
        items: rows.map((r) => ({
          id: r.id,
          hazardCode: r.code,
          hazardTitle: r.hazard_title,
          grade: r.grade,
          enterpriseName: r.enterprise_name,
          districtCode: r.district_code,
          districtName: districtName(r.district_code),
          daysOverdue: r.days_overdue,
          exposedAt: r.as_of.toISOString(),
          rectified: r.status === 'closed',
          title: r.title,
          body: r.body,
        })),
        total: rows[0] ? Number(rows[0].total_count) : 0,
        page: req.query.page,
        pageSize: req.query.pageSize,
      };
    },
  );

  app.post(
    '/api/supervision/rechecks/draw',
    {
      schema: {
        tags: ['supervision'],
        summary:
          '回头看抽查 Draw closed major hazards for re-inspection (seeded, recorded once per month and district)',
        body: z.object({
          month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM'),
          share: z.number().min(0.01, '抽查比例至少 1%').max(1, '抽查比例不超过 100%').default(0.1),
        }),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!isCity(actor.role, actor.regionCode)) throw forbidden('仅市安委办可组织回头看抽查');
      return { items: await drawRechecks(db, req.body.month, req.body.share, auditContext(req)) };
    },
  );

  app.get(
    '/api/supervision/rechecks',
    {
      schema: {
        tags: ['supervision'],
        summary: '回头看抽查记录 Re-inspection draws',
        querystring: z.object({
          month: z
            .string()
            .regex(/^\d{4}-\d{2}$/)
            .optional(),
        }),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      let q = db.selectFrom('recheck_draws').selectAll().orderBy('month', 'desc').orderBy('district_code');
      if (req.query.month) q = q.where('month', '=', req.query.month);
      if (actor.role === 'district_office') q = q.where('district_code', '=', actor.regionCode);
      else if (!isCity(actor.role, actor.regionCode) && actor.role !== 'inspector') throw forbidden();
      const rows = await q.execute();
      return {
        items: rows.map((r) => ({
          month: r.month,
          districtCode: r.district_code,
          seed: r.seed,
          share: r.share,
          population: r.population,
          hazardIds: r.hazard_ids,
          drawnAt: r.created_at.toISOString(),
        })),
      };
    },
  );
};
