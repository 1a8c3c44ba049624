import { bumpHazardStats } from '../stats/cache';
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import {
  can,
  districtName,
  enterpriseScope,
  hazardCode,
  hazardListQuerySchema,
  inEnterpriseScope,
  shanghaiDay,
  shanghaiYear,
  type Actor,
  type HazardListQuery,
} from '@zhiben/domain';
import type { DB } from '../db/types';
import { appendAudit, type AuditEntry } from '../audit/audit.repo';
import { auditContext, requireActor } from '../http/context';
import { AppError, forbidden } from '../http/errors';
import type { OrgDirectory } from '../organizations/directory';
import { nextHazardSeq, whereHazardFilters, whereHazardInScope } from './hazards.repo';
import { presentHazard } from './hazards.present';
import {
  buildLedger,
  buildTemplate,
  contentDisposition,
  MAX_EXPORT_ROWS,
  MAX_IMPORT_ROWS,
  parseImportRow,
  readImportWorkbook,
  shanghaiTime,
  toRowErrors,
  XLSX_MIME,
  type ImportSheet,
  type LedgerRow,
  type ParsedHazard,
  type RowError,
} from './hazards.excel';

export const IMPORT_MODES = ['validate', 'strict', 'valid-rows'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];
/** At most this many row errors are listed in one answer (errorCount has the full number). */
const MAX_LISTED_ERRORS = 1000;
/** Rows fetched per page while writing an export. */
const EXPORT_PAGE = 2000;

const importQuery = z.object({
  mode: z
    .enum(IMPORT_MODES, {
      error: '导入方式 mode 必须是 validate（仅校验）、strict（有错全不导入）或 valid-rows（仅导入正确行）',
    })
    .default('strict'),
});
const exportQuery = hazardListQuerySchema.omit({ page: true, pageSize: true, sort: true });
type ExportFilters = z.infer<typeof exportQuery>;

const rowErrorSchema = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  header: z.string().nullable(),
  field: z.string(),
  message: z.string(),
});
const importResult = z.object({
  mode: z.enum(IMPORT_MODES),
  total: z.number().int(),
  valid: z.number().int(),
  imported: z.number().int(),
  skipped: z.number().int(),
  errors: z.array(rowErrorSchema),
  errorCount: z.number().int(),
  created: z.array(z.object({ row: z.number().int(), id: z.string(), code: z.string() })),
});
export type HazardImportResult = z.infer<typeof importResult>;

type Db = Kysely<DB> | Transaction<DB>;

const fileProblem = (message: string) => new AppError('bad_request', message, [{ path: 'file', message }]);

/** The uploaded file of field `file`, read into memory (the multipart plugin caps it at 20 MB). */
async function readUpload(req: FastifyRequest): Promise<{ buffer: Buffer; filename: string }> {
  if (!req.isMultipart()) throw fileProblem('请以 multipart/form-data 上传 xlsx 文件（字段名 file）');
  const part = await req.file().catch((e: unknown) => {
    throw uploadError(e);
  });
  if (!part) throw fileProblem('缺少上传文件：请在字段 file 中上传 xlsx 文件');
  if (part.fieldname !== 'file') {
    part.file.resume();
    throw fileProblem(`文件应放在字段 file 中（收到的是“${part.fieldname}”）`);
  }
  const buffer = await part.toBuffer().catch((e: unknown) => {
    throw uploadError(e);
  });
  if (buffer.length === 0) throw fileProblem('上传的文件是空的');
  return { buffer, filename: part.filename || 'upload.xlsx' };
}

function uploadError(e: unknown): unknown {
  const code = (e as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') {
    return new AppError(
      'payload_too_large',
      `文件超过 20 MB 上限（每次最多 ${MAX_IMPORT_ROWS} 行），请拆分后分批导入`,
      [{ path: 'file', message: '文件过大' }],
    );
  }
  return e;
}

/**
 * Who may import historical hazards: the city office, a district office (its district) and inspectors
 * (the enterprises their department regulates). API tokens need the bulk-import scope.
 */
function requireImporter(req: FastifyRequest): Actor {
  const actor = requireActor(req);
  const scope = enterpriseScope(actor);
  const role =
    (actor.role === 'city_office' && scope.kind === 'all') ||
    (actor.role === 'district_office' && scope.kind === 'district') ||
    (actor.role === 'inspector' && scope.kind === 'department');
  if (!role) throw forbidden('只有市安委办、旗区安委办和负有监管职责的部门可以导入历史隐患');
  if (!can(actor, 'enterprises:import')) throw forbidden('当前令牌无批量导入（enterprises:import）权限');
  return actor;
}

interface EnterpriseRef {
  id: string;
  name: string;
  uscc: string;
  district_code: string;
  industry_code: string;
  sectors: string[];
  department_ids: string[];
}
interface CriterionRef {
  id: string;
  code: string;
  name: string;
  effective_from: string;
  effective_to: string | null;
}

interface CheckedRow {
  row: number;
  data: ParsedHazard | null;
  errors: RowError[];
  enterprise?: EnterpriseRef;
  criterion?: CriterionRef | null;
  departmentCode?: string | null;
}

async function chunked<T, R>(items: T[], size: number, f: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await f(items.slice(i, i + size))));
  return out;
}

const ymd = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v)).slice(0, 10);

/** Every check of an import that does not write: cells, enterprise and scope, criterion, duplicates. */
async function checkRows(
  db: Db,
  orgs: OrgDirectory,
  actor: Actor,
  sheet: ImportSheet,
  now: Date,
): Promise<CheckedRow[]> {
  const checked: CheckedRow[] = sheet.rows.map((r) => {
    const { data, issues } = parseImportRow(r.values, now);
    return { row: r.row, data, errors: toRowErrors(sheet, r.row, issues) };
  });
  const fail = (c: CheckedRow, field: string, message: string) => {
    c.errors.push(...toRowErrors(sheet, c.row, [{ field, message }]));
    c.data = null;
  };
  const parsed = () => checked.filter((c): c is CheckedRow & { data: ParsedHazard } => c.data !== null);

  // Enterprises by USCC: registered, and in the caller's scope.
  const usccs = [...new Set(parsed().map((c) => c.data.uscc))];
  const ents = await chunked(usccs, 1000, (chunk) =>
    db
      .selectFrom('enterprises')
      .select(['id', 'name', 'uscc', 'district_code', 'industry_code', 'sectors', 'department_ids'])
      .where('uscc', 'in', chunk)
      .execute(),
  );
  const byUscc = new Map(ents.map((e) => [e.uscc, e]));
  const scope = enterpriseScope(actor);
  for (const c of parsed()) {
    const e = byUscc.get(c.data.uscc);
    if (!e) {
      fail(c, 'enterprise', `统一社会信用代码为 ${c.data.uscc} 的企业未在平台登记，请先登记或导入该企业`);
      continue;
    }
    if (
      !inEnterpriseScope(scope, { id: e.id, districtCode: e.district_code, departmentIds: e.department_ids })
    ) {
      const where =
        scope.kind === 'district'
          ? `只能导入${districtName(scope.districtCode) ?? scope.districtCode}企业的隐患`
          : scope.kind === 'department'
            ? '只能导入本部门监管企业的隐患'
            : '';
      fail(c, 'enterprise', `该企业（${e.name}）不在本账号的管辖范围内${where ? `：${where}` : ''}`);
      continue;
    }
    c.enterprise = e;
  }

  // Criteria by code, in force on the discovery day (Asia/Shanghai).
  const codes = [...new Set(parsed().flatMap((c) => (c.data.criterionCode ? [c.data.criterionCode] : [])))];
  const crits = codes.length
    ? await chunked(codes, 1000, (chunk) =>
        db
          .selectFrom('criteria_items')
          .select(['id', 'code', 'name', 'effective_from', 'effective_to'])
          .where(sql<string>`upper(code)`, 'in', chunk)
          .execute(),
      )
    : [];
  const byCode = new Map(crits.map((c) => [c.code.toUpperCase(), c]));
  for (const c of parsed()) {
    if (!c.data.criterionCode) {
      c.criterion = null;
      continue;
    }
    const item = byCode.get(c.data.criterionCode);
    if (!item) {
      fail(c, 'criterionCode', `判定标准条目“${c.data.criterionCode}”不存在（条目编号见“填写说明”工作表）`);
      continue;
    }
    const day = shanghaiDay(c.data.discoveredAt);
    const from = ymd(item.effective_from);
    const to = item.effective_to ? ymd(item.effective_to) : null;
    if (day < from || (to !== null && day > to)) {
      fail(
        c,
        'criterionCode',
        `条目 ${item.code} 的有效期为 ${from} 至 ${to ?? '今'}，发现之日（${day}）不在有效期内，请按发现之日有效的版本判定`,
      );
      continue;
    }
    c.criterion = item;
  }

  // Responsible department: the column, or the first of the enterprise's regulators.
  for (const c of parsed()) {
    if (!c.enterprise) continue;
    if (c.data.departmentCode) {
      if (!orgs.list.some((o) => o.deptCode === c.data.departmentCode)) {
        fail(c, 'departmentCode', '责任部门不存在');
        continue;
      }
      c.departmentCode = c.data.departmentCode;
    } else {
      c.departmentCode =
        c.enterprise.department_ids.map((id) => orgs.get(id)?.deptCode).find((x): x is string => !!x) ?? null;
    }
  }

  // Duplicates within the file: same enterprise, name and discovery time.
  const seen = new Map<string, number>();
  for (const c of parsed()) {
    const key = `${c.data.uscc}|${c.data.title}|${Date.parse(c.data.discoveredAt)}`;
    const first = seen.get(key);
    if (first !== undefined) fail(c, 'title', `与第 ${first} 行重复（同一企业、同一隐患名称、同一发现时间）`);
    else seen.set(key, c.row);
  }

  // Already on the platform: by the ledger's 隐患编号, or by enterprise, name and discovery time.
  const ledgerCodes = [...new Set(parsed().flatMap((c) => (c.data.code ? [c.data.code] : [])))];
  const taken = new Set(
    (
      await chunked(ledgerCodes, 1000, (chunk) =>
        db.selectFrom('hazards').select('code').where('code', 'in', chunk).execute(),
      )
    ).map((r) => r.code),
  );
  for (const c of parsed()) {
    if (c.data.code && taken.has(c.data.code))
      fail(c, 'code', `隐患编号 ${c.data.code} 已在平台中，不能重复导入`);
  }
  const candidates = parsed().filter((c) => c.enterprise);
  const existing = await chunked(candidates, 1000, async (chunk) => {
    const r = await sql<{ enterprise_id: string; title: string; discovered_at: Date }>`
      select h.enterprise_id, h.title, h.discovered_at
      from hazards h
      join unnest(${chunk.map((c) => c.enterprise!.id)}::uuid[], ${chunk.map((c) => c.data!.title)}::text[],
                  ${chunk.map((c) => c.data!.discoveredAt)}::timestamptz[]) as u(e, t, d)
        on h.enterprise_id = u.e and h.title = u.t and h.discovered_at = u.d
    `.execute(db);
    return r.rows;
  });
  const onPlatform = new Set(
    existing.map((r) => `${r.enterprise_id}|${r.title}|${new Date(r.discovered_at).getTime()}`),
  );
  for (const c of candidates) {
    if (!c.data) continue;
    if (onPlatform.has(`${c.enterprise!.id}|${c.data.title}|${Date.parse(c.data.discoveredAt)}`)) {
      fail(c, 'title', '平台中已有该企业同一名称、同一发现时间的隐患，不能重复导入');
    }
  }

  const colOrder = (c: string | null) => (c === null ? 'ZZZZ' : c.padStart(4, ' '));
  for (const c of checked) c.errors.sort((a, b) => colOrder(a.column).localeCompare(colOrder(b.column)));
  return checked;
}

type Ready = CheckedRow & { data: ParsedHazard; enterprise: EnterpriseRef };

/** Inserts checked rows in one transaction: codes through nextHazardSeq, an 'import' event each, audit. */
async function insertImported(
  trx: Transaction<DB>,
  actor: Actor,
  rows: Ready[],
  filename: string,
  now: Date,
): Promise<{ entries: AuditEntry[]; created: Array<{ row: number; id: string; code: string }> }> {
  const values = [];
  for (const c of rows) {
    const d = c.data;
    const e = c.enterprise;
    const year = shanghaiYear(d.discoveredAt);
    const seq = await nextHazardSeq(trx, e.district_code, year);
    values.push({
      code: hazardCode(e.district_code, year, seq),
      enterprise_id: e.id,
      district_code: e.district_code,
      industry_code: e.industry_code,
      sectors: e.sectors,
      grade: d.grade,
      criterion_id: c.criterion?.id ?? null,
      title: d.title,
      description: d.description,
      location: d.location,
      source: d.source,
      discovered_at: new Date(d.discoveredAt),
      discovered_by: null,
      discovered_by_name: d.discoveredBy,
      status: d.status,
      deadline: d.deadline ? new Date(d.deadline) : null,
      plan: d.plan ? JSON.stringify(d.plan) : null,
      department_code: c.departmentCode ?? null,
      department_ids: e.department_ids,
      attachment_ids: [],
      rejections: d.rejections,
      supervised: d.supervised,
      supervision: d.supervised
        ? JSON.stringify({
            body: '（历史导入，督办单位未记录）',
            deadline: d.deadline ?? d.discoveredAt,
            note: '历史数据导入',
            at: d.discoveredAt,
          })
        : null,
      closed_at: d.closedAt ? new Date(d.closedAt) : null,
      accepted_by: null,
      accepted_by_name: d.status === 'closed' ? d.acceptedBy : null,
      updated_at: now,
    });
  }
  const entries: AuditEntry[] = [];
  const created: Array<{ row: number; id: string; code: string }> = [];
  for (let i = 0; i < values.length; i += 500) {
    const inserted = await trx
      .insertInto('hazards')
      .values(values.slice(i, i + 500))
      .returningAll()
      .execute();
    const batch = rows.slice(i, i + 500);
    await trx
      .insertInto('hazard_events')
      .values(
        inserted.map((h, k) => ({
          hazard_id: h.id,
          action: 'import',
          from_status: null,
          to_status: h.status,
          actor_id: actor.userId,
          actor_name: actor.displayName,
          data: JSON.stringify({
            source: h.source,
            grade: h.grade,
            file: filename,
            row: batch[k]!.row,
            ledgerCode: batch[k]!.data.code,
          }),
          attachment_ids: [],
        })),
      )
      .execute();
    inserted.forEach((h, k) => {
      const c = batch[k]!;
      created.push({ row: c.row, id: h.id, code: h.code });
      entries.push({
        action: 'hazard.import',
        entityType: 'hazard',
        entityId: h.id,
        after: presentHazard(
          { ...h, enterprise_name: c.enterprise.name },
          now,
          c.criterion ? { code: c.criterion.code, name: c.criterion.name } : null,
        ),
      });
    });
  }
  return { entries, created };
}

/** Ledger rows page by page, newest first, by keyset (discovered_at, id): one page in memory at a time. */
async function* ledgerPages(
  db: Kysely<DB>,
  actor: Actor,
  filters: ExportFilters,
  now: Date,
  limit: number,
): AsyncGenerator<LedgerRow[]> {
  let last: { k: string; id: string } | null = null;
  let sent = 0;
  while (sent < limit) {
    let q = whereHazardFilters(whereHazardInScope(db.selectFrom('hazards'), actor), filters, now);
    if (last) {
      const l = last;
      q = q.where(sql<boolean>`(hazards.discovered_at, hazards.id) < (${l.k}::timestamptz, ${l.id}::uuid)`);
    }
    const rows = await q
      .innerJoin('enterprises', 'enterprises.id', 'hazards.enterprise_id')
      .leftJoin('criteria_items', 'criteria_items.id', 'hazards.criterion_id')
      .select([
        'hazards.id',
        sql<string>`hazards.discovered_at::text`.as('k'),
        'hazards.code',
        'enterprises.name as enterprise_name',
        'enterprises.uscc as enterprise_uscc',
        'hazards.district_code',
        'hazards.grade',
        'criteria_items.code as criterion_code',
        'criteria_items.name as criterion_name',
        'hazards.title',
        'hazards.description',
        'hazards.location',
        'hazards.source',
        'hazards.discovered_at',
        'hazards.discovered_by_name',
        'hazards.deadline',
        'hazards.status',
        'hazards.department_code',
        'hazards.plan',
        'hazards.supervised',
        'hazards.closed_at',
        'hazards.accepted_by_name',
        'hazards.rejections',
      ])
      .orderBy('hazards.discovered_at', 'desc')
      .orderBy('hazards.id', 'desc')
      .limit(Math.min(EXPORT_PAGE, limit - sent))
      .execute();
    if (rows.length === 0) return;
    yield rows;
    sent += rows.length;
    const tail = rows[rows.length - 1]!;
    last = { k: tail.k, id: tail.id };
    if (rows.length < EXPORT_PAGE) return;
  }
}

export const hazardExcelRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;

  app.get(
    '/api/hazards/export',
    {
      schema: {
        tags: ['hazards'],
        summary: `导出隐患台账（xlsx） Export the hazards in the caller’s scope matching the list filters (at most ${MAX_EXPORT_ROWS} rows)`,
        description:
          '筛选条件与隐患清单（GET /api/hazards）相同，按发现时间倒序；第一行为表头，时间为北京时间。' +
          `单次最多导出 ${MAX_EXPORT_ROWS} 条，超出时返回 400，请缩小筛选范围。`,
        querystring: exportQuery,
        produces: [XLSX_MIME],
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const filters = req.query;
      const now = new Date();
      const { n } = await whereHazardFilters(
        whereHazardInScope(db.selectFrom('hazards'), actor),
        filters as Omit<HazardListQuery, 'page' | 'pageSize' | 'sort'>,
        now,
      )
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      const total = Number(n);
      if (total > MAX_EXPORT_ROWS) {
        throw new AppError(
          'bad_request',
          `符合条件的隐患共 ${total} 条，超过单次导出上限 ${MAX_EXPORT_ROWS} 条，请缩小筛选范围（如按旗区、状态、等级或发现时间）后分批导出`,
          [{ path: 'query', message: `最多导出 ${MAX_EXPORT_ROWS} 条` }],
          { total, limit: MAX_EXPORT_ROWS },
        );
      }
      const { buffer, count } = await buildLedger(ledgerPages(db, actor, filters, now, MAX_EXPORT_ROWS), now);
      // The ledger names enterprises and people: who exported what is recorded.
      await db
        .transaction()
        .execute((trx) =>
          appendAudit(trx, auditContext(req), [
            { action: 'hazard.export', entityType: 'export', entityId: null, after: { count, filters } },
          ]),
        );
      const stamp = shanghaiTime(now.toISOString()).replace(/[-: ]/g, '').slice(0, 12);
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', contentDisposition(`隐患台账-${stamp}.xlsx`, `hazards-${stamp}.xlsx`))
        .header('x-total-count', String(count))
        .header('cache-control', 'no-store')
        .send(buffer);
    },
  );

  app.get(
    '/api/hazards/template',
    {
      schema: {
        tags: ['hazards'],
        summary: '下载历史隐患导入模板 Download the xlsx template for importing historical hazards',
        produces: [XLSX_MIME],
      },
    },
    async (req, reply) => {
      requireImporter(req);
      // Built per request: the guide lists the criteria items, which city administrators may add to.
      const criteria = await db
        .selectFrom('criteria_items')
        .select(['code', 'sector', 'name', 'effective_from', 'effective_to'])
        .orderBy('sector')
        .orderBy('code')
        .execute();
      const buffer = await buildTemplate(criteria);
      return reply
        .header('content-type', XLSX_MIME)
        .header(
          'content-disposition',
          contentDisposition('历史隐患导入模板.xlsx', 'hazard-import-template.xlsx'),
        )
        .header('cache-control', 'no-store')
        .send(buffer);
    },
  );

  app.post(
    '/api/hazards/import',
    {
      schema: {
        tags: ['hazards'],
        summary:
          '导入历史隐患（xlsx） Import historical hazards from an xlsx file (multipart field `file`; mode validate | strict | valid-rows; at most 20,000 rows)',
        description:
          'validate：仅校验，不导入；strict（默认）：任何一行有错误则全部不导入；valid-rows：只导入没有错误的行。' +
          `每次最多 ${MAX_IMPORT_ROWS} 行，文件不超过 20 MB。错误按行列出：row 为 Excel 行号，column 为列字母，header 为列名，field 为字段。` +
          '市安委办可导入全市企业的隐患，旗区安委办只能导入本旗区企业的隐患，监管部门只能导入本部门监管企业的隐患。',
        consumes: ['multipart/form-data'],
        querystring: importQuery,
        response: { 200: importResult },
      },
    },
    async (req): Promise<HazardImportResult> => {
      const actor = requireImporter(req);
      const { mode } = req.query;
      const now = new Date();
      const { buffer, filename } = await readUpload(req);
      const sheet = await readImportWorkbook(buffer);
      const checked = await checkRows(db, app.orgs, actor, sheet, now);

      const errors = checked.flatMap((c) => c.errors);
      const valid = checked.filter((c): c is Ready => !!c.data && !!c.enterprise && c.errors.length === 0);
      const toInsert = mode === 'validate' || (mode === 'strict' && errors.length > 0) ? [] : valid;
      let created: HazardImportResult['created'] = [];
      if (mode !== 'validate') {
        const ctx = auditContext(req);
        created = await db.transaction().execute(async (trx) => {
          const r = await insertImported(trx, actor, toInsert, filename, now);
          r.entries.push({
            action: 'hazard.import_batch',
            entityType: 'import',
            entityId: randomUUID(),
            after: {
              total: checked.length,
              imported: r.created.length,
              errors: errors.length,
              mode,
              filename,
            },
          });
          await appendAudit(trx, ctx, r.entries);
          return r.created;
        });
        bumpHazardStats();
      }
      return {
        mode,
        total: checked.length,
        valid: valid.length,
        imported: created.length,
        skipped: sheet.skipped,
        errors: errors.slice(0, MAX_LISTED_ERRORS),
        errorCount: errors.length,
        created,
      };
    },
  );
};
