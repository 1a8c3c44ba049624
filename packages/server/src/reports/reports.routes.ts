import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'kysely';
import {
  computeReward,
  DISTRICT_CODES,
  districtName,
  publicReportSchema,
  REPORT_ACTIONS,
  REPORT_CATEGORIES,
  REPORT_CATEGORY_CODES,
  REPORT_CHANNELS,
  rewardInputSchema,
} from '@zhiben/domain';
import { auditContext, requireActor } from '../http/context';
import { AppError } from '../http/errors';
import { storeFile } from '../files/files.service';
import { IdentityVault } from './identity';
import {
  loadReport,
  presentReport,
  publicStatus,
  reportAction,
  scopedReports,
  stateName,
  submitPublicReport,
  viewIdentity,
} from './reports.service';

declare module 'fastify' {
  interface FastifyInstance {
    identityVault: IdentityVault;
  }
}

const ANONYMOUS = {
  userId: '',
  username: 'public',
  displayName: '公众',
  role: 'expert' as const,
  orgId: null,
  regionCode: null,
  enterpriseId: null,
};

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  const vault =
    app.deps.config.NODE_ENV === 'test'
      ? IdentityVault.forTests()
      : IdentityVault.fromConfig(app.deps.config);
  app.decorate('identityVault', vault);

  app.post(
    '/api/public/reports',
    {
      bodyLimit: 32 * 1024,
      config: { public: true, rateLimit: { max: 5, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'],
        security: [],
        summary:
          '举报（无需登录）Submit a report; the answer holds the tracking code and the access key, shown once',
        body: publicReportSchema,
      },
    },
    async (req, reply) => {
      const r = await submitPublicReport(db, vault, req.body);
      return reply
        .status(201)
        .send({ trackingCode: r.trackingCode, accessKey: r.accessKey, receivedAt: r.receivedAt });
    },
  );

  app.get(
    '/api/public/reports/:code',
    {
      config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'],
        security: [],
        summary: '举报进度查询 Report status (header X-Access-Key); a wrong key answers like an unknown code',
        params: z.object({ code: z.string().trim().max(20) }),
      },
    },
    async (req) => publicStatus(db, req.params.code, req.headers['x-access-key'] as string | undefined),
  );

  app.post(
    '/api/public/files',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'],
        security: [],
        summary: '举报照片上传 Upload a photo for a report (images only, EXIF removed)',
        consumes: ['multipart/form-data'],
      },
    },
    async (req, reply) => {
      if (!req.isMultipart())
        throw new AppError('unsupported_media_type', '请以 multipart/form-data 上传，字段名 file', [
          { path: 'file', message: '请选择照片' },
        ]);
      const part = await req.file({ limits: { fileSize: 10 * 1024 * 1024, files: 1 } });
      if (!part) throw new AppError('validation', '请选择照片', [{ path: 'file', message: '请选择照片' }]);
      let buffer: Buffer;
      try {
        buffer = await part.toBuffer();
      } catch {
        throw new AppError('payload_too_large', '照片超过 10 MB', [
          { path: 'file', message: '照片超过 10 MB' },
        ]);
      }
      const f = await storeFile(
        db,
        { ...ANONYMOUS, userId: null as unknown as string },
        { filename: part.filename, buffer },
        { actorId: null, actorName: '举报人(匿名化)', orgId: null, ip: null },
        { imagesOnly: true },
      );
      return reply.status(201).send({ id: f.id, sha256: f.sha256, size: f.size, kind: f.kind });
    },
  );

  app.post(
    '/api/calculators/report-reward',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        security: [],
        summary: '举报奖励计算器 Reward calculator (national default rates, yuan)',
        body: rewardInputSchema,
      },
    },
    async (req) => computeReward(req.body),
  );

  const listQuery = z.object({
    status: z.string().optional(),
    category: z.enum(REPORT_CATEGORY_CODES).optional(),
    district: z.enum(DISTRICT_CODES).optional(),
    overdue: z.enum(['true', 'false']).optional(),
    keyword: z.string().trim().max(100).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
  });

  app.get(
    '/api/reports',
    {
      schema: {
        tags: ['reports'],
        summary: '举报受理列表 Officials’ report inbox (scoped)',
        querystring: listQuery,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const q = req.query;
      let base = scopedReports(db, actor);
      if (q.status) base = base.where('reports.status', 'in', q.status.split(','));
      if (q.category) base = base.where('reports.category', '=', q.category);
      if (q.district) base = base.where('reports.district_code', '=', q.district);
      if (q.overdue === 'true')
        base = base.where('reports.status', '=', 'verifying').where('reports.verify_due_at', '<', new Date());
      if (q.keyword) {
        const like = `%${q.keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        base = base.where((eb) =>
          eb.or([
            eb('reports.enterprise_name', 'ilike', like),
            eb('reports.tracking_code', 'ilike', like),
            eb('reports.description', 'ilike', like),
          ]),
        );
      }
      const rows = await base
        .selectAll('reports')
        .select(sql<string>`count(*) over ()`.as('total_count'))
        .orderBy('reports.created_at', 'desc')
        .orderBy('reports.id')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute();
      return {
        items: rows.map((r) => presentReport(r)),
        total: rows[0] ? Number(rows[0].total_count) : 0,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );

  app.post(
    '/api/reports',
    {
      schema: {
        tags: ['reports'],
        summary: '登记其他渠道举报 Register a report received by hotline, letter, e-mail or visit',
        body: z.intersection(
          publicReportSchema,
          z.object({
            channel: z.enum(REPORT_CHANNELS.map((c) => c.code) as unknown as ['web', ...string[]]),
          }),
        ),
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      scopedReports(db, actor);
      const r = await submitPublicReport(db, vault, req.body, req.body.channel);
      return reply
        .status(201)
        .send({ ...presentReport(await loadReport(db, actor, r.id)), accessKey: r.accessKey });
    },
  );

  app.get(
    '/api/reports/:id',
    {
      schema: {
        tags: ['reports'],
        summary: '举报详情 A report (identity never included)',
        params: z.object({ id: z.string().uuid() }),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const r = await loadReport(db, actor, req.params.id);
      const events = await db
        .selectFrom('report_events')
        .selectAll()
        .where('report_id', '=', r.id)
        .orderBy('id')
        .execute();
      return {
        ...presentReport(r),
        timeline: events.map((e) => ({
          action: e.action,
          from: e.from_status,
          to: e.to_status,
          toName: stateName(e.to_status),
          actorName: e.actor_name,
          at: e.at.toISOString(),
          data: e.data,
        })),
      };
    },
  );

  app.post(
    '/api/reports/:id/actions/:action',
    {
      schema: {
        tags: ['reports'],
        summary:
          '举报处理操作 accept / decline / extend / verify / feedback / compute-reward / approve-reward / pay / close',
        params: z.object({
          id: z.string().uuid(),
          action: z.enum(REPORT_ACTIONS, { error: `操作必须是 ${REPORT_ACTIONS.join('、')} 之一` }),
        }),
        body: z.record(z.string(), z.unknown()).optional(),
      },
    },
    async (req) =>
      reportAction(
        db,
        app.orgs,
        requireActor(req),
        req.params.id,
        req.params.action,
        req.body ?? {},
        auditContext(req),
      ),
  );

  app.post(
    '/api/reports/:id/identity',
    {
      schema: {
        tags: ['reports'],
        summary: '查看举报人身份 Reveal the reporter (举报受理 role; a reason is required and audited)',
        params: z.object({ id: z.string().uuid() }),
        body: z.object({
          reason: z.string({ error: '请填写查看理由' }).trim().min(4, '查看理由至少4个字').max(500),
        }),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const u = await db
        .selectFrom('users')
        .select('capabilities')
        .where('id', '=', actor.userId)
        .executeTakeFirstOrThrow();
      return viewIdentity(
        db,
        vault,
        actor,
        u.capabilities,
        req.params.id,
        req.body.reason,
        auditContext(req),
      );
    },
  );

  app.get(
    '/api/reports/stats',
    {
      schema: {
        tags: ['reports'],
        summary: '举报统计 Reports by channel, category, district or month',
        querystring: z.object({
          groupBy: z.enum(['channel', 'category', 'district', 'month'], {
            error: 'groupBy 必须是 channel、category、district 或 month',
          }),
        }),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const key = {
        channel: sql<string>`reports.channel`,
        category: sql<string>`reports.category`,
        district: sql<string>`reports.district_code`,
        month: sql<string>`to_char(reports.created_at at time zone 'Asia/Shanghai', 'YYYY-MM')`,
      }[req.query.groupBy];
      const now = new Date();
      const rows = await scopedReports(db, actor)
        .select([
          key.as('key'),
          sql<string>`count(*)`.as('total'),
          sql<string>`count(*) filter (where accepted_at is not null)`.as('accepted'),
          sql<string>`count(*) filter (where outcome = 'true')`.as('verified_true'),
          sql<string>`count(*) filter (where outcome = 'false')`.as('verified_false'),
          sql<number | null>`avg(extract(epoch from (verified_at - created_at)) / 86400)`.as('avg_days'),
          sql<string>`coalesce(sum(reward_amount) filter (where status in ('reward_approved','reward_paid','closed') and reward_amount is not null), 0)`.as(
            'approved',
          ),
          sql<string>`coalesce(sum(reward_amount) filter (where reward_paid_at is not null), 0)`.as('paid'),
          sql<string>`count(*) filter (where status = 'verifying' and verify_due_at < ${now})`.as('overdue'),
        ])
        .groupBy(key)
        .orderBy(key)
        .execute();
      const label = (k: string) =>
        req.query.groupBy === 'category'
          ? (REPORT_CATEGORIES.find((c) => c.code === k)?.name ?? k)
          : req.query.groupBy === 'channel'
            ? (REPORT_CHANNELS.find((c) => c.code === k)?.name ?? k)
            : req.query.groupBy === 'district'
              ? (districtName(k) ?? k)
              : k;
      return {
        rows: rows.map((r) => {
          const vt = Number(r.verified_true);
          const vf = Number(r.verified_false);
          return {
            key: r.key,
            label: label(r.key),
            total: Number(r.total),
            accepted: Number(r.accepted),
            verifiedTrue: vt,
            verifiedFalse: vf,
            verificationRate: vt + vf === 0 ? null : vt / (vt + vf),
            avgHandlingDays: r.avg_days === null ? null : Math.round(Number(r.avg_days) * 10) / 10,
            rewardsApproved: Number(r.approved),
            rewardsPaid: Number(r.paid),
            overdue: Number(r.overdue),
          };
        }),
      };
    },
  );
};
