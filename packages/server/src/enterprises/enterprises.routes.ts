import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  can,
  enterpriseCreateSchema,
  enterpriseListQuerySchema,
  enterprisePatchSchema,
  enterpriseScope,
} from '@zhiben/domain';
import { auditContext, requirePermission } from '../http/context';
import { notFound } from '../http/errors';
import { findEnterprise, listEnterprises } from './enterprises.repo';
import { presentEnterprise } from './enterprises.present';
import { createEnterprise, patchEnterprise } from './enterprises.service';

const idParams = z.object({ id: z.string().uuid('企业编号格式不正确') });

export const enterpriseRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;

  app.get(
    '/api/enterprises',
    {
      schema: {
        tags: ['enterprises'],
        summary: '企业台账列表 List enterprises in the caller’s scope',
        querystring: enterpriseListQuerySchema,
      },
    },
    async (req) => {
      const actor = requirePermission(req, 'enterprises:read');
      const { rows, total } = await listEnterprises(db, enterpriseScope(actor), req.query);
      return {
        items: rows.map((r) => presentEnterprise(r, app.orgs)),
        total,
        page: req.query.page,
        pageSize: req.query.pageSize,
      };
    },
  );

  app.post(
    '/api/enterprises',
    {
      config: { permission: 'enterprises:write' },
      schema: {
        tags: ['enterprises'],
        summary: '新增企业 Create an enterprise',
        body: enterpriseCreateSchema,
      },
    },
    async (req, reply) => {
      const actor = requirePermission(req, 'enterprises:write');
      const created = await createEnterprise(db, app.orgs, actor, req.body, auditContext(req));
      return reply.status(201).header('location', `/api/enterprises/${created.id}`).send(created);
    },
  );

  app.get(
    '/api/enterprises/:id',
    { schema: { tags: ['enterprises'], summary: '企业详情 Read an enterprise', params: idParams } },
    async (req) => {
      const actor = requirePermission(req, 'enterprises:read');
      const row = await findEnterprise(db, req.params.id, enterpriseScope(actor));
      if (!row) throw notFound('企业');
      return { ...presentEnterprise(row, app.orgs), permissions: { edit: can(actor, 'enterprises:write') } };
    },
  );

  app.patch(
    '/api/enterprises/:id',
    {
      config: { permission: 'enterprises:write' },
      schema: {
        tags: ['enterprises'],
        summary: '修改企业 Update an enterprise (partial; departmentIds: null re-derives regulators)',
        params: idParams,
        body: enterprisePatchSchema,
      },
    },
    async (req) => {
      const actor = requirePermission(req, 'enterprises:write');
      return patchEnterprise(db, app.orgs, actor, req.params.id, req.body, auditContext(req));
    },
  );
};
