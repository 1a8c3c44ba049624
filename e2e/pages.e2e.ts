import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import type { Browser, Locator, Page } from 'playwright-core';
import { withUsccCheck } from '@zhiben/domain';
import { launch, login, newContext, shot } from './support';

const SAFE = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const randomUscc = () =>
  withUsccCheck('91150627MA' + Array.from({ length: 7 }, () => SAFE[randomInt(SAFE.length)]).join(''));

/** Picks an option in an antd Select found by its form label. */
async function pick(page: Page, scope: Locator, label: string, option: string) {
  await scope.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
}

async function fillPerson(scope: Locator, title: string) {
  const card = scope.locator('.ant-card', { hasText: title });
  await card.getByLabel('姓名').fill(title === '主要负责人' ? '张三' : '李四');
  await card.getByLabel('联系电话').fill('13912345678');
  await card.getByLabel('身份证号').fill('150627198512250049');
}

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('login page is in Chinese and rejects a wrong password with the server message', async () => {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  try {
    await page.goto('/login');
    await page.getByText('鄂尔多斯市安全生产治本攻坚平台').waitFor();
    await page.getByLabel('用户名').fill('city-admin');
    await page.getByLabel('密码').fill('wrong-password-1');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('login-error').waitFor();
    await shot(page, '20-login-error');
    assert.ok((await page.getByTestId('login-error').innerText()).trim().length > 0);
  } finally {
    await ctx.close();
  }
});

test('enterprise form validates with the shared schema as the user types', async () => {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  try {
    await login(page, 'city-admin');
    await page.goto('/enterprises/new');
    const form = page.getByTestId('enterprise-form');
    await form.waitFor();
    await form.getByLabel('统一社会信用代码').fill('91150627MA0000000X');
    await page.getByText(/统一社会信用代码(校验位错误|含非法字符)/).waitFor();
    await page.getByTestId('enterprise-save').click();
    await page.getByText('请填写企业名称').waitFor();
    await shot(page, '21-enterprise-form-errors');
  } finally {
    await ctx.close();
  }
});

test('city office tours detail, users, tokens and audit pages', async () => {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  try {
    await login(page, 'city-admin');

    // Enterprise detail and edit form from the first row.
    await page.goto('/enterprises');
    const link = page.locator('[data-testid=enterprise-table] tbody tr.ant-table-row a').first();
    await link.click();
    await page.getByTestId('enterprise-name').waitFor();
    await page.getByTestId('department-list').waitFor();
    await shot(page, '22-enterprise-detail');
    await page.getByRole('button', { name: /编\s*辑/ }).click();
    await page.getByTestId('enterprise-form').waitFor();
    await shot(page, '23-enterprise-edit');

    // Users: table and the create modal.
    await page.getByTestId('side-menu').getByText('用户管理').click();
    await page.locator('.ant-table-row').first().waitFor();
    await page.getByRole('button', { name: /新建用户/ }).click();
    await page.getByTestId('user-form').waitFor();
    await shot(page, '24-users-create');
    await page.keyboard.press('Escape');

    // Tokens: create one, see it once, revoke it.
    await page.getByTestId('side-menu').getByText('API令牌').click();
    await page.getByRole('button', { name: /创建令牌/ }).click();
    await page.getByLabel('名称').fill('e2e 数据同步');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /新\s*建/ })
      .click();
    const secret = page.getByTestId('token-secret');
    await secret.waitFor();
    assert.ok((await secret.innerText()).trim().length >= 16, 'the token is shown');
    await page.locator('.ant-modal-wrap', { hasText: '权限范围' }).waitFor({ state: 'hidden' });
    await shot(page, '25-token-created');
    await page
      .getByRole('dialog')
      .filter({ has: secret })
      .getByRole('button', { name: /关\s*闭/ })
      .click();
    await page
      .getByRole('button', { name: /撤\s*销/ })
      .first()
      .click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.getByText('已撤销').first().waitFor();

    // Audit: table, diff drawer, chain verification.
    await page.getByTestId('side-menu').getByText('审计日志').click();
    await page.locator('.ant-table-row').first().waitFor();
    await page.getByTestId('audit-verify').click();
    await page.getByTestId('audit-verify-result').waitFor();
    assert.match(await page.getByTestId('audit-verify-result').innerText(), /审计链完整/);
    await page
      .getByRole('button', { name: /查\s*看/ })
      .first()
      .click();
    await page.getByTestId('audit-drawer').waitFor();
    await shot(page, '26-audit');

    // English switch.
    await page.keyboard.press('Escape');
    await page.getByTestId('lang-switch').click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByTestId('side-menu').getByText('Enterprises').waitFor();
    await shot(page, '27-english');
    await page.getByTestId('lang-switch').click();
    await page.getByRole('menuitem', { name: '中文' }).click();
  } finally {
    await ctx.close();
  }
});

test('creating an enterprise; a duplicate credit code comes back as a field error', async () => {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  try {
    await login(page, 'city-admin');
    const uscc = randomUscc();
    const name = `E2E表单测试有限公司${Date.now().toString(36)}`;
    const fillForm = async (n: string) => {
      await page.goto('/enterprises/new');
      const form = page.getByTestId('enterprise-form');
      await form.waitFor();
      await form.getByLabel('企业名称').fill(n);
      await form.getByLabel('统一社会信用代码').fill(uscc);
      await pick(page, form, '所属旗区', '伊金霍洛旗');
      await form.getByLabel('国民经济行业').fill('26 化学原料');
      await form.getByLabel('国民经济行业').press('Enter');
      await pick(page, form, '规模', '规上');
      await fillPerson(form, '主要负责人');
      await fillPerson(form, '实际控制人');
      await page.getByTestId('enterprise-save').click();
    };

    await fillForm(name);
    await page.getByTestId('enterprise-name').filter({ hasText: name }).waitFor();
    await page.getByTestId('department-list').waitFor();
    await shot(page, '28-enterprise-created');

    await fillForm(`${name}二`);
    await page.getByText('该统一社会信用代码已登记').waitFor();
    await shot(page, '29-enterprise-duplicate');
    assert.match(page.url(), /\/enterprises\/new$/);
  } finally {
    await ctx.close();
  }
});
