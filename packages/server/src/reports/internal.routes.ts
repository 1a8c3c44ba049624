import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'kysely';
import QRCode from 'qrcode';
import { phoneSchema, type Actor } from '@zhiben/domain';
import { auditContext, requireActor } from '../http/context';
import { forbidden, invalid, notFound } from '../http/errors';
import { appendAudit } from '../audit/audit.repo';
import { sha256 } from '../auth/crypto';

const MANAGERS = ['enterprise_principal', 'enterprise_safety'];
const ownEnterprise = (actor: Actor, id: string, manage = false) => {
  if (actor.enterpriseId !== id || (manage && !MANAGERS.includes(actor.role)))
    throw forbidden('仅本企业主要负责人或安全管理员可管理内部举报');
};

const internalReportSchema = z
  .object({
    location: z.string({ error: '请填写地点' }).trim().min(2, '请填写具体地点').max(200),
    description: z.string({ error: '请描述隐患' }).trim().min(5, '请至少用5个字描述隐患').max(4000),
    attachmentIds: z.array(z.string().uuid()).max(9, '照片最多9张').default([]),
    anonymous: z.boolean({ error: '请选择是否匿名' }),
    reporter: z
      .object({ name: z.string().trim().min(1, '请填写姓名').max(50), phone: phoneSchema })
      .nullish(),
  })
  .superRefine((v, ctx) => {
    if (!v.anonymous && !v.reporter)
      ctx.addIssue({ code: 'custom', path: ['reporter'], message: '实名举报请填写姓名和电话' });
  });

/**
 * Enterprise internal reporting (企业内部举报): a QR code posted on site opens a form that reports to the
 * enterprise itself; it sets its own reward rules and handles and rewards the reports. Regulators do
 * not see the reports; the enterprise sees only its own. Reporter identities are sealed as in public reports.
 */
export const internalReportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  const channelOf = (token: string) =>
    db
      .selectFrom('internal_report_channels')
      .innerJoin('enterprises', 'enterprises.id', 'internal_report_channels.enterprise_id')
      .select([
        'internal_report_channels.enterprise_id',
        'internal_report_channels.enabled',
        'internal_report_channels.reward_rules',
        'enterprises.name',
      ])
      .where('token', '=', token)
      .executeTakeFirst();

  app.get(
    '/api/enterprises/:id/internal-reporting',
    {
      schema: {
        tags: ['internal-reports'],
        summary: '企业内部举报设置 The enterprise’s internal reporting channel',
        params: z.object({ id: z.string().uuid() }),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      ownEnterprise(actor, req.params.id, true);
      let ch = await db
        .selectFrom('internal_report_channels')
        .selectAll()
        .where('enterprise_id', '=', req.params.id)
        .executeTakeFirst();
      if (!ch) {
        ch = await db
          .insertInto('internal_report_channels')
          .values({
            enterprise_id: req.params.id,
            token: randomBytes(12).toString('base64url'),
            updated_at: new Date(),
          })
          .onConflict((oc) => oc.column('enterprise_id').doNothing())
          .returningAll()
          .executeTakeFirst();
        ch ??= await db
          .selectFrom('internal_report_channels')
          .selectAll()
          .where('enterprise_id', '=', req.params.id)
          .executeTakeFirstOrThrow();
      }
      return {
        token: ch.token,
        path: `/r/${ch.token}`,
        qrUrl: `/api/enterprises/${req.params.id}/internal-reporting/qr.png`,
        enabled: ch.enabled,
        rewardRules: ch.reward_rules,
      };
    },
  );

  app.put(
    '/api/enterprises/:id/internal-reporting',
    {
      schema: {
        tags: ['internal-reports'],
        summary: '设置内部举报奖励规则 Set reward rules / enable the channel',
        params: z.object({ id: z.string().uuid() }),
        body: z.object({
          enabled: z.boolean(),
          rewardRules: z.string().trim().max(4000, '奖励规则不超过4000个字符'),
        }),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      ownEnterprise(actor, req.params.id, true);
      const r = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('internal_report_channels')
          .values({
            enterprise_id: req.params.id,
            token: randomBytes(12).toString('base64url'),
            enabled: req.body.enabled,
            reward_rules: req.body.rewardRules,
            updated_at: new Date(),
          })
          .onConflict((oc) =>
            oc.column('enterprise_id').doUpdateSet({
              enabled: req.body.enabled,
              reward_rules: req.body.rewardRules,
              updated_at: new Date(),
            }),
          )
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendAudit(trx, auditContext(req), [
          {
            action: 'internal_reporting.update',
            entityType: 'enterprise',
            entityId: req.params.id,
            after: req.body,
          },
        ]);
        return row;
      });
      return { token: r.token, path: `/r/${r.token}`, enabled: r.enabled, rewardRules: r.reward_rules };
    },
  );

  app.get(
    '/api/enterprises/:id/internal-reporting/qr.png',
    {
      schema: {
        tags: ['internal-reports'],
        summary: '现场张贴二维码 QR code to post on site (PNG)',
        params: z.object({ id: z.string().uuid() }),
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      ownEnterprise(actor, req.params.id, true);
      const ch = await db
        .selectFrom('internal_report_channels')
        .select('token')
        .where('enterprise_id', '=', req.params.id)
        .executeTakeFirst();
      if (!ch) throw notFound('内部举报渠道（请先打开设置页生成）');
      const origin = `${req.protocol}://${req.headers.host ?? 'localhost'}`;
      const png = await QRCode.toBuffer(`${origin}/r/${ch.token}`, {
        width: 512,
        margin: 2,
        errorCorrectionLevel: 'M',
      });
      return reply.type('image/png').send(png);
    },
  );

  app.get(
    '/api/public/internal/:token',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'],
        security: [],
        summary: '内部举报入口 Channel info for the on-site form',
        params: z.object({ token: z.string().max(64) }),
      },
    },
    async (req) => {
      const ch = await channelOf(req.params.token);
      if (!ch || !ch.enabled) throw notFound('举报渠道');
      return { enterpriseName: ch.name, rewardRules: ch.reward_rules };
    },
  );

  app.post(
    '/api/public/internal/:token/reports',
    {
      bodyLimit: 32 * 1024,
      config: { public: true, rateLimit: { max: 5, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'],
        security: [],
        summary: '员工内部举报 Report a hazard to one’s own enterprise',
        params: z.object({ token: z.string().max(64) }),
        body: internalReportSchema,
      },
    },
    async (req, reply) => {
      const ch = await channelOf(req.params.token);
      if (!ch || !ch.enabled) throw notFound('举报渠道');
      const files = req.body.attachmentIds.length
        ? await db
            .selectFrom('files')
            .select('id')
            .where('id', 'in', req.body.attachmentIds)
            .where('uploaded_by', 'is', null)
            .execute()
        : [];
      if (files.length !== req.body.attachmentIds.length)
        throw invalid([{ path: 'attachmentIds', message: '照片不存在' }]);
      const accessKey = randomBytes(15).toString('base64url');
      const code = `NB${randomBytes(5).toString('hex').toUpperCase()}`;
      const identity = !req.body.anonymous && req.body.reporter ? req.body.reporter : null;
      await db.transaction().execute(async (trx) => {
        const r = await trx
          .insertInto('internal_reports')
          .values({
            enterprise_id: ch.enterprise_id,
            tracking_code: code,
            access_key_hash: sha256(accessKey),
            location: req.body.location,
            description: req.body.description,
            attachment_ids: req.body.attachmentIds,
            anonymous: !identity,
            reporter_enc: identity ? app.identityVault.seal(identity) : null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        // Attached photos become the enterprise's, so its managers can open them.
        if (req.body.attachmentIds.length)
          await trx
            .updateTable('files')
            .set({ enterprise_id: ch.enterprise_id })
            .where('id', 'in', req.body.attachmentIds)
            .execute();
        await appendAudit(
          trx,
          { actorId: null, actorName: '员工(匿名化)', orgId: ch.enterprise_id, ip: null },
          [
            {
              action: 'internal_report.receive',
              entityType: 'internal_report',
              entityId: r.id,
              after: { trackingCode: code },
            },
          ],
        );
      });
      return reply.status(201).send({ trackingCode: code, accessKey });
    },
  );

  app.get(
    '/api/internal-reports',
    {
      schema: {
        tags: ['internal-reports'],
        summary: '本企业内部举报 The enterprise’s internal reports and statistics',
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!actor.enterpriseId || !MANAGERS.includes(actor.role))
        throw forbidden('仅企业主要负责人或安全管理员可查看内部举报');
      const rows = await db
        .selectFrom('internal_reports')
        .selectAll()
        .where('enterprise_id', '=', actor.enterpriseId)
        .orderBy('created_at', 'desc')
        .limit(500)
        .execute();
      const stats = await db
        .selectFrom('internal_reports')
        .select([
          sql<string>`count(*)`.as('total'),
          sql<string>`count(*) filter (where status = 'resolved')`.as('resolved'),
          sql<string>`count(*) filter (where status = 'received')`.as('open'),
          sql<string>`coalesce(sum(reward_amount), 0)`.as('rewards'),
        ])
        .where('enterprise_id', '=', actor.enterpriseId)
        .executeTakeFirstOrThrow();
      return {
        items: rows.map((r) => ({
          id: r.id,
          trackingCode: r.tracking_code,
          location: r.location,
          description: r.description,
          attachmentIds: r.attachment_ids,
          anonymous: r.anonymous,
          status: r.status,
          resolution: r.resolution,
          rewardAmount: r.reward_amount,
          handledBy: r.handled_by,
          createdAt: r.created_at.toISOString(),
        })),
        stats: {
          total: Number(stats.total),
          resolved: Number(stats.resolved),
          open: Number(stats.open),
          rewards: Number(stats.rewards),
        },
      };
    },
  );

  app.post(
    '/api/internal-reports/:id/actions/:action',
    {
      schema: {
        tags: ['internal-reports'],
        summary: '处理内部举报 Resolve (with an optional reward) or reject an internal report',
        params: z.object({ id: z.string().uuid(), action: z.enum(['resolve', 'reject']) }),
        body: z.object({
          resolution: z.string({ error: '请填写处理结果' }).trim().min(2, '请填写处理结果').max(2000),
          rewardAmount: z.number().int().min(0).max(1_000_000).optional(),
        }),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!actor.enterpriseId || !MANAGERS.includes(actor.role))
        throw forbidden('仅企业主要负责人或安全管理员可处理内部举报');
      return db.transaction().execute(async (trx) => {
        const r = await trx
          .selectFrom('internal_reports')
          .selectAll()
          .where('id', '=', req.params.id)
          .where('enterprise_id', '=', actor.enterpriseId)
          .executeTakeFirst();
        if (!r) throw notFound('内部举报');
        if (r.status !== 'received') throw forbidden('该举报已处理');
        const status = req.params.action === 'resolve' ? 'resolved' : 'rejected';
        await trx
          .updateTable('internal_reports')
          .set({
            status,
            resolution: req.body.resolution,
            reward_amount: status === 'resolved' ? (req.body.rewardAmount ?? null) : null,
            handled_by: actor.displayName,
            handled_at: new Date(),
          })
          .where('id', '=', r.id)
          .execute();
        await appendAudit(trx, auditContext(req), [
          {
            action: `internal_report.${req.params.action}`,
            entityType: 'internal_report',
            entityId: r.id,
            after: { status, rewardAmount: req.body.rewardAmount ?? null },
          },
        ]);
        return { id: r.id, status };
      });
    },
  );
};
