import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { BASE_URL, DEMO_PASSWORD, launch, login, newContext, shot, tableTotal } from './support';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function cityTotal(): Promise<number> {
  const ctx = await browser.newContext({ baseURL: BASE_URL });
  try {
    const r = await ctx.request.post('/api/auth/login', {
      data: { username: 'city-admin', password: DEMO_PASSWORD },
    });
    assert.equal(r.status(), 200, 'city-admin can log in');
    const list = await ctx.request.get('/api/enterprises?pageSize=1');
    assert.equal(list.status(), 200);
    return ((await list.json()) as { total: number }).total;
  } finally {
    await ctx.close();
  }
}

test('a district office sees only the enterprises of its own district', async () => {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  try {
    await page.goto('/');
    await page.waitForURL(/\/login/);
    await page.getByText('鄂尔多斯市安全生产治本攻坚平台').waitFor();
    await shot(page, '01-login');

    await login(page, 'district-150627');
    await page.getByTestId('count-150627').filter({ hasText: /\d/ }).waitFor();
    await shot(page, '02-district-overview');

    // Only the permitted menu entries are there.
    const menu = page.getByTestId('side-menu');
    await assert.doesNotReject(menu.getByText('企业台账').waitFor());
    await menu.getByText('企业台账').click();
    await page.waitForURL(/\/enterprises/);
    const rows = page.locator('[data-testid=enterprise-table] tbody tr.ant-table-row');
    await rows.first().waitFor();
    await page.getByTestId('enterprise-total').waitFor();
    await shot(page, '03-district-enterprises');

    const districts = await page
      .locator('[data-testid=enterprise-table] tbody tr.ant-table-row td.col-district')
      .allInnerTexts();
    assert.ok(districts.length > 0, 'the table lists enterprises');
    for (const d of districts) assert.equal(d.trim(), '伊金霍洛旗');

    // Next page too: the scope holds beyond the first page.
    const total = await tableTotal(page);
    if (total > districts.length) {
      await page.locator('.ant-pagination-next').click();
      await page.locator('.ant-pagination-item-active', { hasText: '2' }).waitFor();
      await page.waitForLoadState('networkidle');
      const more = await page
        .locator('[data-testid=enterprise-table] tbody tr.ant-table-row td.col-district')
        .allInnerTexts();
      for (const d of more) assert.equal(d.trim(), '伊金霍洛旗');
    }

    const city = await cityTotal();
    assert.ok(total > 0, 'the district has enterprises');
    assert.ok(total < city, `district total ${total} is below the city total ${city}`);
  } finally {
    await ctx.close();
  }
});

test('the ledger is usable on a phone: the menu folds into a drawer and the table scrolls', async () => {
  const ctx = await newContext(browser, { mobile: true });
  const page = await ctx.newPage();
  try {
    await login(page, 'district-150627');
    await page.getByTestId('menu-toggle').click();
    await page.getByTestId('side-menu').getByText('企业台账').click();
    await page.waitForURL(/\/enterprises/);
    await page.locator('[data-testid=enterprise-table] tbody tr.ant-table-row').first().waitFor();
    await shot(page, '04-mobile-enterprises');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the page itself does not scroll sideways (overflow ${overflow}px)`);
  } finally {
    await ctx.close();
  }
});
