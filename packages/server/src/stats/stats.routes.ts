import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'kysely';
import {
  ZERO_CLEARING_MILESTONES,
  districtName,
  evaluateMilestones,
  findIndustry,
  hazardStateName,
  hazardStatsQuerySchema,
  queryInstant,
  rectificationRate,
  sectorName,
  HAZARD_SOURCES,
  type ZeroClearingInput,
} from '@zhiben/domain';
import { requireActor } from '../http/context';
import { cachedStats } from './cache';
import { hazardStatsRows } from './hazard-stats';
import { enterpriseScope, type Actor, type HazardStatsQuery } from '@zhiben/domain';
import { whereHazardInScope } from '../hazards/hazards.repo';

const scopeKey = (a: Actor) =>
  a.role === 'expert' ? `expert:${a.userId}` : JSON.stringify(enterpriseScope(a));
const endOfDay = (day: string) => new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86_400_000);

export const statsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;

  app.get(
    '/api/stats/hazards',
    {
      schema: {
        tags: ['stats'],
        summary:
          '隐患统计 Hazard statistics grouped by district, industry, sector, grade, status, source, department or month (caller’s scope)',
        querystring: hazardStatsQuerySchema,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      // Read from the rollup (hazard-stats.ts): fast and exact at every moment, so not cached.
      return hazardStats(actor, req.query);
    },
  );

  async function hazardStats(actor: Actor, q: HazardStatsQuery) {
    const rows = await hazardStatsRows(db, actor, q);
    const label = (k: string): string => {
      switch (q.groupBy) {
        case 'district':
          return districtName(k) ?? k;
        case 'industry':
          return findIndustry(k)?.name ?? k;
        case 'sector':
          return sectorName(k);
        case 'grade':
          return k === 'major' ? '重大事故隐患' : '一般事故隐患';
        case 'status':
          return hazardStateName(k);
        case 'source':
          return HAZARD_SOURCES.find((s) => s.code === k)?.name ?? k;
        case 'department':
          return (
            app.orgs.list.find((o) => o.deptCode === k)?.name.replace(/^鄂尔多斯市/, '') ?? (k || '未指定')
          );
        case 'month':
          return k;
      }
    };
    return {
      groupBy: q.groupBy,
      rows: rows.map((r) => ({
        key: r.key,
        label: label(r.key),
        total: r.total,
        open: r.open,
        closed: r.closed,
        overdue: r.overdue,
        major: r.major,
        general: r.general,
        rectificationRate: rectificationRate(r.closed, r.total - r.dismissed),
        avgDaysToClose: r.avgDays === null ? null : Math.round(r.avgDays * 10) / 10,
      })),
    };
  }

  app.get(
    '/api/stats/zero-clearing',
    {
      schema: {
        tags: ['stats'],
        summary:
          '重大事故隐患动态清零里程碑 The seed’s dynamic-zero milestones as of a time (caller’s scope)',
        querystring: z.object({
          asOf: queryInstant('asOf').optional(),
        }),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const asOf = req.query.asOf ? new Date(req.query.asOf) : new Date();
      // Without an explicit asOf, "now" is rounded to the minute so the cache can serve it.
      const at = req.query.asOf ? asOf : new Date(Math.floor(asOf.getTime() / 60_000) * 60_000);
      return cachedStats(`zero:${scopeKey(actor)}:${at.toISOString()}`, () => zeroClearing(actor, at));
    },
  );

  async function zeroClearing(actor: Actor, asOf: Date) {
    {
      const majors = () =>
        whereHazardInScope(db.selectFrom('hazards'), actor)
          .where('hazards.grade', '=', 'major')
          .where('hazards.status', '!=', 'dismissed');
      const stockEnd = new Date('2024-01-01T00:00:00+08:00');
      // The numbers at the end of each milestone day, or as of now for a milestone still ahead.
      const at = (day: string) => {
        const end = endOfDay(day);
        return end.getTime() > asOf.getTime() ? asOf : end;
      };
      const stockTotal = Number(
        (
          await majors()
            .where('hazards.discovered_at', '<', stockEnd)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      const stockOpenAt: Record<string, number> = {};
      const majorsAt: Record<string, { open: number; overdue: number }> = {};
      for (const m of ZERO_CLEARING_MILESTONES) {
        const t = at(m.date);
        const stock = await majors()
          .where('hazards.discovered_at', '<', stockEnd)
          .where((eb) => eb.or([eb('hazards.closed_at', 'is', null), eb('hazards.closed_at', '>=', t)]))
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow();
        stockOpenAt[m.date] = Number(stock.n);
        const open = await majors()
          .where('hazards.discovered_at', '<', t)
          .where((eb) => eb.or([eb('hazards.closed_at', 'is', null), eb('hazards.closed_at', '>=', t)]))
          .select([
            sql<string>`count(*)`.as('open'),
            sql<string>`count(*) filter (where hazards.deadline < ${t})`.as('overdue'),
          ])
          .executeTakeFirstOrThrow();
        majorsAt[m.date] = { open: Number(open.open), overdue: Number(open.overdue) };
      }
      const found = await majors()
        .where('hazards.discovered_at', '<', asOf)
        .select([
          sql<string>`to_char(hazards.discovered_at at time zone 'Asia/Shanghai', 'YYYY-MM')`.as('month'),
          sql<string>`count(*)`.as('n'),
        ])
        .groupBy(sql`1`)
        .execute();
      const closed = await majors()
        .where('hazards.closed_at', '<', asOf)
        .select([
          sql<string>`to_char(hazards.closed_at at time zone 'Asia/Shanghai', 'YYYY-MM')`.as('month'),
          sql<string>`count(*)`.as('n'),
        ])
        .groupBy(sql`1`)
        .execute();
      const months = [...new Set([...found, ...closed].map((r) => r.month))].sort();
      const monthly = months.map((month) => ({
        month,
        found: Number(found.find((r) => r.month === month)?.n ?? 0),
        closed: Number(closed.find((r) => r.month === month)?.n ?? 0),
      }));
      const now = await majors()
        .where('hazards.status', 'in', ['reported', 'rectifying', 'pending_acceptance'])
        .select([
          sql<string>`count(*)`.as('open'),
          sql<string>`count(*) filter (where hazards.deadline < ${asOf})`.as('overdue'),
        ])
        .executeTakeFirstOrThrow();
      const input: ZeroClearingInput = { stockTotal, stockOpenAt, monthly, majorsAt };
      return {
        asOf: asOf.toISOString(),
        stock: { total: stockTotal, openAt: stockOpenAt },
        monthly,
        current: { openMajor: Number(now.open), overdueMajor: Number(now.overdue) },
        milestones: evaluateMilestones(input, asOf),
        note: '逾期按隐患当前整改期限计算（延期获批后以新期限为准）',
      };
    }
  }
};
