import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'kysely';
import { CRITERIA_SECTORS, CRITERIA_PENDING_TEXT_LABEL } from '@zhiben/domain';
import { auditContext, requireActor } from '../http/context';
import { conflict, forbidden, invalid, notFound } from '../http/errors';
import { appendAudit } from '../audit/audit.repo';
import type { Selectable } from 'kysely';
import type { CriteriaItemsTable } from '../db/types';
import { containsPattern } from '../db/like';

const day = (label: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`);
const sectorCodes = CRITERIA_SECTORS.map((s) => s.code) as unknown as [string, ...string[]];

const itemSchema = z.object({
  code: z
    .string({ error: '请填写条目编号' })
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, '条目编号为2–32位大写字母、数字或连字符'),
  sector: z.enum(sectorCodes, { error: '行业判定标准类别无效' }),
  version: z.string({ error: '请填写版本' }).trim().min(1, '请填写版本').max(20),
  name: z.string({ error: '请填写条目简称' }).trim().min(2, '条目简称至少2个字符').max(100),
  description: z.string().trim().max(4000).default(''),
  source: z.string({ error: '请填写依据文件' }).trim().min(2, '请填写依据文件').max(200),
  article: z.string().trim().max(100).default(''),
  effectiveFrom: day('生效日期'),
  effectiveTo: day('失效日期').nullish(),
});

const present = (r: Selectable<CriteriaItemsTable>) => ({
  id: r.id,
  code: r.code,
  sector: r.sector,
  sectorName: CRITERIA_SECTORS.find((s) => s.code === r.sector)?.name ?? r.sector,
  version: r.version,
  name: r.name,
  description: r.description,
  source: r.source,
  article: r.article,
  effectiveFrom: String(r.effective_from).slice(0, 10),
  effectiveTo: r.effective_to ? String(r.effective_to).slice(0, 10) : null,
  builtin: r.builtin,
});

export const criteriaRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  const canEdit = (role: string) => role === 'sysadmin' || role === 'city_office';

  app.get(
    '/api/criteria',
    {
      schema: {
        tags: ['criteria'],
        summary: '重大事故隐患判定标准库 Judgement criteria items',
        querystring: z.object({
          sector: z.enum(sectorCodes, { error: '行业判定标准类别无效' }).optional(),
          q: z.string().trim().max(100).optional(),
          inForceOn: day('日期').optional(),
        }),
      },
    },
    async (req) => {
      requireActor(req);
      let q = db.selectFrom('criteria_items').selectAll();
      if (req.query.sector) q = q.where('sector', '=', req.query.sector);
      if (req.query.q) {
        const like = containsPattern(req.query.q);
        q = q.where((eb) =>
          eb.or([eb('name', 'ilike', like), eb('code', 'ilike', like), eb('description', 'ilike', like)]),
        );
      }
      if (req.query.inForceOn) {
        const d = req.query.inForceOn;
        q = q.where(
          sql<boolean>`effective_from <= ${d}::date and (effective_to is null or effective_to >= ${d}::date)`,
        );
      }
      // Sectors in the library's order (hazardous chemicals first), items in force today before retired ones.
      const order = sql`array_position(${sql.val(CRITERIA_SECTORS.map((x) => x.code))}::text[], sector)`;
      const rows = await q
        .orderBy(order)
        .orderBy(sql`(effective_to is null or effective_to >= current_date)`, 'desc')
        .orderBy('code')
        .execute();
      const counts = await db
        .selectFrom('criteria_items')
        .select(['sector', (eb) => eb.fn.countAll<string>().as('n')])
        .groupBy('sector')
        .execute();
      return {
        items: rows.map(present),
        sectors: CRITERIA_SECTORS.map((s) => {
          const n = Number(counts.find((c) => c.sector === s.code)?.n ?? 0);
          return { ...s, items: n, pendingText: n === 0 ? CRITERIA_PENDING_TEXT_LABEL : null };
        }),
      };
    },
  );

  app.post(
    '/api/criteria',
    {
      schema: {
        tags: ['criteria'],
        summary: '新增判定标准条目 Add a criteria item (city administrators)',
        body: itemSchema,
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      if (!canEdit(actor.role)) throw forbidden('仅市安委办和系统管理员可维护判定标准库');
      const b = req.body;
      if (b.effectiveTo && b.effectiveTo < b.effectiveFrom)
        throw invalid([{ path: 'effectiveTo', message: '失效日期不能早于生效日期' }]);
      const row = await db.transaction().execute(async (trx) => {
        const exists = await trx
          .selectFrom('criteria_items')
          .select('id')
          .where('code', '=', b.code)
          .executeTakeFirst();
        if (exists)
          throw conflict('条目编号已存在', [
            { path: 'code', message: '条目编号已存在；新版本请使用新的编号' },
          ]);
        const r = await trx
          .insertInto('criteria_items')
          .values({
            code: b.code,
            sector: b.sector,
            version: b.version,
            name: b.name,
            description: b.description,
            source: b.source,
            article: b.article,
            effective_from: b.effectiveFrom,
            effective_to: b.effectiveTo ?? null,
            builtin: false,
            updated_at: new Date(),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendAudit(trx, auditContext(req), [
          { action: 'criteria.create', entityType: 'criteria_item', entityId: r.id, after: present(r) },
        ]);
        return r;
      });
      return reply.status(201).send(present(row));
    },
  );

  app.patch(
    '/api/criteria/:id',
    {
      schema: {
        tags: ['criteria'],
        summary: '修改或停用判定标准条目 Update or retire an added item (set effectiveTo to version it)',
        params: z.object({ id: z.string().uuid() }),
        body: itemSchema.omit({ code: true, sector: true }).partial(),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!canEdit(actor.role)) throw forbidden('仅市安委办和系统管理员可维护判定标准库');
      return db.transaction().execute(async (trx) => {
        const before = await trx
          .selectFrom('criteria_items')
          .selectAll()
          .where('id', '=', req.params.id)
          .executeTakeFirst();
        if (!before) throw notFound('判定标准条目');
        const b = req.body;
        // Built-in items follow the national text; only their end date may be set locally.
        if (before.builtin && Object.keys(b).some((k) => k !== 'effectiveTo')) {
          throw forbidden('内置条目依据国家标准文本，只能设置失效日期');
        }
        const set: Record<string, unknown> = { updated_at: new Date() };
        if (b.version !== undefined) set.version = b.version;
        if (b.name !== undefined) set.name = b.name;
        if (b.description !== undefined) set.description = b.description;
        if (b.source !== undefined) set.source = b.source;
        if (b.article !== undefined) set.article = b.article;
        if (b.effectiveFrom !== undefined) set.effective_from = b.effectiveFrom;
        if (b.effectiveTo !== undefined) set.effective_to = b.effectiveTo;
        const after = await trx
          .updateTable('criteria_items')
          .set(set)
          .where('id', '=', req.params.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendAudit(trx, auditContext(req), [
          {
            action: 'criteria.update',
            entityType: 'criteria_item',
            entityId: after.id,
            before: present(before),
            after: present(after),
          },
        ]);
        return present(after);
      });
    },
  );
};
