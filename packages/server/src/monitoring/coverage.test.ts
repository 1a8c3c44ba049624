import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../test/harness';
import { enterprisePayload } from '../test/fixtures';

const H = 3_600_000;

interface Cell {
  category: string;
  districtCode: string | null;
  required: number;
  live: number;
  share: number;
  missing: Array<{
    id: string;
    name: string;
    uscc: string;
    districtCode: string;
    lastReadingAt: string | null;
  }>;
}

describe('monitoring coverage and alarm quality', () => {
  let t: TestApp;
  let city: string;
  let base: { cells: Cell[]; totals: Cell[] };
  // 150621: live (hazmat), silent point (hazmat), closed (hazmat), stale 30 h (steel); 150602: live in two categories
  const ids: Record<'live' | 'silent' | 'closed' | 'stale' | 'two', string> = {
    live: '',
    silent: '',
    closed: '',
    stale: '',
    two: '',
  };
  const tokens: Record<string, string> = {};
  const T = Date.now();

  const cell = (body: { cells: Cell[] }, category: string, district: string) =>
    body.cells.find((c) => c.category === category && c.districtCode === district)!;
  const total = (body: { totals: Cell[] }, category: string) =>
    body.totals.find((c) => c.category === category)!;
  const send = (token: string, points: Array<{ tag: string; value: number; ts: number }>) =>
    t.call('POST', '/api/telemetry', {
      headers: { authorization: `Bearer ${token}` },
      body: { ts: T, points },
    });

  async function enterpriseWithPoint(
    key: keyof typeof ids,
    over: Record<string, unknown>,
    point: Record<string, unknown> = {},
  ) {
    const e = await t.call('POST', '/api/enterprises', { cookie: city, body: enterprisePayload(over) });
    assert.equal(e.status, 201, e.body);
    ids[key] = e.json.id;
    if (over.status === 'closed') return;
    const p = await t.call('POST', '/api/monitoring/points', {
      cookie: city,
      body: {
        enterpriseId: e.json.id,
        tag: 'TI-1',
        kind: 'temperature',
        unit: '℃',
        thresholds: { high: 80 },
        deadband: 2,
        delayOnSec: 0,
        staleTimeoutSec: 86_400,
        ...point,
      },
    });
    assert.equal(p.status, 201, p.body);
    const g = await t.call('POST', '/api/monitoring/gateways', {
      cookie: city,
      body: { enterpriseId: e.json.id, name: '测试网关' },
    });
    assert.equal(g.status, 201, g.body);
    tokens[key] = g.json.token;
  }

  before(async () => {
    t = await testApp();
    city = await t.login('city-admin');
    base = (await t.call('GET', '/api/monitoring/coverage', { cookie: city })).json;
    await enterpriseWithPoint('live', { districtCode: '150621' });
    await enterpriseWithPoint('silent', { districtCode: '150621' });
    await enterpriseWithPoint('closed', { districtCode: '150621', status: 'closed' });
    await enterpriseWithPoint('stale', {
      districtCode: '150621',
      sectors: ['metallurgy'],
      categories: ['steel'],
      industryCode: '3120',
    });
    await enterpriseWithPoint('two', {
      districtCode: '150602',
      categories: ['hazmat_major_hazard', 'dust_explosion'],
    });
    // Registered ten days ago, so that a past `at` still counts them as required.
    await t.database.db
      .updateTable('enterprises')
      .set({ created_at: new Date(T - 10 * 24 * H) } as never)
      .where('id', 'in', Object.values(ids))
      .execute();
    // live: a reading 48 h ago, an alarm opened 3 h ago and recovered 2 h ago, one opened 1 h ago, recovered now
    const r = await send(tokens.live!, [
      { tag: 'TI-1', value: 50, ts: T - 48 * H },
      { tag: 'TI-1', value: 90, ts: T - 3 * H },
      { tag: 'TI-1', value: 70, ts: T - 2 * H },
      { tag: 'TI-1', value: 95, ts: T - 1 * H },
      { tag: 'TI-1', value: 70, ts: T - 60_000 },
    ]);
    assert.equal(r.status, 200, r.body);
    assert.equal(r.json.accepted, 5, r.body);
    assert.equal((await send(tokens.stale!, [{ tag: 'TI-1', value: 20, ts: T - 30 * H }])).json.accepted, 1);
    assert.equal(
      (await send(tokens.two!, [{ tag: 'TI-1', value: 20, ts: T - 5 * 60_000 }])).json.accepted,
      1,
    );
  });
  after(() => t.close());

  it('counts the share of required enterprises with a reading within 24 h, by district and in total', async () => {
    const r = await t.call('GET', '/api/monitoring/coverage', { cookie: city });
    assert.equal(r.status, 200, r.body);
    assert.equal(r.json.windowHours, 24);
    assert.equal(r.json.districts.length, 9);
    assert.equal(r.json.cells.length, 5 * 9);
    const hz = cell(r.json, 'hazmat_major_hazard', '150621');
    const hz0 = cell(base, 'hazmat_major_hazard', '150621');
    assert.equal(hz.required, hz0.required + 2, 'the closed one is not required');
    assert.equal(hz.live, hz0.live + 1);
    assert.ok(hz.missing.some((m) => m.id === ids.silent));
    assert.ok(!hz.missing.some((m) => m.id === ids.live || m.id === ids.closed));
    const silent = hz.missing.find((m) => m.id === ids.silent)!;
    assert.equal(silent.lastReadingAt, null);
    assert.equal(silent.districtCode, '150621');
    assert.match(silent.uscc, /^91150621/);

    const steel = cell(r.json, 'steel', '150621');
    const stale = steel.missing.find((m) => m.id === ids.stale)!;
    assert.equal(Date.parse(stale.lastReadingAt!), T - 30 * H);
    assert.equal(steel.required, cell(base, 'steel', '150621').required + 1);
    assert.equal(steel.share, steel.live / steel.required);

    // the two-category enterprise counts in both categories, and once overall
    assert.equal(
      cell(r.json, 'dust_explosion', '150602').live,
      cell(base, 'dust_explosion', '150602').live + 1,
    );
    assert.equal(total(r.json, 'hazmat_major_hazard').live, total(base, 'hazmat_major_hazard').live + 2);
    assert.equal(
      total(r.json, 'hazmat_major_hazard').required,
      total(base, 'hazmat_major_hazard').required + 3,
    );
    const overall = r.json.overall;
    assert.equal(overall.live, 2 + (base as unknown as { overall: { live: number } }).overall.live);
    assert.equal(overall.share, overall.live / overall.required);
    assert.equal(overall.categories, 5);
    assert.equal(overall.met, false);
  });

  it('filters by district and category', async () => {
    const r = await t.call('GET', '/api/monitoring/coverage?district=150621&category=steel', {
      cookie: city,
    });
    assert.equal(r.status, 200, r.body);
    assert.deepEqual(
      r.json.cells.map((c: Cell) => [c.category, c.districtCode]),
      [['steel', '150621']],
    );
    assert.deepEqual(
      r.json.totals.map((c: Cell) => c.category),
      ['steel'],
    );
    assert.equal(r.json.totals[0].required, r.json.cells[0].required);
    assert.equal(r.json.overall.categories, 1);
  });

  it('at a past instant looks at the readings up to then', async () => {
    const at = new Date(T - 36 * H).toISOString();
    const r = await t.call('GET', `/api/monitoring/coverage?at=${encodeURIComponent(at)}&district=150621`, {
      cookie: city,
    });
    assert.equal(r.status, 200, r.body);
    assert.equal(r.json.at, at);
    const hz = cell(r.json, 'hazmat_major_hazard', '150621');
    // live then: its reading 48 h ago is 12 h before `at`
    assert.ok(!hz.missing.some((m) => m.id === ids.live));
    // the stale one had not reported yet at `at`
    const stale = cell(r.json, 'steel', '150621').missing.find((m) => m.id === ids.stale)!;
    assert.equal(stale.lastReadingAt, null);
    const later = await t.call(
      'GET',
      `/api/monitoring/coverage?at=${encodeURIComponent(new Date(T - 20 * H).toISOString())}&category=steel`,
      { cookie: city },
    );
    // 10 h after its reading: live
    assert.ok(!cell(later.json, 'steel', '150621').missing.some((m) => m.id === ids.stale));
    const before = await t.call(
      'GET',
      `/api/monitoring/coverage?at=${encodeURIComponent(new Date(T - 20 * 24 * H).toISOString())}`,
      { cookie: city },
    );
    // registered ten days ago: not yet required twenty days ago
    assert.ok(!JSON.stringify(before.json).includes(ids.silent));
  });

  it('scopes the table: a district office its district, an enterprise itself, experts nothing', async () => {
    const d = await t.login('district-150627');
    const r = await t.call('GET', '/api/monitoring/coverage', { cookie: d });
    assert.equal(r.status, 200);
    assert.deepEqual(
      r.json.districts.map((x: { code: string }) => x.code),
      ['150627'],
    );
    assert.ok(r.json.cells.every((c: Cell) => c.districtCode === '150627'));
    assert.ok(!Object.values(ids).some((id) => r.body.includes(id)));
    const other = await t.call('GET', '/api/monitoring/coverage?district=150621', { cookie: d });
    assert.equal(other.status, 403);
    assert.match(String(other.headers['content-type']), /problem\+json/);

    const ent = await t.login('enterprise-demo');
    const me = (await t.call('GET', '/api/auth/me', { cookie: ent })).json;
    const e = await t.call('GET', '/api/monitoring/coverage', { cookie: ent });
    assert.equal(e.status, 200);
    const hz = total(e.json, 'hazmat_major_hazard');
    assert.equal(hz.required, 1);
    assert.deepEqual(
      hz.missing.map((m) => m.id),
      [me.enterpriseId],
    );
    assert.ok(
      e.json.totals
        .filter((c: Cell) => c.category !== 'hazmat_major_hazard')
        .every((c: Cell) => c.required === 0),
    );

    // 能源局 regulates coal, not chemicals or steel
    const nyj = await t.login('inspector-nyj');
    const n = await t.call('GET', '/api/monitoring/coverage', { cookie: nyj });
    assert.equal(n.status, 200);
    assert.ok(!Object.values(ids).some((id) => n.body.includes(id)));

    const expert = await t.login('expert-demo');
    assert.equal((await t.call('GET', '/api/monitoring/coverage', { cookie: expert })).status, 403);
    assert.equal((await t.call('GET', '/api/monitoring/alarm-quality', { cookie: expert })).status, 403);
    assert.equal((await t.call('GET', '/api/monitoring/coverage')).status, 401);
  });

  it('rejects a bad or future instant and unknown codes with problem+json', async () => {
    for (const q of ['at=yesterday', `at=${encodeURIComponent(new Date(T + 24 * H).toISOString())}`]) {
      const r = await t.call('GET', `/api/monitoring/coverage?${q}`, { cookie: city });
      assert.equal(r.status, 400, q);
      assert.match(String(r.headers['content-type']), /problem\+json/);
      assert.equal(r.json.errors[0].path, 'at');
    }
    assert.equal(
      (await t.call('GET', '/api/monitoring/coverage?district=110101', { cookie: city })).status,
      400,
    );
    assert.equal(
      (await t.call('GET', '/api/monitoring/coverage?category=tailings', { cookie: city })).status,
      400,
    );
  });

  it('the alarm-quality ledger: times to acknowledge and dispose, false alarms, alarms per day', async () => {
    const alarms = (await t.call('GET', `/api/alarms?enterpriseId=${ids.live}&pageSize=10`, { cookie: city }))
      .json.items as Array<{ id: string; openedAt: string }>;
    assert.equal(alarms.length, 2);
    const [second, first] = alarms; // newest first
    assert.equal(Date.parse(first!.openedAt), T - 3 * H);
    assert.equal(
      (
        await t.call('POST', `/api/alarms/${first!.id}/actions/dispose`, {
          cookie: city,
          body: { note: '仪表标定导致误报', falseAlarm: true },
        })
      ).status,
      200,
    );
    assert.equal(
      (await t.call('POST', `/api/alarms/${second!.id}/actions/acknowledge`, { cookie: city, body: {} }))
        .status,
      200,
    );
    const r = await t.call('GET', '/api/monitoring/alarm-quality', { cookie: city });
    assert.equal(r.status, 200, r.body);
    const row = r.json.items.find((x: { enterpriseId: string }) => x.enterpriseId === ids.live);
    assert.equal(row.points, 1);
    assert.equal(row.onlineShare, 1);
    assert.equal(row.timeOnlineShare, 1);
    assert.equal(row.alarms, 2);
    assert.ok(Math.abs(row.alarmsPerDay - 2 / 30) < 1e-9);
    assert.equal(row.acknowledged, 2);
    const near = (x: number, y: number) => assert.ok(Math.abs(x - y) < 120, `${x} ≈ ${y}`);
    near(row.ackMedianSec, (3 * 3600 + 3600) / 2);
    near(row.ackP90Sec, 3600 + 0.9 * 2 * 3600);
    assert.equal(row.disposed, 1);
    near(row.disposeMedianSec, 3 * 3600);
    assert.equal(row.falseAlarms, 1);
    assert.equal(row.falseAlarmShare, 1);
    // enterprises without alarms have no times, not zeros
    const quiet = r.json.items.find((x: { enterpriseId: string }) => x.enterpriseId === ids.two);
    assert.equal(quiet.alarms, 0);
    assert.equal(quiet.ackMedianSec, null);
    assert.equal(quiet.falseAlarmShare, null);
    assert.ok(r.json.totals.alarms >= 2);
    assert.ok(!r.json.items.some((x: { enterpriseId: string }) => x.enterpriseId === ids.closed));

    // a window before the alarms holds none of them
    const early = await t.call(
      'GET',
      `/api/monitoring/alarm-quality?enterpriseId=${ids.live}&from=${encodeURIComponent(new Date(T - 20 * H).toISOString())}&to=${encodeURIComponent(new Date(T - 10 * H).toISOString())}`,
      { cookie: city },
    );
    assert.equal(early.status, 200, early.body);
    assert.equal(early.json.items.length, 1);
    assert.equal(early.json.items[0].alarms, 0);
  });

  it('online rate falls when a point goes offline', async () => {
    await t.app.ingest.tick(new Date(T + 2 * 86_400_000));
    const r = await t.call('GET', `/api/monitoring/alarm-quality?enterpriseId=${ids.two}`, { cookie: city });
    assert.equal(r.json.items[0].onlineShare, 0);
    assert.equal(r.json.items[0].pointsOnline, 0);
  });

  it('scopes the ledger: an enterprise sees its own row, a district office its district', async () => {
    const ent = await t.login('enterprise-demo');
    const me = (await t.call('GET', '/api/auth/me', { cookie: ent })).json;
    const p = await t.call('POST', '/api/monitoring/points', {
      cookie: ent,
      body: {
        enterpriseId: me.enterpriseId,
        tag: 'PI-1',
        kind: 'pressure',
        unit: 'MPa',
        thresholds: { high: 5 },
        staleTimeoutSec: 600,
      },
    });
    assert.equal(p.status, 201, p.body);
    const own = await t.call('GET', '/api/monitoring/alarm-quality', { cookie: ent });
    assert.equal(own.status, 200);
    assert.deepEqual(
      own.json.items.map((x: { enterpriseId: string }) => x.enterpriseId),
      [me.enterpriseId],
    );
    const peek = await t.call('GET', `/api/monitoring/alarm-quality?enterpriseId=${ids.live}`, {
      cookie: ent,
    });
    assert.equal(peek.json.items.length, 0);
    const d = await t.login('district-150627');
    const dist = await t.call('GET', '/api/monitoring/alarm-quality', { cookie: d });
    assert.ok(dist.json.items.every((x: { districtCode: string }) => x.districtCode === '150627'));
    assert.equal(
      (await t.call('GET', '/api/monitoring/alarm-quality?district=150621', { cookie: d })).status,
      403,
    );
  });

  it('rejects a reversed or too long window', async () => {
    const from = new Date(T).toISOString();
    const to = new Date(T - H).toISOString();
    const r = await t.call(
      'GET',
      `/api/monitoring/alarm-quality?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      { cookie: city },
    );
    assert.equal(r.status, 400);
    assert.match(String(r.headers['content-type']), /problem\+json/);
    assert.equal(r.json.errors[0].path, 'from');
    const long = await t.call(
      'GET',
      `/api/monitoring/alarm-quality?from=${encodeURIComponent(new Date(T - 400 * 86_400_000).toISOString())}`,
      { cookie: city },
    );
    assert.equal(long.status, 400);
    assert.equal(
      (await t.call('GET', '/api/monitoring/alarm-quality?to=soon', { cookie: city })).status,
      400,
    );
  });
});
