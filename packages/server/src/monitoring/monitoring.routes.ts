import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql, type Kysely } from 'kysely';
import {
  ALARM_LEVEL_CODES,
  alarmConfigSchema,
  alarmEscalationTier,
  DISTRICT_CODES,
  enterpriseScope,
  majorHazardAssessment,
  majorHazardInputSchema,
  TELEMETRY_TAG_PATTERN,
  queryInstant,
  type Actor,
} from '@zhiben/domain';
import type { DB } from '../db/types';
import { auditContext, requireActor } from '../http/context';
import { AppError, conflict, forbidden, invalid, notFound } from '../http/errors';
import { appendAudit } from '../audit/audit.repo';
import { whereInScope } from '../enterprises/enterprises.repo';
import { GatewayDirectory } from './gateways';
import type { Ingest } from './ingest';
import { alarmActionEvent, type AlarmStreamEvent } from './alarm-events';

declare module 'fastify' {
  interface FastifyInstance {
    ingest: Ingest;
    gateways: GatewayDirectory;
  }
}

const POINT_KINDS = [
  'temperature',
  'pressure',
  'level',
  'flow',
  'combustible_gas',
  'toxic_gas',
  'oxygen',
  'methane',
  'carbon_monoxide',
  'dust',
  'cooling_water_pressure',
  'cooling_water_flow',
  'power_load',
  'other',
] as const;
const MANAGERS = ['enterprise_principal', 'enterprise_safety'];

/** An enterprise's managers, or a regulator whose scope holds it (onboarding), may configure its monitoring. */
async function requireManage(db: Kysely<DB>, actor: Actor, enterpriseId: string) {
  if (actor.enterpriseId) {
    if (actor.enterpriseId !== enterpriseId || !MANAGERS.includes(actor.role))
      throw forbidden('仅本企业主要负责人或安全管理员可配置监测');
    return;
  }
  if (!['city_office', 'district_office', 'inspector', 'sysadmin'].includes(actor.role)) throw forbidden();
  await requireVisible(db, actor, enterpriseId);
}

async function requireVisible(db: Kysely<DB>, actor: Actor, enterpriseId: string) {
  const e = await whereInScope(db.selectFrom('enterprises'), enterpriseScope(actor))
    .select('enterprises.id')
    .where('enterprises.id', '=', enterpriseId)
    .executeTakeFirst();
  if (!e) throw invalid([{ path: 'enterpriseId', message: '企业不存在或不在您的范围内' }]);
}

interface PointInfo {
  enterpriseName: string;
  unit: string;
}

/** Alarms (and points) an actor may see, through the enterprise scope. */
function visibleEnterprises(db: Kysely<DB>, actor: Actor) {
  return whereInScope(db.selectFrom('enterprises'), enterpriseScope(actor)).select('enterprises.id');
}

export const monitoringRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;

  app.post(
    '/api/calculators/major-hazard',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        security: [],
        summary: 'GB 18218-2018 重大危险源辨识与分级 Major hazard identification and grading',
        body: majorHazardInputSchema,
      },
    },
    async (req) => {
      const a = majorHazardAssessment(req.body);
      return { S: a.S, isMajor: a.isMajor, alpha: a.alpha, R: a.R, grade: a.grade };
    },
  );

  // ---- installations
  const installationSchema = z.object({
    enterpriseId: z.string().uuid(),
    name: z.string({ error: '请填写名称' }).trim().min(2, '名称至少2个字符').max(100),
    kind: z.enum(
      [
        'hazmat_major_hazard',
        'coal_mine',
        'steel',
        'aluminium_casting',
        'dust_explosion',
        'gas_network',
        'other',
      ],
      { error: '类型无效' },
    ),
    substances: majorHazardInputSchema.shape.substances.optional(),
    peopleWithin500m: z.number().int().min(0).optional(),
  });
  app.post(
    '/api/monitoring/installations',
    {
      schema: {
        tags: ['monitoring'],
        summary: '登记重大危险源/监测单元 Register an installation (GB 18218 grading computed)',
        body: installationSchema,
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      await requireManage(db, actor, req.body.enterpriseId);
      const b = req.body;
      const assessment = b.substances?.length
        ? majorHazardAssessment({ substances: b.substances, peopleWithin500m: b.peopleWithin500m ?? 0 })
        : null;
      const row = await db.transaction().execute(async (trx) => {
        const r = await trx
          .insertInto('installations')
          .values({
            enterprise_id: b.enterpriseId,
            name: b.name,
            kind: b.kind,
            substances: JSON.stringify(b.substances ?? []),
            people_within_500m: b.peopleWithin500m ?? null,
            assessment: assessment
              ? JSON.stringify({
                  S: assessment.S,
                  isMajor: assessment.isMajor,
                  alpha: assessment.alpha,
                  R: assessment.R,
                  grade: assessment.grade,
                })
              : null,
            updated_at: new Date(),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendAudit(trx, auditContext(req), [
          {
            action: 'installation.create',
            entityType: 'installation',
            entityId: r.id,
            after: { name: b.name, kind: b.kind, assessment: r.assessment },
          },
        ]);
        return r;
      });
      return reply.status(201).send({
        id: row.id,
        enterpriseId: row.enterprise_id,
        name: row.name,
        kind: row.kind,
        substances: row.substances,
        peopleWithin500m: row.people_within_500m,
        assessment: row.assessment,
      });
    },
  );
  app.get(
    '/api/monitoring/installations',
    {
      schema: {
        tags: ['monitoring'],
        summary: '重大危险源/监测单元列表',
        querystring: z.object({ enterpriseId: z.string().uuid().optional() }),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      let q = db
        .selectFrom('installations')
        .selectAll()
        .where('enterprise_id', 'in', visibleEnterprises(db, actor));
      if (req.query.enterpriseId) q = q.where('enterprise_id', '=', req.query.enterpriseId);
      const rows = await q.orderBy('created_at').limit(1000).execute();
      return {
        items: rows.map((r) => ({
          id: r.id,
          enterpriseId: r.enterprise_id,
          name: r.name,
          kind: r.kind,
          substances: r.substances,
          peopleWithin500m: r.people_within_500m,
          assessment: r.assessment,
        })),
      };
    },
  );

  // ---- points
  const pointSchema = z.intersection(
    z.object({
      enterpriseId: z.string({ error: '请选择企业' }).uuid('企业编号格式不正确'),
      tag: z.string({ error: '请填写位号' }).regex(TELEMETRY_TAG_PATTERN, '位号为1–64位字母、数字或 _ . : -'),
      kind: z.enum(POINT_KINDS, { error: '监测类型无效' }),
      unit: z.string({ error: '请填写单位' }).trim().min(1, '请填写单位').max(20),
      installationId: z.string().uuid().nullish(),
      zone: z.string().trim().max(100).nullish(),
      /** Repeat suppression window: a same-level alarm this soon after the last closed reopens it (0: off). */
      repeatSuppressSec: z
        .number({ error: '重复报警抑制时间必须是整数秒' })
        .int('重复报警抑制时间必须是整数秒')
        .min(0, '重复报警抑制时间不能为负数')
        .max(86400, '重复报警抑制时间不超过86400秒')
        .default(300),
    }),
    alarmConfigSchema,
  );
  const presentPoint = (p: {
    id: string;
    enterprise_id: string;
    tag: string;
    kind: string;
    unit: string;
    thresholds: Record<string, number>;
    deadband: number;
    delay_on_sec: number;
    stale_timeout_sec: number;
    repeat_suppress_sec: number;
    installation_id: string | null;
    zone: string | null;
    state: unknown;
    last_value: number | null;
    last_ts: Date | null;
  }) => ({
    id: p.id,
    enterpriseId: p.enterprise_id,
    tag: p.tag,
    kind: p.kind,
    unit: p.unit,
    thresholds: p.thresholds,
    deadband: p.deadband,
    delayOnSec: p.delay_on_sec,
    staleTimeoutSec: p.stale_timeout_sec,
    repeatSuppressSec: p.repeat_suppress_sec,
    installationId: p.installation_id,
    zone: p.zone,
    level: (p.state as { level?: string } | null)?.level ?? 'normal',
    lastValue: p.last_value,
    lastTs: p.last_ts?.toISOString() ?? null,
  });
  app.post(
    '/api/monitoring/points',
    {
      schema: {
        tags: ['monitoring'],
        summary: '登记监测点位 Register a monitoring point',
        body: pointSchema,
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const b = req.body;
      await requireManage(db, actor, b.enterpriseId);
      const row = await db.transaction().execute(async (trx) => {
        const dup = await trx
          .selectFrom('monitoring_points')
          .select('id')
          .where('enterprise_id', '=', b.enterpriseId)
          .where('tag', '=', b.tag)
          .executeTakeFirst();
        if (dup) throw conflict('位号已存在', [{ path: 'tag', message: '本企业已有该位号' }]);
        const r = await trx
          .insertInto('monitoring_points')
          .values({
            enterprise_id: b.enterpriseId,
            tag: b.tag,
            kind: b.kind,
            unit: b.unit,
            thresholds: JSON.stringify(b.thresholds),
            deadband: b.deadband,
            delay_on_sec: b.delayOnSec,
            stale_timeout_sec: b.staleTimeoutSec,
            repeat_suppress_sec: b.repeatSuppressSec,
            installation_id: b.installationId ?? null,
            zone: b.zone ?? null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendAudit(trx, auditContext(req), [
          { action: 'point.create', entityType: 'monitoring_point', entityId: r.id, after: presentPoint(r) },
        ]);
        return r;
      });
      app.ingest.invalidate(b.enterpriseId);
      return reply.status(201).send(presentPoint(row));
    },
  );
  app.get(
    '/api/monitoring/points',
    {
      schema: {
        tags: ['monitoring'],
        summary: '监测点位与实时值 Points with their last value and state',
        querystring: z.object({ enterpriseId: z.string().uuid().optional() }),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      let q = db
        .selectFrom('monitoring_points')
        .innerJoin('enterprises', 'enterprises.id', 'monitoring_points.enterprise_id')
        .selectAll('monitoring_points')
        .select('enterprises.name as enterprise_name')
        .where('monitoring_points.enterprise_id', 'in', visibleEnterprises(db, actor));
      if (req.query.enterpriseId) q = q.where('monitoring_points.enterprise_id', '=', req.query.enterpriseId);
      const rows = await q.orderBy('monitoring_points.tag').limit(5000).execute();
      return { items: rows.map((r) => ({ ...presentPoint(r), enterpriseName: r.enterprise_name })) };
    },
  );
  app.get(
    '/api/monitoring/points/:id/series',
    {
      schema: {
        tags: ['monitoring'],
        summary: '曲线 Chart data: raw readings or 1-minute aggregates',
        params: z.object({ id: z.string().uuid() }),
        querystring: z.object({
          from: queryInstant('开始时间').optional(),
          to: queryInstant('结束时间').optional(),
          resolution: z.enum(['raw', '1m']).default('1m'),
        }),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const p = await db
        .selectFrom('monitoring_points')
        .select(['id', 'enterprise_id'])
        .where('id', '=', req.params.id)
        .where('enterprise_id', 'in', visibleEnterprises(db, actor))
        .executeTakeFirst();
      if (!p) throw notFound('监测点位');
      const to = req.query.to ? new Date(req.query.to) : new Date();
      const from = req.query.from ? new Date(req.query.from) : new Date(to.getTime() - 24 * 3_600_000);
      if (req.query.resolution === 'raw') {
        const rows = await db
          .selectFrom('readings')
          .select(['ts', 'value'])
          .where('point_id', '=', p.id)
          .where('ts', '>=', from)
          .where('ts', '<', to)
          .orderBy('ts')
          .limit(20_000)
          .execute();
        return { resolution: 'raw', points: rows.map((r) => ({ ts: r.ts.toISOString(), value: r.value })) };
      }
      const rows = await db
        .selectFrom('readings_1m')
        .selectAll()
        .where('point_id', '=', p.id)
        .where('bucket', '>=', from)
        .where('bucket', '<', to)
        .orderBy('bucket')
        .limit(20_000)
        .execute();
      return {
        resolution: '1m',
        points: rows.map((r) => ({
          ts: r.bucket.toISOString(),
          min: r.min,
          max: r.max,
          avg: r.sum / r.count,
          last: r.last,
        })),
      };
    },
  );

  // ---- gateways
  app.post(
    '/api/monitoring/gateways',
    {
      schema: {
        tags: ['monitoring'],
        summary: '登记数据网关 Register a gateway (MQTT credentials; the token is shown once)',
        body: z.object({
          enterpriseId: z.string().uuid(),
          name: z.string({ error: '请填写网关名称' }).trim().min(1, '请填写网关名称').max(100),
        }),
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      await requireManage(db, actor, req.body.enterpriseId);
      const c = GatewayDirectory.newCredentials();
      const ent = await db
        .selectFrom('enterprises')
        .select('uscc')
        .where('id', '=', req.body.enterpriseId)
        .executeTakeFirstOrThrow();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('gateways')
          .values({ id: c.id, enterprise_id: req.body.enterpriseId, name: req.body.name, token_hash: c.hash })
          .execute();
        await appendAudit(trx, auditContext(req), [
          {
            action: 'gateway.create',
            entityType: 'gateway',
            entityId: c.id,
            after: { name: req.body.name, enterpriseId: req.body.enterpriseId },
          },
        ]);
      });
      return reply.status(201).send({
        id: c.id,
        username: c.id,
        token: c.token,
        name: req.body.name,
        enterpriseId: req.body.enterpriseId,
        topic: `zhiben/v1/${ent.uscc}/${c.id}/telemetry`,
      });
    },
  );
  app.get(
    '/api/monitoring/gateways',
    {
      schema: {
        tags: ['monitoring'],
        summary: '数据网关与接收统计 Gateways with accepted/rejected counts',
        querystring: z.object({ enterpriseId: z.string().uuid().optional() }),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      let q = db
        .selectFrom('gateways')
        .selectAll()
        .where('enterprise_id', 'in', visibleEnterprises(db, actor));
      if (req.query.enterpriseId) q = q.where('enterprise_id', '=', req.query.enterpriseId);
      const rows = await q.orderBy('created_at').execute();
      return {
        items: rows.map((g) => ({
          id: g.id,
          enterpriseId: g.enterprise_id,
          name: g.name,
          accepted: Number(g.accepted),
          rejected: Number(g.rejected),
          lastError: g.last_error,
          lastSeenAt: g.last_seen_at?.toISOString() ?? null,
          revokedAt: g.revoked_at?.toISOString() ?? null,
        })),
      };
    },
  );
  app.post(
    '/api/monitoring/gateways/:id/actions/revoke',
    {
      schema: {
        tags: ['monitoring'],
        summary: '停用网关 Revoke a gateway',
        params: z.object({ id: z.string().max(64) }),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const g = await db
        .selectFrom('gateways')
        .selectAll()
        .where('id', '=', req.params.id)
        .executeTakeFirst();
      if (!g) throw notFound('网关');
      await requireManage(db, actor, g.enterprise_id);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('gateways').set({ revoked_at: new Date() }).where('id', '=', g.id).execute();
        await appendAudit(trx, auditContext(req), [
          { action: 'gateway.revoke', entityType: 'gateway', entityId: g.id },
        ]);
      });
      app.gateways.forget(g.id);
      return { id: g.id, revoked: true };
    },
  );

  // ---- HTTP ingest
  app.post(
    '/api/telemetry',
    {
      bodyLimit: 1024 * 1024,
      config: { public: true },
      schema: {
        tags: ['monitoring'],
        security: [{ bearer: [] }],
        summary:
          '遥测数据上报（HTTP）Telemetry over HTTP with the gateway token as Bearer; same payload as MQTT',
      },
    },
    async (req) => {
      const auth = req.headers.authorization;
      const gw = auth?.startsWith('Bearer ') ? await app.gateways.byToken(auth.slice(7).trim()) : undefined;
      if (!gw) throw new AppError('unauthenticated', '网关令牌无效或已停用');
      const r = await app.ingest.ingest({ id: gw.id, enterpriseId: gw.enterpriseId }, req.body);
      if (r.accepted === 0 && r.rejected.length) {
        throw invalid(
          r.rejected.map((x) => ({
            path: x.index === null ? 'body' : `points.${x.index}${x.tag ? '' : ''}`,
            message: x.reason,
          })),
          '遥测数据全部被拒收',
        );
      }
      return r;
    },
  );

  // ---- alarms
  const alarmQuery = z.object({
    status: z
      .enum(['active', 'acknowledged', 'closed'], { error: 'status 必须是 active、acknowledged 或 closed' })
      .optional(),
    enterpriseId: z.string().uuid().optional(),
    district: z.enum(DISTRICT_CODES, { error: '旗区代码无效' }).optional(),
    level: z.enum(ALARM_LEVEL_CODES, { error: 'level 无效' }).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  });
  app.get(
    '/api/alarms',
    {
      schema: { tags: ['monitoring'], summary: '报警 Alarms in the caller’s scope', querystring: alarmQuery },
    },
    async (req) => {
      const actor = requireActor(req);
      const q = req.query;
      let base = db
        .selectFrom('alarms')
        .innerJoin('enterprises', 'enterprises.id', 'alarms.enterprise_id')
        .innerJoin('monitoring_points', 'monitoring_points.id', 'alarms.point_id')
        .where('alarms.enterprise_id', 'in', visibleEnterprises(db, actor));
      if (q.status) base = base.where('alarms.status', '=', q.status);
      if (q.enterpriseId) base = base.where('alarms.enterprise_id', '=', q.enterpriseId);
      if (q.district) base = base.where('alarms.district_code', '=', q.district);
      if (q.level) base = base.where('alarms.level', '=', q.level);
      const rows = await base
        .selectAll('alarms')
        .select([
          'enterprises.name as enterprise_name',
          'monitoring_points.unit',
          sql<string>`count(*) over ()`.as('total_count'),
        ])
        .orderBy('alarms.opened_at', 'desc')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute();
      const now = new Date();
      return {
        items: rows.map((a) => ({
          id: a.id,
          pointId: a.point_id,
          enterpriseId: a.enterprise_id,
          enterpriseName: a.enterprise_name,
          districtCode: a.district_code,
          tag: a.tag,
          level: a.level,
          status: a.status,
          value: a.value,
          peak: a.peak,
          unit: a.unit,
          openedAt: a.opened_at.toISOString(),
          acknowledgedBy: a.acknowledged_by,
          acknowledgedAt: a.acknowledged_at?.toISOString() ?? null,
          disposal: a.disposal,
          falseAlarm: a.false_alarm,
          closedAt: a.closed_at?.toISOString() ?? null,
          escalationTier:
            a.status === 'active'
              ? alarmEscalationTier(a.opened_at, a.acknowledged_at, now)
              : a.escalation_tier,
          hazardId: a.hazard_id,
          repeatCount: a.repeat_count,
        })),
        total: rows[0] ? Number(rows[0].total_count) : 0,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );

  app.post(
    '/api/alarms/:id/actions/:action',
    {
      schema: {
        tags: ['monitoring'],
        summary: '报警确认与处置 Acknowledge or dispose of an alarm',
        params: z.object({ id: z.string().uuid(), action: z.enum(['acknowledge', 'dispose']) }),
        body: z
          .object({ note: z.string().trim().max(2000).optional(), falseAlarm: z.boolean().optional() })
          .default({}),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      let pushed: AlarmStreamEvent | undefined;
      const after = await db.transaction().execute(async (trx) => {
        const a = await trx
          .selectFrom('alarms')
          .selectAll()
          .where('id', '=', req.params.id)
          .where('enterprise_id', 'in', visibleEnterprises(trx as unknown as Kysely<DB>, actor))
          .forUpdate()
          .executeTakeFirst();
        if (!a) throw notFound('报警');
        if (actor.role === 'expert' || actor.role === 'sysadmin') throw forbidden();
        if (req.params.action === 'acknowledge') {
          if (a.acknowledged_at) throw conflict('该报警已确认');
          const status = a.status === 'closed' ? 'closed' : 'acknowledged';
          await trx
            .updateTable('alarms')
            .set({ status, acknowledged_by: actor.displayName, acknowledged_at: new Date() })
            .where('id', '=', a.id)
            .execute();
        } else {
          if (!req.body.note) throw invalid([{ path: 'note', message: '请填写处置情况' }]);
          await trx
            .updateTable('alarms')
            .set({
              disposal: req.body.note,
              false_alarm: req.body.falseAlarm ?? false,
              disposed_at: new Date(),
              ...(a.acknowledged_at
                ? {}
                : { acknowledged_by: actor.displayName, acknowledged_at: new Date() }),
              ...(a.status === 'active' ? { status: 'acknowledged' } : {}),
            })
            .where('id', '=', a.id)
            .execute();
        }
        await appendAudit(trx, auditContext(req), [
          { action: `alarm.${req.params.action}`, entityType: 'alarm', entityId: a.id, after: req.body },
        ]);
        const row = await trx
          .selectFrom('alarms')
          .selectAll()
          .where('id', '=', a.id)
          .executeTakeFirstOrThrow();
        // With its own kind, so that clients do not take a handled alarm for a new one; other instances'
        // streams hear of it when this commits, this instance's right after.
        pushed = alarmActionEvent(req.params.action, row);
        await app.alarmFeed.notify(trx, [pushed]);
        return row;
      });
      app.ingest.emit('alarm', pushed!);
      return {
        id: after.id,
        status: after.status,
        acknowledgedBy: after.acknowledged_by,
        acknowledgedAt: after.acknowledged_at?.toISOString() ?? null,
        disposal: after.disposal,
      };
    },
  );

  // What a person reading a pushed alarm needs beside the ids: the enterprise's name and the point's
  // unit. One query per point, shared by all streams, kept for ten minutes.
  const described = new Map<string, { at: number; info: Promise<PointInfo | undefined> }>();
  const describe = (pointId: string): Promise<PointInfo | undefined> => {
    const hit = described.get(pointId);
    if (hit && Date.now() - hit.at < 600_000) return hit.info;
    if (described.size >= 20_000) described.clear();
    const info = db
      .selectFrom('monitoring_points')
      .innerJoin('enterprises', 'enterprises.id', 'monitoring_points.enterprise_id')
      .select(['enterprises.name as enterpriseName', 'monitoring_points.unit'])
      .where('monitoring_points.id', '=', pointId)
      .executeTakeFirst();
    described.set(pointId, { at: Date.now(), info });
    info.catch(() => described.delete(pointId));
    return info;
  };

  // Live push: alarm changes in the caller's scope as Server-Sent Events, with the enterprise's name
  // and the point's unit added.
  app.get(
    '/api/alarms/stream',
    { schema: { tags: ['monitoring'], summary: '报警实时推送 (SSE)' } },
    async (req, reply) => {
      const actor = requireActor(req);
      const scope = enterpriseScope(actor);
      const visible = async (c: AlarmStreamEvent) => {
        if (scope.kind === 'all') return true;
        if (scope.kind === 'district') return c.districtCode === scope.districtCode;
        if (scope.kind === 'enterprise') return c.enterpriseId === scope.enterpriseId;
        if (scope.kind === 'department') {
          const e = await db
            .selectFrom('enterprises')
            .select('id')
            .where('id', '=', c.enterpriseId)
            .where(sql<boolean>`department_ids @> ARRAY[${scope.departmentId}]::text[]`)
            .executeTakeFirst();
          return !!e;
        }
        return false;
      };
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      reply.raw.write(': connected\n\n');
      let closed = false;
      const onAlarm = (c: AlarmStreamEvent) => {
        Promise.all([visible(c), describe(c.pointId)])
          .then(([ok, info]) => {
            if (ok && !closed)
              reply.raw.write(`event: alarm\ndata: ${JSON.stringify({ ...c, ...info })}\n\n`);
          })
          .catch((err: unknown) => req.log.warn({ err }, 'alarm stream: event not sent'));
      };
      app.alarmFeed.on('alarm', onAlarm);
      const ping = setInterval(() => reply.raw.write(': ping\n\n'), 25_000);
      req.raw.on('close', () => {
        closed = true;
        clearInterval(ping);
        app.alarmFeed.off('alarm', onAlarm);
      });
      return reply;
    },
  );
};
