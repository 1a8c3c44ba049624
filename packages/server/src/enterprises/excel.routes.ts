import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import {
  districtName,
  enterpriseListQuerySchema,
  enterpriseScope,
  inEnterpriseScope,
  type Actor,
  type EnterpriseCreate,
} from '@zhiben/domain';
import type { DB, NewEnterprise } from '../db/types';
import { appendAudit, type AuditEntry } from '../audit/audit.repo';
import { auditContext, requirePermission } from '../http/context';
import { AppError, conflict, forbidden } from '../http/errors';
import type { OrgDirectory } from '../organizations/directory';
import { existingUsccs, insertEnterprises, iterateEnterprises } from './enterprises.repo';
import { presentEnterprise } from './enterprises.present';
import { checkDepartmentIds, toNewEnterprise } from './enterprises.service';
import {
  buildExport,
  buildTemplate,
  contentDisposition,
  duplicateRows,
  MAX_IMPORT_ROWS,
  parseImportRow,
  readImportWorkbook,
  shanghaiTime,
  toRowErrors,
  XLSX_MIME,
  type ImportSheet,
  type RowError,
} from './enterprises.excel';

export const IMPORT_MODES = ['validate', 'strict', 'valid-rows'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];
/** At most this many row errors are listed in one answer (errorCount has the full number). */
const MAX_LISTED_ERRORS = 1000;

const importQuery = z.object({
  mode: z
    .enum(IMPORT_MODES, {
      error: '导入方式 mode 必须是 validate（仅校验）、strict（有错全不导入）或 valid-rows（仅导入正确行）',
    })
    .default('strict'),
});
const exportQuery = enterpriseListQuerySchema.omit({ page: true, pageSize: true, sort: true });

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
  errors: z.array(rowErrorSchema),
  errorCount: z.number().int(),
});
export type ImportResult = z.infer<typeof importResult>;

let templateCache: Promise<Buffer> | null = null;

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

/** Row-level scope rule of createEnterprise: each row must land in the caller's scope. */
function scopeError(actor: Actor, row: NewEnterprise): { field: string; message: string } | null {
  const scope = enterpriseScope(actor);
  if (
    inEnterpriseScope(scope, { id: '', districtCode: row.district_code, departmentIds: row.department_ids })
  )
    return null;
  switch (scope.kind) {
    case 'district':
      return {
        field: 'districtCode',
        message: `超出本账号的管辖范围：只能导入${districtName(scope.districtCode) ?? scope.districtCode}的企业`,
      };
    case 'department':
      return {
        field: 'industryCode',
        message: '超出本账号的管辖范围：按行业代码和行业领域，该企业不由本部门监管',
      };
    default:
      return { field: 'districtCode', message: '超出本账号的管辖范围' };
  }
}

async function registered(db: Kysely<DB> | Transaction<DB>, usccs: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < usccs.length; i += 1000) {
    for (const u of await existingUsccs(db, usccs.slice(i, i + 1000))) out.add(u);
  }
  return out;
}

interface CheckedRow {
  row: number;
  data: EnterpriseCreate | null;
  errors: RowError[];
}

/** Every check of an import that does not write: schema, duplicates in the file, registered USCCs, scope. */
async function checkRows(
  db: Kysely<DB>,
  orgs: OrgDirectory,
  actor: Actor,
  sheet: ImportSheet,
): Promise<CheckedRow[]> {
  const checked: CheckedRow[] = sheet.rows.map((r) => {
    const { data, issues } = parseImportRow(r.values);
    return { row: r.row, data, errors: toRowErrors(sheet, r.row, issues) };
  });
  const fail = (c: CheckedRow, field: string, message: string) => {
    c.errors.push(...toRowErrors(sheet, c.row, [{ field, message }]));
    c.data = null;
  };

  // Duplicates within the file: compare every row whose USCC is well formed, valid row or not.
  const withUscc = checked.flatMap((c, i) => {
    const uscc = c.data?.uscc ?? normalizedUscc(sheet.rows[i]!.values.uscc);
    return uscc && !c.errors.some((e) => e.field === 'uscc') ? [{ c, row: c.row, uscc }] : [];
  });
  const dups = duplicateRows(withUscc);
  for (const { c } of withUscc) {
    const first = dups.get(c.row);
    if (first !== undefined) fail(c, 'uscc', `统一社会信用代码与第 ${first} 行重复`);
  }

  const taken = await registered(db, [...new Set(withUscc.map((x) => x.uscc))]);
  for (const { c, uscc } of withUscc) {
    if (taken.has(uscc)) fail(c, 'uscc', '统一社会信用代码已存在：该企业已登记，不能重复导入');
  }

  for (const c of checked) {
    if (!c.data) continue;
    const row = toNewEnterprise(c.data);
    const deptErrors = checkDepartmentIds(orgs, row.department_ids, row.district_code);
    for (const e of deptErrors) fail(c, e.path, e.message);
    const scope = scopeError(actor, row);
    if (scope) fail(c, scope.field, scope.message);
  }
  const colOrder = (c: string | null) => (c === null ? 'ZZZZ' : c.padStart(4, ' '));
  for (const c of checked) c.errors.sort((a, b) => colOrder(a.column).localeCompare(colOrder(b.column)));
  return checked;
}

function normalizedUscc(v: unknown): string | null {
  return typeof v === 'string' && /^[0-9A-Z]{18}$/i.test(v.trim()) ? v.trim().toUpperCase() : null;
}

export const enterpriseExcelRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;

  app.get(
    '/api/enterprises/template',
    {
      schema: {
        tags: ['enterprises'],
        summary: '下载企业台账导入模板 Download the xlsx import template',
        produces: [XLSX_MIME],
      },
    },
    async (req, reply) => {
      requirePermission(req, 'enterprises:import');
      templateCache ??= buildTemplate().catch((e: unknown) => {
        templateCache = null;
        throw e;
      });
      const buffer = await templateCache;
      return reply
        .header('content-type', XLSX_MIME)
        .header(
          'content-disposition',
          contentDisposition('企业台账导入模板.xlsx', 'enterprise-import-template.xlsx'),
        )
        .header('cache-control', 'private, max-age=3600')
        .send(buffer);
    },
  );

  app.post(
    '/api/enterprises/import',
    {
      schema: {
        tags: ['enterprises'],
        summary:
          '批量导入企业（xlsx） Import enterprises from an xlsx file (multipart field `file`; mode validate | strict | valid-rows; at most 20,000 rows)',
        description:
          'validate：仅校验，不导入；strict（默认）：任何一行有错误则全部不导入；valid-rows：只导入没有错误的行。' +
          `每次最多 ${MAX_IMPORT_ROWS} 行，文件不超过 20 MB。错误按行列出：row 为 Excel 行号，column 为列字母，header 为列名，field 为接口字段。`,
        consumes: ['multipart/form-data'],
        querystring: importQuery,
        response: { 200: importResult },
      },
    },
    async (req): Promise<ImportResult> => {
      const actor = requirePermission(req, 'enterprises:import');
      if (actor.enterpriseId) throw forbidden('企业账号不能批量导入企业');
      const { mode } = req.query;
      const { buffer, filename } = await readUpload(req);
      const sheet = await readImportWorkbook(buffer);
      const checked = await checkRows(db, app.orgs, actor, sheet);

      const errors = checked.flatMap((c) => c.errors);
      const valid = checked.filter((c) => c.data && c.errors.length === 0);
      const toInsert = mode === 'validate' || (mode === 'strict' && errors.length > 0) ? [] : valid;
      let imported = 0;
      if (mode !== 'validate') {
        const ctx = auditContext(req);
        try {
          imported = await db.transaction().execute(async (trx) => {
            const rows = toInsert.map((c) => toNewEnterprise(c.data!));
            const raced = await registered(
              trx,
              rows.map((r) => r.uscc),
            );
            if (raced.size) {
              throw conflict(
                '部分统一社会信用代码刚刚已被登记，本次未导入任何企业，请重新导入',
                [...raced].map((u) => ({ path: 'uscc', message: `${u} 已登记` })),
              );
            }
            const created = rows.length ? await insertEnterprises(trx, rows) : [];
            const entries: AuditEntry[] = created.map((e) => ({
              action: 'enterprise.import',
              entityType: 'enterprise',
              entityId: e.id,
              after: presentEnterprise(e, app.orgs),
            }));
            entries.push({
              action: 'enterprise.import_batch',
              entityType: 'import',
              entityId: randomUUID(),
              after: { total: checked.length, imported: created.length, mode, filename },
            });
            await appendAudit(trx, ctx, entries);
            return created.length;
          });
        } catch (e) {
          if ((e as { code?: string }).code === '23505') {
            throw conflict('部分统一社会信用代码刚刚已被登记，本次未导入任何企业，请重新导入', [
              { path: 'uscc', message: '统一社会信用代码已存在' },
            ]);
          }
          throw e;
        }
      }
      return {
        mode,
        total: checked.length,
        valid: valid.length,
        imported,
        errors: errors.slice(0, MAX_LISTED_ERRORS),
        errorCount: errors.length,
      };
    },
  );

  app.get(
    '/api/enterprises/export',
    {
      schema: {
        tags: ['enterprises'],
        summary:
          '导出企业台账（xlsx） Export the enterprises in the caller’s scope matching the list filters',
        querystring: exportQuery,
        produces: [XLSX_MIME],
      },
    },
    async (req, reply) => {
      const actor = requirePermission(req, 'enterprises:read');
      const filters = req.query;
      const pages = async function* () {
        for await (const rows of iterateEnterprises(db, enterpriseScope(actor), filters)) {
          yield rows.map((r) => presentEnterprise(r, app.orgs));
        }
      };
      const { buffer, count } = await buildExport(pages());
      // Exports carry personal data (ID numbers, phones): who exported what is recorded.
      await db
        .transaction()
        .execute((trx) =>
          appendAudit(trx, auditContext(req), [
            { action: 'enterprise.export', entityType: 'export', entityId: null, after: { count, filters } },
          ]),
        );
      const stamp = shanghaiTime(new Date().toISOString()).replace(/[-: ]/g, '').slice(0, 12);
      return reply
        .header('content-type', XLSX_MIME)
        .header(
          'content-disposition',
          contentDisposition(`企业台账-${stamp}.xlsx`, `enterprises-${stamp}.xlsx`),
        )
        .header('cache-control', 'no-store')
        .send(buffer);
    },
  );
};
