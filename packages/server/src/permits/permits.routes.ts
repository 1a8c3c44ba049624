import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import QRCode from 'qrcode';
import { PERMIT_ACTION_CODES, dryRunCheck, permitCheckInputSchema } from '@zhiben/domain';
import { auditContext, requireActor } from '../http/context';
import { notFound } from '../http/errors';
import { findPermit, listPermits, pendingPermits } from './permits.repo';
import { permitCreateSchema, permitListQuerySchema, permitStatsQuerySchema } from './permits.schemas';
import { createPermit, expireDuePermits, performPermitAction } from './permits.service';
import { permitDetail, permitSummary, verifyPath } from './permits.detail';
import { permitStats } from './permits.stats';
import { permitGasReadings } from './permits.gas';
import { isEnterpriseUser } from './permits.policy';

const idParams = z.object({ id: z.uuid('作业票编号格式不正确') });
const INBOX_ACTIONS = ['submit-measures', 'record-gas', 'sign', 'accept', 'close'];

export const permitRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;

  app.post(
    '/api/permits/check',
    {
      schema: {
        tags: ['permits'],
        summary: '作业票规则试算 Dry run: grade and rule violations for a described permit at an instant',
        body: permitCheckInputSchema,
      },
    },
    async (req) => {
      requireActor(req);
      return dryRunCheck(req.body);
    },
  );

  app.get(
    '/api/permits',
    {
      schema: {
        tags: ['permits'],
        summary: '作业票清单 List permits in the caller’s scope',
        querystring: permitListQuerySchema,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const now = new Date();
      await expireDuePermits(db, now);
      const { rows, total } = await listPermits(db, actor, req.query);
      return {
        items: await Promise.all(rows.map((r) => permitSummary(r, actor, now))),
        total,
        page: req.query.page,
        pageSize: req.query.pageSize,
      };
    },
  );

  app.get(
    '/api/permits/inbox',
    {
      schema: {
        tags: ['permits'],
        summary: '待办作业票 Permits waiting for the caller (measures, gas analysis, signatures, acceptance)',
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!isEnterpriseUser(actor)) return { items: [], total: 0 };
      const now = new Date();
      await expireDuePermits(db, now, { enterpriseId: actor.enterpriseId! });
      const rows = await pendingPermits(db, actor.enterpriseId!);
      const items = (await Promise.all(rows.map((r) => permitSummary(r, actor, now))))
        .map((s) => ({ ...s, pendingActions: s.allowedActions.filter((a) => INBOX_ACTIONS.includes(a)) }))
        .filter((s) => s.pendingActions.length > 0);
      return { items, total: items.length };
    },
  );

  app.get(
    '/api/permits/stats',
    {
      schema: {
        tags: ['permits'],
        summary:
          '作业票统计 Permits by type, grade, enterprise, day or district; violations caught; adoption',
        querystring: permitStatsQuerySchema,
      },
    },
    async (req) => permitStats(db, requireActor(req), req.query),
  );

  app.post(
    '/api/permits',
    {
      schema: {
        tags: ['permits'],
        summary: '填报作业票 File a permit draft (enterprise users of a major-hazard enterprise)',
        body: permitCreateSchema,
      },
    },
    async (req, reply) => {
      const p = await createPermit(db, requireActor(req), req.body, auditContext(req));
      return reply.status(201).header('location', `/api/permits/${p.id}`).send(p);
    },
  );

  app.get(
    '/api/permits/:id',
    {
      schema: {
        tags: ['permits'],
        summary: '作业票详情（含当前违规项、可执行操作和时间线）Read a permit',
        params: idParams,
      },
    },
    async (req) => permitDetail(db, requireActor(req), req.params.id),
  );

  app.get(
    '/api/permits/:id/gas-readings',
    {
      schema: {
        tags: ['permits'],
        summary:
          '作业区域气体实时监测 Live gas points of the permit’s zone or installation: last value, level, open alarm, 2 h of 1-minute aggregates',
        params: idParams,
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return permitGasReadings(db, requireActor(req), req.params.id);
    },
  );

  app.post(
    '/api/permits/:id/actions/:action',
    {
      schema: {
        tags: ['permits'],
        summary:
          '作业票流程操作 Perform a workflow action (409 when the state does not allow it, 403 when the person may not, 400 with violations when the rules refuse it)',
        params: z.object({
          id: z.uuid('作业票编号格式不正确'),
          action: z.enum(PERMIT_ACTION_CODES, {
            error: `操作必须是 ${PERMIT_ACTION_CODES.join('、')} 之一`,
          }),
        }),
        body: z.record(z.string(), z.unknown()).optional(),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      await performPermitAction(
        db,
        actor,
        req.params.id,
        req.params.action,
        req.body ?? {},
        auditContext(req),
      );
      return permitDetail(db, actor, req.params.id);
    },
  );

  app.get(
    '/api/permits/:id/qr.png',
    {
      schema: {
        tags: ['permits'],
        summary: '作业票核验二维码 QR code of the public verification page (PNG)',
        params: idParams,
      },
    },
    async (req, reply) => {
      const row = await findPermit(db, requireActor(req), req.params.id);
      if (!row) throw notFound('作业票');
      const origin = `${req.protocol}://${req.headers.host ?? 'localhost'}`;
      const png = await QRCode.toBuffer(`${origin}${verifyPath(row)}`, {
        width: 384,
        margin: 1,
        errorCorrectionLevel: 'M',
      });
      return reply.type('image/png').header('cache-control', 'private, max-age=300').send(png);
    },
  );
};
