import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { STATS_GROUP_BY } from '@zhiben/domain';
import { testApp, type TestApp } from '../test/harness';

/** Escalation, statistics and milestones against hand-computed fixtures, with explicit as-of times. */
describe('supervision, statistics and milestones', () => {
  let t: TestApp;
  let ent: string;
  let city: string;
  let enterpriseId: string;
  let criterionId: string;
  const ids: Record<string, string> = {};
  before(async () => {
    t = await testApp();
    ent = await t.login('enterprise-demo');
    city = await t.login('city-admin');
    enterpriseId = (await t.call('GET', '/api/auth/me', { cookie: ent })).json.enterpriseId;
    criterionId = (await t.call('GET', '/api/criteria?sector=hazardous_chemicals', { cookie: ent })).json
      .items[1].id;
    const mk = async (key: string, body: Record<string, unknown>) => {
      const r = await t.call('POST', '/api/hazards', {
        cookie: ent,
        body: { enterpriseId, source: 'self_check', title: `隐患${key}`, ...body },
      });
      assert.equal(r.status, 201, r.body);
      ids[key] = r.json.id;
    };
    // stock: a major hazard found in 2023, deadline 2023-06-01, still open
    await mk('stock', {
      grade: 'major',
      criterionId,
      discoveredAt: '2023-05-01T09:00:00+08:00',
      deadline: '2023-06-01T00:00:00+08:00',
    });
    // overdue since 2025-02-01
    await mk('late', {
      grade: 'major',
      criterionId,
      discoveredAt: '2025-01-01T09:00:00+08:00',
      deadline: '2025-02-01T00:00:00+08:00',
    });
    // a general one the enterprise closes itself
    await mk('done', {
      grade: 'general',
      discoveredAt: '2025-01-10T09:00:00+08:00',
      deadline: new Date(Date.now() + 10 * 86_400_000).toISOString(),
    });
    await t.call('POST', `/api/hazards/${ids.done}/actions/confirm`, { cookie: ent, body: {} });
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('%PDF-1.4 evidence')]), '整改报告.pdf');
    const file = (
      await t.app.inject({ method: 'POST', url: '/api/files', headers: { cookie: ent }, payload: form })
    ).json();
    await t.call('POST', `/api/hazards/${ids.done}/actions/submit`, {
      cookie: ent,
      body: { description: '完成', attachmentIds: [file.id] },
    });
    await t.call('POST', `/api/hazards/${ids.done}/actions/accept`, { cookie: ent, body: {} });
  });
  after(() => t.close());

  it('climbs the ladder by days overdue, once per rung, idempotent on rerun', async () => {
    const run = (asOf: string) =>
      t.call('POST', '/api/supervision/escalations/run', { cookie: city, body: { asOf } });
    const first = await run('2025-02-01T23:00:00+08:00'); // 0.96 day after the deadline: nothing for 'late'
    assert.equal(first.status, 200, first.body);
    const lateRungs = async () =>
      (await t.call('GET', `/api/supervision/escalations?hazardId=${ids.late}`, { cookie: city })).json.items
        .map((e: { rung: string }) => e.rung)
        .sort();
    assert.deepEqual(await lateRungs(), []);
    await run('2025-02-02T00:00:00+08:00'); // exactly 1 day
    assert.deepEqual(await lateRungs(), ['letter']);
    const again = await run('2025-02-02T00:00:00+08:00');
    assert.equal(again.json.byRung.letter ?? 0, 0, 'no second letter');
    await run('2025-04-03T00:00:00+08:00'); // 61 days
    assert.deepEqual(await lateRungs(), ['circular', 'exposure', 'interview', 'letter']);
    const letter = (
      await t.call('GET', `/api/supervision/escalations?hazardId=${ids.late}&rung=letter`, { cookie: city })
    ).json.items[0];
    assert.match(letter.title, /函/);
    assert.match(letter.body, /逾期1日/);
  });

  it('publishes exposures without login', async () => {
    const r = await t.call('GET', '/api/public/exposures');
    assert.equal(r.status, 200);
    assert.ok(r.json.items.some((e: { hazardTitle: string }) => e.hazardTitle === '隐患late'));
    assert.ok(!JSON.stringify(r.json).includes('idNumber'));
  });

  it('orders exposures newest first, deterministically, and filters by district and text', async () => {
    const codes = async (qs = '') =>
      (await t.call('GET', `/api/public/exposures${qs}`)).json.items.map(
        (e: { hazardTitle: string }) => e.hazardTitle,
      );
    // Same publication (2025-04-03): 'late' crossed the 60-day line most recently, so it leads.
    const all = await codes();
    assert.ok(all.indexOf('隐患late') < all.indexOf('隐患stock'), all.join(','));
    assert.deepEqual(await codes(), all, 'a second read answers the same order');
    const lateCode = (await t.call('GET', `/api/hazards/${ids.late}`, { cookie: city })).json.code;
    assert.deepEqual(await codes(`?q=${encodeURIComponent(lateCode)}`), ['隐患late']);
    assert.ok((await codes('?district=150627')).includes('隐患late'));
    assert.deepEqual(await codes('?district=150602'), []);
    assert.deepEqual(await codes(`?q=${encodeURIComponent('%')}`), [], '% is taken literally');
    const bad = await t.call('GET', '/api/public/exposures?district=abc');
    assert.equal(bad.status, 400);
    assert.equal(bad.json.errors[0].path, 'district');
  });

  it('only the city office runs the ladder', async () => {
    const r = await t.call('POST', '/api/supervision/escalations/run', {
      cookie: await t.login('district-150627'),
      body: {},
    });
    assert.equal(r.status, 403);
  });

  it('groups statistics by district, matching the fixture', async () => {
    const r = await t.call('GET', '/api/stats/hazards?groupBy=district', { cookie: city });
    assert.equal(r.status, 200);
    const row = r.json.rows.find((x: { key: string }) => x.key === '150627');
    assert.equal(row.label, '伊金霍洛旗');
    assert.equal(row.total, 3);
    assert.equal(row.open, 2);
    assert.equal(row.closed, 1);
    assert.equal(row.overdue, 2);
    assert.equal(row.major, 2);
    assert.equal(row.general, 1);
    assert.ok(Math.abs(row.rectificationRate - 1 / 3) < 1e-9);
    const byMonth = await t.call('GET', '/api/stats/hazards?groupBy=month', { cookie: city });
    assert.deepEqual(
      byMonth.json.rows.map((x: { key: string }) => x.key),
      ['2023-05', '2025-01'],
    );
    const other = await t.call('GET', '/api/stats/hazards?groupBy=district', {
      cookie: await t.login('district-150602'),
    });
    assert.equal(other.json.rows.length, 0, 'scoped: another district sees none of these');
  });

  it('answers every group-by dimension with labelled rows that add up to the same total', async () => {
    const totals = new Map<string, number>();
    for (const groupBy of STATS_GROUP_BY) {
      const r = await t.call('GET', `/api/stats/hazards?groupBy=${groupBy}`, { cookie: city });
      assert.equal(r.status, 200, `${groupBy}: ${r.body}`);
      assert.ok(r.json.rows.length > 0, groupBy);
      for (const row of r.json.rows)
        assert.ok(typeof row.label === 'string' && row.label.length > 0, groupBy);
      totals.set(
        groupBy,
        r.json.rows.reduce((n: number, x: { total: number }) => n + x.total, 0),
      );
    }
    // Every dimension but sector (a hazard counts once per sector) partitions the same hazards.
    const district = totals.get('district')!;
    for (const [groupBy, n] of totals) if (groupBy !== 'sector') assert.equal(n, district, groupBy);
    assert.ok(totals.get('sector')! >= 1);
  });

  it('evaluates the dynamic-zero milestones as of a time', async () => {
    const r = await t.call('GET', '/api/stats/zero-clearing?asOf=2025-07-01T12:00:00%2B08:00', {
      cookie: city,
    });
    assert.equal(r.status, 200, r.body);
    assert.equal(r.json.stock.total, 1);
    const [stock, increment, zero] = r.json.milestones;
    assert.equal(stock.key, 'stock_cleared');
    assert.equal(stock.met, false);
    assert.equal(stock.numbers.stockOpen, 1);
    assert.equal(increment.met, false);
    assert.equal(increment.numbers.overdue, 2);
    assert.equal(zero.met, null, 'still in the future on 2025-07-01');
    // an unencoded "+08:00" (a space once decoded) is read as the offset it was meant to be
    const raw = await t.call('GET', '/api/stats/zero-clearing?asOf=2025-07-01T12:00:00+08:00', {
      cookie: city,
    });
    assert.equal(raw.status, 200, raw.body);
    assert.equal(raw.json.asOf, '2025-07-01T04:00:00.000Z');
  });

  it('draws closed major hazards for re-inspection, recorded once per month', async () => {
    const r = await t.call('POST', '/api/supervision/rechecks/draw', {
      cookie: city,
      body: { month: '2025-01', share: 0.5 },
    });
    assert.equal(r.status, 200, r.body);
    assert.equal(r.json.items.length, 9);
    const again = await t.call('POST', '/api/supervision/rechecks/draw', {
      cookie: city,
      body: { month: '2025-01', share: 0.9 },
    });
    assert.deepEqual(again.json.items, r.json.items);
  });
});
