/**
 * Enterprise registry ⇄ Excel (xlsx): the template, the export and the parsing of an import, kept free
 * of HTTP and database access. Columns are matched by header text, never by position, so an export
 * (which has two extra columns) can be edited and imported again.
 */
import { inflateRawSync } from 'node:zlib';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  CATEGORIES,
  DISTRICTS,
  ENTERPRISE_SCALES,
  ENTERPRISE_STATUSES,
  INDUSTRIES,
  INDUSTRY_SECTIONS,
  SECTORS,
  STANDARDIZATION_LEVELS,
  categoryName,
  districtName,
  enterpriseCreateSchema,
  findIndustry,
  sectorName,
  withUsccCheck,
  type Enterprise,
  type EnterpriseCreate,
} from '@zhiben/domain';
import { AppError } from '../http/errors';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const SHEET_NAME = '企业台账';
export const GUIDE_SHEET_NAME = '填写说明';
const OPTIONS_SHEET_NAME = '下拉选项';
/** Data rows accepted in one import. */
export const MAX_IMPORT_ROWS = 20_000;
/** Rows of the template that carry dropdowns and text formats (2 … 5001). */
const TEMPLATE_ROWS = 5000;
/** Prefix of the template's example row; such rows are skipped on import. */
export const EXAMPLE_PREFIX = '示例';
/** Guard against zip bombs and huge sheets before exceljs inflates everything into memory. */
const MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;
const MAX_NAMED_RANGE_CELLS = 1_000_000;

// ─── columns ────────────────────────────────────────────────────────────────────────────────────────

export type ColumnKey =
  | 'name'
  | 'uscc'
  | 'district'
  | 'industry'
  | 'address'
  | 'lng'
  | 'lat'
  | 'sectors'
  | 'categories'
  | 'scale'
  | 'level'
  | 'employees'
  | 'principalName'
  | 'principalPhone'
  | 'principalId'
  | 'controllerName'
  | 'controllerPhone'
  | 'controllerId'
  | 'status';

export interface ColumnDef {
  key: ColumnKey;
  /** Header without the required mark, as reported in errors. */
  label: string;
  required: boolean;
  /** API field path (`principal.idNumber`). */
  field: string;
  /** Stored as text so leading zeros and 18-digit numbers survive Excel. */
  text: boolean;
  width: number;
  rule: string;
  values?: string;
}

const names = (list: ReadonlyArray<{ name: string }>) => list.map((x) => x.name).join('、');

export const COLUMNS: readonly ColumnDef[] = [
  {
    key: 'name',
    label: '企业名称',
    required: true,
    field: 'name',
    text: false,
    width: 32,
    rule: '2–100 个字符',
  },
  {
    key: 'uscc',
    label: '统一社会信用代码',
    required: true,
    field: 'uscc',
    text: true,
    width: 24,
    rule: '18 位，按 GB 32100-2015 校验；不能与已登记企业或本文件其他行重复',
  },
  {
    key: 'district',
    label: '所属旗区',
    required: true,
    field: 'districtCode',
    text: false,
    width: 14,
    rule: '旗区名称或 6 位代码（见下表），可从下拉列表选择',
    values: names(DISTRICTS),
  },
  {
    key: 'industry',
    label: '行业代码',
    required: true,
    field: 'industryCode',
    text: true,
    width: 10,
    rule: 'GB/T 4754-2017 大类（2 位）或小类（4 位）代码，如 06、0610（见下表）；请保留开头的 0',
  },
  {
    key: 'address',
    label: '详细地址',
    required: false,
    field: 'address',
    text: false,
    width: 36,
    rule: '不超过 200 个字符',
  },
  {
    key: 'lng',
    label: '经度',
    required: false,
    field: 'location.lng',
    text: false,
    width: 10,
    rule: '十进制度数 73–136，与纬度同时填写',
  },
  {
    key: 'lat',
    label: '纬度',
    required: false,
    field: 'location.lat',
    text: false,
    width: 10,
    rule: '十进制度数 3–54，与经度同时填写',
  },
  {
    key: 'sectors',
    label: '行业领域',
    required: false,
    field: 'sectors',
    text: false,
    width: 22,
    rule: '可填多个，用顿号“、”或逗号分隔（见下表）',
    values: names(SECTORS),
  },
  {
    key: 'categories',
    label: '重点监测类别',
    required: false,
    field: 'categories',
    text: false,
    width: 22,
    rule: '可填多个，用顿号“、”或逗号分隔（见下表）',
    values: names(CATEGORIES),
  },
  {
    key: 'scale',
    label: '企业规模',
    required: true,
    field: 'scale',
    text: false,
    width: 10,
    rule: '从下拉列表选择',
    values: names(ENTERPRISE_SCALES),
  },
  {
    key: 'level',
    label: '标准化等级',
    required: false,
    field: 'standardizationLevel',
    text: false,
    width: 11,
    rule: '安全生产标准化等级；不填为“无”',
    values: names(STANDARDIZATION_LEVELS),
  },
  {
    key: 'employees',
    label: '从业人数',
    required: false,
    field: 'employees',
    text: false,
    width: 10,
    rule: '非负整数；不填为 0',
  },
  {
    key: 'principalName',
    label: '主要负责人姓名',
    required: true,
    field: 'principal.name',
    text: false,
    width: 14,
    rule: '不超过 50 个字符',
  },
  {
    key: 'principalPhone',
    label: '主要负责人电话',
    required: true,
    field: 'principal.phone',
    text: true,
    width: 16,
    rule: '11 位手机号，或 区号-座机号（如 0477-8888888）',
  },
  {
    key: 'principalId',
    label: '主要负责人身份证号',
    required: true,
    field: 'principal.idNumber',
    text: true,
    width: 22,
    rule: '18 位居民身份证号（末位可为 X），按 GB 11643 校验',
  },
  {
    key: 'controllerName',
    label: '实际控制人姓名',
    required: true,
    field: 'actualController.name',
    text: false,
    width: 14,
    rule: '不超过 50 个字符',
  },
  {
    key: 'controllerPhone',
    label: '实际控制人电话',
    required: true,
    field: 'actualController.phone',
    text: true,
    width: 16,
    rule: '11 位手机号，或 区号-座机号',
  },
  {
    key: 'controllerId',
    label: '实际控制人身份证号',
    required: true,
    field: 'actualController.idNumber',
    text: true,
    width: 22,
    rule: '18 位居民身份证号（末位可为 X）',
  },
  {
    key: 'status',
    label: '经营状态',
    required: false,
    field: 'status',
    text: false,
    width: 11,
    rule: '不填为“在营”',
    values: names(ENTERPRISE_STATUSES),
  },
];

/** Columns an export adds after the template's; ignored on import. */
export const EXPORT_EXTRA_COLUMNS = [
  { label: '监管部门', width: 40 },
  { label: '创建时间', width: 20 },
] as const;

export const headerText = (c: ColumnDef) => (c.required ? `${c.label}*` : c.label);
/** Excel column letter of a 1-based column number. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Header text → comparable form: no required marks, spaces or “(必填)”. */
export function normalizeHeader(raw: string): string {
  return raw
    .replace(/[(（]\s*必填\s*[)）]/g, '')
    .replace(/[\s\u3000*＊]/g, '')
    .trim();
}
const BY_HEADER = new Map(COLUMNS.map((c) => [normalizeHeader(c.label), c]));
const BY_KEY = new Map(COLUMNS.map((c) => [c.key, c]));
const colDef = (k: ColumnKey) => BY_KEY.get(k)!;

// ─── cells ──────────────────────────────────────────────────────────────────────────────────────────

export type CellScalar = string | number | null;

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Any exceljs cell value → a trimmed string, a number, or null when empty: rich text is joined,
 * formulas give their cached result, hyperlinks their text, dates `YYYY-MM-DD[ HH:mm:ss]`.
 */
export function cellToScalar(v: unknown): CellScalar {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') {
    const s = v.replace(/^[\s\u3000\uFEFF]+|[\s\u3000\uFEFF]+$/g, '');
    return s === '' ? null : s;
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    // exceljs reads Excel serial dates as UTC instants.
    const d = `${v.getUTCFullYear()}-${pad2(v.getUTCMonth() + 1)}-${pad2(v.getUTCDate())}`;
    const t = v.getUTCHours() || v.getUTCMinutes() || v.getUTCSeconds();
    return t ? `${d} ${pad2(v.getUTCHours())}:${pad2(v.getUTCMinutes())}:${pad2(v.getUTCSeconds())}` : d;
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) {
      return cellToScalar(
        o.richText.map((r: { text?: unknown }) => (typeof r?.text === 'string' ? r.text : '')).join(''),
      );
    }
    if ('formula' in o || 'sharedFormula' in o) return cellToScalar(o.result);
    if ('hyperlink' in o || 'text' in o) return cellToScalar(o.text);
    if (typeof o.error === 'string') return o.error;
  }
  return null;
}

/** A number as Excel shows it, without exponent or float noise for integers. */
function numberText(n: number): string {
  if (Number.isInteger(n)) return BigInt(n).toString();
  return String(Number(n.toPrecision(15)));
}
const asText = (v: CellScalar): string => (v === null ? '' : typeof v === 'number' ? numberText(v) : v);

/**
 * Industry code cell → code: `610` (a number that lost its zero) → `0610` when that class exists;
 * a section letter (`B0610`) and a trailing name (`0610 烟煤和无烟煤开采洗选`) are dropped.
 */
export function normalizeIndustryCode(v: CellScalar): string {
  const s = asText(v).toUpperCase();
  const m = /^[A-T]?\s*(\d{1,4})(?:\s*[-—:：、\s]?\s*[^\d].*)?$/.exec(s);
  if (!m) return s;
  const code = m[1]!;
  if ((code.length === 1 || code.length === 3) && findIndustry(`0${code}`)) return `0${code}`;
  return code;
}

const unifyParens = (s: string) => s.replace(/\(/g, '（').replace(/\)/g, '）').replace(/\s+/g, '');

function lookup<T extends { code: string; name: string }>(
  list: readonly T[],
  aliases: Record<string, string> = {},
) {
  const map = new Map<string, string>();
  for (const x of list) {
    map.set(unifyParens(x.name), x.code);
    map.set(x.code.toLowerCase(), x.code);
  }
  for (const [k, v] of Object.entries(aliases)) map.set(unifyParens(k), v);
  return (s: string) => map.get(unifyParens(s)) ?? map.get(s.toLowerCase());
}
const findDistrict = lookup(
  DISTRICTS,
  Object.fromEntries(DISTRICTS.map((d) => [`鄂尔多斯市${d.name}`, d.code])),
);
const findSector = lookup(SECTORS);
const findCategory = lookup(CATEGORIES);
const findScale = lookup(ENTERPRISE_SCALES, { 规模以上: 'above', 规模以下: 'below' });
const findLevel = lookup(STANDARDIZATION_LEVELS, {
  1: 'level1',
  2: 'level2',
  3: 'level3',
  一: 'level1',
  二: 'level2',
  三: 'level3',
  未达标: 'none',
});
const findStatus = lookup(ENTERPRISE_STATUSES, {
  营业: 'operating',
  正常: 'operating',
  停产: 'suspended',
  已关闭: 'closed',
});

export const splitList = (s: string) =>
  s
    .split(/[、,，;；/\n]+/)
    .map((x) => x.trim())
    .filter(Boolean);

// ─── rows ───────────────────────────────────────────────────────────────────────────────────────────

export type RawRow = Partial<Record<ColumnKey, CellScalar>>;
export interface FieldIssue {
  field: string;
  message: string;
}

/** A cell typed as a number loses digits beyond 15: an 18-digit code can no longer be trusted. */
function precisionLost(v: CellScalar) {
  return typeof v === 'number' && Math.abs(v) >= 1e15;
}

function toNumber(v: CellScalar): unknown {
  if (v === null) return undefined;
  if (typeof v === 'number') return v;
  const s = v.replace(/[,，\s]/g, '');
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : v;
}

/**
 * One sheet row → the create payload, plus the issues found while converting Chinese names; then the
 * schema's own issues for every field conversion did not already complain about.
 */
export function parseImportRow(raw: RawRow): { data: EnterpriseCreate | null; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const blocked = new Set<string>();
  const fail = (key: ColumnKey, message: string, field = colDef(key).field) => {
    issues.push({ field, message });
    blocked.add(field);
  };
  const text = (key: ColumnKey): string | undefined => {
    const v = raw[key] ?? null;
    if (v === null) {
      if (colDef(key).required) fail(key, `请填写${colDef(key).label}`);
      return undefined;
    }
    if (colDef(key).text && precisionLost(v)) {
      fail(
        key,
        `${colDef(key).label}被 Excel 存成了数字，超过 15 位的数字已丢失精度，请将该列设为“文本”格式后重新填写`,
      );
      return undefined;
    }
    return asText(v);
  };
  const pick = (key: ColumnKey, find: (s: string) => string | undefined, allowed: string) => {
    const s = text(key);
    if (s === undefined) return undefined;
    const code = find(s);
    if (!code) fail(key, `${colDef(key).label}“${s}”无效，应为 ${allowed}`);
    return code;
  };
  const many = (key: ColumnKey, find: (s: string) => string | undefined) => {
    const s = text(key);
    if (s === undefined) return undefined;
    const items = splitList(s);
    const bad = items.filter((x) => !find(x));
    if (bad.length) {
      fail(
        key,
        `未知的${colDef(key).label}：${bad.map((b) => `“${b}”`).join('、')}（可选值见“${GUIDE_SHEET_NAME}”工作表）`,
      );
      return undefined;
    }
    return [...new Set(items.map((x) => find(x)!))];
  };

  const districtText = text('district');
  let districtCode: string | undefined;
  if (districtText !== undefined) {
    districtCode = findDistrict(districtText);
    if (!districtCode) {
      fail(
        'district',
        `未知的旗区“${districtText}”，应为鄂尔多斯市9个旗区之一（如 东胜区、准格尔旗，或旗区代码 150602）`,
      );
    }
  }
  const industryRaw = raw.industry ?? null;
  const industryCode = industryRaw === null ? text('industry') : normalizeIndustryCode(industryRaw);

  const lng = toNumber(raw.lng ?? null);
  const lat = toNumber(raw.lat ?? null);
  let location: unknown = null;
  if (lng !== undefined && lat !== undefined) location = { lng, lat };
  else if (lng !== undefined) fail('lat', '填写了经度，请同时填写纬度');
  else if (lat !== undefined) fail('lng', '填写了纬度，请同时填写经度');

  const payload = {
    name: text('name'),
    uscc: text('uscc'),
    districtCode,
    industryCode,
    address: text('address'),
    location,
    sectors: many('sectors', findSector),
    categories: many('categories', findCategory),
    scale: pick('scale', findScale, names(ENTERPRISE_SCALES).replace('、', ' 或 ')),
    standardizationLevel: pick('level', findLevel, names(STANDARDIZATION_LEVELS)),
    employees: toNumber(raw.employees ?? null),
    principal: { name: text('principalName'), phone: text('principalPhone'), idNumber: text('principalId') },
    actualController: {
      name: text('controllerName'),
      phone: text('controllerPhone'),
      idNumber: text('controllerId'),
    },
    status: pick('status', findStatus, names(ENTERPRISE_STATUSES)),
  };

  const r = enterpriseCreateSchema.safeParse(payload);
  if (!r.success) {
    for (const i of r.error.issues) {
      const field = i.path.map(String).join('.');
      const shadowed = [...blocked].some(
        (b) => field === b || field.startsWith(`${b}.`) || b.startsWith(`${field}.`),
      );
      if (!shadowed) issues.push({ field, message: i.message });
    }
  }
  return { data: r.success && issues.length === 0 ? r.data : null, issues };
}

const FIELD_ALIASES: Record<string, ColumnKey> = {
  location: 'lng',
  principal: 'principalName',
  actualController: 'controllerName',
};
/** API field path → its column (`sectors.2` → 行业领域, `location` → 经度); undefined if none. */
export function columnForField(field: string): ColumnDef | undefined {
  const parts = field.split('.');
  for (let n = parts.length; n > 0; n--) {
    const f = parts.slice(0, n).join('.');
    const c = COLUMNS.find((x) => x.field === f) ?? (FIELD_ALIASES[f] ? colDef(FIELD_ALIASES[f]) : undefined);
    if (c) return c;
  }
  return undefined;
}

export interface RowError {
  /** Excel row number, as the user sees it. */
  row: number;
  /** Column letter in the uploaded sheet, or null when the error concerns no single column. */
  column: string | null;
  header: string | null;
  field: string;
  message: string;
}

// ─── reading a workbook ─────────────────────────────────────────────────────────────────────────────

export interface SheetColumn {
  letter: string;
  header: string;
}
export interface ImportSheet {
  /** Where each template column sits in the uploaded sheet. */
  columns: Map<ColumnKey, SheetColumn>;
  rows: Array<{ row: number; values: RawRow }>;
  /** Example rows skipped. */
  skipped: number;
}

const fileError = (message: string, code: 'validation' | 'payload_too_large' = 'validation') =>
  new AppError(code, message, [{ path: 'file', message }]);
const NOT_XLSX = '文件不是有效的 Excel 工作簿（.xlsx），请下载模板填写后上传';

interface ZipEntry {
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** Reads the zip central directory: rejects non-zip files, zip64 and oversized content early. */
function zipEntries(buf: Buffer): Map<string, ZipEntry> {
  if (buf.length >= 8 && buf.readUInt32LE(0) === 0xe011cfd0) {
    throw fileError('不支持旧版 .xls 格式或已加密的文件，请在 Excel 中“另存为” .xlsx（不设密码）后上传');
  }
  if (buf.length < 30 || buf.readUInt32LE(0) !== 0x04034b50) throw fileError(NOT_XLSX);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw fileError('文件已损坏或不完整，无法读取');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || p === 0xffffffff)
    throw fileError('文件过大或格式不受支持（ZIP64），请拆分后分批导入');
  const out = new Map<string, ZipEntry>();
  let total = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50)
      throw fileError('文件已损坏或不完整，无法读取');
    const nameLen = buf.readUInt16LE(p + 28);
    const entry = {
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
    };
    out.set(buf.toString('utf8', p + 46, p + 46 + nameLen), entry);
    total += entry.size;
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  if (total > MAX_UNCOMPRESSED_BYTES) {
    throw fileError(
      `文件内容过大（解压后超过 ${MAX_UNCOMPRESSED_BYTES / 1024 / 1024} MB），请拆分后分批导入`,
      'payload_too_large',
    );
  }
  return out;
}

function zipRead(buf: Buffer, e: ZipEntry): Buffer {
  const p = e.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== 0x04034b50)
    throw fileError('文件已损坏或不完整，无法读取');
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  if (e.method === 0) return data;
  if (e.method !== 8) throw fileError('文件使用了不支持的压缩方式，请用 Excel 或 WPS 重新保存后上传');
  try {
    return inflateRawSync(data, { maxOutputLength: 16 * 1024 * 1024 });
  } catch {
    throw fileError('文件已损坏或不完整，无法读取');
  }
}

/**
 * exceljs expands every named range cell by cell while loading; a name spanning a whole sheet would
 * stall the server, so such workbooks are refused before loading.
 */
function checkWorkbookXml(buf: Buffer, entries: Map<string, ZipEntry>) {
  const wb = entries.get('xl/workbook.xml');
  if (!wb) throw fileError(NOT_XLSX);
  const xml = zipRead(buf, wb).toString('utf8');
  for (const m of xml.matchAll(/<(?:\w+:)?definedName\b[^>]*>([^<]*)</g)) {
    for (const r of m[1]!.matchAll(/\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)/g)) {
      const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      const cells = (Math.abs(Number(r[4]) - Number(r[2])) + 1) * (Math.abs(col(r[3]!) - col(r[1]!)) + 1);
      if (cells > MAX_NAMED_RANGE_CELLS) {
        throw fileError('工作簿中的命名区域（或打印区域）过大，请删除后重新保存再上传');
      }
    }
  }
}

/** Loads an uploaded xlsx, finds the registry sheet and its header row, and collects the data rows. */
export async function readImportWorkbook(buf: Buffer): Promise<ImportSheet> {
  checkWorkbookXml(buf, zipEntries(buf));
  const wb = new ExcelJS.Workbook();
  try {
    // Nodes that exceljs would expand cell by cell, or that the import does not need.
    const options = {
      ignoreNodes: [
        'dataValidations',
        'mergeCells',
        'conditionalFormatting',
        'hyperlinks',
        'drawing',
        'picture',
        'tableParts',
        'extLst',
      ],
      maxRows: MAX_IMPORT_ROWS + 10_000,
      maxCols: 2000,
    };
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer, options as Partial<ExcelJS.XlsxReadOptions>);
  } catch (e) {
    const msg = e instanceof Error ? e.message : '';
    if (/Max row count/i.test(msg)) throw fileError(`每次最多导入 ${MAX_IMPORT_ROWS} 行，请拆分后分批导入`);
    throw fileError(
      `无法读取该 Excel 文件，请确认是 .xlsx 格式且未损坏${msg ? `（${msg.slice(0, 100)}）` : ''}`,
    );
  }
  const ws =
    wb.getWorksheet(SHEET_NAME) ??
    wb.worksheets.find((w) => w.state !== 'hidden' && w.state !== 'veryHidden');
  if (!ws) throw fileError('工作簿中没有工作表');

  // Header row: the first of the first 10 rows naming at least two template columns.
  let headerRow = 0;
  let columns = new Map<ColumnKey, SheetColumn & { col: number }>();
  for (let r = 1; r <= Math.min(10, ws.rowCount) && !headerRow; r++) {
    const found = new Map<ColumnKey, SheetColumn & { col: number }>();
    const dup: string[] = [];
    ws.getRow(r).eachCell((cell, col) => {
      const v = cellToScalar(cell.value);
      const def = typeof v === 'string' ? BY_HEADER.get(normalizeHeader(v)) : undefined;
      if (!def) return;
      if (found.has(def.key)) dup.push(def.label);
      else found.set(def.key, { col, letter: columnLetter(col), header: def.label });
    });
    if (found.size >= 2) {
      if (dup.length) throw fileError(`表头中的列重复：${[...new Set(dup)].join('、')}`);
      headerRow = r;
      columns = found;
    }
  }
  if (!headerRow) {
    throw fileError(
      `“${ws.name}”工作表的表头与模板不符：第一行应为列名（${COLUMNS.slice(0, 4)
        .map(headerText)
        .join('、')}……），请下载模板填写`,
    );
  }
  const missing = COLUMNS.filter((c) => c.required && !columns.has(c.key));
  if (missing.length) {
    const message = `表头缺少必填列：${missing.map((c) => c.label).join('、')}（第 ${headerRow} 行），请使用模板的列名`;
    throw new AppError(
      'validation',
      message,
      missing.map((c) => ({ path: 'file', message: `缺少列“${c.label}”` })),
    );
  }

  const rows: ImportSheet['rows'] = [];
  let skipped = 0;
  let tooMany = false;
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n <= headerRow || tooMany) return;
    let first = null as CellScalar;
    row.eachCell((cell) => {
      if (first === null) first = cellToScalar(cell.value);
    });
    const values: RawRow = {};
    let any = false;
    for (const [key, c] of columns) {
      const v = cellToScalar(row.getCell(c.col).value);
      values[key] = v;
      if (v !== null) any = true;
    }
    if (!any) return;
    if (typeof first === 'string' && first.startsWith(EXAMPLE_PREFIX)) {
      skipped++;
      return;
    }
    if (rows.length >= MAX_IMPORT_ROWS) {
      tooMany = true;
      return;
    }
    rows.push({ row: n, values });
  });
  if (tooMany) throw fileError(`每次最多导入 ${MAX_IMPORT_ROWS} 行数据，本文件超出上限，请拆分后分批导入`);
  if (rows.length === 0)
    throw fileError(`“${ws.name}”工作表中没有数据行（示例行不计），请在表头下方填写企业信息`);
  return {
    columns: new Map([...columns].map(([k, c]) => [k, { letter: c.letter, header: c.header }])),
    rows,
    skipped,
  };
}

/** Field issues of one row → errors naming the row, the column letter in this sheet and its header. */
export function toRowErrors(
  sheet: Pick<ImportSheet, 'columns'>,
  row: number,
  issues: FieldIssue[],
): RowError[] {
  return issues.map((i) => {
    const def = columnForField(i.field);
    const at = def ? sheet.columns.get(def.key) : undefined;
    return {
      row,
      column: at?.letter ?? null,
      header: at?.header ?? def?.label ?? null,
      field: i.field,
      message: i.message,
    };
  });
}

/** Rows whose USCC repeats an earlier row of the file → the first row's number. */
export function duplicateRows(rows: ReadonlyArray<{ row: number; uscc: string }>): Map<number, number> {
  const first = new Map<string, number>();
  const dup = new Map<number, number>();
  for (const r of rows) {
    const f = first.get(r.uscc);
    if (f === undefined) first.set(r.uscc, r.row);
    else dup.set(r.row, f);
  }
  return dup;
}

// ─── writing workbooks ──────────────────────────────────────────────────────────────────────────────

/** Frozen header row; views are given at creation (the streaming writer cannot set them later). */
const REGISTRY_SHEET_OPTIONS: Partial<ExcelJS.AddWorksheetOptions> = {
  views: [{ state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2', activeCell: 'A2' }],
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

function setupRegistrySheet(
  ws: ExcelJS.Worksheet,
  extra: ReadonlyArray<{ label: string; width: number }> = [],
) {
  ws.columns = [
    ...COLUMNS.map((c) => ({
      header: headerText(c),
      key: c.key,
      width: c.width,
      ...(c.text ? { style: { numFmt: '@' } } : {}),
    })),
    ...extra.map((c) => ({ header: c.label, key: c.label, width: c.width })),
  ];
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  header.eachCell((cell, col) => {
    cell.fill = HEADER_FILL;
    cell.numFmt = 'General';
    if (COLUMNS[col - 1]?.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
  });
}

/** Cell values of one enterprise in the template's column order (Chinese names, as an import accepts). */
export function enterpriseRowValues(e: Enterprise): Array<string | number | null> {
  const scale = ENTERPRISE_SCALES.find((s) => s.code === e.scale)?.name ?? e.scale;
  const level =
    STANDARDIZATION_LEVELS.find((s) => s.code === e.standardizationLevel)?.name ?? e.standardizationLevel;
  const status = ENTERPRISE_STATUSES.find((s) => s.code === e.status)?.name ?? e.status;
  return [
    e.name,
    e.uscc,
    districtName(e.districtCode) ?? e.districtCode,
    e.industryCode,
    e.address || null,
    e.location?.lng ?? null,
    e.location?.lat ?? null,
    e.sectors.map(sectorName).join('、') || null,
    e.categories.map(categoryName).join('、') || null,
    scale,
    level,
    e.employees,
    e.principal.name,
    e.principal.phone,
    e.principal.idNumber,
    e.actualController.name,
    e.actualController.phone,
    e.actualController.idNumber,
    status,
  ];
}

/** `2026-01-02 03:04:05` in Asia/Shanghai (UTC+8 all year, no daylight saving since 1991). */
export function shanghaiTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** A valid fictional enterprise shown in the template (skipped on import by its name prefix). */
export const TEMPLATE_EXAMPLE: Enterprise = {
  id: '',
  name: `${EXAMPLE_PREFIX}：鄂尔多斯市某某煤化工有限公司（本行不会导入，可删除）`,
  uscc: withUsccCheck('91150627MA0EXAMPL'),
  districtCode: '150627',
  districtName: '伊金霍洛旗',
  industryCode: '2614',
  industryName: '',
  address: '伊金霍洛旗圣圆煤化工基地',
  location: { lng: 109.74, lat: 39.56 },
  sectors: ['hazardous_chemicals'],
  categories: ['hazmat_major_hazard'],
  scale: 'above',
  standardizationLevel: 'level2',
  employees: 320,
  principal: { name: '张三', phone: '13800000001', idNumber: '150627198512250049' },
  actualController: { name: '李四', phone: '0477-8888888', idNumber: '150602199001011238' },
  departmentIds: [],
  departments: [],
  departmentsOverridden: false,
  status: 'operating',
  createdAt: '',
  updatedAt: '',
  version: 0,
};

function addGuideSheet(wb: ExcelJS.Workbook) {
  const ws = wb.addWorksheet(GUIDE_SHEET_NAME);
  ws.columns = [
    { key: 'a', width: 22 },
    { key: 'b', width: 10 },
    { key: 'c', width: 70 },
    { key: 'd', width: 60 },
  ];
  const title = (text: string) => {
    ws.addRow([]);
    const r = ws.addRow([text]);
    r.font = { bold: true, size: 12 };
  };
  const head = (cells: string[]) => {
    const r = ws.addRow(cells);
    r.font = { bold: true };
    r.eachCell((c) => (c.fill = HEADER_FILL));
  };
  const intro = ws.addRow(['企业台账导入说明']);
  intro.font = { bold: true, size: 14 };
  for (const line of [
    `1. 在“${SHEET_NAME}”工作表中每行填写一家企业；表头请勿修改，带 * 的列必须填写。列的顺序可以调整，多余的列会被忽略。`,
    `2. 第 2 行是示例，企业名称以“${EXAMPLE_PREFIX}”开头的行不会导入，可直接删除。`,
    `3. 每次最多导入 ${MAX_IMPORT_ROWS} 行，文件不超过 20 MB。统一社会信用代码、身份证号、电话和行业代码请保持“文本”格式，以免丢失开头的 0 或末尾的位数。`,
    '4. 导入方式：“仅校验”只检查不导入；“严格导入”在任何一行有错误时全部不导入；“仅导入正确行”只导入没有错误的行。',
    '5. 导出的台账可修改后重新导入（“监管部门”“创建时间”两列会被忽略）；已登记的统一社会信用代码不能重复导入。',
    '6. 监管部门由系统根据所属旗区、行业代码和行业领域自动确定。',
  ]) {
    ws.addRow([line]);
  }

  title('各列填写要求');
  head(['列名', '是否必填', '填写要求', '可选值']);
  for (const c of COLUMNS) ws.addRow([c.label, c.required ? '必填' : '选填', c.rule, c.values ?? '']);

  title('所属旗区（填写名称或代码）');
  head(['名称', '代码']);
  for (const d of DISTRICTS) ws.addRow([d.name, d.code]);

  title('行业领域（可填多个，用“、”分隔）');
  head(['名称', '英文名', '高危行业']);
  for (const s of SECTORS) ws.addRow([s.name, s.nameEn, s.highRisk ? '是' : '']);

  title('重点监测类别（可填多个，用“、”分隔）');
  head(['名称', '英文名']);
  for (const c of CATEGORIES) ws.addRow([c.name, c.nameEn]);

  title('行业代码（GB/T 4754-2017，填写“代码”列的值）');
  head(['代码', '门类', '名称']);
  const sections = new Map<string, string>(INDUSTRY_SECTIONS.map((s) => [s.code, s.name]));
  for (const i of INDUSTRIES) {
    const r = ws.addRow([i.code, `${i.section} ${sections.get(i.section) ?? ''}`, i.name]);
    r.getCell(1).numFmt = '@';
  }
  ws.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  ws.getColumn(4).alignment = { wrapText: true, vertical: 'top' };
}

/** The import template: registry sheet with dropdowns and an example row, the guide, and a hidden list sheet. */
export async function buildTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '治本 zhiben';
  wb.created = new Date(Date.UTC(2026, 0, 1));
  const ws = wb.addWorksheet(SHEET_NAME, REGISTRY_SHEET_OPTIONS);
  setupRegistrySheet(ws);
  const example = ws.addRow(enterpriseRowValues(TEMPLATE_EXAMPLE));
  example.font = { italic: true, color: { argb: 'FF808080' } };

  addGuideSheet(wb);
  const opts = wb.addWorksheet(OPTIONS_SHEET_NAME, { state: 'hidden' });
  DISTRICTS.forEach((d, i) => (opts.getCell(i + 1, 1).value = d.name));

  const col = (k: ColumnKey) => columnLetter(COLUMNS.findIndex((c) => c.key === k) + 1);
  const range = (k: ColumnKey) => `${col(k)}2:${col(k)}${TEMPLATE_ROWS + 1}`;
  const list = (formula: string, label: string, allowed: string): ExcelJS.DataValidation => ({
    type: 'list',
    allowBlank: true,
    formulae: [formula],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: `${label}无效`,
    error: `请从下拉列表选择：${allowed}`,
    showInputMessage: true,
    promptTitle: label,
    prompt: '请从下拉列表选择',
  });
  const inline = (list: ReadonlyArray<{ name: string }>) => `"${list.map((x) => x.name).join(',')}"`;
  const dv = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } })
    .dataValidations;
  dv.add(
    range('district'),
    list(`'${OPTIONS_SHEET_NAME}'!$A$1:$A$${DISTRICTS.length}`, '所属旗区', names(DISTRICTS)),
  );
  dv.add(range('scale'), list(inline(ENTERPRISE_SCALES), '企业规模', names(ENTERPRISE_SCALES)));
  dv.add(range('level'), list(inline(STANDARDIZATION_LEVELS), '标准化等级', names(STANDARDIZATION_LEVELS)));
  dv.add(range('status'), list(inline(ENTERPRISE_STATUSES), '经营状态', names(ENTERPRISE_STATUSES)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The registry export, streamed row by row (memory stays flat for large exports) into a buffer that is
 * sent once complete, so a failure midway still answers with a proper error.
 */
export async function buildExport(
  pages: AsyncIterable<Enterprise[]>,
): Promise<{ buffer: Buffer; count: number }> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = '治本 zhiben';
  const ws = wb.addWorksheet(SHEET_NAME, REGISTRY_SHEET_OPTIONS);
  setupRegistrySheet(ws, EXPORT_EXTRA_COLUMNS);
  ws.getRow(1).commit();
  let count = 0;
  for await (const page of pages) {
    for (const e of page) {
      ws.addRow([
        ...enterpriseRowValues(e),
        e.departments.map((d) => d.name).join('、') || null,
        shanghaiTime(e.createdAt),
      ]).commit();
      count++;
    }
  }
  ws.commit();
  await wb.commit();
  await done;
  return { buffer: Buffer.concat(chunks), count };
}

/** `attachment` with an ASCII fallback name and the UTF-8 name (RFC 6266 / RFC 5987). */
export function contentDisposition(filename: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encoded}`;
}
