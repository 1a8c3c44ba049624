import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { testApp, type TestApp } from '../test/harness';
import { verifyAudit } from '../audit/audit.repo';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

async function photo(t: TestApp, cookie: string, color = '#36c'): Promise<string> {
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: color } })
    .jpeg()
    .toBuffer();
  const form = new FormData();
  form.append('file', new Blob([jpeg], { type: 'image/jpeg' }), '现场.jpg');
  const r = await t.app.inject({ method: 'POST', url: '/api/files', headers: { cookie }, payload: form });
  assert.equal(r.statusCode, 201, r.body);
  return r.json().id;
}

describe('hazard closed loop', () => {
  let t: TestApp;
  let ent: string;
  let yjj: string;
  let nyj: string;
  let city: string;
  let enterpriseId: string;
  let criterionId: string;
  before(async () => {
    t = await testApp();
    ent = await t.login('enterprise-demo');
    yjj = await t.login('inspector-yjj');
    nyj = await t.login('inspector-nyj');
    city = await t.login('city-admin');
    enterpriseId = (await t.call('GET', '/api/auth/me', { cookie: ent })).json.enterpriseId;
    const c = await t.call('GET', '/api/criteria?sector=hazardous_chemicals', { cookie: ent });
    criterionId = c.json.items[0].id;
  });
  after(() => t.close());

  const majorBody = (over: Record<string, unknown> = {}) => ({
    enterpriseId,
    grade: 'major',
    criterionId,
    title: '液氨储罐区未设置紧急切断装置',
    description: '储罐出口管线未设紧急切断阀',
    location: '罐区B',
    source: 'self_check',
    discoveredAt: iso(Date.now() - DAY),
    deadline: iso(Date.now() + 30 * DAY),
    plan: {
      responsible: '张三',
      measures: '加装紧急切断阀',
      funds: 120000,
      deadline: iso(Date.now() + 30 * DAY),
      emergencyPlan: '加强巡检，备用堵漏器材',
    },
    attachmentIds: [] as string[],
    ...over,
  });

  it('lists the judgement criteria library with sectors and pending-text state', async () => {
    const r = await t.call('GET', '/api/criteria?sector=hazardous_chemicals', { cookie: ent });
    assert.equal(r.status, 200);
    assert.equal(r.json.items.length, 20);
    for (const k of ['id', 'code', 'sector', 'name']) assert.ok(k in r.json.items[0]);
    const pending = r.json.sectors.filter((s: { pendingText: string | null }) => s.pendingText);
    assert.ok(pending.some((s: { code: string }) => s.code === 'metal_nonmetal_mine'));
  });

  it('walks report → confirm → submit → reject → resubmit → accept, every step audited', async () => {
    const p1 = await photo(t, ent);
    const created = await t.call('POST', '/api/hazards', {
      cookie: ent,
      body: majorBody({ attachmentIds: [p1] }),
    });
    assert.equal(created.status, 201, created.body);
    assert.match(created.json.code, /^YH-150627-\d{4}-\d{6}$/);
    assert.equal(created.json.status, 'reported');
    const id = created.json.id;

    // the enterprise may not confirm its own major hazard; another department may not either
    assert.equal(
      (await t.call('POST', `/api/hazards/${id}/actions/confirm`, { cookie: ent, body: {} })).status,
      403,
    );
    assert.equal((await t.call('GET', `/api/hazards/${id}`, { cookie: nyj })).status, 404);
    // a step that skips a state answers 409 naming the state and the allowed actions
    const skip = await t.call('POST', `/api/hazards/${id}/actions/accept`, { cookie: yjj, body: {} });
    assert.equal(skip.status, 409);
    assert.equal(skip.json.state, 'reported');
    assert.deepEqual(skip.json.allowed.sort(), ['confirm', 'dismiss', 'supervise']);
    assert.match(skip.json.detail, /待确认/);

    const detail = await t.call('GET', `/api/hazards/${id}`, { cookie: yjj });
    assert.ok(detail.json.allowedActions.includes('confirm'));
    assert.equal(detail.json.attachments[0].thumbnailUrl, `/api/files/${p1}/thumbnail`);
    // the inspector can see the enterprise's photo once it is attached
    assert.equal((await t.call('GET', `/api/files/${p1}`, { cookie: yjj })).status, 200);

    const confirmed = await t.call('POST', `/api/hazards/${id}/actions/confirm`, { cookie: yjj, body: {} });
    assert.equal(confirmed.status, 200, confirmed.body);
    assert.equal(confirmed.json.status, 'rectifying');
    const sms = await t.database.db
      .selectFrom('notifications')
      .select(['recipient_name', 'channel'])
      .where('hazard_id', '=', id)
      .execute();
    assert.equal(sms.filter((n) => n.channel === 'sms').length, 2, 'principal and actual controller');
    const inbox = await t.call('GET', '/api/notifications', { cookie: ent });
    assert.ok(inbox.json.items.some((n: { hazardId: string }) => n.hazardId === id));

    const noEvidence = await t.call('POST', `/api/hazards/${id}/actions/submit`, {
      cookie: ent,
      body: { description: '已整改', attachmentIds: [] },
    });
    assert.equal(noEvidence.status, 400);
    const ev1 = await photo(t, ent, '#3c6');
    const submitted = await t.call('POST', `/api/hazards/${id}/actions/submit`, {
      cookie: ent,
      body: { description: '已加装切断阀', attachmentIds: [ev1] },
    });
    assert.equal(submitted.json.status, 'pending_acceptance', submitted.body);

    const rejected = await t.call('POST', `/api/hazards/${id}/actions/reject`, {
      cookie: yjj,
      body: { reason: '未做联锁测试' },
    });
    assert.equal(rejected.json.status, 'rectifying', rejected.body);
    assert.equal(rejected.json.rejections, 1);

    const ev2 = await photo(t, ent, '#c63');
    assert.equal(
      (
        await t.call('POST', `/api/hazards/${id}/actions/submit`, {
          cookie: ent,
          body: { description: '联锁测试合格', attachmentIds: [ev2] },
        })
      ).json.status,
      'pending_acceptance',
    );
    const accepted = await t.call('POST', `/api/hazards/${id}/actions/accept`, {
      cookie: yjj,
      body: { comment: '验收合格' },
    });
    assert.equal(accepted.json.status, 'closed');
    assert.equal(accepted.json.acceptedBy, '市应急管理局监管员');

    const timeline = (await t.call('GET', `/api/hazards/${id}`, { cookie: city })).json.timeline.map(
      (e: { action: string }) => e.action,
    );
    assert.deepEqual(timeline, ['report', 'confirm', 'submit', 'reject', 'submit', 'accept']);
    const audit = await t.call('GET', `/api/audit?entityType=hazard&entityId=${id}&pageSize=50`, {
      cookie: city,
    });
    assert.deepEqual(audit.json.items.map((e: { action: string }) => e.action).reverse(), [
      'hazard.report',
      'hazard.confirm',
      'hazard.submit',
      'hazard.reject',
      'hazard.submit',
      'hazard.accept',
    ]);
    assert.equal((await verifyAudit(t.database.db)).ok, true);
  });

  it('lets an enterprise close a general hazard it found itself, visible to regulators', async () => {
    const created = await t.call('POST', '/api/hazards', {
      cookie: ent,
      body: majorBody({ grade: 'general', criterionId: null, plan: null, title: '消防通道堆放杂物' }),
    });
    assert.equal(created.status, 201, created.body);
    const id = created.json.id;
    assert.equal(
      (await t.call('POST', `/api/hazards/${id}/actions/confirm`, { cookie: ent, body: {} })).json.status,
      'rectifying',
    );
    const ev = await photo(t, ent);
    assert.equal(
      (
        await t.call('POST', `/api/hazards/${id}/actions/submit`, {
          cookie: ent,
          body: { description: '已清理', attachmentIds: [ev] },
        })
      ).json.status,
      'pending_acceptance',
    );
    assert.equal(
      (await t.call('POST', `/api/hazards/${id}/actions/accept`, { cookie: ent, body: {} })).json.status,
      'closed',
    );
    const seen = await t.call('GET', `/api/hazards?enterprise=${enterpriseId}&status=closed`, {
      cookie: await t.login('district-150627'),
    });
    assert.ok(seen.json.items.some((h: { id: string }) => h.id === id));
  });

  it('requires a criterion for a major hazard, judged on the version in force on the discovery date', async () => {
    const none = await t.call('POST', '/api/hazards', {
      cookie: ent,
      body: majorBody({ criterionId: null }),
    });
    assert.equal(none.status, 400);
    assert.equal(none.json.errors[0].path, 'criterionId');
    const coal = await t.call('GET', '/api/criteria?sector=coal_mine', { cookie: ent });
    const v2026 = coal.json.items.find((i: { version: string }) => i.version === '2026');
    const old = await t.call('POST', '/api/hazards', {
      cookie: ent,
      body: majorBody({
        criterionId: v2026.id,
        discoveredAt: '2026-06-30T23:00:00+08:00',
        deadline: iso(Date.now() + 9 * DAY),
      }),
    });
    assert.equal(old.status, 400);
    assert.equal(old.json.errors[0].path, 'criterionId');
  });

  it('refuses sources the role may not use and enterprises outside the scope', async () => {
    const r = await t.call('POST', '/api/hazards', {
      cookie: ent,
      body: majorBody({ source: 'inspection' }),
    });
    assert.equal(r.status, 403);
    const other = (await t.call('GET', '/api/enterprises?district=150602&pageSize=1', { cookie: city })).json
      .items[0].id;
    const d = await t.call('POST', '/api/hazards', {
      cookie: await t.login('district-150627'),
      body: majorBody({ enterpriseId: other, source: 'supervision' }),
    });
    assert.equal(d.status, 400);
    assert.equal(d.json.errors[0].path, 'enterpriseId');
  });

  it('supervises (挂牌督办) and filters the supervision board', async () => {
    const h = (
      await t.call('POST', '/api/hazards', { cookie: yjj, body: majorBody({ source: 'inspection' }) })
    ).json;
    const s = await t.call('POST', `/api/hazards/${h.id}/actions/supervise`, {
      cookie: city,
      body: { supervisingBody: '鄂尔多斯市安委会', deadline: iso(Date.now() + 20 * DAY) },
    });
    assert.equal(s.status, 200, s.body);
    assert.equal(s.json.supervised, true);
    const board = await t.call('GET', '/api/hazards?supervised=true', { cookie: city });
    assert.ok(board.json.items.some((x: { id: string }) => x.id === h.id));
  });
});
