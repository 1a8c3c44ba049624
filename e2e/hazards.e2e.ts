import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launch, login, newContext, shot } from './support';

// The closed loop of a major hazard (issue 3, item 10), one browser context per user:
// enterprise reports with a photo → inspector confirms → enterprise submits evidence → inspector rejects
// → enterprise resubmits → inspector accepts → 已销号; the dashboard's closed count for 伊金霍洛旗 rises.

const DISTRICT = '150627'; // 伊金霍洛旗: the demo chemical enterprise's banner

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A real JPEG drawn on a canvas in the page (the server decodes it and makes a thumbnail). */
async function jpeg(page: Page, label: string): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const b64 = await page.evaluate((text) => {
    const c = document.createElement('canvas');
    c.width = 640;
    c.height = 480;
    const g = c.getContext('2d')!;
    const grad = g.createLinearGradient(0, 0, 640, 480);
    grad.addColorStop(0, '#8c8c8c');
    grad.addColorStop(1, '#d4380d');
    g.fillStyle = grad;
    g.fillRect(0, 0, 640, 480);
    g.fillStyle = '#fff';
    g.font = 'bold 48px sans-serif';
    g.fillText(text, 40, 250);
    return c.toDataURL('image/jpeg', 0.85).split(',')[1]!;
  }, label);
  return { name: `${label}.jpg`, mimeType: 'image/jpeg', buffer: Buffer.from(b64, 'base64') };
}

/** Opens an antd DatePicker and clicks the 15th of next month. */
async function pickNextMonth15(page: Page, picker: Locator) {
  // A previous picker's dropdown may still be fading out: wait until none shows, so the panel below is
  // this picker's own (CI once clicked the closing one's "next month" button).
  const open = page.locator('.ant-picker-dropdown:visible');
  for (let i = 0; (await open.count()) > 0; i++) {
    if (i > 100) throw new Error('a date picker dropdown stays open');
    await page.waitForTimeout(50);
  }
  await picker.click();
  const panel = open.last();
  await panel.waitFor();
  await panel.locator('.ant-picker-header-next-btn').click();
  const next = new Date();
  next.setDate(1);
  next.setMonth(next.getMonth() + 1);
  const day = `${next.getFullYear()}-${String(next.getMonth() + 1).padStart(2, '0')}-15`;
  await panel.locator(`td[title="${day}"]`).click();
  return day;
}

async function uploadAndWait(
  scope: Locator,
  file: { name: string; mimeType: string; buffer: Buffer },
): Promise<void> {
  const done = scope.locator('.ant-upload-list-item-done');
  const n = await done.count();
  await scope.locator('input[type=file]').setInputFiles(file);
  await done.nth(n).waitFor({ timeout: 30_000 });
}

async function districtClosed(page: Page): Promise<number> {
  await page.goto('/dashboard');
  const cell = page.getByTestId(`district-closed-${DISTRICT}`);
  await cell.waitFor();
  // Wait for the statistics to arrive (the table renders zeros first).
  await page.getByTestId('kpi-total').waitFor();
  await page.waitForLoadState('networkidle');
  return Number((await cell.innerText()).trim());
}

async function openHazard(page: Page, url: string) {
  await page.goto(url);
  await page.getByTestId('hazard-code').waitFor();
}

async function act(page: Page, action: string, fill?: (modal: Locator) => Promise<void>) {
  await page.getByTestId(`action-${action}`).click();
  const modal = page.locator('.ant-modal:visible');
  await modal.waitFor();
  if (fill) await fill(modal);
  await modal.getByTestId('action-ok').click();
  await modal.waitFor({ state: 'hidden' });
}

async function status(page: Page): Promise<string> {
  return (await page.locator('.page-header [data-testid=status-tag]').innerText()).trim();
}

async function waitStatus(page: Page, text: string) {
  await page.locator('.page-header [data-testid=status-tag]', { hasText: text }).waitFor();
}

test('major hazard closed loop with photos, a rejection and the dashboard count', async () => {
  const contexts: BrowserContext[] = [];
  const ctx = async (mobile = false) => {
    const c = await newContext(browser, { mobile });
    contexts.push(c);
    return c.newPage();
  };
  try {
    const city = await ctx();
    const ent = await ctx();
    const insp = await ctx();
    await Promise.all([
      login(city, 'city-admin'),
      login(ent, 'enterprise-demo'),
      login(insp, 'inspector-yjj'),
    ]);

    const closedBefore = await districtClosed(city);

    // --- The enterprise reports a major hazard with a photo.
    await ent.goto('/hazards/new');
    const form = ent.getByTestId('hazard-form');
    await form.waitFor();
    await form.getByText('重大隐患', { exact: true }).click();
    await ent.getByTestId('plan-section').waitFor();
    await form.getByTestId('criterion-picker').click();
    const firstOption = ent.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
    await firstOption.waitFor();
    const criterion = (await firstOption.innerText()).trim();
    await firstOption.click();
    await form.getByLabel('隐患名称').fill('液氨储罐区可燃气体检测报警装置失效');
    await form.getByLabel('隐患描述').fill('罐区 T-101 东侧两台可燃气体探测器无报警输出，联锁未投用。');
    await form.getByLabel('隐患位置').fill('液氨储罐区 T-101 东侧');
    const deadline = await pickNextMonth15(ent, form.getByLabel('整改期限', { exact: true }));
    await uploadAndWait(ent.getByTestId('photo-upload'), await jpeg(ent, 'site-photo'));
    const plan = ent.getByTestId('plan-section');
    await plan.getByLabel('整改责任人').fill('王建军');
    await plan.getByLabel('整改资金（元）').fill('85000');
    await pickNextMonth15(ent, plan.getByLabel('整改时限'));
    await plan.getByLabel('整改措施').fill('更换失效探测器，恢复报警联锁，委托第三方标定。');
    await plan.getByLabel('应急预案').fill('整改期间安排专人每2小时巡检，配备便携式检测仪，储罐限量运行。');
    await shot(ent, '30-hazard-form');
    await ent.getByTestId('hazard-save').click();
    await ent.waitForURL(/\/hazards\/[0-9a-f-]{36}$/);
    const url = new URL(ent.url()).pathname;
    await ent.getByTestId('hazard-code').waitFor();
    const code = (await ent.getByTestId('hazard-code').innerText()).trim();
    assert.match(code, new RegExp(`^YH-${DISTRICT}-\\d{4}-\\d+$`));
    assert.equal(await status(ent), '待确认');
    assert.ok((await ent.locator('[data-testid=attachments] img').count()) >= 1, 'photo thumbnail shown');
    assert.ok(criterion.length > 0);
    // The enterprise may not confirm its own major hazard: no such button.
    assert.equal(await ent.getByTestId('action-confirm').count(), 0);

    // --- The responsible department's inspector confirms (the deadline given at reporting stands).
    await openHazard(insp, url);
    assert.equal(await insp.getByTestId('action-confirm').count(), 1);
    await act(insp, 'confirm', async (m) => m.getByTestId('action-comment').fill('情况属实，按期整改。'));
    await waitStatus(insp, '整改中');
    assert.ok((await insp.getByTestId('hazard-descriptions').innerText()).includes(deadline));

    // --- The enterprise submits evidence (a description and at least one upload).
    await openHazard(ent, url);
    await act(ent, 'submit', async (m) => {
      await m.getByTestId('action-description').fill('已更换两台探测器并恢复联锁，附现场照片。');
      await uploadAndWait(m.getByTestId('evidence-upload'), await jpeg(ent, 'evidence-1'));
    });
    await waitStatus(ent, '待验收');

    // --- The inspector rejects with a reason.
    await openHazard(insp, url);
    await act(insp, 'reject', async (m) => {
      // A reason is required: the form says so before anything is sent.
      await m.getByTestId('action-ok').click();
      await m.getByText('请填写验收不通过的理由').waitFor();
      await m.getByTestId('action-reason').fill('未提供第三方标定报告，联锁测试记录缺失。');
    });
    await waitStatus(insp, '整改中');

    // --- The enterprise resubmits.
    await openHazard(ent, url);
    await act(ent, 'submit', async (m) => {
      await m.getByTestId('action-description').fill('补充第三方标定报告和联锁测试记录。');
      await uploadAndWait(m.getByTestId('evidence-upload'), await jpeg(ent, 'evidence-2'));
    });
    await waitStatus(ent, '待验收');

    // --- The inspector accepts: closed. A second, stale tab still shows the old buttons.
    const stale = await insp.context().newPage();
    await openHazard(stale, url);
    await openHazard(insp, url);
    await act(insp, 'accept', async (m) => m.getByTestId('action-comment').fill('验收合格，同意销号。'));
    await waitStatus(insp, '已销号');
    // Closed: only the 回头看 re-inspection remains for the department.
    const left = await insp.locator('[data-testid=hazard-actions] button').allInnerTexts();
    assert.deepEqual(
      left.map((x) => x.replace(/\s/g, '')),
      ['回头看复查'],
    );

    // The timeline shows every step, in order, with who did it.
    const items = insp.getByTestId('timeline-item');
    const actions = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    assert.deepEqual(actions, ['report', 'confirm', 'submit', 'reject', 'submit', 'accept']);
    const text = await insp.getByTestId('hazard-timeline').innerText();
    for (const s of [
      '登记',
      '确认隐患',
      '提交整改',
      '验收不通过',
      '验收销号',
      '未提供第三方标定报告',
      '市应急管理局监管员',
    ])
      assert.ok(text.includes(s), `timeline shows ${s}`);
    assert.ok((await insp.locator('[data-testid=hazard-timeline] img').count()) >= 3, 'evidence thumbnails');
    await shot(insp, '31-hazard-detail-closed');

    // Pressing accept in the stale tab: the 409 problem is shown as a message and the page refreshes.
    await act(stale, 'accept');
    await stale.locator('.ant-notification-notice', { hasText: '不能执行' }).waitFor();
    await waitStatus(stale, '已销号');
    await stale.close();

    // Through the API the 409 names the state and what is allowed.
    const again = await insp.request.post(`/api${url}/actions/accept`, { data: {} });
    assert.equal(again.status(), 409);
    const problem = (await again.json()) as { state?: string; allowed?: string[] };
    assert.equal(problem.state, 'closed');

    // --- The list shows it closed, and the dashboard's closed count for the banner rose by one.
    await city.goto(`/hazards?keyword=${encodeURIComponent(code)}`);
    await city.getByTestId('hazard-table').locator('tbody tr.ant-table-row').first().waitFor();
    assert.ok((await city.getByTestId('hazard-table').innerText()).includes('已销号'));
    const closedAfter = await districtClosed(city);
    assert.equal(closedAfter, closedBefore + 1);
    await shot(city, '32-dashboard');
    // The breakdown table: by sector first (rows with labels), then by source channel.
    const breakdown = city.getByTestId('breakdown-table');
    await breakdown.locator('tbody tr.ant-table-row').first().waitFor();
    await city.getByTestId('breakdown-by').getByText('来源渠道').click();
    await breakdown.locator('tbody tr.ant-table-row', { hasText: '企业自查' }).waitFor();
    await breakdown.scrollIntoViewIfNeeded();
    await shot(city, '32b-dashboard-breakdown');

    // The enterprise's bell: confirming a major hazard notified its principal.
    await ent.goto('/hazards');
    await ent.getByTestId('hazard-table').waitFor();
    await ent.getByTestId('notification-bell').click();
    await ent.getByTestId('notification-drawer').waitFor();
    await ent.getByTestId('notification-item').first().waitFor();
    await ent.waitForTimeout(600); // the drawer slides in
    await shot(ent, '33-notifications');
  } finally {
    for (const c of contexts) await c.close();
  }
});

test('list and form fit a phone (390 px) with camera upload', async () => {
  const c = await newContext(browser, { mobile: true });
  try {
    const page = await c.newPage();
    await login(page, 'enterprise-demo');
    await page.goto('/hazards');
    await page.getByTestId('hazard-table').waitFor();
    await shot(page, '34-hazard-list-phone');
    await page.getByTestId('hazard-link').first().click();
    await page.getByTestId('hazard-timeline').waitFor();
    await shot(page, '34-hazard-detail-phone');
    await page.goto('/hazards/new');
    await page.getByTestId('hazard-form').waitFor();
    const input = page.locator('[data-testid=photo-upload] input[type=file]');
    assert.equal(await input.getAttribute('capture'), 'environment');
    assert.equal(await input.getAttribute('accept'), 'image/*');
    await uploadAndWait(page.getByTestId('photo-upload'), await jpeg(page, 'phone'));
    // Nothing wider than the screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `page overflows by ${overflow}px`);
    await shot(page, '35-hazard-form-phone');
  } finally {
    await c.close();
  }
});

test('supervision board: overdue hazard escalated up to public exposure, public page without login', async () => {
  const contexts: BrowserContext[] = [];
  try {
    const ent = await (async () => {
      const c = await newContext(browser);
      contexts.push(c);
      return c.newPage();
    })();
    const insp = await (async () => {
      const c = await newContext(browser);
      contexts.push(c);
      return c.newPage();
    })();
    const city = await (async () => {
      const c = await newContext(browser);
      contexts.push(c);
      return c.newPage();
    })();
    await Promise.all([
      login(ent, 'enterprise-demo'),
      login(insp, 'inspector-yjj'),
      login(city, 'city-admin'),
    ]);

    // A general hazard found by the inspector, due in two days: through the API, the UI is tested above.
    const me = (await (await ent.request.get('/api/auth/me')).json()) as { enterpriseId: string };
    const now = Date.now();
    const iso = (t: number) => new Date(t).toISOString();
    const created = await insp.request.post('/api/hazards', {
      data: {
        enterpriseId: me.enterpriseId,
        grade: 'general',
        title: '二号装置区消防通道被占用',
        description: '检查发现装置区东侧消防通道堆放物料。',
        location: '二号装置区',
        source: 'inspection',
        discoveredAt: iso(now - 3600_000),
        deadline: iso(now + 2 * 86_400_000),
      },
    });
    assert.equal(created.status(), 201, await created.text());
    const hazard = (await created.json()) as { id: string; code: string };
    const confirmed = await insp.request.post(`/api/hazards/${hazard.id}/actions/confirm`, { data: {} });
    assert.equal(confirmed.status(), 200, await confirmed.text());

    // The district office lists it for supervision (挂牌督办) through the UI.
    const district = await (async () => {
      const c = await newContext(browser);
      contexts.push(c);
      return c.newPage();
    })();
    await login(district, `district-${DISTRICT}`);
    await openHazard(district, `/hazards/${hazard.id}`);
    await act(district, 'supervise', async (m) => {
      await m.getByTestId('action-note').fill('请于期限内完成整改并报送整改报告。');
    });
    await district.locator('.page-header .ant-tag', { hasText: '督办' }).waitFor();

    // The city office runs the ladder as of 70 days from now: letter, circular, interview, exposure.
    await city.goto('/supervision');
    await city.getByTestId('run-escalations').waitFor();
    const asOf = new Date(now + 70 * 86_400_000);
    const asOfText = `${asOf.getFullYear()}-${String(asOf.getMonth() + 1).padStart(2, '0')}-${String(asOf.getDate()).padStart(2, '0')} 10:00`;
    const picker = city.getByTestId('run-asof');
    await picker.click();
    await picker.fill(asOfText);
    await picker.press('Enter');
    await city.locator('.ant-picker-dropdown:visible').waitFor({ state: 'hidden' });
    await city.getByTestId('run-button').click();
    await city
      .locator('.ant-popconfirm:visible')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await city.getByText(/新生成文书 \d+ 份/).waitFor();
    await city.getByRole('tab', { name: '督办升级记录' }).click();
    const table = city.getByTestId('escalation-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    for (const rung of ['函告', '通报', '约谈', '曝光'])
      await table.getByText(rung, { exact: true }).first().waitFor();
    await table.getByTestId('escalation-doc').first().click();
    await city.getByTestId('escalation-drawer').locator('.official-doc').waitFor();
    await shot(city, '36-escalation-document');
    await city.keyboard.press('Escape');
    await city.getByRole('tab', { name: '挂牌督办隐患' }).click();
    await city.getByTestId('supervised-table').getByText(hazard.code).waitFor();
    await shot(city, '37-supervision-board');

    // The public exposure page, reached from the login page without signing in.
    const anon = await newContext(browser);
    contexts.push(anon);
    const pub = await anon.newPage();
    await pub.goto('/login');
    await pub.getByTestId('exposure-link').click();
    await pub.waitForURL(/\/public\/exposures$/);
    await pub.getByTestId('exposure-list').getByText(hazard.code, { exact: false }).waitFor();
    await shot(pub, '38-public-exposures');
  } finally {
    for (const c of contexts) await c.close();
  }
});

test('criteria library shows sectors, pending text, search; city office adds and retires an item', async () => {
  const c = await newContext(browser);
  try {
    const page = await c.newPage();
    await login(page, 'city-admin');
    await page.goto('/criteria');
    await page.getByTestId('criteria-sectors').waitFor();
    await page.getByTestId('criteria-table').locator('tbody tr.ant-table-row').first().waitFor();
    const pending = page.getByTestId('pending-text');
    if ((await pending.count()) > 0) {
      await pending.first().click();
      await page.getByTestId('sector-pending').waitFor();
    }
    await shot(page, '39-criteria');
    await page.getByTestId('sector-all').click();
    const codeText = `TEST-${Date.now().toString(36).toUpperCase()}`;
    await page.getByTestId('criteria-add').click();
    const form = page.getByTestId('criteria-form');
    await form.waitFor();
    await form.getByLabel('行业类别').click();
    await page
      .locator('.ant-select-dropdown:visible')
      .getByTitle('金属非金属矿山', { exact: false })
      .first()
      .click();
    await form.getByLabel('条目编号').fill(codeText);
    await form.getByLabel('版本', { exact: true }).fill('2026');
    await form.getByLabel('条目简称').fill('测试条目：尾矿库排洪设施失效');
    await form.getByLabel('依据文件').fill('本市补充判定细则（测试）');
    await page
      .locator('.ant-modal:visible')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.getByTestId('criteria-search').locator('input').fill(codeText);
    await page.getByTestId('criteria-search').locator('input').press('Enter');
    const row = page.getByTestId('criteria-table').locator('tbody tr.ant-table-row', { hasText: codeText });
    await row.waitFor();
    await row.getByRole('button', { name: /停\s*用/ }).click();
    await page
      .locator('.ant-modal:visible')
      .getByRole('button', { name: /停\s*用/ })
      .click();
    await row.getByText('至今').waitFor({ state: 'detached' });
  } finally {
    await c.close();
  }
});
