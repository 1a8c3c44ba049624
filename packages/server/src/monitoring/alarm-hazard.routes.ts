import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext, requireActor } from '../http/context';
import { alarmToHazard, alarmToHazardSchema } from './alarm-hazard.service';
import { alarmActionEvent, type AlarmStreamEvent } from './alarm-events';

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
      // Viewers of the alarm centre see the link to the hazard without reloading: other instances'
      // streams through the notification sent with the commit, this instance's right after it.
      let pushed: AlarmStreamEvent | undefined;
      const r = await alarmToHazard(
        db,
        app.orgs,
        actor,
        req.params.id,
        req.body,
        auditContext(req),
        new Date(),
        {
          linked: async (trx, a) => {
            pushed = alarmActionEvent('to_hazard', a);
            await app.alarmFeed.notify(trx, [pushed]);
          },
        },
      );
      if (pushed) app.ingest.emit('alarm', pushed);
      return reply.status(201).send(r);
    },
  );
};
