/**
 * Hazard ledger (隐患台账) ⇄ Excel (xlsx): the export layout, the import template and the parsing of an
 * import of historical hazards, kept free of HTTP and database access. Columns are matched by header
 * text, never by position, so an exported ledger can be edited and imported into another installation
 * (the export's extra columns — 隐患编号, 所属旗区, 是否逾期, 逾期天数 — are ignored, except that a
 * 隐患编号 already on the platform is refused as a duplicate).
 */
import { inflateRawSync } from 'node:zlib';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  DEPARTMENTS,
  HAZARD_GRADES,
  HAZARD_SOURCES,
  HAZARD_STATES,
  daysOverdue,
  districtName,
  isOverdue,
  rectificationPlanSchema,
  type HazardState,
  type RectificationPlan,
} from '@zhiben/domain';
import { AppError } from '../http/errors';
import {
  cellToScalar,
  columnLetter,
  normalizeHeader,
  shanghaiTime,
  type CellScalar,
  type RowError,
} from '../enterprises/enterprises.excel';

export { XLSX_MIME, contentDisposition, shanghaiTime, type RowError } from '../enterprises/enterprises.excel';

export const SHEET_NAME = '隐患台账';
export const GUIDE_SHEET_NAME = '填写说明';
const OPTIONS_SHEET_NAME = '下拉选项';
/** Data rows accepted in one import. */
export const MAX_IMPORT_ROWS = 20_000;
/** Rows one export may hold; beyond it the caller is asked to narrow the filters. */
export const MAX_EXPORT_ROWS = 100_000;
/** Rows of the template that carry dropdowns (2 … 5001). */
const TEMPLATE_ROWS = 5000;
/** Prefix of the template's example row; such rows are skipped on import. */
export const EXAMPLE_PREFIX = '示例';
const MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;
const MAX_NAMED_RANGE_CELLS = 1_000_000;
const SHANGHAI_MS = 8 * 3600_000;

// ─── columns ────────────────────────────────────────────────────────────────────────────────────────

export type ColumnKey =
  | 'code'
  | 'enterpriseName'
  | 'uscc'
  | 'district'
  | 'grade'
  | 'criterion'
  | 'title'
  | 'description'
  | 'location'
  | 'source'
  | 'discoveredAt'
  | 'discoveredBy'
  | 'deadline'
  | 'status'
  | 'overdue'
  | 'daysOverdue'
  | 'department'
  | 'planResponsible'
  | 'planMeasures'
  | 'planFunds'
  | 'emergencyPlan'
  | 'supervised'
  | 'closedAt'
  | 'acceptedBy'
  | 'rejections';

export interface ColumnDef {
  key: ColumnKey;
  /** Header as written in the ledger and reported in errors. */
  label: string;
  /** Other headers accepted on import. */
  aliases?: string[];
  /** Required on import (marked * in the template). */
  required: boolean;
  /** Read on import; false for export-only columns (ignored, or only checked, when present). */
  input: boolean;
  /** API-like field path reported in errors. */
  field: string;
  /** Stored as text so leading zeros and 18-digit codes survive Excel. */
  text: boolean;
  width: number;
  rule: string;
  values?: string;
}

const names = (list: ReadonlyArray<{ name: string }>) => list.map((x) => x.name).join('、');
const YES_NO = '是、否';

/** The ledger layout, in export order; the template holds the `input` columns in the same order. */
export const COLUMNS: readonly ColumnDef[] = [
  {
    key: 'code',
    label: '隐患编号',
    required: false,
    input: false,
    field: 'code',
    text: true,
    width: 24,
    rule: '平台编号，导入时自动生成；已在平台中的编号不能重复导入',
  },
  {
    key: 'enterpriseName',
    label: '企业名称',
    required: false,
    input: true,
    field: 'enterpriseName',
    text: false,
    width: 30,
    rule: '仅供核对，以统一社会信用代码为准',
  },
  {
    key: 'uscc',
    label: '统一社会信用代码',
    required: true,
    input: true,
    field: 'enterprise',
    text: true,
    width: 22,
    rule: '18 位；企业须已在平台登记且在本账号的管辖范围内',
  },
  {
    key: 'district',
    label: '所属旗区',
    required: false,
    input: false,
    field: 'districtCode',
    text: false,
    width: 12,
    rule: '由企业确定，导入时忽略',
  },
  {
    key: 'grade',
    label: '隐患等级',
    required: true,
    input: true,
    field: 'grade',
    text: false,
    width: 9,
    rule: '重大 或 一般',
    values: names(HAZARD_GRADES),
  },
  {
    key: 'criterion',
    label: '判定依据(条目编号+简称)',
    aliases: ['判定依据', '判定标准', '判定标准条目', '条目编号'],
    required: false,
    input: true,
    field: 'criterionCode',
    text: true,
    width: 30,
    rule: '判定标准条目编号（如 HC-05），可在编号后加空格和简称；重大隐患必填，且须为发现之日有效的条目（见下表）',
  },
  {
    key: 'title',
    label: '隐患名称',
    required: true,
    input: true,
    field: 'title',
    text: false,
    width: 30,
    rule: '2–100 个字符',
  },
  {
    key: 'description',
    label: '隐患描述',
    required: false,
    input: true,
    field: 'description',
    text: false,
    width: 40,
    rule: '不超过 4000 个字符',
  },
  {
    key: 'location',
    label: '隐患位置',
    required: false,
    input: true,
    field: 'location',
    text: false,
    width: 20,
    rule: '不超过 200 个字符',
  },
  {
    key: 'source',
    label: '来源渠道',
    required: true,
    input: true,
    field: 'source',
    text: false,
    width: 11,
    rule: '从下拉列表选择',
    values: names(HAZARD_SOURCES),
  },
  {
    key: 'discoveredAt',
    label: '发现时间',
    required: true,
    input: true,
    field: 'discoveredAt',
    text: false,
    width: 20,
    rule: 'Excel 日期，或文本 2025-03-01、2025-03-01 08:30、2025/3/1、2025年3月1日（北京时间）；不能晚于当前时间',
  },
  {
    key: 'discoveredBy',
    label: '发现人',
    required: false,
    input: true,
    field: 'discoveredBy',
    text: false,
    width: 14,
    rule: '不超过 50 个字符；不填记为“（历史导入）”',
  },
  {
    key: 'deadline',
    label: '整改期限',
    required: false,
    input: true,
    field: 'deadline',
    text: false,
    width: 20,
    rule: '格式同发现时间，只填日期时按当日 24 时计；须晚于发现时间；状态为整改中、待验收或填写了整改方案时必填',
  },
  {
    key: 'status',
    label: '状态',
    required: true,
    input: true,
    field: 'status',
    text: false,
    width: 10,
    rule: '历史隐患可按任一状态导入',
    values: names(HAZARD_STATES),
  },
  {
    key: 'overdue',
    label: '是否逾期',
    required: false,
    input: false,
    field: 'overdue',
    text: false,
    width: 9,
    rule: '导出时按当前时间计算，导入时忽略',
  },
  {
    key: 'daysOverdue',
    label: '逾期天数',
    required: false,
    input: false,
    field: 'daysOverdue',
    text: false,
    width: 9,
    rule: '导出时按当前时间计算，导入时忽略',
  },
  {
    key: 'department',
    label: '责任部门',
    required: false,
    input: true,
    field: 'departmentCode',
    text: false,
    width: 16,
    rule: '部门名称（如 应急管理局）；不填时按企业的监管部门确定',
    values: names(DEPARTMENTS),
  },
  {
    key: 'planResponsible',
    label: '整改责任人',
    required: false,
    input: true,
    field: 'plan.responsible',
    text: false,
    width: 12,
    rule: '整改方案：责任人、措施、资金、应急预案须同时填写；重大隐患状态为待验收或已销号时必填',
  },
  {
    key: 'planMeasures',
    label: '整改措施',
    required: false,
    input: true,
    field: 'plan.measures',
    text: false,
    width: 36,
    rule: '不超过 4000 个字符',
  },
  {
    key: 'planFunds',
    label: '整改资金(元)',
    aliases: ['整改资金', '整改资金（万元）'],
    required: false,
    input: true,
    field: 'plan.funds',
    text: false,
    width: 13,
    rule: '非负数字，单位：元',
  },
  {
    key: 'emergencyPlan',
    label: '应急预案',
    required: false,
    input: true,
    field: 'plan.emergencyPlan',
    text: false,
    width: 30,
    rule: '整改期间的应急预案，不超过 4000 个字符',
  },
  {
    key: 'supervised',
    label: '是否挂牌督办',
    required: false,
    input: true,
    field: 'supervised',
    text: false,
    width: 12,
    rule: '是 或 否；不填为否',
    values: YES_NO,
  },
  {
    key: 'closedAt',
    label: '销号时间',
    required: false,
    input: true,
    field: 'closedAt',
    text: false,
    width: 20,
    rule: '状态为已销号时必填，其他状态不填；不早于发现时间、不晚于当前时间',
  },
  {
    key: 'acceptedBy',
    label: '验收人',
    required: false,
    input: true,
    field: 'acceptedBy',
    text: false,
    width: 12,
    rule: '已销号隐患的验收人，不超过 50 个字符',
  },
  {
    key: 'rejections',
    label: '驳回次数',
    required: false,
    input: true,
    field: 'rejections',
    text: false,
    width: 9,
    rule: '验收不通过的次数，非负整数；不填为 0',
  },
];

export const INPUT_COLUMNS = COLUMNS.filter((c) => c.input);
export const headerText = (c: ColumnDef) => (c.required ? `${c.label}*` : c.label);

const headerKey = (s: string) => normalizeHeader(s).replace(/（/g, '(').replace(/）/g, ')');
const BY_HEADER = new Map<string, ColumnDef>();
for (const c of COLUMNS) for (const h of [c.label, ...(c.aliases ?? [])]) BY_HEADER.set(headerKey(h), c);
const BY_KEY = new Map(COLUMNS.map((c) => [c.key, c]));
const colDef = (k: ColumnKey) => BY_KEY.get(k)!;

/** API field path → its column (`plan.funds` → 整改资金(元)); undefined if none. */
export function columnForField(field: string): ColumnDef | undefined {
  if (field === 'plan.deadline') return colDef('deadline');
  if (field === 'plan') return colDef('planResponsible');
  return COLUMNS.find((c) => c.field === field);
}

// ─── cells ──────────────────────────────────────────────────────────────────────────────────────────

function numberText(n: number): string {
  if (Number.isInteger(n)) return BigInt(n).toString();
  return String(Number(n.toPrecision(15)));
}
const asText = (v: CellScalar): string => (v === null ? '' : typeof v === 'number' ? numberText(v) : v);

const byName = <T extends { code: string; name: string }>(
  list: readonly T[],
  aliases: Record<string, string>,
) => {
  const map = new Map<string, string>();
  for (const x of list) {
    map.set(x.name, x.code);
    map.set(x.code.toLowerCase(), x.code);
  }
  for (const [k, v] of Object.entries(aliases)) map.set(k, v);
  return (s: string) => map.get(s.replace(/\s+/g, '')) ?? map.get(s.trim().toLowerCase());
};
const findGrade = byName(HAZARD_GRADES, {
  重大隐患: 'major',
  重大事故隐患: 'major',
  一般隐患: 'general',
  一般事故隐患: 'general',
});
const findSource = byName(HAZARD_SOURCES, {
  自查: 'self_check',
  企业自查自报: 'self_check',
  检查: 'inspection',
  执法检查: 'inspection',
  专家: 'expert',
  举报: 'public_report',
  群众举报: 'public_report',
  监测: 'monitoring',
  督导: 'supervision',
  督查: 'supervision',
});
const findStatus = byName(HAZARD_STATES, {
  待核实: 'reported',
  未整改: 'rectifying',
  整改: 'rectifying',
  已整改待验收: 'pending_acceptance',
  已销号: 'closed',
  销号: 'closed',
  已整改: 'closed',
  已完成: 'closed',
  不予认定: 'dismissed',
  不认定: 'dismissed',
});
const findDepartment = (s: string): string | undefined => {
  const t = s.replace(/\s+/g, '').replace(/^(鄂尔多斯市|市)/, '');
  for (const d of DEPARTMENTS) {
    if (t === d.code || t === d.name || t.endsWith(d.name)) return d.code;
  }
  return undefined;
};
const YES = new Set(['是', 'Y', 'YES', 'TRUE', '1', '已挂牌', '挂牌督办']);
const NO = new Set(['否', 'N', 'NO', 'FALSE', '0', '未挂牌']);

/**
 * A time cell → ISO instant. Wall-clock values (Excel dates, which exceljs reads as UTC, and text
 * without an offset) are Asia/Shanghai; text with an explicit offset keeps it. A date without a time is
 * 00:00, or the end of the day (23:59:59) for deadlines.
 */
export function parseShanghaiTime(
  v: CellScalar,
  endOfDay = false,
): { iso: string; error?: undefined } | { iso?: undefined; error: string } {
  if (v === null) return { error: 'empty' };
  const wall = (y: number, mo: number, d: number, h?: number, mi?: number, s?: number) => {
    const ms = Date.UTC(y, mo - 1, d, h ?? 0, mi ?? 0, s ?? 0);
    const back = new Date(ms);
    if (
      y < 1990 ||
      y > 2100 ||
      back.getUTCFullYear() !== y ||
      back.getUTCMonth() !== mo - 1 ||
      back.getUTCDate() !== d ||
      (h ?? 0) > 23 ||
      (mi ?? 0) > 59 ||
      (s ?? 0) > 59
    )
      return null;
    const timeGiven = h !== undefined;
    const at = ms - SHANGHAI_MS + (!timeGiven && endOfDay ? 86_400_000 - 1000 : 0);
    return new Date(at).toISOString();
  };
  if (typeof v === 'number') {
    // An Excel serial day number that lost its date format (1990 … 2100).
    if (v < 32874 || v > 73051) return { error: 'format' };
    const ms = Math.round((v - 25569) * 86_400_000);
    const d = new Date(ms);
    const timeGiven = ms % 86_400_000 !== 0;
    const iso = wall(
      d.getUTCFullYear(),
      d.getUTCMonth() + 1,
      d.getUTCDate(),
      timeGiven ? d.getUTCHours() : undefined,
      timeGiven ? d.getUTCMinutes() : undefined,
      timeGiven ? d.getUTCSeconds() : undefined,
    );
    return iso ? { iso } : { error: 'format' };
  }
  const s = v.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(s)) {
    const t = Date.parse(s);
    return Number.isNaN(t) ? { error: 'format' } : { iso: new Date(t).toISOString() };
  }
  const m =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+(\d{1,2})\s*[:：时]\s*(\d{1,2})\s*(?:[:：分]\s*(\d{1,2})(?:\.\d+)?\s*秒?)?\s*分?)?$/.exec(
      s,
    );
  if (!m) return { error: 'format' };
  const n = (x: string | undefined) => (x === undefined ? undefined : Number(x));
  const iso = wall(Number(m[1]), Number(m[2]), Number(m[3]), n(m[4]), n(m[5]), n(m[6]));
  return iso ? { iso } : { error: 'format' };
}

// ─── rows ───────────────────────────────────────────────────────────────────────────────────────────

export type RawRow = Partial<Record<ColumnKey, CellScalar>>;
export interface FieldIssue {
  field: string;
  message: string;
}

/** One import row after the checks that need no database. */
export interface ParsedHazard {
  uscc: string;
  grade: 'major' | 'general';
  criterionCode: string | null;
  title: string;
  description: string;
  location: string;
  source: string;
  discoveredAt: string;
  discoveredBy: string;
  deadline: string | null;
  status: HazardState;
  departmentCode: string | null;
  plan: RectificationPlan | null;
  supervised: boolean;
  closedAt: string | null;
  acceptedBy: string | null;
  rejections: number;
  /** The 隐患编号 column of a re-imported ledger, checked against the platform. */
  code: string | null;
}

/** One sheet row → a parsed hazard, or the issues found (Chinese, one per field). */
export function parseImportRow(
  raw: RawRow,
  now: Date = new Date(),
): { data: ParsedHazard | null; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const fail = (key: ColumnKey, message: string, field = colDef(key).field) => {
    issues.push({ field, message });
  };
  const text = (key: ColumnKey, max?: number): string | undefined => {
    const v = raw[key] ?? null;
    const def = colDef(key);
    if (v === null) {
      if (def.required) fail(key, `请填写${def.label}`);
      return undefined;
    }
    if (def.text && typeof v === 'number' && Math.abs(v) >= 1e15) {
      fail(
        key,
        `${def.label}被 Excel 存成了数字，超过 15 位的数字已丢失精度，请将该列设为“文本”格式后重新填写`,
      );
      return undefined;
    }
    const s = asText(v);
    if (max !== undefined && s.length > max) {
      fail(key, `${def.label}不超过${max}个字符（当前 ${s.length} 个）`);
      return undefined;
    }
    return s;
  };
  const pick = (key: ColumnKey, find: (s: string) => string | undefined, allowed: string) => {
    const s = text(key);
    if (s === undefined) return undefined;
    const code = find(s);
    if (!code) fail(key, `${colDef(key).label}“${s}”无效，应为 ${allowed}`);
    return code;
  };
  const time = (key: ColumnKey, endOfDay = false): string | undefined => {
    const v = raw[key] ?? null;
    if (v === null) {
      if (colDef(key).required) fail(key, `请填写${colDef(key).label}`);
      return undefined;
    }
    const r = parseShanghaiTime(v, endOfDay);
    if (r.error) {
      fail(
        key,
        `${colDef(key).label}“${asText(v)}”不是有效的日期时间，应为 Excel 日期或 2025-03-01 08:30 这样的文本（北京时间）`,
      );
      return undefined;
    }
    return r.iso;
  };

  let uscc = text('uscc');
  if (uscc !== undefined) {
    uscc = uscc.replace(/\s+/g, '').toUpperCase();
    if (!/^[0-9A-Z]{18}$/.test(uscc)) {
      fail('uscc', `统一社会信用代码“${uscc}”应为 18 位数字或大写字母`);
      uscc = undefined;
    }
  }
  const grade = pick('grade', findGrade, '重大 或 一般') as ParsedHazard['grade'] | undefined;
  let criterionCode: string | null = null;
  const criterionText = text('criterion');
  if (criterionText !== undefined) {
    const m = /^([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+)/.exec(criterionText.replace(/^\s+/, ''));
    if (!m) fail('criterion', `判定依据“${criterionText}”应以条目编号开头（如 HC-05），可在编号后加简称`);
    else criterionCode = m[1]!.toUpperCase();
  } else if (grade === 'major') {
    fail('criterion', '重大事故隐患必须填写判定依据（判定标准条目编号）');
  }
  const title = text('title', 100);
  if (title !== undefined && title.length < 2) fail('title', '隐患名称至少2个字符');
  const description = text('description', 4000) ?? '';
  const location = text('location', 200) ?? '';
  const source = pick('source', findSource, names(HAZARD_SOURCES));
  const discoveredAt = time('discoveredAt');
  if (discoveredAt && Date.parse(discoveredAt) > now.getTime() + 5 * 60_000)
    fail('discoveredAt', '发现时间不能晚于当前时间');
  const discoveredBy = text('discoveredBy', 50) || '（历史导入）';
  const deadline = time('deadline', true);
  if (deadline && discoveredAt && Date.parse(deadline) <= Date.parse(discoveredAt))
    fail('deadline', '整改期限必须晚于发现时间');
  const status = pick('status', findStatus, names(HAZARD_STATES)) as HazardState | undefined;
  const departmentCode = pick('department', findDepartment, '部门名称，如 应急管理局、能源局') ?? null;

  const supervisedText = text('supervised');
  let supervised = false;
  if (supervisedText !== undefined) {
    const u = supervisedText.toUpperCase();
    if (YES.has(u)) supervised = true;
    else if (!NO.has(u)) fail('supervised', `是否挂牌督办“${supervisedText}”无效，应为 是 或 否`);
  }

  const closedAt = time('closedAt');
  if (status === 'closed' && raw.closedAt == null) fail('closedAt', '状态为已销号的隐患必须填写销号时间');
  if (status && status !== 'closed' && closedAt) fail('closedAt', '只有已销号的隐患填写销号时间');
  if (closedAt && discoveredAt && Date.parse(closedAt) < Date.parse(discoveredAt))
    fail('closedAt', '销号时间不能早于发现时间');
  if (closedAt && Date.parse(closedAt) > now.getTime() + 5 * 60_000)
    fail('closedAt', '销号时间不能晚于当前时间');
  const acceptedBy = text('acceptedBy', 50) ?? null;
  if (acceptedBy && status && status !== 'closed') fail('acceptedBy', '只有已销号的隐患填写验收人');

  let rejections = 0;
  const rej = raw.rejections ?? null;
  if (rej !== null) {
    const n = typeof rej === 'number' ? rej : Number(rej.replace(/次$/, ''));
    if (!Number.isInteger(n) || n < 0 || n > 1000) fail('rejections', `驳回次数“${asText(rej)}”应为非负整数`);
    else rejections = n;
  }

  // Open states need a deadline to be supervised; a plan carries the deadline as its time limit.
  if ((status === 'rectifying' || status === 'pending_acceptance') && raw.deadline == null)
    fail('deadline', `状态为${status === 'rectifying' ? '整改中' : '待验收'}的隐患必须填写整改期限`);

  const planKeys: ColumnKey[] = ['planResponsible', 'planMeasures', 'planFunds', 'emergencyPlan'];
  const planGiven = planKeys.some((k) => (raw[k] ?? null) !== null);
  let plan: RectificationPlan | null = null;
  if (planGiven) {
    const fundsRaw = raw.planFunds ?? null;
    let funds: unknown = undefined;
    if (fundsRaw !== null) {
      const s = asText(fundsRaw).replace(/[,，\s元]/g, '');
      funds = /^[-+]?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : s;
    }
    const r = rectificationPlanSchema.safeParse({
      responsible: text('planResponsible') ?? undefined,
      measures: text('planMeasures') ?? undefined,
      funds,
      deadline: deadline ?? undefined,
      emergencyPlan: text('emergencyPlan') ?? undefined,
    });
    if (r.success) plan = r.data;
    else {
      for (const i of r.error.issues) {
        const field = `plan.${i.path.map(String).join('.')}`;
        if (field === 'plan.deadline') {
          if (raw.deadline == null && !issues.some((x) => x.field === 'deadline'))
            fail('deadline', '填写了整改方案，请同时填写整改期限（即整改时限）');
        } else if (!issues.some((x) => x.field === field)) {
          issues.push({ field, message: i.message });
        }
      }
    }
  } else if (grade === 'major' && (status === 'pending_acceptance' || status === 'closed')) {
    fail(
      'planResponsible',
      '重大事故隐患状态为待验收或已销号时，必须填写整改方案（整改责任人、整改措施、整改资金、应急预案）',
      'plan',
    );
  }

  let code: string | null = null;
  const codeText = text('code');
  if (codeText) code = codeText.trim().toUpperCase();

  if (
    issues.length > 0 ||
    !uscc ||
    !grade ||
    !title ||
    !source ||
    !discoveredAt ||
    !status ||
    (status === 'closed' && !closedAt)
  ) {
    return { data: null, issues };
  }
  return {
    data: {
      uscc,
      grade,
      criterionCode,
      title,
      description,
      location,
      source,
      discoveredAt,
      discoveredBy,
      deadline: deadline ?? null,
      status,
      departmentCode,
      plan,
      supervised,
      closedAt: closedAt ?? null,
      acceptedBy,
      rejections,
      code,
    },
    issues,
  };
}

// ─── reading a workbook ─────────────────────────────────────────────────────────────────────────────

export interface SheetColumn {
  letter: string;
  header: string;
}
export interface ImportSheet {
  columns: Map<ColumnKey, SheetColumn>;
  rows: Array<{ row: number; values: RawRow }>;
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

/** exceljs expands named ranges cell by cell while loading: huge ones are refused before loading. */
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

/** Loads an uploaded xlsx, finds the ledger sheet and its header row, and collects the data rows. */
export async function readImportWorkbook(buf: Buffer): Promise<ImportSheet> {
  checkWorkbookXml(buf, zipEntries(buf));
  const wb = new ExcelJS.Workbook();
  try {
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

  // Header row: the first of the first 10 rows naming at least three ledger columns.
  let headerRow = 0;
  let columns = new Map<ColumnKey, SheetColumn & { col: number }>();
  for (let r = 1; r <= Math.min(10, ws.rowCount) && !headerRow; r++) {
    const found = new Map<ColumnKey, SheetColumn & { col: number }>();
    const dup: string[] = [];
    ws.getRow(r).eachCell((cell, col) => {
      const v = cellToScalar(cell.value);
      const def = typeof v === 'string' ? BY_HEADER.get(headerKey(v)) : undefined;
      if (!def) return;
      if (found.has(def.key)) dup.push(def.label);
      else found.set(def.key, { col, letter: columnLetter(col), header: def.label });
    });
    if (found.size >= 3) {
      if (dup.length) throw fileError(`表头中的列重复：${[...new Set(dup)].join('、')}`);
      headerRow = r;
      columns = found;
    }
  }
  if (!headerRow) {
    throw fileError(
      `“${ws.name}”工作表的表头与模板不符：第一行应为列名（${INPUT_COLUMNS.slice(0, 5)
        .map(headerText)
        .join('、')}……），请下载模板填写`,
    );
  }
  const missing = INPUT_COLUMNS.filter((c) => c.required && !columns.has(c.key));
  if (missing.length) {
    const message = `表头缺少必填列：${missing.map((c) => c.label).join('、')}（第 ${headerRow} 行），请使用模板的列名`;
    throw new AppError(
      'validation',
      message,
      missing.map((c) => ({ path: 'file', message: `缺少列“${c.label}”` })),
    );
  }
  // Export-only columns other than 隐患编号 are not read.
  for (const k of [...columns.keys()]) if (!colDef(k).input && k !== 'code') columns.delete(k);

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
    throw fileError(`“${ws.name}”工作表中没有数据行（示例行不计），请在表头下方填写隐患信息`);
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

// ─── writing workbooks ──────────────────────────────────────────────────────────────────────────────

const SHEET_OPTIONS: Partial<ExcelJS.AddWorksheetOptions> = {
  views: [{ state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2', activeCell: 'A2' }],
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

function setupSheet(ws: ExcelJS.Worksheet, cols: readonly ColumnDef[], marks: boolean) {
  ws.columns = cols.map((c) => ({
    header: marks ? headerText(c) : c.label,
    key: c.key,
    width: c.width,
    ...(c.text ? { style: { numFmt: '@' } } : {}),
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((cell, col) => {
    cell.fill = HEADER_FILL;
    cell.numFmt = 'General';
    if (marks && cols[col - 1]?.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
  });
}

/** What one ledger row shows: the hazard row, its enterprise and its criterion. */
export interface LedgerRow {
  code: string;
  enterprise_name: string;
  enterprise_uscc: string;
  district_code: string;
  grade: string;
  criterion_code: string | null;
  criterion_name: string | null;
  title: string;
  description: string;
  location: string;
  source: string;
  discovered_at: Date;
  discovered_by_name: string;
  deadline: Date | null;
  status: string;
  department_code: string | null;
  plan: Record<string, unknown> | null;
  supervised: boolean;
  closed_at: Date | null;
  accepted_by_name: string | null;
  rejections: number;
}

const nameOf = (list: ReadonlyArray<{ code: string; name: string }>, code: string | null) =>
  code === null ? null : (list.find((x) => x.code === code)?.name ?? code);
const time = (d: Date | null) => (d ? shanghaiTime(d.toISOString()) : null);
const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

/** Cell values of one hazard in ledger (COLUMNS) order. */
export function ledgerRowValues(h: LedgerRow, now: Date): Array<string | number | null> {
  const snap = { status: h.status as HazardState, deadline: h.deadline?.toISOString() ?? null };
  const overdue = isOverdue(snap, now);
  const plan = h.plan ?? {};
  const funds = typeof plan.funds === 'number' || typeof plan.funds === 'string' ? plan.funds : null;
  const values: Record<ColumnKey, string | number | null> = {
    code: h.code,
    enterpriseName: h.enterprise_name,
    uscc: h.enterprise_uscc,
    district: districtName(h.district_code) ?? h.district_code,
    grade: nameOf(HAZARD_GRADES, h.grade),
    criterion: h.criterion_code ? `${h.criterion_code} ${h.criterion_name ?? ''}`.trim() : null,
    title: h.title,
    description: h.description || null,
    location: h.location || null,
    source: nameOf(HAZARD_SOURCES, h.source),
    discoveredAt: time(h.discovered_at),
    discoveredBy: h.discovered_by_name || null,
    deadline: time(h.deadline),
    status: nameOf(HAZARD_STATES, h.status),
    overdue: overdue ? '是' : '否',
    daysOverdue: overdue ? daysOverdue(snap, now) : null,
    department: nameOf(DEPARTMENTS, h.department_code),
    planResponsible: str(plan.responsible),
    planMeasures: str(plan.measures),
    planFunds: funds,
    emergencyPlan: str(plan.emergencyPlan),
    supervised: h.supervised ? '是' : '否',
    closedAt: time(h.closed_at),
    acceptedBy: h.accepted_by_name,
    rejections: h.rejections,
  };
  return COLUMNS.map((c) => values[c.key]);
}

/**
 * The ledger export, written row by row through the streaming writer (memory stays flat) into a buffer
 * sent once complete, so a failure midway still answers with a proper error. Row 1 is the header.
 */
export async function buildLedger(
  pages: AsyncIterable<LedgerRow[]>,
  now: Date,
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
  const ws = wb.addWorksheet(SHEET_NAME, SHEET_OPTIONS);
  setupSheet(ws, COLUMNS, false);
  ws.getRow(1).commit();
  let count = 0;
  for await (const page of pages) {
    for (const h of page) {
      ws.addRow(ledgerRowValues(h, now)).commit();
      count++;
    }
  }
  ws.commit();
  await wb.commit();
  await done;
  return { buffer: Buffer.concat(chunks), count };
}

export interface TemplateCriterion {
  code: string;
  sector: string;
  name: string;
  effective_from: string;
  effective_to: string | null;
}

/** The template example (skipped on import by its prefix), in INPUT_COLUMNS order. */
function exampleRow(criterion: string | null): Array<string | number | null> {
  const v: Partial<Record<ColumnKey, string | number | null>> = {
    enterpriseName: `${EXAMPLE_PREFIX}：鄂尔多斯市某某煤化工有限公司（本行不会导入，可删除）`,
    uscc: '91150627MA0EXAMPL0',
    grade: '重大',
    criterion,
    title: '液氨储罐区未设置紧急切断装置',
    description: '储罐出口管线未设紧急切断阀',
    location: '罐区B',
    source: '部门检查',
    discoveredAt: '2023-05-10 09:30',
    discoveredBy: '王五',
    deadline: '2023-06-30',
    status: '已销号',
    department: '应急管理局',
    planResponsible: '张三',
    planMeasures: '加装紧急切断阀并接入 DCS',
    planFunds: 120000,
    emergencyPlan: '加强巡检，备用堵漏器材',
    supervised: '否',
    closedAt: '2023-06-25 16:00',
    acceptedBy: '赵六',
    rejections: 0,
  };
  return INPUT_COLUMNS.map((c) => v[c.key] ?? null);
}

function addGuideSheet(wb: ExcelJS.Workbook, criteria: readonly TemplateCriterion[]) {
  const ws = wb.addWorksheet(GUIDE_SHEET_NAME);
  ws.columns = [
    { key: 'a', width: 22 },
    { key: 'b', width: 14 },
    { key: 'c', width: 70 },
    { key: 'd', width: 40 },
  ];
  const title = (text: string) => {
    ws.addRow([]);
    ws.addRow([text]).font = { bold: true, size: 12 };
  };
  const head = (cells: string[]) => {
    const r = ws.addRow(cells);
    r.font = { bold: true };
    r.eachCell((c) => (c.fill = HEADER_FILL));
  };
  ws.addRow(['历史隐患导入说明']).font = { bold: true, size: 14 };
  for (const line of [
    `1. 在“${SHEET_NAME}”工作表中每行填写一条隐患（例如平台上线前的历史隐患）；表头请勿修改，带 * 的列必须填写。列的顺序可以调整，多余的列会被忽略。`,
    `2. 第 2 行是示例，企业名称以“${EXAMPLE_PREFIX}”开头的行不会导入，可直接删除。`,
    `3. 每次最多导入 ${MAX_IMPORT_ROWS} 行，文件不超过 20 MB。统一社会信用代码请保持“文本”格式。`,
    '4. 企业按统一社会信用代码匹配，须已在平台登记且在本账号的管辖范围内（旗区安委办只能导入本旗区企业的隐患，监管部门只能导入本部门监管企业的隐患）。',
    '5. 重大隐患须填写判定依据（条目编号），且该条目在发现之日有效（煤矿按发现之日适用 2020 版或 2026 版）。',
    '6. 时间按北京时间理解；只填日期时，发现时间和销号时间按当日 0 时、整改期限按当日 24 时计。',
    '7. 历史隐患可按任一状态直接导入；已销号的须填写销号时间。导入后按“所属旗区-发现年份”自动生成隐患编号（YH-旗区-年份-序号），处置记录中记为“历史导入”。',
    '8. 导入方式：“仅校验”只检查不导入；“严格导入”在任何一行有错误时全部不导入；“仅导入正确行”只导入没有错误的行。',
    '9. 导出的隐患台账可直接导入（隐患编号、所属旗区、是否逾期、逾期天数列会被忽略）；已在平台中的隐患编号、或同一企业同名称同发现时间的隐患不会重复导入。',
  ]) {
    ws.addRow([line]);
  }

  title('各列填写要求');
  head(['列名', '是否必填', '填写要求', '可选值']);
  for (const c of INPUT_COLUMNS) ws.addRow([c.label, c.required ? '必填' : '选填', c.rule, c.values ?? '']);

  title('判定标准条目（判定依据列填写“条目编号”）');
  head(['条目编号', '行业', '简称', '有效期']);
  for (const c of criteria) {
    ws.addRow([
      c.code,
      c.sector,
      c.name,
      `${String(c.effective_from).slice(0, 10)} 至 ${c.effective_to ? String(c.effective_to).slice(0, 10) : '今'}`,
    ]);
  }
  ws.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  ws.getColumn(4).alignment = { wrapText: true, vertical: 'top' };
}

/** The import template: ledger sheet with dropdowns and an example row, the guide, and a hidden list sheet. */
export async function buildTemplate(criteria: readonly TemplateCriterion[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '治本 zhiben';
  wb.created = new Date(Date.UTC(2026, 0, 1));
  const ws = wb.addWorksheet(SHEET_NAME, SHEET_OPTIONS);
  setupSheet(ws, INPUT_COLUMNS, true);
  const hc = criteria.find((c) => c.code.startsWith('HC-'));
  const example = ws.addRow(exampleRow(hc ? `${hc.code} ${hc.name}` : null));
  example.font = { italic: true, color: { argb: 'FF808080' } };

  addGuideSheet(wb, criteria);
  const opts = wb.addWorksheet(OPTIONS_SHEET_NAME, { state: 'hidden' });
  DEPARTMENTS.forEach((d, i) => (opts.getCell(i + 1, 1).value = d.name));

  const col = (k: ColumnKey) => columnLetter(INPUT_COLUMNS.findIndex((c) => c.key === k) + 1);
  const range = (k: ColumnKey) => `${col(k)}2:${col(k)}${TEMPLATE_ROWS + 1}`;
  const list = (formula: string, label: string, allowed: string, strict = true): ExcelJS.DataValidation => ({
    type: 'list',
    allowBlank: true,
    formulae: [formula],
    showErrorMessage: true,
    errorStyle: strict ? 'stop' : 'warning',
    errorTitle: `${label}无效`,
    error: `请从下拉列表选择：${allowed}`,
    showInputMessage: true,
    promptTitle: label,
    prompt: '请从下拉列表选择',
  });
  const inline = (l: ReadonlyArray<{ name: string }>) => `"${l.map((x) => x.name).join(',')}"`;
  const dv = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } })
    .dataValidations;
  dv.add(range('grade'), list(inline(HAZARD_GRADES), '隐患等级', names(HAZARD_GRADES)));
  dv.add(range('source'), list(inline(HAZARD_SOURCES), '来源渠道', names(HAZARD_SOURCES)));
  dv.add(range('status'), list(inline(HAZARD_STATES), '状态', names(HAZARD_STATES)));
  dv.add(range('supervised'), list('"是,否"', '是否挂牌督办', YES_NO));
  dv.add(
    range('department'),
    list(`'${OPTIONS_SHEET_NAME}'!$A$1:$A$${DEPARTMENTS.length}`, '责任部门', names(DEPARTMENTS), false),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
