import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'kysely';
import { queryInstant } from '@zhiben/domain';
import { requireActor, requirePermission } from '../http/context';
import { forbidden } from '../http/errors';
import { verifyAudit } from './audit.repo';

const listQuery = z.object({
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  actor: z.string().max(64).optional(),
  from: queryInstant('开始时间').optional(),
  to: queryInstant('结束时间').optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;

  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志 Audit log (city-wide for administrators, own organisation otherwise)',
        querystring: listQuery,
      },
    },
    async (req) => {
      const actor = requirePermission(req, 'audit:read');
      const q = req.query;
      let base = db.selectFrom('audit_log');
      if (actor.role === 'district_office') {
        // A district office sees what its district's organisations and enterprises did.
        base = base.where((eb) =>
          eb.or([
            eb(
              'org_id',
              'in',
              app.orgs.list.filter((o) => o.regionCode === actor.regionCode).map((o) => o.id),
            ),
            eb(
              'org_id',
              'in',
              sql<string>`(select id::text from enterprises where district_code = ${actor.regionCode})`,
            ),
          ]),
        );
      }
      if (q.entityType) base = base.where('entity_type', '=', q.entityType);
      if (q.entityId) base = base.where('entity_id', '=', q.entityId);
      if (q.action) base = base.where('action', 'like', `${q.action}%`);
      if (q.actor) base = base.where('actor_name', 'ilike', `%${q.actor}%`);
      if (q.from) base = base.where('at', '>=', new Date(q.from));
      if (q.to) base = base.where('at', '<', new Date(q.to));
      const [rows, count] = await Promise.all([
        base
          .selectAll()
          .orderBy('seq', 'desc')
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
        base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((r) => ({
          seq: Number(r.seq),
          at: r.at.toISOString(),
          actorId: r.actor_id,
          actorName: r.actor_name,
          orgId: r.org_id,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          before: r.before,
          after: r.after,
          ip: r.ip,
          hash: r.hash,
        })),
        total: Number(count.n),
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );

  app.get(
    '/api/audit/verify',
    { schema: { tags: ['audit'], summary: '校验审计链 Verify the audit hash chain (administrators)' } },
    async (req) => {
      const actor = requireActor(req);
      if (actor.role !== 'sysadmin' && actor.role !== 'city_office')
        throw forbidden('仅系统管理员和市安委办可校验审计链');
      return verifyAudit(db);
    },
  );
};
