import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { USCC_CHARSET, withUsccCheck } from '@zhiben/domain';
import { launch, login, newContext, shot, tableTotal } from './support';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const SAFE = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const randomUscc = () =>
  withUsccCheck('91150627MA' + Array.from({ length: 7 }, () => SAFE[randomInt(SAFE.length)]).join(''));
/** Same stem, wrong check character. */
const breakUscc = (code: string) => {
  const last = code.at(-1)!;
  const other = [...USCC_CHARSET].find((c) => c !== last)!;
  return code.slice(0, 17) + other;
};

interface Row {
  name: string;
  uscc: string;
}

const norm = (h: string) => h.replace(/[\s*＊（）()：:]/g, '');

/** A value for a template column, chosen from its Chinese header. */
function valueFor(header: string, row: Row): string | number | null {
  const h = norm(header);
  const person = h.includes('实际控制人') ? '李四' : '张三';
  if (h.includes('负责人') || h.includes('实际控制人')) {
    if (h.includes('身份证') || h.includes('证件')) return '150627198512250049';
    if (h.includes('电话') || h.includes('手机')) return '13912345678';
    return person;
  }
  if (h.includes('统一社会信用代码') || h.includes('信用代码')) return row.uscc;
  if (h.includes('名称')) return row.name;
  if (h.includes('旗区') || h.includes('区县') || h.includes('行政区'))
    return h.includes('代码') ? '150627' : '伊金霍洛旗';
  if (h.includes('行业领域') || h.includes('领域')) return '危险化学品';
  if (h.includes('监测类别') || h.includes('类别')) return null;
  if (h.includes('行业')) return h.includes('名称') ? '化学原料和化学制品制造业' : '26';
  if (h.includes('地址')) return '伊金霍洛旗阿勒腾席热镇测试路1号';
  if (h.includes('经度')) return 109.787;
  if (h.includes('纬度')) return 39.566;
  if (h.includes('规模')) return '规上';
  if (h.includes('标准化')) return '无';
  if (h.includes('从业人数') || h.includes('人数')) return 56;
  if (h.includes('状态')) return '在营';
  return null;
}

async function buildWorkbook(
  template: Buffer,
  rows: Row[],
): Promise<{ buffer: Buffer; firstDataRow: number }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  assert.ok(ws, 'the template has a worksheet');
  let headerRow = 0;
  for (let r = 1; r <= 10 && !headerRow; r++) {
    const values = ws.getRow(r).values as unknown[];
    if (values.some((v) => typeof v === 'string' && v.includes('统一社会信用代码'))) headerRow = r;
  }
  assert.ok(headerRow, 'the template has a header row naming 统一社会信用代码');
  const headers: { col: number; text: string }[] = [];
  ws.getRow(headerRow).eachCell((cell, col) => headers.push({ col, text: String(cell.value ?? '') }));
  // Drop any sample rows under the header.
  if (ws.rowCount > headerRow) ws.spliceRows(headerRow + 1, ws.rowCount - headerRow);
  rows.forEach((row, i) => {
    const r = ws.getRow(headerRow + 1 + i);
    for (const h of headers) {
      const v = valueFor(h.text, row);
      if (v !== null) r.getCell(h.col).value = v;
    }
    r.commit();
  });
  const out = await wb.xlsx.writeBuffer();
  return { buffer: Buffer.from(out as ArrayBuffer), firstDataRow: headerRow + 1 };
}

async function upload(page: Page, buffer: Buffer, name: string) {
  await page.locator('input[type=file]').setInputFiles({
    name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer,
  });
}

test('city office imports a ledger: sees the row error, fixes the file, imports, exports', async () => {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  try {
    await login(page, 'city-admin');
    await shot(page, '10-city-overview');

    // The template, fetched with the page's session.
    const tpl = await page.request.get('/api/enterprises/template');
    assert.equal(tpl.status(), 200, 'template downloads');
    const template = Buffer.from(await tpl.body());

    const tag = Date.now().toString(36).toUpperCase();
    const good: Row = { name: `E2E测试化工有限公司${tag}`, uscc: randomUscc() };
    const fixedUscc = randomUscc();
    const bad: Row = { name: `E2E测试能源有限公司${tag}`, uscc: breakUscc(fixedUscc) };

    await page.getByTestId('side-menu').getByText('企业台账').click();
    await page.waitForURL(/\/enterprises/);
    await page.getByTestId('btn-import').click();
    await page.waitForURL(/\/enterprises\/import/);

    // 1. A file with one bad row: nothing imported, the error is listed in Chinese with its row.
    const first = await buildWorkbook(template, [bad, good]);
    await upload(page, first.buffer, '企业台账-有错误.xlsx');
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    await page.getByTestId('import-failed').waitFor();
    await shot(page, '11-import-errors');
    const errorRow = errors.locator('tbody tr', { hasText: '统一社会信用代码校验位错误' });
    await errorRow.waitFor();
    const cells = await errorRow.locator('td').allInnerTexts();
    assert.equal(
      cells[0]?.trim(),
      String(first.firstDataRow),
      `the error names sheet row ${first.firstDataRow}`,
    );
    assert.ok(await page.getByTestId('import-valid-rows').isVisible(), 'the valid-rows choice is offered');

    // 2. Fix the row and upload again: both rows go in.
    const second = await buildWorkbook(template, [{ ...bad, uscc: fixedUscc }, good]);
    await upload(page, second.buffer, '企业台账-已修改.xlsx');
    await page.getByTestId('import-success').waitFor();
    await shot(page, '12-import-success');
    assert.match(await page.getByTestId('import-success').innerText(), /已导入\s*2/);

    // 3. The ledger finds them; export with the current filter holds them.
    await page.goto(`/enterprises?keyword=${encodeURIComponent(tag)}`);
    await page.locator('[data-testid=enterprise-table] tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('enterprise-total').waitFor();
    assert.equal(await tableTotal(page), 2);
    await shot(page, '13-ledger-filtered');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('btn-export').click(),
    ]);
    const path = await download.path();
    assert.ok(path, 'the export downloaded');
    assert.match(download.suggestedFilename(), /\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const text: string[] = [];
    wb.worksheets[0]!.eachRow((row) =>
      text.push((row.values as unknown[]).map((v) => String(v ?? '')).join('|')),
    );
    const all = text.join('\n');
    assert.ok(all.includes(good.name) && all.includes(good.uscc), 'export holds the good row');
    assert.ok(all.includes(bad.name) && all.includes(fixedUscc), 'export holds the fixed row');

    // 4. The detail page shows the imported record with its regulators.
    await page.getByRole('link', { name: good.name }).click();
    await page.getByTestId('enterprise-name').filter({ hasText: good.name }).waitFor();
    await shot(page, '14-enterprise-detail');
  } finally {
    await ctx.close();
  }
});
