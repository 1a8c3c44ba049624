import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const BASE_URL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000';
export const DEMO_PASSWORD = 'zhiben-demo';
export const SHOTS_DIR = process.env.E2E_SHOTS_DIR ?? '/tmp/zhiben-shots';

mkdirSync(SHOTS_DIR, { recursive: true });

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function newContext(browser: Browser, opts: { mobile?: boolean } = {}): Promise<BrowserContext> {
  const ctx = await browser.newContext({
    baseURL: BASE_URL,
    acceptDownloads: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: opts.mobile ? { width: 390, height: 844 } : { width: 1440, height: 900 },
    isMobile: opts.mobile,
    hasTouch: opts.mobile,
    deviceScaleFactor: 1,
  });
  ctx.setDefaultTimeout(20_000);
  return ctx;
}

export async function shot(page: Page, name: string): Promise<void> {
  // Full-page shots draw sticky headers where the page is scrolled to: start from the top.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage: true });
}

/** Signs in through the login form and waits for the dashboard. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => u.pathname === '/', { timeout: 30_000 });
  await page.getByTestId('user-menu').waitFor();
}

/** Reads "共 N 条" under the enterprise table. */
export async function tableTotal(page: Page): Promise<number> {
  const text = await page.getByTestId('enterprise-total').innerText();
  const m = /(\d+)/.exec(text.replace(/,/g, ''));
  if (!m) throw new Error(`no total in "${text}"`);
  return Number(m[1]);
}
