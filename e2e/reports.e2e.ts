import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD, launch, login, newContext, shot } from './support';

// Public reporting (issue 6), everything in a phone-sized viewport (390×844):
// an anonymous report → receipt (code + key, once) → district-150627 accepts it and verifies it as true,
// registering a hazard for the demo enterprise → the hazard is in the list with source 举报核实 → the
// official answers the reporter → the reporter's status page (code + key) shows the outcome.
// Then a real-name report: its identity needs a reason and shows the phone to district-150627 only.

let browser: Browser;
const contexts: BrowserContext[] = [];
before(async () => {
  browser = await launch();
});
after(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
});

async function phone(): Promise<Page> {
  const c = await newContext(browser, { mobile: true });
  contexts.push(c);
  return c.newPage();
}

/** The demo enterprise's name, read through the API as its principal. */
async function demoEnterpriseName(page: Page): Promise<string> {
  const r = await page.request.post('/api/auth/login', {
    data: { username: 'enterprise-demo', password: DEMO_PASSWORD },
  });
  assert.equal(r.status(), 200);
  const me = (await (await page.request.get('/api/auth/me')).json()) as { enterpriseName: string };
  await page.request.post('/api/auth/logout');
  return me.enterpriseName;
}

async function jpeg(page: Page, label: string) {
  const b64 = await page.evaluate((text) => {
    const c = document.createElement('canvas');
    c.width = 480;
    c.height = 360;
    const g = c.getContext('2d')!;
    g.fillStyle = '#8c8c8c';
    g.fillRect(0, 0, 480, 360);
    g.fillStyle = '#fff';
    g.font = 'bold 40px sans-serif';
    g.fillText(text, 30, 190);
    return c.toDataURL('image/jpeg', 0.85).split(',')[1]!;
  }, label);
  return { name: `${label}.jpg`, mimeType: 'image/jpeg', buffer: Buffer.from(b64, 'base64') };
}

async function pickOption(page: Page, field: Locator, option: string) {
  await field.click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
}

interface Receipt {
  code: string;
  key: string;
}

/** Fills and submits the public form; answers the code and key from the receipt. */
async function submitReport(
  page: Page,
  opts: {
    enterprise: string;
    description: string;
    realName?: { name: string; phone: string };
    photo?: boolean;
    shotName?: string;
  },
): Promise<Receipt> {
  await page.goto('/public/report');
  const form = page.getByTestId('public-report-form');
  await form.waitFor();
  await form.getByText('重大事故隐患', { exact: true }).click();
  await pickOption(page, form.getByLabel('所在旗区'), '伊金霍洛旗');
  await form.getByLabel('被举报单位').fill(opts.enterprise);
  await form.getByLabel('具体地点').fill('厂区东侧液氨储罐区围墙外');
  await form.getByLabel('举报内容').fill(opts.description);
  if (opts.photo) {
    const scope = page.getByTestId('public-photos');
    await scope.locator('input[type=file]').setInputFiles(await jpeg(page, 'report-photo'));
    await scope.locator('.ant-upload-list-item-done').first().waitFor({ timeout: 30_000 });
  }
  if (opts.realName) {
    await form.getByText('实名举报', { exact: true }).click();
    await form.getByLabel('姓名').fill(opts.realName.name);
    await form.getByLabel('手机号码').fill(opts.realName.phone);
  }
  if (opts.shotName) await shot(page, opts.shotName);
  await page.getByTestId('report-submit').click();
  const receipt = page.getByTestId('receipt');
  await receipt.waitFor();
  await receipt.getByTestId('receipt-warning').waitFor();
  await receipt.getByTestId('receipt-qr').waitFor();
  const code = (await receipt.getByTestId('receipt-code').innerText()).trim();
  const key = (await receipt.getByTestId('receipt-key').innerText()).trim();
  assert.match(code, /^JB[0-9A-Z]{10}$/);
  assert.ok(key.length >= 16, 'an access key is shown');
  return { code, key };
}

async function openCase(page: Page, code: string) {
  await page.goto(`/reports?keyword=${code}`);
  const link = page.getByTestId('report-link').filter({ hasText: code });
  await link.waitFor();
  await link.click();
  await page.getByTestId('report-code').filter({ hasText: code }).waitFor();
}

async function act(page: Page, action: string, fill?: (modal: Locator) => Promise<void>) {
  await page.getByTestId(`report-action-${action}`).click();
  const modal = page.locator('.ant-modal:visible');
  await modal.waitFor();
  if (fill) await fill(modal);
  await modal.getByTestId('report-action-ok').click();
  await modal.waitFor({ state: 'hidden' });
}

async function waitStatus(page: Page, text: string) {
  await page.locator('.page-header [data-testid=report-status]', { hasText: text }).waitFor();
}

test('anonymous report → verified true → hazard → feedback → the reporter sees the outcome', async () => {
  const reporter = await phone();
  const official = await phone();
  const enterprise = await demoEnterpriseName(reporter);
  assert.ok(enterprise.length > 0);

  // --- Public pages are reachable from the login page.
  await reporter.goto('/login');
  await reporter.getByTestId('public-report-link').click();
  await reporter.waitForURL(/\/public\/report$/);

  // --- An anonymous report with a photo.
  const { code, key } = await submitReport(reporter, {
    enterprise,
    description: '夜间储罐区可燃气体报警器被人为关闭，值班室无人值守，已持续一周以上。',
    photo: true,
    shotName: '60-public-report-form',
  });
  await shot(reporter, '61-public-report-receipt');
  // The printed receipt keeps only the card: code, key and the QR code to the status page.
  await reporter.emulateMedia({ media: 'print' });
  await shot(reporter, '61b-public-report-receipt-print');
  await reporter.emulateMedia({ media: 'screen' });

  // --- District 150627 accepts and verifies it as true, registering a hazard.
  await login(official, 'district-150627');
  await official.goto(`/reports?keyword=${code}`);
  await official.getByTestId('report-link').filter({ hasText: code }).waitFor();
  await official.waitForLoadState('networkidle');
  await shot(official, '62-report-inbox');
  await openCase(official, code);
  await waitStatus(official, '已接收');
  const offered = await official.locator('[data-testid=report-actions] button').allInnerTexts();
  assert.deepEqual(
    offered.map((x) => x.replace(/\s/g, '')),
    ['受理', '不予受理'],
  );
  assert.ok((await official.locator('[data-testid=report-photos] img').count()) === 1, 'photo shown');
  await act(official, 'accept', (m) => m.getByTestId('report-note').fill('属本旗管辖，予以受理。'));
  await waitStatus(official, '核查中');

  const title = '储罐区可燃气体报警器被关闭（举报核实）';
  await act(official, 'verify', async (m) => {
    await m.getByTestId('report-summary').fill('经现场核查，报警器确被关闭，情况属实。');
    await m.getByLabel('罚款金额（元）').fill('50000');
    // The enterprise picker: search by name and pick the demo enterprise.
    await m.getByTestId('enterprise-picker').click();
    await official.keyboard.type(enterprise.slice(-8));
    await official
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: enterprise })
      .first()
      .click();
    await official.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    // A major hazard needs a criterion: the applicable sector is set from the enterprise.
    await m.getByTestId('verify-criterion').click();
    const option = official.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
    await option.waitFor();
    await option.click();
    await m.getByTestId('verify-hazard-title').fill(title);
    await shot(official, '63-report-verify-modal');
  });
  await waitStatus(official, '核查属实');
  const timeline = await official
    .getByTestId('report-timeline-item')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
  assert.deepEqual(timeline, ['receive', 'accept', 'verify']);
  await shot(official, '64-report-case-verified');

  // --- The hazard is in the hazard list with source 举报核实.
  const caseUrl = official.url();
  await official.getByTestId('report-hazard-link').click();
  await official.getByTestId('hazard-code').waitFor();
  assert.equal((await official.getByTestId('hazard-title').innerText()).trim(), title);
  assert.ok((await official.getByTestId('hazard-descriptions').innerText()).includes('举报核实'));
  await official.goto('/hazards?source=public_report');
  await official.getByTestId('hazard-link').filter({ hasText: title }).waitFor();
  await shot(official, '65-hazard-list-from-report');

  // --- The official answers the reporter.
  await official.goto(caseUrl);
  await waitStatus(official, '核查属实');
  const answer = '经核查举报属实，已责令企业立即恢复报警装置并立案处罚。感谢您的举报！';
  await act(official, 'feedback', (m) => m.getByTestId('report-summary').fill(answer));
  await official.getByTestId('report-descriptions').waitFor();
  await official.getByText(answer).first().waitFor();

  // --- The reporter looks it up with the code and key …
  await reporter.goto('/public/report/status');
  const form = reporter.getByTestId('status-form');
  await form.getByLabel('查询码').fill(code);
  await form.getByLabel('查询密钥').fill('wrong-key-000000000000');
  await reporter.getByTestId('status-query').click();
  await reporter.getByTestId('status-error').filter({ hasText: '查询码或查询密钥不正确' }).waitFor();
  await form.getByLabel('查询密钥').fill(key);
  await reporter.getByTestId('status-query').click();
  const result = reporter.getByTestId('status-result');
  await result.waitFor();
  assert.equal((await result.getByTestId('status-outcome').innerText()).trim(), '举报属实');
  assert.equal((await result.getByTestId('status-summary').innerText()).trim(), answer);
  assert.equal((await result.getByTestId('report-status').innerText()).trim(), '核查属实');
  await shot(reporter, '66-public-status');

  // … and through the receipt's QR link: the key travels in the fragment and leaves the address bar.
  await reporter.goto(`/public/report/status#code=${code}&key=${encodeURIComponent(key)}`);
  await reporter.getByTestId('status-result').getByTestId('status-outcome').waitFor();
  assert.equal(new URL(reporter.url()).hash, '');
});

test('a real-name report: the identity takes a reason and shows the phone to the district office only', async () => {
  const reporter = await phone();
  const official = await phone();
  const inspector = await phone();
  const phoneNo = '13812345678';
  const { code, key } = await submitReport(reporter, {
    enterprise: '某某建材有限公司',
    description: '采石场无证开采，爆破作业无警戒，附近村民多次投诉未处理。',
    realName: { name: '张举报', phone: phoneNo },
  });

  await login(official, 'district-150627');
  await openCase(official, code);
  const panel = official.getByTestId('identity-panel');
  assert.ok(!(await panel.innerText()).includes(phoneNo), 'identity hidden at first');
  await panel.getByTestId('identity-show').click();
  const modal = official.locator('.ant-modal:visible');
  await modal.waitFor();
  await modal.getByTestId('identity-ok').click();
  await modal.getByText('请填写查看理由（至少4个字）').waitFor();
  await modal.getByTestId('identity-reason').fill('核查需与举报人联系了解采石场位置');
  await modal.getByText('请填写查看理由（至少4个字）').waitFor({ state: 'hidden' });
  await shot(official, '67-identity-reason');
  await modal.getByTestId('identity-ok').click();
  await modal.waitFor({ state: 'hidden' });
  assert.equal((await panel.getByTestId('identity-phone').innerText()).trim(), phoneNo);
  await shot(official, '68-identity-revealed');

  // The reward path: accept → verify (linking an existing hazard) → compute → approve → pay.
  await act(official, 'accept');
  await waitStatus(official, '核查中');
  await act(official, 'verify', async (m) => {
    await m.getByTestId('report-summary').fill('经核查，该采石场无证开采属实，已依法处罚。');
    await m.getByLabel('罚款金额（元）').fill('100000');
    await m.getByText('关联已有隐患', { exact: true }).click();
    await m.getByTestId('hazard-select').click();
    const option = official.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
    await option.waitFor();
    await option.click();
  });
  await waitStatus(official, '核查属实');
  await act(official, 'compute-reward');
  await waitStatus(official, '奖励待审批');
  assert.equal((await official.getByTestId('report-reward').innerText()).trim(), '¥15,000');
  await act(official, 'approve-reward', (m) => m.getByTestId('report-comment').fill('同意按标准奖励。'));
  await waitStatus(official, '奖励已批准');
  await act(official, 'pay', (m) => m.getByTestId('report-paymentRef').fill('CZ-2026-0001'));
  await waitStatus(official, '奖励已发放');
  await shot(official, '74-report-reward-paid');

  await reporter.goto(`/public/report/status#${new URLSearchParams({ code, key }).toString()}`);
  const reward = reporter.getByTestId('status-reward');
  await reward.waitFor();
  assert.equal((await reward.innerText()).trim(), '奖励已发放：¥15,000');

  // An inspector of a routed department sees the case but not the reporter.
  await login(inspector, 'inspector-yjj');
  await openCase(inspector, code);
  await inspector.getByTestId('identity-show').click();
  const m2 = inspector.locator('.ant-modal:visible');
  await m2.getByTestId('identity-reason').fill('想看看是谁举报的');
  await m2.getByTestId('identity-ok').click();
  await inspector.getByTestId('identity-forbidden').filter({ hasText: '无举报受理职责' }).waitFor();
  assert.ok(!(await inspector.getByTestId('identity-panel').innerText()).includes(phoneNo));
});

test('reward calculator and the enterprise internal reporting channel', async () => {
  const visitor = await phone();
  await visitor.goto('/public/reward-calculator');
  await visitor.getByLabel('罚款金额（元）').fill('100000');
  await visitor.getByTestId('calc-submit').click();
  const result = visitor.getByTestId('calc-result');
  await result.waitFor();
  assert.match((await result.innerText()).replace(/[\s,]/g, ''), /15000/);
  await shot(visitor, '69-reward-calculator');

  // The enterprise sets its rules and prints the poster; an employee reports through the QR link.
  const ent = await phone();
  await login(ent, 'enterprise-demo');
  await ent.goto('/internal-reports');
  await ent.getByTestId('poster-qr').waitFor();
  const rules = '经核实的一般隐患奖励200元，重大隐患奖励2000元。';
  await ent.getByTestId('rules-text').fill(rules);
  await ent.getByTestId('rules-save').click();
  await ent.getByText('已保存').first().waitFor();
  const link = (await ent.getByTestId('internal-link').innerText()).trim();
  assert.match(link, /\/r\/[\w-]+$/);
  await shot(ent, '70-internal-reporting');

  await visitor.goto(new URL(link).pathname);
  await visitor.getByTestId('internal-rules').filter({ hasText: rules }).waitFor();
  const form = visitor.getByTestId('internal-report-form');
  await form.getByLabel('具体地点').fill('二车间东门');
  await form.getByLabel('举报内容').fill('消防通道被原料桶堵塞');
  await visitor.getByTestId('internal-submit').click();
  const receipt = visitor.getByTestId('receipt');
  await receipt.waitFor();
  const code = (await receipt.getByTestId('receipt-code').innerText()).trim();
  await shot(visitor, '71-internal-receipt');

  await ent.reload();
  const row = ent.locator('[data-testid=internal-table] .ant-list-item', { hasText: code });
  await row.waitFor();
  await row.getByTestId('internal-resolve').click();
  const modal = ent.locator('.ant-modal:visible');
  await modal.getByLabel('处理结果').fill('已清理通道并设置禁放标识。');
  await modal.getByLabel('奖励金额（元，选填）').fill('200');
  await modal.getByTestId('internal-ok').click();
  await modal.waitFor({ state: 'hidden' });
  await ent
    .locator('[data-testid=internal-table] .ant-list-item', { hasText: code })
    .getByText('已处理')
    .waitFor();
});

test('desktop: the city office sees the inbox table and the statistics', async () => {
  const c = await newContext(browser);
  contexts.push(c);
  const city = await c.newPage();
  await login(city, 'city-admin');
  await city.goto('/reports');
  await city.locator('[data-testid=report-table] .ant-table-row').first().waitFor();
  assert.ok((await city.locator('[data-testid=report-table] .ant-table-row').count()) >= 2);
  await city.waitForLoadState('networkidle');
  await shot(city, '72-report-inbox-desktop');
  await city.goto('/reports/stats');
  await city.locator('[data-testid=report-stats-table] .ant-table-row').first().waitFor();
  await city.getByTestId('stats-groupby').getByText('按旗区').click();
  await city.locator('[data-testid=report-stats-table] .ant-table-row', { hasText: '伊金霍洛旗' }).waitFor();
  await city.waitForLoadState('networkidle');
  await shot(city, '73-report-stats');
});
