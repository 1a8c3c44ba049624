import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  HAZARD_ACTION_CODES,
  allowedActions,
  hazardActionName,
  hazardCreateSchema,
  hazardListQuerySchema,
  rectificationPlanSchema,
} from '@zhiben/domain';
import { auditContext, requireActor } from '../http/context';
import { notFound } from '../http/errors';
import { findHazard, hazardEvents, listHazards } from './hazards.repo';
import { presentHazard, snapshot } from './hazards.present';
import { createHazard, performAction, relationTo, updatePlan } from './hazards.service';

const idParams = z.object({ id: z.string().uuid('隐患编号格式不正确') });

export const hazardRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;

  app.get(
    '/api/hazards',
    {
      schema: {
        tags: ['hazards'],
        summary: '隐患清单 List hazards in the caller’s scope',
        querystring: hazardListQuerySchema,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const now = new Date();
      const { rows, total } = await listHazards(db, actor, req.query, now);
      return {
        items: rows.map((r) => presentHazard(r, now)),
        total,
        page: req.query.page,
        pageSize: req.query.pageSize,
      };
    },
  );

  app.post(
    '/api/hazards',
    { schema: { tags: ['hazards'], summary: '登记隐患 Report a hazard', body: hazardCreateSchema } },
    async (req, reply) => {
      const h = await createHazard(db, app.orgs, requireActor(req), req.body, auditContext(req));
      return reply.status(201).header('location', `/api/hazards/${h.id}`).send(h);
    },
  );

  app.get(
    '/api/hazards/:id',
    {
      schema: {
        tags: ['hazards'],
        summary: '隐患详情（含处置时间线和当前可执行操作）Read a hazard with its timeline',
        params: idParams,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const now = new Date();
      const h = await findHazard(db, actor, req.params.id);
      if (!h) throw notFound('隐患');
      const [events, criterion, files] = await Promise.all([
        hazardEvents(db, h.id),
        h.criterion_id
          ? db
              .selectFrom('criteria_items')
              .select(['code', 'name', 'source', 'article'])
              .where('id', '=', h.criterion_id)
              .executeTakeFirst()
          : undefined,
        h.attachment_ids.length
          ? db
              .selectFrom('files')
              .select(['id', 'name', 'kind', 'mime'])
              .where('id', 'in', h.attachment_ids)
              .execute()
          : [],
      ]);
      const fileMap = new Map(files.map((f) => [f.id, f]));
      const present = (id: string) => {
        const f = fileMap.get(id);
        return {
          id,
          name: f?.name ?? '',
          kind: f?.kind ?? 'document',
          url: `/api/files/${id}`,
          thumbnailUrl: f?.kind === 'image' ? `/api/files/${id}/thumbnail` : null,
        };
      };
      return {
        ...presentHazard(h, now, criterion ?? null),
        attachments: h.attachment_ids.map(present),
        timeline: events.map((e) => ({
          id: Number(e.id),
          action: e.action,
          actionName:
            e.action === 'report'
              ? '登记'
              : e.action === 'plan'
                ? '填报整改方案'
                : hazardActionName(e.action),
          from: e.from_status,
          to: e.to_status,
          actorName: e.actor_name,
          at: e.at.toISOString(),
          data: e.data,
          attachments: e.attachment_ids.map(present),
        })),
        allowedActions: allowedActions(snapshot(h), relationTo(actor, app.orgs, h)),
      };
    },
  );

  app.post(
    '/api/hazards/:id/actions/:action',
    {
      schema: {
        tags: ['hazards'],
        summary:
          '隐患处置操作 Perform a lifecycle action (409 when the state does not allow it, 403 when the role may not)',
        params: z.object({
          id: z.string().uuid('隐患编号格式不正确'),
          action: z.enum(HAZARD_ACTION_CODES, { error: `操作必须是 ${HAZARD_ACTION_CODES.join('、')} 之一` }),
        }),
        body: z.record(z.string(), z.unknown()).optional(),
      },
    },
    async (req) =>
      performAction(
        db,
        app.orgs,
        requireActor(req),
        req.params.id,
        req.params.action,
        req.body ?? {},
        auditContext(req),
      ),
  );

  app.put(
    '/api/hazards/:id/plan',
    {
      schema: {
        tags: ['hazards'],
        summary: '填报整改方案 Set the rectification plan of a major hazard',
        params: idParams,
        body: rectificationPlanSchema,
      },
    },
    async (req) => updatePlan(db, requireActor(req), req.params.id, req.body, auditContext(req)),
  );
};
