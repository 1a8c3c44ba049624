import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  alarmQuality,
  CATEGORY_CODES,
  coverageByCategory,
  coverageByDistrict,
  coverageOverall,
  DISTRICT_CODES,
  DISTRICTS,
  enterpriseScope,
  LIVE_WINDOW_HOURS,
  liveEnterprises,
  queryInstant,
  REQUIRED_MONITORING_CATEGORIES,
  type Actor,
  type AlarmQualityAlarm,
  type AlarmQualityPoint,
  type CategoryCode,
  type CoverageRequirement,
  type CoverageRow,
  type EnterpriseScope,
} from '@zhiben/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';
import { requireActor } from '../http/context';
import { forbidden, invalid } from '../http/errors';
import { alarmQualityData, coverageEnterprises, enterpriseDistrict } from './coverage.repo';

const DAY = 86_400_000;
/** Clock skew tolerated on a query instant before it counts as "in the future". */
const FUTURE_SLACK_MS = 5 * 60_000;
const MAX_WINDOW_DAYS = 366;

/** Regulators see their scope; an enterprise's users see their own enterprise; experts nothing. */
function readableScope(actor: Actor): EnterpriseScope {
  const scope = enterpriseScope(actor);
  if (scope.kind === 'none') throw forbidden('无权查看监测覆盖与报警质量');
  return scope;
}

/** The districts a caller's table shows: its own, or all for city-level callers. */
async function scopeDistricts(db: Kysely<DB>, actor: Actor, scope: EnterpriseScope): Promise<string[]> {
  switch (scope.kind) {
    case 'district':
      return [scope.districtCode];
    case 'enterprise': {
      const d = await enterpriseDistrict(db, scope.enterpriseId);
      return d ? [d] : [];
    }
    case 'department':
      return actor.regionCode && (DISTRICT_CODES as readonly string[]).includes(actor.regionCode)
        ? [actor.regionCode]
        : [...DISTRICT_CODES];
    default:
      return [...DISTRICT_CODES];
  }
}

const districtParam = z.enum(DISTRICT_CODES, { error: '旗区代码无效' }).optional();

export const coverageRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;

  app.get(
    '/api/monitoring/coverage',
    {
      schema: {
        tags: ['monitoring'],
        summary: '监测联网覆盖率 Monitoring coverage of the required categories, by district',
        description:
          'For each key-monitoring category (危化品重大危险源, 煤矿, 钢铁, 铝加工（深井铸造）, 重点粉尘涉爆): the share of ' +
          'required enterprises (in the category, not closed) with live monitoring — any point of the ' +
          `enterprise reported within ${LIVE_WINDOW_HOURS} h before \`at\` (inclusive) — per district (\`cells\`) ` +
          'and for the whole scope (`totals`, each enterprise once), with the enterprises missing (id, name, ' +
          'uscc, district, latest reading or null). `at` defaults to now (the points’ last reading); a past ' +
          '`at` looks at readings up to that instant and leaves out enterprises registered later (the closed ' +
          'status is today’s). `share` is 1 when nothing is required. Scoped to the caller.',
        querystring: z.object({
          at: queryInstant('查询时间').optional(),
          district: districtParam,
          category: z.enum(CATEGORY_CODES, { error: '监测类别无效' }).optional(),
        }),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const scope = readableScope(actor);
      const q = req.query;
      const now = Date.now();
      const at = q.at ? new Date(q.at) : null;
      if (at && +at > now + FUTURE_SLACK_MS)
        throw invalid([{ path: 'at', message: '查询时间不能晚于当前时间' }]);
      let districts = await scopeDistricts(db, actor, scope);
      if (q.district) {
        if (!districts.includes(q.district)) throw forbidden('无权查看该旗区的覆盖情况');
        districts = [q.district];
      }
      const rows = await coverageEnterprises(db, scope, {
        at,
        district: q.district,
        category: q.category,
      });
      const categories = REQUIRED_MONITORING_CATEGORIES.filter((c) => !q.category || c.code === q.category);
      const codes = new Set<string>(categories.map((c) => c.code));
      const required: CoverageRequirement[] = rows.flatMap((e) =>
        e.categories
          .filter((c) => codes.has(c))
          .map((c) => ({ enterpriseId: e.id, districtCode: e.district_code, category: c as CategoryCode })),
      );
      const asOf = at ?? new Date(now);
      const live = liveEnterprises(
        rows.map((e) => ({ enterpriseId: e.id, lastReadingAt: e.last_reading_at })),
        asOf,
      );
      const byId = new Map(rows.map((e) => [e.id, e]));
      const present = (r: CoverageRow) => ({
        category: r.category,
        districtCode: r.districtCode,
        required: r.required,
        live: r.live,
        share: r.share,
        missing: r.missing
          .map((id) => byId.get(id)!)
          .map((e) => ({
            id: e.id,
            name: e.name,
            uscc: e.uscc,
            districtCode: e.district_code,
            lastReadingAt: e.last_reading_at ? new Date(e.last_reading_at).toISOString() : null,
          }))
          .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id)),
      });
      const inCategory = (r: CoverageRow) => codes.has(r.category);
      return {
        at: asOf.toISOString(),
        windowHours: LIVE_WINDOW_HOURS,
        categories: categories.map((c) => ({ code: c.code, name: c.name, nameEn: c.nameEn })),
        districts: districts.map((code) => ({
          code,
          name: DISTRICTS.find((d) => d.code === code)?.name ?? code,
        })),
        cells: coverageByDistrict(required, live, districts).filter(inCategory).map(present),
        totals: coverageByCategory(required, live).filter(inCategory).map(present),
        overall: coverageOverall(
          required,
          live,
          categories.map((c) => c.code),
        ),
      };
    },
  );

  app.get(
    '/api/monitoring/alarm-quality',
    {
      schema: {
        tags: ['monitoring'],
        summary: '报警质量台账 Alarm-quality ledger per enterprise',
        description:
          'Per monitored enterprise in scope, over [from, to) (default: the last 30 days): `onlineShare` = share ' +
          'of its points not offline now; `timeOnlineShare` = share of point-time in the window (from each ' +
          'point’s creation, up to min(to, now)) not covered by an offline alarm — time online as the alarm ' +
          'engine saw it (offline is detected after the stale timeout); alarms opened in the window (offline ' +
          'alarms included, `offlineAlarms` apart) and per day; median and p90 seconds to acknowledge and ' +
          'median seconds to dispose, over the alarms acknowledged / disposed (linear-interpolation ' +
          'percentiles); `falseAlarmShare` = disposed as false / disposed. `totals` is the same over all ' +
          'rows. An enterprise’s users see their own row.',
        querystring: z.object({
          from: queryInstant('开始时间').optional(),
          to: queryInstant('结束时间').optional(),
          district: districtParam,
          enterpriseId: z.string().uuid('企业编号格式不正确').optional(),
        }),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const scope = readableScope(actor);
      const q = req.query;
      const now = new Date();
      const to = q.to ? new Date(q.to) : now;
      const from = q.from ? new Date(q.from) : new Date(+to - 30 * DAY);
      if (+from >= +to) throw invalid([{ path: 'from', message: '开始时间应早于结束时间' }]);
      if (+to - +from > MAX_WINDOW_DAYS * DAY)
        throw invalid([{ path: 'from', message: `统计时段不超过${MAX_WINDOW_DAYS}天` }]);
      if (q.district && !(await scopeDistricts(db, actor, scope)).includes(q.district))
        throw forbidden('无权查看该旗区的报警质量');
      const data = await alarmQualityData(db, scope, {
        from,
        to,
        district: q.district,
        enterpriseId: q.enterpriseId,
      });
      const points = new Map<string, AlarmQualityPoint[]>();
      const alarms = new Map<string, AlarmQualityAlarm[]>();
      const push = <T>(m: Map<string, T[]>, k: string, v: T) => {
        const l = m.get(k);
        if (l) l.push(v);
        else m.set(k, [v]);
      };
      for (const p of data.points)
        push(points, p.enterprise_id, { id: p.id, createdAt: p.created_at, offlineNow: !!p.offline_now });
      for (const a of data.alarms)
        push(alarms, a.enterprise_id, {
          pointId: a.point_id,
          level: a.level,
          openedAt: a.opened_at,
          acknowledgedAt: a.acknowledged_at,
          disposedAt: a.disposed_at,
          closedAt: a.closed_at,
          falseAlarm: a.false_alarm,
        });
      const window = { from, to, now };
      return {
        from: from.toISOString(),
        to: to.toISOString(),
        items: data.enterprises.map((e) => ({
          enterpriseId: e.id,
          enterpriseName: e.name,
          uscc: e.uscc,
          districtCode: e.district_code,
          ...alarmQuality({ ...window, points: points.get(e.id) ?? [], alarms: alarms.get(e.id) ?? [] }),
        })),
        totals: alarmQuality({
          ...window,
          points: [...points.values()].flat(),
          alarms: [...alarms.values()].flat(),
        }),
      };
    },
  );
};
