import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../test/harness';

describe('enterprise internal reporting', () => {
  let t: TestApp;
  let ent: string;
  let enterpriseId: string;
  before(async () => {
    t = await testApp();
    ent = await t.login('enterprise-demo');
    enterpriseId = (await t.call('GET', '/api/auth/me', { cookie: ent })).json.enterpriseId;
  });
  after(() => t.close());

  it('posts a QR channel, takes an employee report without login, and the enterprise handles and rewards it', async () => {
    const ch = await t.call('GET', `/api/enterprises/${enterpriseId}/internal-reporting`, { cookie: ent });
    assert.equal(ch.status, 200);
    const qr = await t.app.inject({ method: 'GET', url: ch.json.qrUrl, headers: { cookie: ent } });
    assert.equal(qr.headers['content-type'], 'image/png');
    const set = await t.call('PUT', `/api/enterprises/${enterpriseId}/internal-reporting`, {
      cookie: ent,
      body: { enabled: true, rewardRules: '经核实的隐患每条奖励200元，重大隐患奖励2000元' },
    });
    assert.equal(set.status, 200);
    const info = await t.call('GET', `/api/public/internal/${ch.json.token}`, {
      headers: { 'x-forwarded-for': '10.1.1.1' },
    });
    assert.match(info.json.rewardRules, /200元/);
    const rep = await t.call('POST', `/api/public/internal/${ch.json.token}/reports`, {
      headers: { 'x-forwarded-for': '10.1.1.2' },
      body: {
        location: '二车间',
        description: '压力表超期未校验',
        anonymous: false,
        reporter: { name: '员工甲', phone: '13700001234' },
      },
    });
    assert.equal(rep.status, 201, rep.body);
    const list = await t.call('GET', '/api/internal-reports', { cookie: ent });
    assert.equal(list.json.stats.total, 1);
    assert.ok(!JSON.stringify(list.json).includes('13700001234'));
    const done = await t.call('POST', `/api/internal-reports/${list.json.items[0].id}/actions/resolve`, {
      cookie: ent,
      body: { resolution: '已校验更换', rewardAmount: 200 },
    });
    assert.equal(done.json.status, 'resolved');
    assert.equal((await t.call('GET', '/api/internal-reports', { cookie: ent })).json.stats.rewards, 200);
  });

  it('keeps internal reports inside the enterprise', async () => {
    assert.equal(
      (await t.call('GET', '/api/internal-reports', { cookie: await t.login('district-150627') })).status,
      403,
    );
    const other = (
      await t.call('GET', '/api/enterprises?district=150602&pageSize=1', {
        cookie: await t.login('city-admin'),
      })
    ).json.items[0].id;
    assert.equal(
      (await t.call('GET', `/api/enterprises/${other}/internal-reporting`, { cookie: ent })).status,
      403,
    );
    assert.equal(
      (
        await t.call('GET', '/api/public/internal/not-a-token', {
          headers: { 'x-forwarded-for': '10.1.1.3' },
        })
      ).status,
      404,
    );
  });
});
