import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'kysely';
import { requireActor } from '../http/context';
import { forbidden, notFound } from '../http/errors';

const listQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;

  app.get(
    '/api/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: '站内通知 My in-app notifications',
        querystring: listQuery,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      let base = db
        .selectFrom('notifications')
        .where('user_id', '=', actor.userId)
        .where('channel', '=', 'inapp');
      if (req.query.unread === 'true') base = base.where('read_at', 'is', null);
      const [rows, count, unread] = await Promise.all([
        base
          .selectAll()
          .orderBy('created_at', 'desc')
          .limit(req.query.pageSize)
          .offset((req.query.page - 1) * req.query.pageSize)
          .execute(),
        base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
        db
          .selectFrom('notifications')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('user_id', '=', actor.userId)
          .where('channel', '=', 'inapp')
          .where('read_at', 'is', null)
          .executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((n) => ({
          id: n.id,
          kind: n.kind,
          title: n.title,
          body: n.body,
          hazardId: n.hazard_id,
          createdAt: n.created_at.toISOString(),
          readAt: n.read_at?.toISOString() ?? null,
        })),
        total: Number(count.n),
        unread: Number(unread.n),
        page: req.query.page,
        pageSize: req.query.pageSize,
      };
    },
  );

  app.post(
    '/api/notifications/:id/actions/read',
    {
      schema: {
        tags: ['notifications'],
        summary: '标记已读 Mark as read',
        params: z.object({ id: z.string().uuid() }),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const r = await db
        .updateTable('notifications')
        .set({ read_at: sql`coalesce(read_at, now())` })
        .where('id', '=', req.params.id)
        .where('user_id', '=', actor.userId)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw notFound('通知');
      return { ok: true };
    },
  );

  app.post(
    '/api/notifications/actions/read-all',
    { schema: { tags: ['notifications'], summary: '全部标记已读 Mark all as read' } },
    async (req) => {
      const actor = requireActor(req);
      await db
        .updateTable('notifications')
        .set({ read_at: new Date() })
        .where('user_id', '=', actor.userId)
        .where('read_at', 'is', null)
        .execute();
      return { ok: true };
    },
  );

  app.get(
    '/api/notifications/outbox',
    {
      schema: {
        tags: ['notifications'],
        summary: '短信发送记录 SMS outbox and delivery status (administrators)',
        querystring: listQuery.extend({ status: z.enum(['pending', 'sent', 'failed']).optional() }),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (actor.role !== 'sysadmin' && actor.role !== 'city_office')
        throw forbidden('仅系统管理员和市安委办可查看短信发送记录');
      let base = db.selectFrom('notifications').where('channel', '=', 'sms');
      if (req.query.status) base = base.where('status', '=', req.query.status);
      const [rows, count] = await Promise.all([
        base
          .selectAll()
          .orderBy('created_at', 'desc')
          .limit(req.query.pageSize)
          .offset((req.query.page - 1) * req.query.pageSize)
          .execute(),
        base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((n) => ({
          id: n.id,
          kind: n.kind,
          recipientName: n.recipient_name,
          phone: n.phone ? `${n.phone.slice(0, 3)}****${n.phone.slice(-4)}` : null,
          title: n.title,
          status: n.status,
          attempts: n.attempts,
          lastError: n.last_error,
          createdAt: n.created_at.toISOString(),
          sentAt: n.sent_at?.toISOString() ?? null,
        })),
        total: Number(count.n),
        page: req.query.page,
        pageSize: req.query.pageSize,
      };
    },
  );
};
