import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { testApp, type TestApp } from '../test/harness';
import { cellToScalar } from '../enterprises/enterprises.excel';
import { verifyAudit } from '../audit/audit.repo';
import {
  COLUMNS,
  headerText,
  INPUT_COLUMNS,
  parseImportRow,
  parseShanghaiTime,
  type ColumnKey,
} from './hazards.excel';

type Cell = string | number | null;
type Row = Partial<Record<ColumnKey, Cell>>;

const TEMPLATE_HEADERS = INPUT_COLUMNS.map(headerText);
const LEDGER_HEADERS = [
  '隐患编号',
  '企业名称',
  '统一社会信用代码',
  '所属旗区',
  '隐患等级',
  '判定依据(条目编号+简称)',
  '隐患名称',
  '隐患描述',
  '隐患位置',
  '来源渠道',
  '发现时间',
  '发现人',
  '整改期限',
  '状态',
  '是否逾期',
  '逾期天数',
  '责任部门',
  '整改责任人',
  '整改措施',
  '整改资金(元)',
  '应急预案',
  '是否挂牌督办',
  '销号时间',
  '验收人',
  '驳回次数',
];

let serial = 0;
/** A valid closed major hazard as a template row; override any column. */
function hazardRow(uscc: string, over: Row = {}): Row {
  serial++;
  return {
    enterpriseName: '测试企业',
    uscc,
    grade: '重大',
    criterion: 'HC-05 简称',
    title: `历史隐患${Date.now()}-${serial}`,
    description: '储罐出口管线未设紧急切断阀',
    location: '罐区B',
    source: '部门检查',
    discoveredAt: '2023-05-10 09:30',
    discoveredBy: '王五',
    deadline: '2023-06-30',
    status: '已销号',
    department: '应急管理局',
    planResponsible: '张三',
    planMeasures: '加装紧急切断阀',
    planFunds: 120000,
    emergencyPlan: '加强巡检',
    supervised: '否',
    closedAt: '2023-06-25 16:00',
    acceptedBy: '赵六',
    rejections: 1,
    ...over,
  };
}

async function xlsx(rows: Row[], headers = TEMPLATE_HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('隐患台账');
  ws.addRow(headers);
  const keys = headers.map((h) => COLUMNS.find((c) => headerText(c) === h || c.label === h)?.key);
  for (const r of rows) ws.addRow(keys.map((k) => (k ? (r[k] ?? null) : 'x')));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readXlsx(raw: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(raw as unknown as ExcelJS.Buffer);
  return wb;
}

function sheetRows(ws: ExcelJS.Worksheet): Cell[][] {
  const out: Cell[][] = [];
  ws.eachRow((row) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (c, col) => (cells[col - 1] = cellToScalar(c.value)));
    out.push(Array.from(cells, (c) => c ?? null));
  });
  return out;
}

describe('hazard ledger Excel export and historical import', () => {
  let t: TestApp;
  let city: string;
  let d0627: string;
  let d0602: string;
  let yjj: string;
  let ent: string;
  let expert: string;
  let usccA: string; // 150627, regulated by 应急管理局 (city level)
  let usccB: string; // 150602
  let usccNoYjj: string; // 150627, not regulated by 应急管理局

  before(async () => {
    t = await testApp();
    city = await t.login('city-admin');
    d0627 = await t.login('district-150627');
    d0602 = await t.login('district-150602');
    yjj = await t.login('inspector-yjj');
    ent = await t.login('enterprise-demo');
    expert = await t.login('expert-demo');
    const ents = await t.database.db
      .selectFrom('enterprises')
      .select(['uscc', 'district_code', 'department_ids'])
      .execute();
    usccA = ents.find(
      (e) => e.district_code === '150627' && e.department_ids.includes('dept-150600-yjj'),
    )!.uscc;
    usccB = ents.find((e) => e.district_code === '150602')!.uscc;
    usccNoYjj = ents.find(
      (e) => e.district_code === '150627' && !e.department_ids.some((d) => d.endsWith('-yjj')),
    )!.uscc;
  });
  after(() => t.close());

  const upload = async (cookie: string, file: Buffer, mode?: string) => {
    const boundary = '----zhibenHazardBoundary';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="历史隐患.xlsx"\r\n` +
          'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/hazards/import${mode ? `?mode=${mode}` : ''}`,
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    return { status: r.statusCode, json: r.json(), body: r.body };
  };
  const hazardCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('hazards')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const auditCount = async (action: string) =>
    Number(
      (
        await t.database.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('action', '=', action)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const listTotal = async (cookie: string, query = '') =>
    (await t.call('GET', `/api/hazards?pageSize=1${query}`, { cookie })).json.total as number;

  it('parses Excel dates and text times as Asia/Shanghai', () => {
    assert.equal(parseShanghaiTime('2025-03-01 08:00').iso, '2025-03-01T00:00:00.000Z');
    assert.equal(parseShanghaiTime('2025/3/1').iso, '2025-02-28T16:00:00.000Z');
    assert.equal(parseShanghaiTime('2025年3月1日').iso, '2025-02-28T16:00:00.000Z');
    assert.equal(parseShanghaiTime('2025-03-01', true).iso, '2025-03-01T15:59:59.000Z');
    assert.equal(parseShanghaiTime('2025-03-01T08:00:00+08:00').iso, '2025-03-01T00:00:00.000Z');
    // Excel serial 45717 = 2025-03-01
    assert.equal(parseShanghaiTime(45717).iso, '2025-02-28T16:00:00.000Z');
    assert.ok(parseShanghaiTime('2025-02-30').error);
    assert.ok(parseShanghaiTime('昨天').error);
    const { data, issues } = parseImportRow(hazardRow('91150627MA0EXAMPL0'));
    assert.deepEqual(issues, []);
    assert.equal(data?.criterionCode, 'HC-05');
    assert.equal(data?.closedAt, '2023-06-25T08:00:00.000Z');
  });

  it('serves the template with headers, dropdowns, an example row and the guide; only to importers', async () => {
    const r = await t.call('GET', '/api/hazards/template', { cookie: city });
    assert.equal(r.status, 200, r.body);
    assert.match(String(r.headers['content-type']), /spreadsheetml\.sheet/);
    assert.ok(String(r.headers['content-disposition']).includes(encodeURIComponent('历史隐患导入模板.xlsx')));
    const wb = await readXlsx(r.raw);
    assert.equal(wb.worksheets[0]!.name, '隐患台账');
    const ws = wb.getWorksheet('隐患台账')!;
    const rows = sheetRows(ws);
    assert.deepEqual(rows[0], TEMPLATE_HEADERS);
    for (const h of ['统一社会信用代码*', '隐患等级*', '隐患名称*', '来源渠道*', '发现时间*', '状态*'])
      assert.ok(TEMPLATE_HEADERS.includes(h), h);
    assert.ok(String(rows[1]![0]).startsWith('示例'));
    const col = (label: string) =>
      String.fromCharCode(65 + INPUT_COLUMNS.findIndex((c) => c.label === label));
    for (const [label, expect] of [
      ['隐患等级', /重大,一般/],
      ['来源渠道', /企业自查,部门检查/],
      ['状态', /待确认,整改中,待验收,已销号,不予认定/],
      ['责任部门', /下拉选项/],
    ] as const) {
      const dv = ws.getCell(`${col(label)}2`).dataValidation;
      assert.equal(dv?.type, 'list', label);
      assert.match(String(dv.formulae[0]), expect);
    }
    const guide = sheetRows(wb.getWorksheet('填写说明')!)
      .flat()
      .map((c) => String(c ?? ''))
      .join('\n');
    for (const s of ['统一社会信用代码', 'HC-05', 'CM2026-01', '北京时间', '销号时间'])
      assert.ok(guide.includes(s), s);

    assert.equal((await t.call('GET', '/api/hazards/template', { cookie: d0627 })).status, 200);
    assert.equal((await t.call('GET', '/api/hazards/template', { cookie: yjj })).status, 200);
    assert.equal((await t.call('GET', '/api/hazards/template', { cookie: ent })).status, 403);
    assert.equal((await t.call('GET', '/api/hazards/template', { cookie: expert })).status, 403);
  });

  it('round-trips the template: filled rows under the example import with YH codes', async () => {
    const tpl = await t.call('GET', '/api/hazards/template', { cookie: city });
    const wb = await readXlsx(tpl.raw);
    const ws = wb.getWorksheet('隐患台账')!;
    const keys = INPUT_COLUMNS.map((c) => c.key);
    const rows = [
      hazardRow(usccA),
      hazardRow(usccB, {
        grade: '一般',
        criterion: null,
        status: '整改中',
        deadline: '2099-12-31',
        discoveredAt: '2024-12-31 23:30',
        closedAt: null,
        acceptedBy: null,
        planResponsible: null,
        planMeasures: null,
        planFunds: null,
        emergencyPlan: null,
        department: null,
        rejections: null,
      }),
    ];
    for (const r of rows) ws.addRow(keys.map((k) => r[k] ?? null));
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const before = await hazardCount();
    const r = await upload(city, buf, 'strict');
    assert.equal(r.status, 200, r.body);
    assert.equal(r.json.errorCount, 0, JSON.stringify(r.json.errors));
    assert.equal(r.json.skipped, 1, 'the example row');
    assert.equal(r.json.imported, 2);
    assert.equal(await hazardCount(), before + 2);
    const [a, b] = r.json.created;
    assert.equal(a.row, 3);
    assert.match(a.code, /^YH-150627-2023-\d{6}$/);
    // 2024-12-31 23:30 Beijing time belongs to 2024
    assert.match(b.code, /^YH-150602-2024-\d{6}$/);

    const detail = await t.call('GET', `/api/hazards/${a.id}`, { cookie: city });
    assert.equal(detail.status, 200);
    assert.equal(detail.json.status, 'closed');
    assert.equal(detail.json.grade, 'major');
    assert.equal(detail.json.discoveredAt, '2023-05-10T01:30:00.000Z');
    assert.equal(detail.json.deadline, '2023-06-30T15:59:59.000Z');
    assert.equal(detail.json.closedAt, '2023-06-25T08:00:00.000Z');
    assert.equal(detail.json.acceptedBy, '赵六');
    assert.equal(detail.json.rejections, 1);
    assert.equal(detail.json.criterion.code, 'HC-05');
    assert.equal(detail.json.departmentCode, 'yjj');
    assert.deepEqual(detail.json.plan, {
      responsible: '张三',
      measures: '加装紧急切断阀',
      funds: 120000,
      deadline: '2023-06-30T15:59:59.000Z',
      emergencyPlan: '加强巡检',
    });
    assert.equal(detail.json.timeline.length, 1);
    assert.equal(detail.json.timeline[0].action, 'import');
    assert.equal(detail.json.timeline[0].to, 'closed');
    const bd = await t.call('GET', `/api/hazards/${b.id}`, { cookie: city });
    assert.equal(bd.json.status, 'rectifying');
    assert.ok(bd.json.departmentCode, 'derived from the enterprise');
    assert.ok(bd.json.allowedActions.includes('supervise'));
  });

  it('reports bad rows with row, column, header and a Chinese message, and stores nothing in strict mode', async () => {
    const coal2026 = 'CM2026-01';
    const rows: Row[] = [
      hazardRow(usccA), // row 2: good
      hazardRow('91150627MA00000000'), // row 3: unknown enterprise
      hazardRow(usccA, { criterion: null }), // row 4: major without criterion
      hazardRow(usccA, { discoveredAt: '2023-13-45' }), // row 5: bad date
      hazardRow(usccA, { closedAt: null }), // row 6: closed without 销号时间
      hazardRow(usccA, { grade: '特大' }), // row 7: bad grade
      hazardRow(usccA, {
        criterion: coal2026,
        discoveredAt: '2025-03-01',
        deadline: '2025-04-01',
        closedAt: '2025-03-20',
      }), // row 8: criterion not yet in force
      hazardRow(usccA, { source: '路人' }), // row 9: bad source
      hazardRow(usccA, { title: null }), // row 10: missing title
      hazardRow(usccA, { criterion: 'XX-99' }), // row 11: unknown criterion
      hazardRow(usccA, { planFunds: -5000 }), // row 12: negative funds
      hazardRow(usccA, { status: '整改中', deadline: null, closedAt: null, acceptedBy: null }), // row 13
    ];
    const before = await hazardCount();
    const importsBefore = await auditCount('hazard.import');
    const r = await upload(city, await xlsx(rows), 'strict');
    assert.equal(r.status, 200, r.body);
    assert.equal(r.json.total, 12);
    assert.equal(r.json.valid, 1);
    assert.equal(r.json.imported, 0);
    assert.equal(await hazardCount(), before, 'nothing stored');
    assert.equal(await auditCount('hazard.import'), importsBefore);
    const at = (row: number) => r.json.errors.filter((e: { row: number }) => e.row === row);
    const col = (label: string) =>
      String.fromCharCode(65 + INPUT_COLUMNS.findIndex((c) => c.label === label));
    const expect: Array<[number, string, RegExp]> = [
      [3, '统一社会信用代码', /未在平台登记/],
      [4, '判定依据(条目编号+简称)', /重大事故隐患必须填写判定依据/],
      [5, '发现时间', /不是有效的日期时间/],
      [6, '销号时间', /必须填写销号时间/],
      [7, '隐患等级', /隐患等级“特大”无效/],
      [8, '判定依据(条目编号+简称)', /不在有效期内/],
      [9, '来源渠道', /来源渠道“路人”无效/],
      [10, '隐患名称', /请填写隐患名称/],
      [11, '判定标准条目|判定依据', /XX-99.*不存在/],
      [12, '整改资金(元)', /不能为负/],
      [13, '整改期限', /必须填写整改期限/],
    ];
    for (const [row, header, message] of expect) {
      const errs = at(row);
      assert.ok(errs.length >= 1, `row ${row}: ${JSON.stringify(r.json.errors)}`);
      const e = errs.find((x: { header: string }) => header.split('|').some((h) => x.header.startsWith(h)));
      assert.ok(e, `row ${row} ${header}: ${JSON.stringify(errs)}`);
      assert.match(e.message, message);
      assert.match(e.message, /[\u4e00-\u9fff]/);
      const label = INPUT_COLUMNS.find((c) => c.label === e.header)!.label;
      assert.equal(e.column, col(label));
      assert.equal(typeof e.field, 'string');
    }
    assert.equal(at(2).length, 0);

    // validate mode: the same report, nothing stored
    const v = await upload(city, await xlsx(rows), 'validate');
    assert.equal(v.json.errorCount, r.json.errorCount);
    assert.equal(v.json.imported, 0);
    assert.equal(await hazardCount(), before);
  });

  it('valid-rows imports only the good rows; they appear in the list and the statistics', async () => {
    const statsBefore = (await t.call('GET', '/api/stats/hazards?groupBy=district', { cookie: city })).json
      .rows;
    const row27 = (s: typeof statsBefore) =>
      s.find((x: { key: string }) => x.key === '150627') ?? { total: 0, major: 0, closed: 0 };
    const listBefore = await listTotal(city, '&district=150627');
    const rows: Row[] = [
      hazardRow(usccA, { title: '导入-正确-1' }),
      hazardRow(usccA, { grade: '无' }),
      hazardRow(usccA, {
        title: '导入-正确-2',
        grade: '一般',
        criterion: null,
        status: '待确认',
        closedAt: null,
        acceptedBy: null,
        deadline: null,
        planResponsible: null,
        planMeasures: null,
        planFunds: null,
        emergencyPlan: null,
      }),
      hazardRow(usccA, { title: '导入-正确-1' }), // duplicate of row 2 within the file
    ];
    const r = await upload(city, await xlsx(rows), 'valid-rows');
    assert.equal(r.status, 200, r.body);
    assert.equal(r.json.imported, 2);
    assert.equal(r.json.errorCount, 2);
    assert.match(r.json.errors.find((e: { row: number }) => e.row === 5).message, /与第 2 行重复/);
    for (const c of r.json.created) assert.match(c.code, /^YH-150627-2023-\d{6}$/);
    assert.equal(await listTotal(city, '&district=150627'), listBefore + 2);
    const found = await t.call('GET', `/api/hazards?keyword=${encodeURIComponent('导入-正确')}`, {
      cookie: city,
    });
    assert.equal(found.json.total, 2);
    assert.deepEqual(found.json.items.map((h: { status: string }) => h.status).sort(), [
      'closed',
      'reported',
    ]);
    const statsAfter = (await t.call('GET', '/api/stats/hazards?groupBy=district', { cookie: city })).json
      .rows;
    assert.equal(row27(statsAfter).total, row27(statsBefore).total + 2);
    assert.equal(row27(statsAfter).major, row27(statsBefore).major + 1);
    assert.equal(row27(statsAfter).closed, row27(statsBefore).closed + 1);

    // the same file again: already on the platform
    const again = await upload(city, await xlsx([rows[0]!]), 'strict');
    assert.equal(again.json.imported, 0);
    assert.match(again.json.errors[0].message, /平台中已有/);

    // audit: one entry per hazard and one per batch; the chain holds
    const events = await t.database.db
      .selectFrom('hazard_events')
      .select(['action', 'to_status'])
      .where(
        'hazard_id',
        'in',
        r.json.created.map((c: { id: string }) => c.id),
      )
      .execute();
    assert.deepEqual(
      events.map((e) => e.action),
      ['import', 'import'],
    );
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', 'in', ['hazard.import', 'hazard.import_batch'])
      .execute();
    for (const c of r.json.created)
      assert.ok(audit.some((a) => a.action === 'hazard.import' && a.entity_id === c.id));
    assert.ok(audit.filter((a) => a.action === 'hazard.import_batch').length >= 3);
    assert.equal((await verifyAudit(t.database.db)).ok, true);
  });

  it('limits importers to their scope: district office its district, inspector its enterprises', async () => {
    const r = await upload(d0627, await xlsx([hazardRow(usccA), hazardRow(usccB)]), 'valid-rows');
    assert.equal(r.status, 200, r.body);
    assert.equal(r.json.imported, 1);
    assert.equal(r.json.errors[0].row, 3);
    assert.match(r.json.errors[0].message, /不在本账号的管辖范围内：只能导入伊金霍洛旗企业的隐患/);

    const i = await upload(yjj, await xlsx([hazardRow(usccA), hazardRow(usccNoYjj)]), 'valid-rows');
    assert.equal(i.json.imported, 1);
    assert.match(i.json.errors[0].message, /只能导入本部门监管企业的隐患/);

    assert.equal((await upload(ent, await xlsx([hazardRow(usccA)]))).status, 403);
    assert.equal((await upload(expert, await xlsx([hazardRow(usccA)]))).status, 403);
  });

  it('rejects files that are not a hazard ledger', async () => {
    const bad = await upload(city, Buffer.from('not a spreadsheet'));
    assert.equal(bad.status, 400);
    assert.match(bad.json.detail ?? bad.json.title, /xlsx|Excel/);
    const noHeader = await upload(city, await xlsx([{ uscc: usccA }], ['甲', '乙', '丙']));
    assert.equal(noHeader.status, 400);
    assert.match(JSON.stringify(noHeader.json), /表头/);
    const missing = await upload(
      city,
      await xlsx([hazardRow(usccA)], ['统一社会信用代码*', '隐患名称*', '状态*']),
    );
    assert.equal(missing.status, 400);
    assert.match(JSON.stringify(missing.json), /缺少必填列/);
  });

  it('exports the ledger: header first, totals match the list, scoped, times in Asia/Shanghai, audited', async () => {
    const exportsBefore = await auditCount('hazard.export');
    const r = await t.call('GET', '/api/hazards/export?district=150627', { cookie: city });
    assert.equal(r.status, 200, r.body);
    assert.match(String(r.headers['content-type']), /spreadsheetml\.sheet/);
    assert.ok(String(r.headers['content-disposition']).includes(encodeURIComponent('隐患台账-')));
    const ws = (await readXlsx(r.raw)).getWorksheet('隐患台账')!;
    const rows = sheetRows(ws);
    assert.deepEqual(rows[0], LEDGER_HEADERS);
    const total = await listTotal(city, '&district=150627');
    assert.ok(total > 0);
    assert.equal(rows.length, total + 1);
    assert.equal(Number(r.headers['x-total-count']), total);
    assert.equal(await auditCount('hazard.export'), exportsBefore + 1);
    const h = (label: string) => LEDGER_HEADERS.indexOf(label);
    for (const row of rows.slice(1)) {
      assert.match(String(row[h('隐患编号')]), /^YH-150627-/);
      assert.equal(row[h('所属旗区')], '伊金霍洛旗');
    }
    const imported = rows.find((x) => x[h('隐患名称')] === '导入-正确-1')!;
    assert.equal(imported[h('发现时间')], '2023-05-10 09:30:00');
    assert.equal(imported[h('整改期限')], '2023-06-30 23:59:59');
    assert.equal(imported[h('销号时间')], '2023-06-25 16:00:00');
    assert.equal(imported[h('隐患等级')], '重大');
    assert.match(String(imported[h('判定依据(条目编号+简称)')]), /^HC-05 \S+/);
    assert.equal(imported[h('状态')], '已销号');
    assert.equal(imported[h('是否逾期')], '否');
    assert.equal(imported[h('整改资金(元)')], 120000);
    assert.equal(imported[h('责任部门')], '应急管理局');

    // filters narrow the export like the list
    const closed = await t.call('GET', '/api/hazards/export?status=closed&grade=major', { cookie: city });
    const closedRows = sheetRows((await readXlsx(closed.raw)).worksheets[0]!);
    assert.equal(closedRows.length, (await listTotal(city, '&status=closed&grade=major')) + 1);

    // district-150602 sees none of 150627's rows
    const d = await t.call('GET', '/api/hazards/export', { cookie: d0602 });
    assert.equal(d.status, 200);
    const drows = sheetRows((await readXlsx(d.raw)).worksheets[0]!);
    assert.equal(drows.length, (await listTotal(d0602)) + 1);
    assert.ok(drows.length >= 2, 'the 150602 hazard imported above');
    for (const row of drows.slice(1)) {
      assert.equal(row[h('所属旗区')], '东胜区');
      assert.doesNotMatch(String(row[h('隐患编号')]), /150627/);
    }
    const leak = await t.call('GET', '/api/hazards/export?district=150627', { cookie: d0602 });
    assert.equal(sheetRows((await readXlsx(leak.raw)).worksheets[0]!).length, 1, 'header only');

    // an exported ledger imported again is refused row by row as already on the platform
    const again = await upload(city, r.raw, 'strict');
    assert.equal(again.status, 200, again.body);
    assert.equal(again.json.imported, 0);
    assert.equal(again.json.total, total);
    assert.ok(again.json.errors.some((e: { message: string }) => /已在平台中/.test(e.message)));

    assert.equal((await t.call('GET', '/api/hazards/export?grade=bad', { cookie: city })).status, 400);
    assert.equal((await t.call('GET', '/api/hazards/export')).status, 401);
  });
});
