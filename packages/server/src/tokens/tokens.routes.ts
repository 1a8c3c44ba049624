import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PERMISSIONS, rolePermissions } from '@zhiben/domain';
import { auditContext, requirePermission } from '../http/context';
import { forbidden, invalid, notFound } from '../http/errors';
import { appendAudit } from '../audit/audit.repo';
import { randomToken, sha256 } from '../auth/crypto';
import type { Selectable } from 'kysely';
import type { ApiTokensTable } from '../db/types';

const present = (t: Selectable<ApiTokensTable>) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  scopes: t.scopes,
  userId: t.user_id,
  createdAt: t.created_at.toISOString(),
  expiresAt: t.expires_at?.toISOString() ?? null,
  lastUsedAt: t.last_used_at?.toISOString() ?? null,
  revokedAt: t.revoked_at?.toISOString() ?? null,
});

/** API tokens for the other tiers' systems: act as their owner, narrowed to scopes; shown once, stored hashed. */
export const tokenRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;

  app.get(
    '/api/tokens',
    { schema: { tags: ['tokens'], summary: 'API 令牌列表 List API tokens' } },
    async (req) => {
      const actor = requirePermission(req, 'tokens:manage');
      let q = db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc');
      if (actor.role !== 'sysadmin') q = q.where('user_id', '=', actor.userId);
      return { items: (await q.execute()).map(present) };
    },
  );

  app.post(
    '/api/tokens',
    {
      config: { permission: 'tokens:manage' },
      schema: {
        tags: ['tokens'],
        summary: '创建 API 令牌 Create an API token (the secret is in the answer only)',
        body: z.object({
          name: z.string({ error: '请填写令牌名称' }).trim().min(1, '请填写令牌名称').max(100),
          scopes: z
            .array(z.enum(PERMISSIONS, { error: '未知的权限范围' }), { error: '请选择权限范围' })
            .min(1, '至少选择一项权限范围'),
          expiresAt: z.iso.datetime({ offset: true, error: '过期时间格式应为 ISO 8601' }).optional(),
        }),
      },
    },
    async (req, reply) => {
      const actor = requirePermission(req, 'tokens:manage');
      if (actor.tokenScopes) throw forbidden('不能用 API 令牌创建新令牌');
      const own = rolePermissions(actor.role);
      const errors = req.body.scopes
        .map((s, i) => ({ s, i }))
        .filter(({ s }) => !own.includes(s))
        .map(({ s, i }) => ({ path: `scopes.${i}`, message: `当前角色没有“${s}”权限` }));
      if (errors.length) throw invalid(errors);
      if (req.body.expiresAt && new Date(req.body.expiresAt).getTime() <= Date.now()) {
        throw invalid([{ path: 'expiresAt', message: '过期时间必须晚于现在' }]);
      }
      const token = `zbt_${randomToken()}`;
      const row = await db.transaction().execute(async (trx) => {
        const r = await trx
          .insertInto('api_tokens')
          .values({
            name: req.body.name,
            token_hash: sha256(token),
            prefix: token.slice(0, 10),
            user_id: actor.userId,
            scopes: [...new Set(req.body.scopes)],
            created_by: actor.userId,
            expires_at: req.body.expiresAt ? new Date(req.body.expiresAt) : null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendAudit(trx, auditContext(req), [
          { action: 'token.create', entityType: 'api_token', entityId: r.id, after: present(r) },
        ]);
        return r;
      });
      return reply.status(201).send({ ...present(row), token });
    },
  );

  app.post(
    '/api/tokens/:id/actions/revoke',
    {
      schema: {
        tags: ['tokens'],
        summary: '吊销 API 令牌 Revoke an API token',
        params: z.object({ id: z.string().uuid('令牌编号格式不正确') }),
      },
    },
    async (req) => {
      const actor = requirePermission(req, 'tokens:manage');
      return db.transaction().execute(async (trx) => {
        let q = trx.selectFrom('api_tokens').selectAll().where('id', '=', req.params.id);
        if (actor.role !== 'sysadmin') q = q.where('user_id', '=', actor.userId);
        const t = await q.executeTakeFirst();
        if (!t) throw notFound('令牌');
        const r = await trx
          .updateTable('api_tokens')
          .set({ revoked_at: t.revoked_at ?? new Date() })
          .where('id', '=', t.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendAudit(trx, auditContext(req), [
          {
            action: 'token.revoke',
            entityType: 'api_token',
            entityId: t.id,
            before: present(t),
            after: present(r),
          },
        ]);
        return present(r);
      });
    },
  );
};
