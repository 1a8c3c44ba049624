import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { rolePermissions, roleName, PERMISSIONS, type Actor } from '@zhiben/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';
import { auditContext, requireActor } from '../http/context';
import { SESSION_COOKIE } from './auth.hook';
import { changePassword, login, logout } from './auth.service';
import { actorBySession } from './actor.repo';
import { sha256 } from './crypto';

const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  roleName: z.string(),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  regionCode: z.string().nullable(),
  enterpriseId: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  permissions: z.array(z.string()),
  capabilities: z.array(z.string()),
});

export async function presentMe(db: Kysely<DB>, actor: Actor) {
  const [org, ent, user] = await Promise.all([
    actor.orgId
      ? db.selectFrom('organizations').select('name').where('id', '=', actor.orgId).executeTakeFirst()
      : undefined,
    actor.enterpriseId
      ? db.selectFrom('enterprises').select('name').where('id', '=', actor.enterpriseId).executeTakeFirst()
      : undefined,
    db.selectFrom('users').select('capabilities').where('id', '=', actor.userId).executeTakeFirst(),
  ]);
  const perms = rolePermissions(actor.role).filter(
    (p) => !actor.tokenScopes || actor.tokenScopes.includes(p),
  );
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    roleName: roleName(actor.role),
    orgId: actor.orgId,
    orgName: org?.name ?? null,
    regionCode: actor.regionCode,
    enterpriseId: actor.enterpriseId,
    enterpriseName: ent?.name ?? null,
    permissions: [...perms],
    /** Duties beyond the role, e.g. report_intake (举报受理: may reveal reporter identities). */
    capabilities: user?.capabilities ?? [],
  };
}

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  const secure = app.deps.config.NODE_ENV === 'production';

  app.post(
    '/api/auth/login',
    {
      config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: '登录 Log in (sets an HttpOnly session cookie)',
        security: [],
        body: z.object({
          username: z.string({ error: '请输入用户名' }).trim().min(1, '请输入用户名').max(64),
          password: z.string({ error: '请输入密码' }).min(1, '请输入密码').max(256),
        }),
        response: { 200: z.object({ user: meSchema }) },
      },
    },
    async (req, reply) => {
      const { sessionId } = await login(db, req.body, {
        ip: req.ip ?? null,
        userAgent: req.headers['user-agent'] ?? null,
      });
      reply.setCookie(SESSION_COOKIE, sessionId, {
        httpOnly: true,
        sameSite: 'strict',
        secure,
        path: '/',
      });
      const found = await actorBySession(db, sha256(sessionId), app.deps.config.SESSION_IDLE_MINUTES);
      return { user: await presentMe(db, found!.actor) };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { public: true }, schema: { tags: ['auth'], summary: '退出登录 Log out' } },
    async (req, reply) => {
      const sid = req.cookies[SESSION_COOKIE];
      if (sid) await logout(db, sid, auditContext(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: '当前用户 Current user', response: { 200: meSchema } } },
    async (req) => presentMe(db, requireActor(req)),
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: '修改密码 Change password',
        body: z.object({
          currentPassword: z.string({ error: '请输入当前密码' }).min(1, '请输入当前密码'),
          newPassword: z.string({ error: '请输入新密码' }).min(1, '请输入新密码').max(128),
        }),
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      await changePassword(db, actor.userId, req.body, auditContext(req));
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/permissions',
    { schema: { tags: ['auth'], summary: '权限清单 Permission keys usable as API token scopes' } },
    async () => ({ items: PERMISSIONS }),
  );
};
