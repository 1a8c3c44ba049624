import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext, requireActor } from '../http/context';
import { alarmToHazard, alarmToHazardSchema } from './alarm-hazard.service';
import { alarmActionEvent } from './alarm-events';

/** An alarm becomes a hazard (source monitoring). Its own plugin, beside monitoringRoutes. */
export const alarmHazardRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  app.post(
    '/api/alarms/:id/actions/to-hazard',
    {
      schema: {
        tags: ['monitoring'],
        summary: '报警转为隐患 Turn an alarm into a hazard (source monitoring); 409 when already linked',
        params: z.object({ id: z.string().uuid('报警编号格式不正确') }),
        body: alarmToHazardSchema,
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const r = await alarmToHazard(db, app.orgs, actor, req.params.id, req.body, auditContext(req));
      // Viewers of the alarm centre see the link to the hazard without reloading.
      const a = await db.selectFrom('alarms').selectAll().where('id', '=', r.alarmId).executeTakeFirst();
      if (a) app.ingest.emit('alarm', alarmActionEvent('to_hazard', a));
      return reply.status(201).send(r);
    },
  );
};
