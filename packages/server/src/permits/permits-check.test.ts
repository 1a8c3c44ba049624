import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../test/harness';

/** The dry run's contract (issue 5, item 3), over HTTP. */
describe('POST /api/permits/check', () => {
  let t: TestApp;
  let ent: string;
  let yjj: string;
  before(async () => {
    t = await testApp();
    ent = await t.login('enterprise-demo');
    yjj = await t.login('inspector-yjj');
  });
  after(() => t.close());

  // Wednesday 2025-03-12 08:00 Asia/Shanghai: a working day, daytime — no automatic upgrade.
  const T0 = Date.parse('2025-03-12T08:00:00+08:00');
  const at = (min: number) => new Date(T0 + min * 60_000).toISOString();
  const check = (body: unknown, cookie = ent) => t.call('POST', '/api/permits/check', { cookie, body });
  const hot = (endMin: number, over: Record<string, unknown> = {}) => ({
    type: 'hot_work',
    grade: 'level1',
    plannedStart: at(0),
    plannedEnd: at(endMin),
    at: at(0),
    gasAnalyses: [{ sampledAt: at(-10), lelPercent: 5, concentrationPercent: 0.1 }],
    ...over,
  });

  it('hot work 一级 planned 8 h is valid; 8 h 1 min is not', async () => {
    const ok = await check(hot(480));
    assert.equal(ok.status, 200, ok.body);
    assert.deepEqual(ok.json, { valid: true, grade: 'level1', violations: [] });
    const over = await check(hot(481));
    assert.equal(over.json.valid, false);
    assert.deepEqual(
      over.json.violations.map((v: { code: string }) => v.code),
      ['HOT_WORK_VALIDITY'],
    );
    for (const k of ['code', 'clause', 'message']) assert.ok(k in over.json.violations[0]);
    assert.equal(over.json.violations[0].clause, 'GB 30871-2022 5.1.5');
  });

  it('a start 31 minutes after the sampling is refused; 30 minutes is fine', async () => {
    const stale = await check(
      hot(480, { gasAnalyses: [{ sampledAt: at(-31), lelPercent: 5, concentrationPercent: 0.1 }] }),
    );
    assert.deepEqual(
      stale.json.violations.map((v: { code: string }) => v.code),
      ['HOT_WORK_GAS_STALE'],
    );
    const edge = await check(
      hot(480, { gasAnalyses: [{ sampledAt: at(-30), lelPercent: 5, concentrationPercent: 0.1 }] }),
    );
    assert.equal(edge.json.valid, true);
  });

  it('upgrades hot work at night: 二级 at 23:00 answers 一级', async () => {
    const night = Date.parse('2025-03-12T23:00:00+08:00');
    const r = await check({
      type: 'hot_work',
      grade: 'level2',
      plannedStart: new Date(night).toISOString(),
      plannedEnd: new Date(night + 3_600_000).toISOString(),
      at: new Date(night).toISOString(),
      gasAnalyses: [
        { sampledAt: new Date(night - 600_000).toISOString(), lelPercent: 5, concentrationPercent: 0.1 },
      ],
    });
    assert.equal(r.json.grade, 'level1');
  });

  const heights: Array<[number, string[], string]> = [
    [2, [], 'I'],
    [5, [], 'I'],
    [5.5, [], 'II'],
    [12, ['slippery'], 'III'],
    [20, [], 'III'],
    [31, [], 'IV'],
  ];
  for (const [heightM, objectiveFactors, grade] of heights)
    it(`height ${heightM} m ${objectiveFactors.join(',') || '(method A)'} → ${grade}`, async () => {
      const r = await check({
        type: 'height',
        heightM,
        objectiveFactors,
        plannedStart: at(0),
        plannedEnd: at(600),
        at: at(0),
      });
      assert.equal(r.status, 200, r.body);
      assert.equal(r.json.grade, grade);
    });

  const lifts: Array<[number, string]> = [
    [9.9, 'none'],
    [10, 'level3'],
    [40, 'level2'],
    [100, 'level2'],
    [100.5, 'level1'],
  ];
  for (const [massT, grade] of lifts)
    it(`lifting ${massT} t → ${grade}`, async () => {
      const r = await check({ type: 'lifting', massT, plannedStart: at(0), plannedEnd: at(60), at: at(0) });
      assert.equal(r.json.grade, grade);
    });

  it('confined space: O₂ outside 19.5–21 % fails', async () => {
    const r = await check({
      type: 'confined_space',
      plannedStart: at(0),
      plannedEnd: at(60),
      at: at(0),
      gasAnalyses: [{ sampledAt: at(-5), lelPercent: 5, concentrationPercent: 0.1, oxygenPercent: 22 }],
    });
    assert.deepEqual(
      r.json.violations.map((v: { code: string }) => v.code),
      ['CONFINED_SPACE_OXYGEN'],
    );
  });

  it('any logged-in user may ask; anonymous callers may not; bad input answers 400 with fields', async () => {
    assert.equal((await check(hot(480), yjj)).status, 200);
    assert.equal((await t.call('POST', '/api/permits/check', { body: hot(480) })).status, 401);
    const bad = await check({ type: 'hot_work', plannedStart: 'soon', at: at(0) });
    assert.equal(bad.status, 400);
    const paths = bad.json.errors.map((e: { path: string }) => e.path);
    for (const p of ['plannedStart', 'plannedEnd']) assert.ok(paths.includes(p), paths.join());
  });
});
