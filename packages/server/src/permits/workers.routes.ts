/**
 * The worker registry (§4.9, §4.10): people who may be named on permits, with their special-operation
 * certificates and whether they were trained as guardians. Lists mask identity numbers and phones.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CERTIFICATE_TYPES, certificateValid, enterpriseScope, type Actor } from '@zhiben/domain';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { auditContext, requireActor } from '../http/context';
import { forbidden, notFound } from '../http/errors';
import { appendAudit } from '../audit/audit.repo';
import type { DB, PermitWorkersTable } from '../db/types';
import { whereInScope } from '../enterprises/enterprises.repo';
import { isEnterpriseUser, mayManageWorkers } from './permits.policy';
import { workerBodySchema } from './permits.schemas';

const mask = (s: string | null, head: number, tail: number) =>
  s ? `${s.slice(0, head)}${'*'.repeat(Math.max(0, s.length - head - tail))}${s.slice(-tail)}` : null;

function presentWorker(r: Selectable<PermitWorkersTable>, full: boolean, now = new Date()) {
  return {
    id: r.id,
    enterpriseId: r.enterprise_id,
    name: r.name,
    idNumber: full ? r.id_number : mask(r.id_number, 6, 4),
    phone: full ? r.phone : mask(r.phone, 3, 4),
    certificates: r.certificates.map((c) => ({
      ...c,
      typeName: CERTIFICATE_TYPES.find((t) => t.code === c.type)?.name ?? c.type,
      valid: certificateValid(c.validUntil, now),
    })),
    guardianTrained: r.guardian_trained,
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}

const idParams = z.object({ id: z.uuid('人员编号格式不正确') });

export const permitWorkerRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;

  const scoped = (actor: Actor, on: Kysely<DB> | Transaction<DB> = db) => {
    const q = on.selectFrom('permit_workers').selectAll('permit_workers').where('archived', '=', false);
    const scope = enterpriseScope(actor);
    if (scope.kind === 'all') return q;
    return q.where(
      'permit_workers.enterprise_id',
      'in',
      whereInScope(on.selectFrom('enterprises'), scope).select('enterprises.id'),
    );
  };

  app.get(
    '/api/permits/workers',
    {
      schema: {
        tags: ['permits'],
        summary: '作业人员登记库 List registered workers (identity numbers masked)',
        querystring: z.object({
          enterprise: z.uuid('企业编号格式不正确').optional(),
          keyword: z.string().trim().max(50).optional(),
        }),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      let q = scoped(actor);
      if (req.query.enterprise) q = q.where('enterprise_id', '=', req.query.enterprise);
      if (req.query.keyword) q = q.where('name', 'like', `%${req.query.keyword.replace(/[\\%_]/g, '\\$&')}%`);
      const rows = await q.orderBy('name').limit(1000).execute();
      return { items: rows.map((r) => presentWorker(r, false)), total: rows.length };
    },
  );

  app.get(
    '/api/permits/workers/:id',
    { schema: { tags: ['permits'], summary: '作业人员详情 Read one registered worker', params: idParams } },
    async (req) => {
      const actor = requireActor(req);
      const r = await scoped(actor).where('id', '=', req.params.id).executeTakeFirst();
      if (!r) throw notFound('作业人员');
      return presentWorker(r, mayManageWorkers(actor, r.enterprise_id));
    },
  );

  app.post(
    '/api/permits/workers',
    {
      schema: {
        tags: ['permits'],
        summary: '登记作业人员 Register a worker with certificates',
        body: workerBodySchema,
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      if (!isEnterpriseUser(actor)) throw forbidden('作业人员由企业登记');
      const enterpriseId = req.body.enterpriseId ?? actor.enterpriseId!;
      if (!mayManageWorkers(actor, enterpriseId))
        throw forbidden('作业人员登记库由本企业主要负责人或安全管理员维护');
      const b = req.body;
      const row = await db.transaction().execute(async (trx) => {
        const r = await trx
          .insertInto('permit_workers')
          .values({
            enterprise_id: enterpriseId,
            name: b.name,
            id_number: b.idNumber?.toUpperCase() ?? null,
            phone: b.phone ?? null,
            certificates: JSON.stringify(b.certificates),
            guardian_trained: b.guardianTrained,
            updated_at: new Date(),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendAudit(trx, auditContext(req), [
          {
            action: 'permit_worker.create',
            entityType: 'permit_worker',
            entityId: r.id,
            after: presentWorker(r, false),
          },
        ]);
        return r;
      });
      return reply.status(201).send(presentWorker(row, true));
    },
  );

  app.put(
    '/api/permits/workers/:id',
    {
      schema: {
        tags: ['permits'],
        summary: '修改作业人员 Replace a worker’s record',
        params: idParams,
        body: workerBodySchema,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const b = req.body;
      return db.transaction().execute(async (trx) => {
        const before = await scoped(actor, trx).where('id', '=', req.params.id).executeTakeFirst();
        if (!before) throw notFound('作业人员');
        if (!mayManageWorkers(actor, before.enterprise_id))
          throw forbidden('作业人员登记库由本企业主要负责人或安全管理员维护');
        const r = await trx
          .updateTable('permit_workers')
          .set({
            name: b.name,
            id_number: b.idNumber?.toUpperCase() ?? null,
            phone: b.phone ?? null,
            certificates: JSON.stringify(b.certificates),
            guardian_trained: b.guardianTrained,
            updated_at: new Date(),
            version: before.version + 1,
          })
          .where('id', '=', before.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendAudit(trx, auditContext(req), [
          {
            action: 'permit_worker.update',
            entityType: 'permit_worker',
            entityId: r.id,
            before: presentWorker(before, false),
            after: presentWorker(r, false),
          },
        ]);
        return presentWorker(r, true);
      });
    },
  );

  app.delete(
    '/api/permits/workers/:id',
    { schema: { tags: ['permits'], summary: '移出登记库 Archive a worker', params: idParams } },
    async (req, reply) => {
      const actor = requireActor(req);
      await db.transaction().execute(async (trx) => {
        const before = await scoped(actor, trx).where('id', '=', req.params.id).executeTakeFirst();
        if (!before) throw notFound('作业人员');
        if (!mayManageWorkers(actor, before.enterprise_id))
          throw forbidden('作业人员登记库由本企业主要负责人或安全管理员维护');
        await trx
          .updateTable('permit_workers')
          .set({ archived: true, updated_at: new Date() })
          .where('id', '=', before.id)
          .execute();
        await appendAudit(trx, auditContext(req), [
          { action: 'permit_worker.archive', entityType: 'permit_worker', entityId: before.id },
        ]);
      });
      return reply.status(204).send();
    },
  );
};
