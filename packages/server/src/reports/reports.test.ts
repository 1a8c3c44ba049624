import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../test/harness';

const PHONE = '13912345678';
const ID_NUMBER = '150627198512250049';

describe('public reporting and rewards', () => {
  let t: TestApp;
  let district: string;
  let enterpriseId: string;
  let ip = 0;
  const from = () => ({ 'x-forwarded-for': `10.9.${Math.floor(++ip / 250)}.${ip % 250}` });
  const report = (over: Record<string, unknown> = {}) => ({
    category: 'major_hazard',
    enterpriseId,
    districtCode: '150627',
    location: '圣圆煤化工基地东区罐区',
    description: '液氨储罐区可燃气体报警器长期关闭，夜间无人值守',
    anonymous: false,
    reporter: { name: '王举报', phone: PHONE, idNumber: ID_NUMBER },
    ...over,
  });
  before(async () => {
    t = await testApp();
    district = await t.login('district-150627');
    const ent = await t.login('enterprise-demo');
    enterpriseId = (await t.call('GET', '/api/auth/me', { cookie: ent })).json.enterpriseId;
  });
  after(() => t.close());

  it('computes rewards with the national bounds', async () => {
    const r = await t.call('POST', '/api/calculators/report-reward', {
      body: { category: 'major_hazard', fine: 10_000 },
    });
    assert.equal(r.status, 200);
    assert.equal(r.json.amount, 3000);
    const c = await t.call('POST', '/api/calculators/report-reward', {
      body: { category: 'concealed_accident', deaths: 8, accidentGrade: 'major' },
    });
    assert.equal(c.json.amount, 300_000);
    const bad = await t.call('POST', '/api/calculators/report-reward', {
      body: { category: 'major_hazard' },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.errors[0].path, 'fine');
  });

  it('takes an anonymous report without login and answers the status only with the right key', async () => {
    const r = await t.call('POST', '/api/public/reports', {
      headers: from(),
      body: report({ anonymous: true, reporter: null, description: '夜间违规动火作业，未办理动火作业票' }),
    });
    assert.equal(r.status, 201, r.body);
    assert.match(r.json.trackingCode, /^JB[0-9A-Z]{10}$/);
    const ok = await t.call('GET', `/api/public/reports/${r.json.trackingCode}`, {
      headers: { ...from(), 'x-access-key': r.json.accessKey },
    });
    assert.equal(ok.status, 200);
    assert.equal(ok.json.status, 'received');
    assert.ok(!('description' in ok.json) && !('departmentIds' in ok.json));
    const wrong = await t.call('GET', `/api/public/reports/${r.json.trackingCode}`, {
      headers: { ...from(), 'x-access-key': 'nope' },
    });
    const unknown = await t.call('GET', '/api/public/reports/JBAAAAAAAAAA', {
      headers: { ...from(), 'x-access-key': 'nope' },
    });
    assert.equal(wrong.status, 404);
    assert.equal(unknown.status, 404);
    assert.equal(wrong.json.detail, unknown.json.detail);
    assert.deepEqual(Object.keys(wrong.json).sort(), Object.keys(unknown.json).sort());
  });

  it('never stores the reporter in plaintext, not even in the audit log', async () => {
    const r = await t.call('POST', '/api/public/reports', { headers: from(), body: report() });
    assert.equal(r.status, 201);
    const tables = ['reports', 'report_events', 'audit_log', 'notifications', 'app_meta'];
    for (const table of tables) {
      const rows = await sql<{ t: string }>`select t::text as t from ${sql.table(table)} t`.execute(
        t.database.db,
      );
      const text = rows.rows.map((x) => x.t).join('\n');
      assert.ok(
        !text.includes(PHONE) && !text.includes(ID_NUMBER) && !text.includes('王举报'),
        `plaintext identity in ${table}`,
      );
    }
    if (t.database.dumpDataDir) {
      const dump = Buffer.from(await (await t.database.dumpDataDir()).arrayBuffer());
      assert.ok(!dump.includes(Buffer.from(PHONE)), 'phone in the PGlite data directory');
      assert.ok(!dump.includes(Buffer.from(ID_NUMBER)), 'ID number in the PGlite data directory');
    }
  });

  it('walks accept → verify (a hazard appears) → feedback → reward → approve → pay → close', async () => {
    const sub = await t.call('POST', '/api/public/reports', {
      headers: from(),
      body: report({ description: '危化品仓库超量储存，消防通道被堵塞，多次整改未果' }),
    });
    const list = await t.call('GET', '/api/reports?status=received', { cookie: district });
    const item = list.json.items.find(
      (x: { trackingCode: string }) => x.trackingCode === sub.json.trackingCode,
    );
    assert.ok(item, 'in the district inbox');
    assert.ok(!JSON.stringify(item).includes(PHONE));
    const id = item.id;
    const act = (action: string, body: unknown = {}, cookie = district) =>
      t.call('POST', `/api/reports/${id}/actions/${action}`, { cookie, body });

    assert.equal(
      (await act('verify', { outcome: 'true', summary: 'x' })).status,
      409,
      'cannot verify before accepting',
    );
    assert.equal((await act('accept')).json.status, 'verifying');
    const criterion = (await t.call('GET', '/api/criteria?sector=hazardous_chemicals', { cookie: district }))
      .json.items[3].id;
    const v = await act('verify', {
      outcome: 'true',
      summary: '现场核查属实，已立案处罚',
      fine: 100_000,
      hazard: {
        enterpriseId,
        grade: 'major',
        criterionId: criterion,
        title: '危化品仓库超量储存',
        deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      },
    });
    assert.equal(v.status, 200, v.body);
    assert.equal(v.json.status, 'verified_true');
    const hazard = await t.call('GET', `/api/hazards/${v.json.hazardId}`, { cookie: district });
    assert.equal(hazard.json.source, 'public_report');
    assert.equal(
      (await act('feedback', { summary: '您举报的问题经核查属实，已责令整改并依法处罚。' })).status,
      200,
    );
    const status = await t.call('GET', `/api/public/reports/${sub.json.trackingCode}`, {
      headers: { ...from(), 'x-access-key': sub.json.accessKey },
    });
    assert.equal(status.json.verified, true);
    assert.match(status.json.outcomeSummary, /核查属实/);
    const reward = await act('compute-reward');
    assert.equal(reward.json.rewardAmount, 15_000);
    assert.equal((await act('approve-reward')).json.status, 'reward_approved');
    assert.equal((await act('pay', { paymentRef: 'ZF-2026-0001' })).json.status, 'reward_paid');
    assert.equal((await act('close')).json.status, 'closed');
    const paid = await t.call('GET', `/api/public/reports/${sub.json.trackingCode}`, {
      headers: { ...from(), 'x-access-key': sub.json.accessKey },
    });
    assert.deepEqual(paid.json.reward, { status: 'paid', amount: 15_000 });
  });

  it('reveals the identity only to the 举报受理 role, with a reason, audited', async () => {
    const sub = await t.call('POST', '/api/public/reports', {
      headers: from(),
      body: report({ description: '矿井下违规使用非防爆电器设备，存在瓦斯爆炸风险' }),
    });
    const id = (await t.call('GET', `/api/reports?keyword=${sub.json.trackingCode}`, { cookie: district }))
      .json.items[0].id;
    const noReason = await t.call('POST', `/api/reports/${id}/identity`, { cookie: district, body: {} });
    assert.equal(noReason.status, 400);
    const yjj = await t.login('inspector-yjj');
    assert.equal(
      (
        await t.call('POST', `/api/reports/${id}/identity`, {
          cookie: yjj,
          body: { reason: '核实联系举报人' },
        })
      ).status,
      403,
    );
    const ent = await t.login('enterprise-demo');
    assert.equal((await t.call('GET', `/api/reports/${id}`, { cookie: ent })).status, 403);
    assert.equal((await t.call('GET', '/api/reports', { cookie: ent })).status, 403);
    const ok = await t.call('POST', `/api/reports/${id}/identity`, {
      cookie: district,
      body: { reason: '需电话联系举报人补充现场照片' },
    });
    assert.equal(ok.status, 200);
    assert.equal(ok.json.phone, PHONE);
    const audit = await t.call(
      'GET',
      `/api/audit?entityType=report&entityId=${id}&action=report.identity_view`,
      { cookie: await t.login('city-admin') },
    );
    assert.equal(audit.json.items[0].after.reason, '需电话联系举报人补充现场照片');
  });

  it('links a duplicate and rewards only the first real-name reporter', async () => {
    const text = '加油站卸油时无人监护，静电接地装置损坏未修复，周边有明火';
    const a = await t.call('POST', '/api/public/reports', {
      headers: from(),
      body: report({ description: text }),
    });
    const b = await t.call('POST', '/api/public/reports', {
      headers: from(),
      body: report({ description: `${text}。`, reporter: { name: '李二', phone: '13800001111' } }),
    });
    const rows = (await t.call('GET', '/api/reports?pageSize=100', { cookie: district })).json.items;
    const ra = rows.find((x: { trackingCode: string }) => x.trackingCode === a.json.trackingCode);
    const rb = rows.find((x: { trackingCode: string }) => x.trackingCode === b.json.trackingCode);
    assert.equal(rb.duplicateOf, ra.id);
    for (const r of [ra, rb]) {
      await t.call('POST', `/api/reports/${r.id}/actions/accept`, { cookie: district, body: {} });
      await t.call('POST', `/api/reports/${r.id}/actions/verify`, {
        cookie: district,
        body: {
          outcome: 'true',
          summary: '属实',
          fine: 50_000,
          hazardId: (await t.call('GET', '/api/hazards?pageSize=1', { cookie: district })).json.items[0].id,
        },
      });
    }
    assert.equal(
      (await t.call('POST', `/api/reports/${ra.id}/actions/compute-reward`, { cookie: district, body: {} }))
        .json.rewardAmount,
      7500,
    );
    const second = await t.call('POST', `/api/reports/${rb.id}/actions/compute-reward`, {
      cookie: district,
      body: {},
    });
    assert.equal(second.status, 409);
  });

  it('answers abuse of the public endpoint with 429, not a crash', async () => {
    const headers = { 'x-forwarded-for': '10.99.99.99' };
    const codes: number[] = [];
    for (let i = 0; i < 7; i++)
      codes.push(
        (await t.call('POST', '/api/public/reports', { headers, body: { category: 'other' } })).status,
      );
    assert.ok(codes.includes(429), codes.join());
    const huge = await t.call('POST', '/api/public/reports', {
      headers: from(),
      body: report({ description: 'x'.repeat(40_000) }),
    });
    assert.equal(huge.status, 413);
  });
});
