import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { launch, login, newContext, shot } from './support';

// Monitoring as its two users see it: the enterprise's safety manager onboards points (with repeat
// suppression), its readings arrive over HTTP telemetry, the wall, the alarm centre and the power page
// show them; the city office reads the coverage table, the alarm-quality ledger and the power page.

const sfx = Date.now().toString(36).toUpperCase();
const TI = `E2E-TI-${sfx}`;
const EP = `E2E-EP-${sfx}`;

let browser: Browser;
let ent: BrowserContext;
let entPage: Page;
let enterprise: { id: string; name: string };

before(async () => {
  browser = await launch();
  ent = await newContext(browser);
  entPage = await ent.newPage();
  await login(entPage, 'enterprise-demo');
  const me = (await (await entPage.request.get('/api/auth/me')).json()) as {
    enterpriseId: string;
    enterpriseName: string;
  };
  enterprise = { id: me.enterpriseId, name: me.enterpriseName };
});
after(async () => {
  await ent?.close();
  await browser?.close();
});

async function post(
  request: APIRequestContext,
  url: string,
  data: unknown,
  headers?: Record<string, string>,
) {
  const r = await request.post(url, { data, headers });
  assert.ok(r.ok(), `${url}: HTTP ${r.status()} ${await r.text()}`);
  return r.json();
}

test('the enterprise registers a point with repeat suppression; a duplicate tag is one field error', async () => {
  const page = entPage;
  await page.goto('/monitoring/config');
  await page.getByTestId('add-point').click();
  const form = page.getByTestId('point-form');
  await form.waitFor();
  await form.getByLabel('位号', { exact: true }).fill(TI);
  await form.getByLabel('单位', { exact: true }).fill('℃');
  await form.getByLabel('高报值', { exact: true }).fill('80');
  await form.getByLabel('高高报值', { exact: true }).fill('100');
  await form.getByLabel('离线判定（秒）', { exact: true }).fill('3600');
  const repeat = form.getByLabel('重复报警抑制（秒）', { exact: true });
  assert.equal(await repeat.inputValue(), '300', 'the server default is shown');
  await repeat.fill('120');
  await page.getByText(/在此时长内再次越限时重新打开原报警/).waitFor();
  await shot(page, '60-monitor-point-form');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  await page.getByText('点位已登记').waitFor();
  const row = page.locator('.ant-table-row', { hasText: TI });
  await row.waitFor();
  assert.match(await row.innerText(), /\b120\b/);

  // The same tag again: the server's field error on the tag, and one message (not one per handler).
  await page.getByTestId('add-point').click();
  await form.waitFor();
  await form.getByLabel('位号', { exact: true }).fill(TI);
  await form.getByLabel('单位', { exact: true }).fill('℃');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  await form.getByText('本企业已有该位号').waitFor();
  await page.waitForTimeout(500);
  assert.equal(await page.locator('.ant-message-notice', { hasText: '位号已存在' }).count(), 1);
  assert.equal(await page.locator('.ant-notification-notice').count(), 0);
  await shot(page, '61-monitor-point-duplicate');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /取\s*消/ })
    .click();
});

test('the enterprise registers an installation graded per GB 18218 as it types', async () => {
  const page = entPage;
  await page.goto('/monitoring/major-hazard');
  await page.getByText('在接入管理中登记危险源/单元').click();
  await page.getByTestId('add-installation').click();
  const form = page.getByTestId('installation-form');
  await form.waitFor();
  await form.getByLabel('名称', { exact: true }).fill(`液氨储罐区 ${sfx}`);
  await form.getByTestId('calc-name').locator('input').fill('氨');
  await page.keyboard.press('Escape');
  assert.equal(await form.getByTestId('calc-Q').inputValue(), '10', 'Table 1 fills the critical quantity');
  await form.getByTestId('calc-q').fill('20');
  await form.getByTestId('installation-people').fill('60');
  const assessment = page.getByTestId('installation-assessment');
  await assessment.getByText('构成重大危险源').waitFor();
  await shot(page, '60a-monitor-installation-form');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  await page.getByText('危险源/单元已登记').waitFor();
  const row = page.getByTestId('installation-table').locator('.ant-table-row', { hasText: sfx });
  await row.waitFor();
  const text = await row.innerText();
  assert.match(text, /四级重大危险源/);
  assert.match(text, /2\.0000/);
});

test('readings arrive; the wall, the alarm centre and the power page show them to the enterprise', async () => {
  const page = entPage;
  const req = page.request;
  await post(req, '/api/monitoring/points', {
    enterpriseId: enterprise.id,
    tag: EP,
    kind: 'power_load',
    unit: 'kW',
    staleTimeoutSec: 3600,
  });
  const gw = (await post(req, '/api/monitoring/gateways', {
    enterpriseId: enterprise.id,
    name: `e2e 网关 ${sfx}`,
  })) as { token: string };
  // 40 minutes of one reading a minute; the temperature crosses its high threshold at the end.
  const now = Date.now();
  const points = [];
  for (let i = 40; i >= 1; i--) {
    const ts = now - i * 60_000;
    points.push({ tag: TI, value: i <= 2 ? 85.5 : 45 + (i % 5) / 10, ts });
    points.push({ tag: EP, value: 3000 + (i % 7) * 10, ts });
  }
  const r = (await post(
    req,
    '/api/telemetry',
    { ts: now, points },
    { authorization: `Bearer ${gw.token}` },
  )) as {
    accepted: number;
  };
  assert.equal(r.accepted, points.length);

  // The wall: the point in alarm with its value in °C (℃ is drawn blank by some CJK fonts).
  await page.goto('/monitoring/wall');
  const tile = page.getByTestId('wall-tile').filter({ hasText: TI });
  await tile.waitFor();
  const tileText = await tile.innerText();
  assert.match(tileText, /85\.5 °C/);
  assert.match(tileText, /高报/);
  await page.getByTestId('wall-only-abnormal').click();
  await page.getByTestId('wall-tile').filter({ hasText: EP }).waitFor({ state: 'detached' });
  await shot(page, '62-monitor-wall-abnormal');

  // The alarm centre: value with unit and peak, acknowledged from the row.
  await page.goto('/monitoring/alarms');
  await page.getByTestId('alarm-live').getByText('实时推送已连接').waitFor();
  const alarmRow = page.getByTestId('alarm-table').locator('.ant-table-row', { hasText: TI });
  await alarmRow.waitFor();
  assert.match(await alarmRow.innerText(), /85\.5 °C/);
  await alarmRow.getByTestId('alarm-ack').click();
  await page.getByText('已确认报警').waitFor();
  await alarmRow.getByText('已确认', { exact: true }).waitFor();
  assert.equal(await alarmRow.getByTestId('alarm-ack').count(), 0);
  await shot(page, '63-monitor-alarm-acknowledged');

  // Power: the enterprise's own profile and its load chart.
  await page.goto('/monitoring/power');
  await page.getByTestId('power-alerts').waitFor();
  await page.getByTestId('power-baseline').fill('500');
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await page.getByText('电力监测档案已保存').waitFor();
  await page.getByTestId('point-chart').locator('canvas').first().waitFor();
  await shot(page, '64-monitor-power-enterprise');
});

test('the city office reads coverage, the alarm-quality ledger and the power page with that data', async () => {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  try {
    await login(page, 'city-admin');

    // Coverage: the enterprise is live, so 伊金霍洛旗's hazardous-chemicals cell counts it.
    await page.goto('/monitoring/coverage');
    await page.getByTestId('coverage-overall').waitFor();
    const table = page.getByTestId('coverage-table');
    await table.getByText('全市合计').waitFor();
    const district = table.locator('.ant-table-row', { hasText: '伊金霍洛旗' });
    const cell = district.getByTestId('coverage-cell').first();
    const m = /(\d+)\/(\d+) 家在线/.exec(await cell.innerText());
    assert.ok(m, 'the cell says how many are live');
    assert.ok(Number(m[1]) >= 1, `at least the demo enterprise is live: ${m[0]}`);
    await shot(page, '65-monitor-coverage');
    await cell.click();
    const drawer = page.getByTestId('coverage-drawer');
    await drawer.getByText(/应接入 \d+ 家，在线 \d+ 家/).waitFor();
    assert.ok(
      !(await drawer.innerText()).includes(enterprise.name),
      'a live enterprise is not listed as missing',
    );
    await shot(page, '66-monitor-coverage-missing');
    await page.keyboard.press('Escape');

    // Alarm-quality ledger: the enterprise's row with its alarm and the time it took to acknowledge it.
    await page.goto('/monitoring/alarm-quality');
    const qrow = page.getByTestId('quality-table').locator('.ant-table-row', { hasText: enterprise.name });
    await qrow.waitFor();
    const cells = await qrow.locator('td').allInnerTexts();
    assert.match(cells[2] ?? '', /^100\.0% \(2\/2\)$/, `online now: ${cells[2]}`);
    assert.ok(Number(cells[4]) >= 1, `alarms: ${cells[4]}`);
    assert.match(cells[6] ?? '', /秒|分/, `median time to acknowledge: ${cells[6]}`);
    await shot(page, '67-monitor-alarm-quality');
    // The alarm count leads to the enterprise's alarms in the alarm centre.
    await qrow.locator('a[href*="/monitoring/alarms?enterpriseId="]').click();
    const alarms = page.getByTestId('alarm-table');
    await alarms.locator('.ant-table-row', { hasText: TI }).waitFor();
    assert.equal(await alarms.locator('.ant-table-row').filter({ hasNotText: enterprise.name }).count(), 0);
    await page.getByTestId('enterprise-picker').getByText(enterprise.name).waitFor();

    // Power: the regulator opens the enterprise's profile and load.
    await page.goto(`/monitoring/power?enterpriseId=${enterprise.id}`);
    await page.getByText(`用电负荷 · ${enterprise.name}`).waitFor();
    assert.equal(await page.getByTestId('power-baseline').inputValue(), '500');
    await page.getByTestId('point-chart').locator('canvas').first().waitFor();
    await shot(page, '68-monitor-power-regulator');
  } finally {
    await ctx.close();
  }
});
