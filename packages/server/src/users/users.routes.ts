import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext, requirePermission } from '../http/context';
import {
  createUser,
  getUser,
  listUsers,
  patchUser,
  unlockUser,
  userCreateSchema,
  userListQuerySchema,
  userPatchSchema,
} from './users.service';

const idParams = z.object({ id: z.string().uuid('用户编号格式不正确') });

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: '用户列表 List users the caller manages',
        querystring: userListQuerySchema,
      },
    },
    async (req) => listUsers(db, requirePermission(req, 'users:read'), req.query),
  );
  app.post(
    '/api/users',
    {
      config: { permission: 'users:write' },
      schema: { tags: ['users'], summary: '新增用户 Create a user', body: userCreateSchema },
    },
    async (req, reply) => {
      const user = await createUser(
        db,
        app.orgs,
        requirePermission(req, 'users:write'),
        req.body,
        auditContext(req),
      );
      return reply.status(201).send(user);
    },
  );
  app.get(
    '/api/users/:id',
    { schema: { tags: ['users'], summary: '用户详情 Read a user', params: idParams } },
    async (req) => getUser(db, requirePermission(req, 'users:read'), req.params.id),
  );
  app.patch(
    '/api/users/:id',
    {
      config: { permission: 'users:write' },
      schema: { tags: ['users'], summary: '修改用户 Update a user', params: idParams, body: userPatchSchema },
    },
    async (req) =>
      patchUser(
        db,
        app.orgs,
        requirePermission(req, 'users:write'),
        req.params.id,
        req.body,
        auditContext(req),
      ),
  );
  app.post(
    '/api/users/:id/actions/unlock',
    { schema: { tags: ['users'], summary: '解锁账号 Unlock an account', params: idParams } },
    async (req) => unlockUser(db, requirePermission(req, 'users:write'), req.params.id, auditContext(req)),
  );
};
