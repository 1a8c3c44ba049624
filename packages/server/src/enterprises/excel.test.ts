import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { categoryName, sectorName, USCC_CHARSET } from '@zhiben/domain';
import { testApp, type TestApp } from '../test/harness';
import { enterprisePayload, freshUscc } from '../test/fixtures';
import {
  cellToScalar,
  COLUMNS,
  contentDisposition,
  headerText,
  normalizeIndustryCode,
  parseImportRow,
  TEMPLATE_EXAMPLE,
  enterpriseRowValues,
} from './enterprises.excel';

type Cell = string | number | null;
type Payload = ReturnType<typeof enterprisePayload>;

const HEADERS = COLUMNS.map(headerText);
const DISTRICT_NAMES: Record<string, string> = {
  '150602': '东胜区',
  '150627': '伊金霍洛旗',
  '150622': '准格尔旗',
};

/** A create payload as a template row (Chinese names). */
function rowOf(p: Payload): Cell[] {
  return [
    p.name,
    p.uscc,
    DISTRICT_NAMES[p.districtCode] ?? p.districtCode,
    p.industryCode,
    p.address,
    p.location.lng,
    p.location.lat,
    p.sectors.map(sectorName).join('、'),
    p.categories.map(categoryName).join('，'),
    '规上',
    '二级',
    p.employees,
    p.principal.name,
    p.principal.phone,
    p.principal.idNumber,
    p.actualController.name,
    p.actualController.phone,
    p.actualController.idNumber,
    '在营',
  ];
}

/** A valid USCC with a wrong check character. */
function badCheckUscc(): string {
  const good = freshUscc();
  const wrong = USCC_CHARSET[(USCC_CHARSET.indexOf(good[17]!) + 1) % 31]!;
  return good.slice(0, 17) + wrong;
}

async function xlsx(rows: Cell[][], headers: string[] = HEADERS, sheet = '企业台账'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readXlsx(raw: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(raw as unknown as ExcelJS.Buffer);
  return wb;
}

/** The non-empty rows of a sheet as arrays of scalars (index 0 = column A). */
function sheetRows(ws: ExcelJS.Worksheet): Cell[][] {
  const out: Cell[][] = [];
  ws.eachRow((row) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (c, col) => (cells[col - 1] = cellToScalar(c.value)));
    out.push(Array.from(cells, (c) => c ?? null));
  });
  return out;
}

describe('enterprise Excel import and export', () => {
  let t: TestApp;
  let city: string;
  let district: string;
  let sysadmin: string;
  let enterprise: string;

  before(async () => {
    t = await testApp();
    city = await t.login('city-admin');
    district = await t.login('district-150627');
    sysadmin = await t.login('sysadmin');
    enterprise = await t.login('enterprise-demo');
  });
  after(() => t.close());

  const upload = async (
    cookie: string,
    file: Buffer | string | null,
    opts: { mode?: string; field?: string; filename?: string; type?: string } = {},
  ) => {
    const boundary = '----zhibenTestBoundary7MA4YWxkTrZu0gW';
    const parts: Buffer[] = [];
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n`));
    if (file !== null) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${opts.field ?? 'file'}"; filename="${opts.filename ?? 'import.xlsx'}"\r\n` +
            `Content-Type: ${opts.type ?? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'}\r\n\r\n`,
        ),
        Buffer.isBuffer(file) ? file : Buffer.from(file),
        Buffer.from('\r\n'),
      );
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/enterprises/import${opts.mode ? `?mode=${opts.mode}` : ''}`,
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat(parts),
    });
    const json = String(r.headers['content-type'] ?? '').includes('json') ? r.json() : null;
    return { status: r.statusCode, json, headers: r.headers, body: r.body };
  };

  const countUscc = async (uscc: string) =>
    (await t.call('GET', `/api/enterprises?keyword=${uscc}`, { cookie: city })).json.total as number;
  const total = async (cookie = city, query = '') =>
    (await t.call('GET', `/api/enterprises?pageSize=1${query}`, { cookie })).json.total as number;

  it('serves the template with headers, dropdowns, text formats, an example row and the guide', async () => {
    const r = await t.call('GET', '/api/enterprises/template', { cookie: city });
    assert.equal(r.status, 200, r.body);
    assert.match(String(r.headers['content-type']), /spreadsheetml\.sheet/);
    const cd = String(r.headers['content-disposition']);
    assert.match(cd, /^attachment; filename="[\x20-\x7e]+\.xlsx"; filename\*=UTF-8''/);
    assert.ok(cd.includes(encodeURIComponent('企业台账导入模板.xlsx')), cd);

    const wb = await readXlsx(r.raw);
    const ws = wb.getWorksheet('企业台账')!;
    assert.ok(ws, 'sheet 企业台账');
    assert.equal(wb.worksheets[0]!.name, '企业台账');
    const header = sheetRows(ws)[0]!;
    assert.deepEqual(header, HEADERS);
    for (const h of [
      '企业名称*',
      '统一社会信用代码*',
      '所属旗区*',
      '行业代码*',
      '企业规模*',
      '主要负责人身份证号*',
      '经营状态',
    ]) {
      assert.ok(header.includes(h), h);
    }
    assert.equal(ws.getRow(1).font?.bold, true);
    assert.equal((ws.views[0] as { state?: string }).state, 'frozen');
    // Dropdowns: 所属旗区 (C, from the hidden list sheet), 企业规模 (J), 标准化等级 (K), 经营状态 (S).
    for (const [col, expect] of [
      ['C', /下拉选项/],
      ['J', /规上,规下/],
      ['K', /一级,二级,三级,无/],
      ['S', /在营,停产整顿,关闭/],
    ] as const) {
      for (const row of [2, 5001]) {
        const dv = ws.getCell(`${col}${row}`).dataValidation;
        assert.equal(dv?.type, 'list', `${col}${row}`);
        assert.match(String(dv.formulae[0]), expect);
      }
    }
    const hidden = wb.getWorksheet('下拉选项')!;
    assert.equal(hidden.state, 'hidden');
    assert.equal(hidden.getCell('A1').value, '东胜区');
    // Text format for codes, phones and ID numbers.
    for (const col of ['B', 'D', 'N', 'O', 'Q', 'R']) assert.equal(ws.getColumn(col).numFmt, '@', col);
    const example = sheetRows(ws)[1]!;
    assert.ok(String(example[0]).startsWith('示例'));

    const guide = wb.getWorksheet('填写说明')!;
    const text = sheetRows(guide)
      .flat()
      .map((c) => String(c ?? ''))
      .join('\n');
    for (const s of [
      '企业名称',
      '统一社会信用代码',
      '危险化学品',
      '危化品重大危险源',
      '东胜区',
      '150602',
      '0610',
      '烟煤和无烟煤开采洗选',
      '规上',
      '停产整顿',
    ]) {
      assert.ok(text.includes(s), `guide mentions ${s}`);
    }

    // The template itself has no data rows; its example (renamed) is a valid row.
    const empty = await upload(city, r.raw, { mode: 'validate' });
    assert.equal(empty.status, 400);
    assert.match(empty.json.detail, /没有数据行/);
    ws.getCell('A2').value = '鄂尔多斯市某某煤化工有限公司';
    const renamed = await upload(city, Buffer.from(await wb.xlsx.writeBuffer()), { mode: 'validate' });
    assert.equal(renamed.status, 200, renamed.body);
    assert.deepEqual(renamed.json.errors, []);
    assert.equal(renamed.json.valid, 1);
    assert.equal(renamed.json.imported, 0);
  });

  it('refuses the template and imports to accounts without the import permission', async () => {
    assert.equal((await t.call('GET', '/api/enterprises/template', { cookie: enterprise })).status, 403);
    const file = await xlsx([rowOf(enterprisePayload())]);
    assert.equal((await upload(enterprise, file)).status, 403);
    assert.equal((await t.call('GET', '/api/enterprises/template')).status, 401);
  });

  it('strict: one bad row imports nothing and names row, column, header, field and message', async () => {
    const bad = enterprisePayload({ uscc: badCheckUscc() });
    const good = enterprisePayload();
    const file = await xlsx([rowOf(bad), rowOf(good)]);
    const before = await total();

    const r = await upload(city, file);
    assert.equal(r.status, 200, r.body);
    assert.equal(r.json.mode, 'strict');
    assert.equal(r.json.total, 2);
    assert.equal(r.json.valid, 1);
    assert.equal(r.json.imported, 0);
    assert.deepEqual(r.json.errors, [
      {
        row: 2,
        column: 'B',
        header: '统一社会信用代码',
        field: 'uscc',
        message: '统一社会信用代码校验位错误',
      },
    ]);
    assert.equal(await total(), before);
    assert.equal(await countUscc(good.uscc), 0);

    const v = await upload(city, file, { mode: 'validate' });
    assert.equal(v.json.mode, 'validate');
    assert.equal(v.json.imported, 0);
    assert.equal(v.json.errors.length, 1);
    assert.equal(await total(), before);

    const vr = await upload(city, file, { mode: 'valid-rows' });
    assert.equal(vr.status, 200, vr.body);
    assert.equal(vr.json.imported, 1);
    assert.equal(vr.json.errors[0].row, 2);
    assert.equal(await total(), before + 1);
    assert.equal(await countUscc(good.uscc), 1);
    const created = (await t.call('GET', `/api/enterprises?keyword=${good.uscc}`, { cookie: city })).json
      .items[0];
    assert.equal(created.name, good.name);
    assert.equal(created.districtCode, '150627');
    assert.deepEqual(created.sectors, ['hazardous_chemicals']);
    assert.deepEqual(created.categories, ['hazmat_major_hazard']);
    assert.equal(created.standardizationLevel, 'level2');
    assert.deepEqual(created.location, { lng: 109.74, lat: 39.56 });
    assert.deepEqual(created.principal, good.principal);
    assert.deepEqual(created.departmentIds.sort(), ['dept-150600-yjj', 'dept-150627-yjj']);
  });

  it('reports in-file duplicates, registered USCCs, unknown names and schema issues by column', async () => {
    const existing = enterprisePayload();
    assert.equal((await t.call('POST', '/api/enterprises', { cookie: city, body: existing })).status, 201);
    const a = enterprisePayload();
    const unknownDistrict = rowOf(enterprisePayload());
    unknownDistrict[2] = '东胜市';
    const unknownSector = rowOf(enterprisePayload());
    unknownSector[7] = '危险化学品、太空采矿';
    const badPerson = rowOf(
      enterprisePayload({ principal: { name: '张三', phone: '123', idNumber: '150627198512250049' } }),
    );
    const file = await xlsx([
      rowOf(a),
      rowOf({ ...enterprisePayload(), uscc: a.uscc }),
      rowOf(existing),
      unknownDistrict,
      unknownSector,
      badPerson,
    ]);
    const before = await total();
    const r = await upload(city, file);
    assert.equal(r.status, 200, r.body);
    assert.equal(r.json.total, 6);
    assert.equal(r.json.valid, 1);
    assert.equal(r.json.imported, 0);
    const at = (row: number) => r.json.errors.filter((e: { row: number }) => e.row === row);
    assert.equal(at(2).length, 0);
    assert.equal(at(3).length, 1);
    assert.equal(at(3)[0].column, 'B');
    assert.match(at(3)[0].message, /第 2 行重复/);
    assert.equal(at(4)[0].field, 'uscc');
    assert.match(at(4)[0].message, /已存在/);
    assert.deepEqual(
      { ...at(5)[0], message: undefined },
      { row: 5, column: 'C', header: '所属旗区', field: 'districtCode', message: undefined },
    );
    assert.match(at(5)[0].message, /东胜市/);
    assert.equal(at(6)[0].column, 'H');
    assert.match(at(6)[0].message, /太空采矿/);
    assert.doesNotMatch(at(6)[0].message, /“危险化学品”/);
    assert.deepEqual(
      at(7).map((e: { column: string; header: string; field: string }) => [e.column, e.header, e.field]),
      [['N', '主要负责人电话', 'principal.phone']],
    );
    assert.equal(await total(), before);
  });

  it('keeps a district office to its district and stores nothing in strict mode', async () => {
    const own = enterprisePayload();
    const other = enterprisePayload({ districtCode: '150602', uscc: freshUscc('150602') });
    const file = await xlsx([rowOf(own), rowOf(other)]);
    const r = await upload(district, file);
    assert.equal(r.status, 200, r.body);
    assert.equal(r.json.imported, 0);
    assert.deepEqual(
      r.json.errors.map((e: { row: number; column: string; field: string }) => [e.row, e.column, e.field]),
      [[3, 'C', 'districtCode']],
    );
    assert.match(r.json.errors[0].message, /伊金霍洛旗/);
    assert.equal(await countUscc(own.uscc), 0);
    assert.equal(await countUscc(other.uscc), 0);
    const ok = await upload(district, file, { mode: 'valid-rows' });
    assert.equal(ok.json.imported, 1);
    assert.equal(await countUscc(own.uscc), 1);
    assert.equal(await countUscc(other.uscc), 0);
  });

  it('maps headers by text in any order, converts cell types and ignores extra columns', async () => {
    const p = enterprisePayload({ industryCode: '0610', sectors: ['mining'], categories: ['coal_mine'] });
    const order = [...HEADERS.keys()].reverse();
    const headers = ['备注', ...order.map((i) => HEADERS[i]!.replace('*', ' * '))];
    const values = rowOf(p);
    values[3] = 610; // a code typed as a number loses its zero
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(headers);
    const row = ws.addRow(['随便写点什么', ...order.map((i) => values[i] ?? null)]);
    // rich text, a formula result and a hyperlink
    const col = (h: string) => headers.indexOf(h) + 1;
    row.getCell(col('企业名称*'.replace('*', ' * '))).value = {
      richText: [{ text: p.name.slice(0, 3) }, { text: p.name.slice(3) }],
    };
    row.getCell(col('从业人数')).value = { formula: '300+20', result: 320 };
    row.getCell(col('详细地址')).value = { text: ` ${p.address} `, hyperlink: 'https://example.com' };
    ws.addRow([]);
    const r = await upload(city, Buffer.from(await wb.xlsx.writeBuffer()), { mode: 'valid-rows' });
    assert.equal(r.status, 200, r.body);
    assert.deepEqual(r.json.errors, []);
    assert.equal(r.json.imported, 1);
    const e = (await t.call('GET', `/api/enterprises?keyword=${p.uscc}`, { cookie: city })).json.items[0];
    assert.equal(e.industryCode, '0610');
    assert.equal(e.name, p.name);
    assert.equal(e.address, p.address);
    assert.equal(e.employees, 320);
    assert.ok(e.departmentIds.includes('dept-150627-nyj'), JSON.stringify(e.departmentIds));
  });

  it('answers 400 problem+json for unusable uploads', async () => {
    const problem = (r: { status: number; headers: Record<string, unknown> }) => {
      assert.equal(r.status, 400);
      assert.match(String(r.headers['content-type']), /application\/problem\+json/);
    };
    const text = await upload(city, 'name,uscc\nfoo,bar\n', { filename: 'a.csv', type: 'text/csv' });
    problem(text);
    assert.match(text.json.detail, /xlsx/);
    const xls = await upload(
      city,
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
      { filename: 'a.xls' },
    );
    problem(xls);
    assert.match(xls.json.detail, /\.xls/);
    const truncated = await xlsx([rowOf(enterprisePayload())]);
    problem(await upload(city, truncated.subarray(0, truncated.length - 100)));
    const missing = await upload(city, null);
    problem(missing);
    assert.match(missing.json.detail, /file/);
    problem(await upload(city, await xlsx([rowOf(enterprisePayload())]), { field: 'upload' }));
    const json = await t.call('POST', '/api/enterprises/import', { cookie: city, body: { file: 'x' } });
    assert.equal(json.status, 400);
    const headers = await upload(city, await xlsx([['a', 'b']], ['名称', '代码']));
    problem(headers);
    assert.match(headers.json.detail, /表头/);
    const partial = await upload(
      city,
      await xlsx([['甲公司', freshUscc()]], ['企业名称', '统一社会信用代码']),
    );
    problem(partial);
    assert.match(partial.json.detail, /所属旗区/);
    problem(await upload(city, await xlsx([])));
    const mode = await upload(city, await xlsx([rowOf(enterprisePayload())]), { mode: 'everything' });
    problem(mode);
    const big = await upload(city, Buffer.alloc(21 * 1024 * 1024, 0x41));
    assert.equal(big.status, 413);
    assert.match(String(big.headers['content-type']), /application\/problem\+json/);
    assert.match(big.json.detail, /20 MB/);
  });

  it('exports exactly the filtered rows of the caller’s scope, and the export imports back as “已存在”', async () => {
    const query = 'district=150627&sector=hazardous_chemicals';
    const listTotal = await total(city, `&${query}`);
    assert.ok(listTotal > 0);
    const r = await t.call('GET', `/api/enterprises/export?${query}&page=3&pageSize=9999&sort=-name`, {
      cookie: city,
    });
    assert.equal(r.status, 200, r.body);
    assert.match(String(r.headers['content-type']), /spreadsheetml\.sheet/);
    assert.match(
      String(r.headers['content-disposition']),
      /^attachment; filename="enterprises-\d{12}\.xlsx"; filename\*=UTF-8''/,
    );
    const wb = await readXlsx(r.raw);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.name, '企业台账');
    const rows = sheetRows(ws);
    assert.equal(rows.length, listTotal + 1);
    assert.deepEqual(rows[0], [...HEADERS, '监管部门', '创建时间']);
    for (const row of rows.slice(1)) {
      assert.equal(row[2], '伊金霍洛旗');
      assert.ok(String(row[7]).includes('危险化学品'));
      assert.match(String(row[20]), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      assert.ok(String(row[19]).length > 0, 'regulators');
    }

    const again = await upload(city, r.raw, { mode: 'validate' });
    assert.equal(again.status, 200, again.body);
    assert.equal(again.json.total, listTotal);
    assert.equal(again.json.valid, 0);
    assert.equal(again.json.errors.length, listTotal, JSON.stringify(again.json.errors.slice(0, 5)));
    for (const e of again.json.errors) {
      assert.equal(e.field, 'uscc');
      assert.match(e.message, /已存在/);
    }
  });

  it('exports only the district of a district office and only itself to an enterprise user', async () => {
    const d = await t.call('GET', '/api/enterprises/export', { cookie: district });
    assert.equal(d.status, 200);
    const rows = sheetRows((await readXlsx(d.raw)).worksheets[0]!).slice(1);
    assert.equal(rows.length, await total(district));
    assert.ok(rows.length > 0);
    assert.ok(rows.every((row) => row[2] === '伊金霍洛旗'));

    const e = await t.call('GET', '/api/enterprises/export?keyword=', { cookie: enterprise });
    assert.equal(e.status, 200, e.body);
    const me = (await t.call('GET', '/api/auth/me', { cookie: enterprise })).json;
    const mine = (await t.call('GET', `/api/enterprises/${me.enterpriseId}`, { cookie: enterprise })).json;
    const own = sheetRows((await readXlsx(e.raw)).worksheets[0]!).slice(1);
    assert.equal(own.length, 1);
    assert.equal(own[0]![0], mine.name);

    const bad = await t.call('GET', '/api/enterprises/export?district=150102', { cookie: city });
    assert.equal(bad.status, 400);
  });

  it('audits every import and keeps the audit chain intact', async () => {
    const p = enterprisePayload();
    const r = await upload(city, await xlsx([rowOf(p)]), { filename: '台账.xlsx' });
    assert.equal(r.json.imported, 1, r.body);
    const id = (await t.call('GET', `/api/enterprises?keyword=${p.uscc}`, { cookie: city })).json.items[0].id;
    const one = await t.call('GET', `/api/audit?entityType=enterprise&entityId=${id}`, { cookie: city });
    assert.equal(one.json.items[0].action, 'enterprise.import');
    assert.equal(one.json.items[0].after.uscc, p.uscc);
    const batch = await t.call('GET', '/api/audit?action=enterprise.import_batch&pageSize=1', {
      cookie: city,
    });
    assert.equal(batch.json.items[0].entityType, 'import');
    assert.deepEqual(batch.json.items[0].after, {
      total: 1,
      imported: 1,
      mode: 'strict',
      filename: '台账.xlsx',
    });
    const v = await t.call('GET', '/api/audit/verify', { cookie: sysadmin });
    assert.equal(v.status, 200);
    assert.equal(v.json.ok, true, JSON.stringify(v.json));
  });
});

describe('enterprise Excel parsing (pure)', () => {
  it('converts cell values', () => {
    assert.equal(cellToScalar('  abc\u3000'), 'abc');
    assert.equal(cellToScalar(''), null);
    assert.equal(cellToScalar({ richText: [{ text: 'a' }, { text: 'b ' }] }), 'ab');
    assert.equal(cellToScalar({ formula: 'A1', result: 5 }), 5);
    assert.equal(cellToScalar({ sharedFormula: 'A1', result: 'x' }), 'x');
    assert.equal(cellToScalar({ text: 'link', hyperlink: 'http://x' }), 'link');
    assert.equal(cellToScalar(new Date(Date.UTC(2024, 0, 2))), '2024-01-02');
    assert.equal(cellToScalar({ error: '#N/A' }), '#N/A');
  });

  it('normalises industry codes', () => {
    assert.equal(normalizeIndustryCode(610), '0610');
    assert.equal(normalizeIndustryCode(6), '06');
    assert.equal(normalizeIndustryCode('B0610'), '0610');
    assert.equal(normalizeIndustryCode('0610 烟煤和无烟煤开采洗选'), '0610');
    assert.equal(normalizeIndustryCode(2614), '2614');
    assert.equal(normalizeIndustryCode(999), '999');
  });

  it('turns a row into a valid payload and reports issues per field', () => {
    const values = enterpriseRowValues({ ...TEMPLATE_EXAMPLE, name: '某某公司' });
    const raw = Object.fromEntries(COLUMNS.map((c, i) => [c.key, values[i] ?? null]));
    const ok = parseImportRow(raw);
    assert.deepEqual(ok.issues, []);
    assert.equal(ok.data?.districtCode, '150627');
    assert.equal(ok.data?.actualController.phone, '0477-8888888');

    const bad = parseImportRow({
      ...raw,
      uscc: Number('911506271234567890'), // as Excel stores an 18-digit code typed as a number
      scale: '大型',
      lat: null,
      principalName: null,
      controllerId: '15060219900101123x',
    });
    const fields = bad.issues.map((i) => i.field).sort();
    assert.deepEqual(fields, [
      'actualController.idNumber',
      'location.lat',
      'principal.name',
      'scale',
      'uscc',
    ]);
    assert.equal(bad.data, null);
    assert.match(bad.issues.find((i) => i.field === 'uscc')!.message, /文本/);
    assert.match(bad.issues.find((i) => i.field === 'principal.name')!.message, /请填写主要负责人姓名/);
  });

  it('writes an RFC 5987 content disposition with an ASCII fallback', () => {
    assert.equal(
      contentDisposition('企业 台账.xlsx', 'registry.xlsx'),
      `attachment; filename="registry.xlsx"; filename*=UTF-8''%E4%BC%81%E4%B8%9A%20%E5%8F%B0%E8%B4%A6.xlsx`,
    );
  });
});
