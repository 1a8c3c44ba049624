import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../test/harness';
import { verifyAudit } from '../audit/audit.repo';
import { enterprisePayload, freshUscc } from '../test/fixtures';
import {
  HOUR,
  MIN,
  act,
  confirmedMeasures,
  crew,
  dayAhead,
  hotWorkBody,
  iso,
  passingGas,
  signThrough,
  worker,
} from './permits.fixtures';
import { expireDuePermits, suspendPermitsForGasAlarm } from './permits.service';

describe('permits', () => {
  let t: TestApp;
  let ent: string;
  let enterpriseId: string;
  let c: { welder: string; guardian: string };
  before(async () => {
    t = await testApp();
    ent = await t.login('enterprise-demo');
    enterpriseId = (await t.call('GET', '/api/auth/me', { cookie: ent })).json.enterpriseId;
    c = await crew(t, ent);
  });
  after(() => t.close());

  const count = async (table: 'permits' | 'audit_log') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('walks a hot-work permit from draft to closed; a start on a 31-minute-old gas analysis is refused first', async () => {
    const created = await t.call('POST', '/api/permits', { cookie: ent, body: hotWorkBody(c) });
    assert.equal(created.status, 201, created.body);
    assert.match(created.json.number, /^ZY-DH-\d{8}-\d{4}$/);
    assert.equal(created.json.status, 'draft');
    assert.equal(created.json.enterpriseId, enterpriseId);
    const id = created.json.id;

    // signatures cannot come before the measures; the 409 names the state and what is allowed
    const early = await t.call('POST', `/api/permits/${id}/actions/start`, { cookie: ent, body: {} });
    assert.equal(early.status, 409);
    assert.deepEqual(early.json.allowed.sort(), ['cancel', 'submit-measures']);

    // a measure marked as applying needs its confirmer
    const noConfirmer = await t.call('POST', `/api/permits/${id}/actions/submit-measures`, {
      cookie: ent,
      body: { measures: [{ code: 'hw_no_gas_release_30m', applies: true }] },
    });
    assert.equal(noConfirmer.status, 400);
    assert.equal(noConfirmer.json.errors[0].path, 'measures.0.confirmer');

    let d = await act(t, ent, id, 'submit-measures', { measures: confirmedMeasures('hot_work') });
    assert.equal(d.status, 'measures_confirmed');
    assert.ok(!d.allowedActions.includes('sign'), 'hot work needs a gas analysis before signatures');

    // the analysis taken 31 minutes ago passes its criteria, so the approvals may proceed
    d = await act(t, ent, id, 'record-gas', passingGas(iso(Date.now() - 31 * MIN)));
    assert.equal(d.status, 'gas_analysed');

    // signatures in order: the approver before the briefing is refused
    const outOfOrder = await t.call('POST', `/api/permits/${id}/actions/sign`, {
      cookie: ent,
      body: { step: 'approver', name: '越级', level: d.approverLevel },
    });
    assert.equal(outOfOrder.status, 400);
    assert.equal(outOfOrder.json.errors[0].path, 'step');

    d = await signThrough(t, ent, id);
    assert.equal(d.status, 'issued');
    const approver = d.signatures.find((s: { step: string }) => s.step === 'approver');
    assert.equal(approver.level, d.approverLevel);
    assert.match(approver.at, /:\d{2}\.\d{3}Z$/);
    await act(t, ent, id, 'sign', { step: 'shift_leader_check', name: '孙班长' });
    d = await act(t, ent, id, 'guardian-arrive');
    assert.equal(d.guardianOnSite, true);

    const refused = await t.call('POST', `/api/permits/${id}/actions/start`, { cookie: ent, body: {} });
    assert.equal(refused.status, 400, refused.body);
    assert.deepEqual(
      refused.json.violations.map((v: { code: string }) => v.code),
      ['HOT_WORK_GAS_STALE'],
    );
    assert.equal(refused.json.violations[0].clause, 'GB 30871-2022 5.3.1');
    assert.match(refused.json.detail, /31分钟/);
    assert.equal((await t.call('GET', `/api/permits/${id}`, { cookie: ent })).json.status, 'issued');

    await act(t, ent, id, 'record-gas', passingGas(iso(Date.now() - 2 * MIN)));
    d = await act(t, ent, id, 'start');
    assert.equal(d.status, 'in_progress');
    assert.ok(d.startedAt);

    d = await act(t, ent, id, 'suspend', { reason: '午休' });
    assert.equal(d.status, 'suspended');
    d = await act(t, ent, id, 'resume');
    assert.equal(d.status, 'in_progress');
    assert.equal(d.interruptions.length, 1);
    assert.ok(d.interruptions[0].to);

    d = await act(t, ent, id, 'complete');
    assert.equal(d.status, 'completed');
    d = await act(t, ent, id, 'accept', { name: '周验收', opinion: '现场已清理' });
    assert.equal(d.status, 'accepted');
    d = await act(t, ent, id, 'close');
    assert.equal(d.status, 'closed');
    assert.deepEqual(d.allowedActions, []);
    assert.deepEqual(d.violations, []);

    assert.deepEqual(
      d.timeline.map((e: { action: string }) => e.action),
      [
        'create',
        'submit-measures',
        'record-gas',
        ...Array(6).fill('sign'),
        'sign',
        'guardian-arrive',
        'record-gas',
        'start',
        'suspend',
        'resume',
        'complete',
        'accept',
        'close',
      ],
    );
    // the refused start is counted as a violation caught
    const stats = await t.call('GET', '/api/permits/stats?groupBy=type', { cookie: ent });
    const hot = stats.json.rows.find((r: { key: string }) => r.key === 'hot_work');
    assert.ok(hot.violations >= 1);
    assert.ok(stats.json.violationsByCode.some((v: { code: string }) => v.code === 'HOT_WORK_GAS_STALE'));
    assert.equal((await verifyAudit(t.database.db)).ok, true);
  });

  it('refuses a permit naming a worker whose certificate expired or an untrained guardian, and writes nothing', async () => {
    const expired = await worker(t, ent, {
      name: '过期焊工',
      certificates: [{ type: 'welding_cutting', number: 'T-OLD-1', validUntil: '2020-01-01' }],
    });
    const untrained = await worker(t, ent, { name: '未培训监护', guardianTrained: false });
    const noCert = await worker(t, ent, { name: '无证人员' });
    const n0 = await count('permits');
    const r = await t.call('POST', '/api/permits', {
      cookie: ent,
      body: hotWorkBody(c, {
        workers: [
          { workerId: expired, name: '过期焊工' },
          { workerId: noCert, name: '无证人员' },
          { name: '外来人员' },
        ],
        guardians: [{ workerId: untrained, name: '未培训监护' }],
      }),
    });
    assert.equal(r.status, 400, r.body);
    assert.deepEqual(r.json.violations.map((v: { code: string }) => v.code).sort(), [
      'GUARDIAN_UNTRAINED',
      'WORKER_CERTIFICATE_EXPIRED',
      'WORKER_CERTIFICATE_MISSING',
      'WORKER_UNKNOWN',
    ]);
    assert.equal(await count('permits'), n0);
  });

  it('keeps the worker registry: masked identity numbers in lists, full for the enterprise manager', async () => {
    const list = await t.call('GET', '/api/permits/workers', { cookie: ent });
    const welder = list.json.items.find((w: { id: string }) => w.id === c.welder);
    assert.equal(welder.idNumber, '150627********0013');
    assert.equal(welder.phone, '139****5678');
    assert.equal(welder.certificates[0].valid, true);
    const one = await t.call('GET', `/api/permits/workers/${c.welder}`, { cookie: ent });
    assert.equal(one.json.idNumber, '150627198501010013');
    const yjj = await t.login('inspector-yjj');
    const seen = await t.call('GET', `/api/permits/workers/${c.welder}`, { cookie: yjj });
    assert.equal(seen.status, 200);
    assert.equal(seen.json.idNumber, '150627********0013');
    const edit = await t.call('PUT', `/api/permits/workers/${c.welder}`, {
      cookie: yjj,
      body: { name: '改名' },
    });
    assert.equal(edit.status, 403);
    const tmp = await worker(t, ent, { name: '临时工' });
    assert.equal((await t.call('DELETE', `/api/permits/workers/${tmp}`, { cookie: ent })).status, 204);
    const after = await t.call('GET', '/api/permits/workers', { cookie: ent });
    assert.ok(!after.json.items.some((w: { id: string }) => w.id === tmp));
  });

  it('lifting under 10 t needs no permit; height and lifting grades are stored', async () => {
    const base = hotWorkBody(c);
    const lift = (massT: number) => ({
      ...base,
      type: 'lifting',
      workers: [],
      measures: [],
      details: {
        gear: '汽车吊',
        load: '换热器',
        craneOperator: '吴司机',
        slinger: '郑司索',
        signaller: '冯指挥',
        massT,
        liftingPlan: true,
        outdoor: true,
        windForce: 3,
      },
    });
    const small = await t.call('POST', '/api/permits', { cookie: ent, body: lift(8) });
    assert.equal(small.status, 400);
    assert.equal(small.json.errors[0].path, 'details.massT');
    const big = await t.call('POST', '/api/permits', { cookie: ent, body: lift(50) });
    assert.equal(big.status, 201, big.body);
    assert.equal(big.json.grade, 'level2');
    assert.match(big.json.number, /^ZY-DZ-/);
    const height = await t.call('POST', '/api/permits', {
      cookie: ent,
      body: {
        ...base,
        type: 'height',
        workers: [],
        measures: [],
        details: { heightM: 12, objectiveFactors: ['slippery'], outdoor: true },
      },
    });
    assert.equal(height.status, 201, height.body);
    assert.equal(height.json.grade, 'III');
    assert.equal(height.json.gradeName, 'Ⅲ级');
  });

  it('a regulator reads but never files or acts; a non-major-hazard enterprise cannot file', async () => {
    const yjj = await t.login('inspector-yjj');
    const r = await t.call('POST', '/api/permits', { cookie: yjj, body: hotWorkBody(c) });
    assert.equal(r.status, 403);
    const mine = await t.call('POST', '/api/permits', { cookie: ent, body: hotWorkBody(c) });
    const act403 = await t.call('POST', `/api/permits/${mine.json.id}/actions/submit-measures`, {
      cookie: yjj,
      body: { measures: confirmedMeasures('hot_work') },
    });
    assert.equal(act403.status, 403);
    assert.deepEqual(
      (await t.call('GET', `/api/permits/${mine.json.id}`, { cookie: yjj })).json.allowedActions,
      [],
    );

    const city = await t.login('city-admin');
    const plain = await t.call('POST', '/api/enterprises', {
      cookie: city,
      body: enterprisePayload({ categories: [], uscc: freshUscc('150627') }),
    });
    const uname = `permit-plain-${Date.now()}`;
    await t.call('POST', '/api/users', {
      cookie: city,
      body: {
        username: uname,
        displayName: '普通企业',
        role: 'enterprise_principal',
        enterpriseId: plain.json.id,
        password: 'Strong-pass-1',
      },
    });
    const other = await t.login(uname, 'Strong-pass-1');
    const no = await t.call('POST', '/api/permits', { cookie: other, body: hotWorkBody(c) });
    assert.equal(no.status, 403);
    assert.match(no.json.detail, /重大危险源/);
  });

  it('enterprise staff may not approve: the approver step answers 403', async () => {
    const uname = `permit-staff-${Date.now()}`;
    const u = await t.call('POST', '/api/users', {
      cookie: ent,
      body: {
        username: uname,
        displayName: '赵员工',
        role: 'enterprise_staff',
        enterpriseId,
        password: 'Strong-pass-1',
      },
    });
    assert.equal(u.status, 201, u.body);
    const staff = await t.login(uname, 'Strong-pass-1');
    const p = (await t.call('POST', '/api/permits', { cookie: staff, body: hotWorkBody(c) })).json;
    await act(t, staff, p.id, 'submit-measures', { measures: confirmedMeasures('hot_work') });
    await act(t, staff, p.id, 'record-gas', passingGas(iso(Date.now() - MIN)));
    // staff signs the field steps; owning unit and approvals belong to the managers
    await act(t, staff, p.id, 'sign', { step: 'briefing', name: '赵员工', recipient: '李焊工' });
    await act(t, staff, p.id, 'sign', { step: 'guardian', name: '王监护' });
    await act(t, staff, p.id, 'sign', { step: 'work_leader', name: '赵员工' });
    const owning = await t.call('POST', `/api/permits/${p.id}/actions/sign`, {
      cookie: staff,
      body: { step: 'owning_unit', name: '赵员工' },
    });
    assert.equal(owning.status, 403);
    const inbox = await t.call('GET', '/api/permits/inbox', { cookie: ent });
    assert.ok(inbox.json.items.some((i: { id: string }) => i.id === p.id));
    assert.ok(
      !(await t.call('GET', '/api/permits/inbox', { cookie: staff })).json.items.some(
        (i: { id: string; pendingActions: string[] }) => i.id === p.id && i.pendingActions.includes('sign'),
      ),
    );
  });

  it('expires an issued permit at the end of its validity, by the job and on read', async () => {
    const body = hotWorkBody(c, {
      plannedStart: iso(Date.now() - 10 * MIN),
      plannedEnd: iso(Date.now() + HOUR),
    });
    const p = (await t.call('POST', '/api/permits', { cookie: ent, body })).json;
    await act(t, ent, p.id, 'submit-measures', { measures: confirmedMeasures('hot_work') });
    await act(t, ent, p.id, 'record-gas', passingGas(iso(Date.now() - MIN)));
    await signThrough(t, ent, p.id);
    // exactly at the end it is still valid; one minute later it expires
    const end = Date.parse((await t.call('GET', `/api/permits/${p.id}`, { cookie: ent })).json.validUntil);
    assert.deepEqual(await expireDuePermits(t.database.db, new Date(end)), []);
    const expired = await expireDuePermits(t.database.db, new Date(end + MIN));
    assert.ok(expired.includes(p.number));
    const d = (await t.call('GET', `/api/permits/${p.id}`, { cookie: ent })).json;
    assert.equal(d.status, 'expired');
    assert.equal(d.timeline.at(-1).action, 'expire');
    const late = await t.call('POST', `/api/permits/${p.id}/actions/start`, { cookie: ent, body: {} });
    assert.equal(late.status, 409);
  });

  describe('link to monitoring: gas alarms and live gas readings', () => {
    let gwToken: string;
    let staff: { id: string; cookie: string };
    let safety: { id: string; cookie: string };
    let guardian: string;

    /** A user of the demo enterprise with a phone number, logged in. */
    const member = async (role: string, displayName: string, phone: string) => {
      const username = `gas-${role.replace('enterprise_', '')}-${Date.now() % 1_000_000}`;
      const u = await t.call('POST', '/api/users', {
        cookie: ent,
        body: { username, displayName, role, enterpriseId, phone, password: 'Strong-pass-1' },
      });
      assert.equal(u.status, 201, u.body);
      return { id: u.json.id as string, cookie: await t.login(username, 'Strong-pass-1') };
    };
    const point = async (body: Record<string, unknown>) => {
      const r = await t.call('POST', '/api/monitoring/points', {
        cookie: ent,
        body: { enterpriseId, deadband: 1, delayOnSec: 10, staleTimeoutSec: 300, ...body },
      });
      assert.equal(r.status, 201, r.body);
      return r.json;
    };
    const send = async (points: Array<{ tag: string; value: number; ts: number }>) => {
      const r = await t.call('POST', '/api/telemetry', {
        headers: { authorization: `Bearer ${gwToken}` },
        body: { ts: Date.now(), points },
      });
      assert.equal(r.status, 200, r.body);
      assert.equal(r.json.accepted, points.length, r.body);
    };
    /** The permits hook runs after the ingest commit, so its effect is awaited by polling. */
    const eventually = async <T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string) => {
      let v = await read();
      for (let i = 0; i < 100 && !ok(v); i++) {
        await new Promise((r) => setTimeout(r, 50));
        v = await read();
      }
      assert.ok(ok(v), `${what}: ${JSON.stringify(v)}`);
      return v;
    };
    /** A hot-work permit started in `zone`; the guardian step signed by staff, the approval by safety. */
    const started = async (over: Record<string, unknown>) => {
      const p = (
        await t.call('POST', '/api/permits', {
          cookie: ent,
          body: hotWorkBody(c, { guardians: [{ workerId: guardian, name: '赵监护' }], ...over }),
        })
      ).json;
      assert.ok(p.id, JSON.stringify(p));
      await act(t, ent, p.id, 'submit-measures', { measures: confirmedMeasures('hot_work') });
      await act(t, ent, p.id, 'record-gas', passingGas(iso(Date.now() - MIN)));
      for (let i = 0; i < 10; i++) {
        const d = (await t.call('GET', `/api/permits/${p.id}`, { cookie: ent })).json;
        if (d.status === 'issued') break;
        const step = d.nextSignatureStep as string;
        const who = step === 'guardian' ? staff : step === 'approver' ? safety : null;
        await act(t, who?.cookie ?? ent, p.id, 'sign', {
          step,
          name: `签字人-${step}`,
          ...(step === 'approver' ? { level: d.approverLevel } : {}),
          ...(step === 'briefing' ? { recipient: '李焊工' } : {}),
        });
      }
      await act(t, ent, p.id, 'sign', { step: 'shift_leader_check', name: '孙班长' });
      await act(t, ent, p.id, 'guardian-arrive');
      assert.equal((await act(t, ent, p.id, 'start')).status, 'in_progress');
      return p as { id: string; number: string };
    };
    const readPermit = (id: string) =>
      t.call('GET', `/api/permits/${id}`, { cookie: ent }).then((r) => r.json);

    before(async () => {
      staff = await member('enterprise_staff', '钱员工', '13700000001');
      safety = await member('enterprise_safety', '孙安全', '13700000002');
      guardian = await worker(t, ent, { name: '赵监护', guardianTrained: true, phone: '13700000003' });
      const gw = await t.call('POST', '/api/monitoring/gateways', {
        cookie: ent,
        body: { enterpriseId, name: '作业票联动测试网关' },
      });
      assert.equal(gw.status, 201, gw.body);
      gwToken = gw.json.token;
    });

    it('a gas reading past the high threshold and delay-on suspends hot work in the zone, tells guardian and approver, and shows on the permit', async () => {
      const inZone = await started({ zone: 'R-201' });
      const elsewhere = await started({ zone: 'R-999' });
      await point({
        tag: 'GT-201',
        kind: 'combustible_gas',
        unit: '%LEL',
        zone: 'R-201',
        thresholds: { high: 25, highHigh: 50 },
      });
      await point({
        tag: 'AT-201',
        kind: 'oxygen',
        unit: '%',
        zone: 'R-201',
        thresholds: { low: 19.5, high: 23.5 },
      });
      // not gas, or not in the zone: not on the permit's card
      await point({ tag: 'TT-201', kind: 'temperature', unit: '℃', zone: 'R-201', thresholds: { high: 80 } });
      await point({
        tag: 'GT-999',
        kind: 'combustible_gas',
        unit: '%LEL',
        zone: 'R-999',
        thresholds: { high: 25 },
      });

      // before any reading: both gas points, without a value, stale
      const empty = await t.call('GET', `/api/permits/${inZone.id}/gas-readings`, { cookie: ent });
      assert.equal(empty.status, 200, empty.body);
      assert.equal(empty.json.zone, 'R-201');
      assert.deepEqual(
        empty.json.items.map((i: { tag: string }) => i.tag),
        ['AT-201', 'GT-201'],
      );
      for (const i of empty.json.items) {
        assert.equal(i.lastValue, null);
        assert.equal(i.stale, true);
        assert.equal(i.level, 'normal');
        assert.deepEqual(i.series, []);
      }

      // one reading over the threshold: the 10 s delay-on has not elapsed, nothing happens
      const t0 = Date.now() - 40_000;
      await send([
        { tag: 'GT-201', value: 30, ts: t0 },
        { tag: 'AT-201', value: 20.8, ts: t0 },
      ]);
      assert.equal((await readPermit(inZone.id)).status, 'in_progress');
      // still over the threshold 20 s later: the high alarm opens and the permits hook runs
      await send([{ tag: 'GT-201', value: 31, ts: t0 + 20_000 }]);
      const d = await eventually(
        () => readPermit(inZone.id),
        (x) => x.status === 'suspended',
        'permit in the alarming zone suspended',
      );
      const last = d.timeline.at(-1);
      assert.equal(last.action, 'suspend');
      assert.equal(last.data.gasAlarm, true);
      assert.equal(last.actorName, '系统(气体报警联动)');
      assert.match(last.data.reason, /R-201.*GT-201=31/);
      assert.equal(d.interruptions.at(-1).to, null);
      assert.equal((await readPermit(elsewhere.id)).status, 'in_progress');

      // notified: the guardian (the staff member who signed as guardian, and the registered guardian by
      // SMS), the approver (the safety manager who approved) and the principal who applied
      const sent = await t.database.db
        .selectFrom('notifications')
        .select(['channel', 'user_id', 'phone', 'title', 'status'])
        .where('kind', '=', 'permit.gas_alarm')
        .where('title', 'like', `%${inZone.number}%`)
        .execute();
      const inApp = sent.filter((n) => n.channel === 'inapp').map((n) => n.user_id);
      assert.ok(inApp.includes(staff.id), 'guardian signer in-app');
      assert.ok(inApp.includes(safety.id), 'approver in-app');
      const sms = sent.filter((n) => n.channel === 'sms');
      assert.deepEqual(sms.map((n) => n.phone).sort(), ['13700000001', '13700000002', '13700000003']);
      assert.ok(sms.every((n) => n.status === 'pending'));
      assert.equal(new Set(inApp).size, inApp.length, 'one in-app notice per person');
      for (const who of [staff, safety]) {
        const inbox = await t.call('GET', '/api/notifications', { cookie: who.cookie });
        assert.ok(inbox.json.items.some((n: { title: string }) => n.title.includes(inZone.number)));
      }
      assert.ok(!sent.some((n) => n.title.includes(elsewhere.number)));

      // the permit page's live readings: the value, its level and the open alarm, and the sparkline
      const g = await t.call('GET', `/api/permits/${inZone.id}/gas-readings`, { cookie: ent });
      assert.equal(g.status, 200, g.body);
      assert.equal(g.headers['cache-control'], 'no-store');
      const gt = g.json.items.find((i: { tag: string }) => i.tag === 'GT-201');
      assert.equal(gt.kind, 'combustible_gas');
      assert.equal(gt.unit, '%LEL');
      assert.deepEqual(gt.thresholds, { high: 25, highHigh: 50 });
      assert.equal(gt.lastValue, 31);
      assert.equal(gt.lastTs, new Date(t0 + 20_000).toISOString());
      assert.equal(gt.level, 'high');
      assert.equal(gt.stale, false);
      assert.deepEqual(gt.matchedBy, ['zone']);
      assert.equal(gt.alarm.level, 'high');
      assert.equal(gt.alarm.status, 'active');
      assert.equal(gt.alarm.peak, 31);
      assert.ok(gt.series.length >= 1 && gt.series.length <= 2, JSON.stringify(gt.series));
      assert.equal(gt.series.at(-1).last, 31);
      assert.equal(Math.max(...gt.series.map((b: { max: number }) => b.max)), 31);
      const ox = g.json.items.find((i: { tag: string }) => i.tag === 'AT-201');
      assert.equal(ox.lastValue, 20.8);
      assert.equal(ox.level, 'normal');
      assert.equal(ox.alarm, null);
      assert.ok(Date.parse(g.json.asOf) <= Date.now());
      assert.equal(g.json.windowMinutes, 120);

      // regulators in scope read it like the permit; others get 404 like the permit
      const d0627 = await t.login('district-150627');
      assert.equal(
        (await t.call('GET', `/api/permits/${inZone.id}/gas-readings`, { cookie: d0627 })).status,
        200,
      );
      for (const who of ['district-150602', 'inspector-nyj']) {
        const r = await t.call('GET', `/api/permits/${inZone.id}/gas-readings`, {
          cookie: await t.login(who),
        });
        assert.equal(r.status, 404, who);
        assert.ok(!r.body.includes('GT-201'));
      }
      const city = await t.login('city-admin');
      const other = await t.call('POST', '/api/enterprises', {
        cookie: city,
        body: enterprisePayload({ uscc: freshUscc('150627') }),
      });
      const uname = `gas-other-${Date.now()}`;
      await t.call('POST', '/api/users', {
        cookie: city,
        body: {
          username: uname,
          displayName: '另一企业',
          role: 'enterprise_principal',
          enterpriseId: other.json.id,
          password: 'Strong-pass-1',
        },
      });
      const otherCookie = await t.login(uname, 'Strong-pass-1');
      const foreign = await t.call('GET', `/api/permits/${inZone.id}/gas-readings`, { cookie: otherCookie });
      assert.equal(foreign.status, 404);
      assert.ok(!foreign.body.includes('GT-201'));
      assert.equal(
        (
          await t.call('GET', '/api/permits/00000000-0000-0000-0000-000000000000/gas-readings', {
            cookie: ent,
          })
        ).status,
        404,
      );

      // §4.8: no resume while the gas alarm is open, even acknowledged
      const early = await t.call('POST', `/api/permits/${inZone.id}/actions/resume`, {
        cookie: ent,
        body: {},
      });
      assert.equal(early.status, 400, early.body);
      assert.deepEqual(
        early.json.violations.map((v: { code: string }) => v.code),
        ['GAS_ALARM_ACTIVE'],
      );
      assert.equal(early.json.violations[0].clause, 'GB 30871-2022 4.8');
      assert.match(early.json.violations[0].message, /GT-201（高报）/);
      assert.equal((await readPermit(inZone.id)).status, 'suspended');
      // the gas clears below high − deadband: the alarm closes and the resume goes through (within 30
      // minutes of the interruption, so the earlier analysis still counts)
      await send([{ tag: 'GT-201', value: 10, ts: t0 + 30_000 }]);
      await eventually(
        () => t.call('GET', `/api/permits/${inZone.id}/gas-readings`, { cookie: ent }).then((r) => r.json),
        (x) => x.items.every((i: { alarm: unknown }) => i.alarm === null),
        'alarm closed',
      );
      assert.equal((await act(t, ent, inZone.id, 'resume')).status, 'in_progress');
      assert.equal((await verifyAudit(t.database.db)).ok, true);
    });

    it('an alarm of a point in the permit’s installation suspends it even in another zone; the readings list it', async () => {
      const inst = await t.call('POST', '/api/monitoring/installations', {
        cookie: ent,
        body: { enterpriseId, name: '罐区T-300', kind: 'hazmat_major_hazard' },
      });
      assert.equal(inst.status, 201, inst.body);
      const p = await started({ zone: 'R-301', installationId: inst.json.id });
      await point({
        tag: 'GT-302',
        kind: 'toxic_gas',
        unit: 'ppm',
        zone: 'R-302',
        installationId: inst.json.id,
        thresholds: { high: 10, highHigh: 20 },
        delayOnSec: 0,
      });
      const g = (await t.call('GET', `/api/permits/${p.id}/gas-readings`, { cookie: ent })).json;
      assert.equal(g.installationName, '罐区T-300');
      assert.deepEqual(
        g.items.map((i: { tag: string; matchedBy: string[] }) => [i.tag, i.matchedBy]),
        [['GT-302', ['installation']]],
      );
      await send([{ tag: 'GT-302', value: 22, ts: Date.now() - 1000 }]);
      await eventually(
        () => readPermit(p.id),
        (x) => x.status === 'suspended',
        'permit in the alarming installation suspended',
      );
      const after = (await t.call('GET', `/api/permits/${p.id}/gas-readings`, { cookie: ent })).json.items[0];
      assert.equal(after.level, 'high_high');
      assert.equal(after.alarm.level, 'high_high');
    });

    it('a gas point registered only under an installation (no zone) suspends that installation’s permits', async () => {
      const inst = await t.call('POST', '/api/monitoring/installations', {
        cookie: ent,
        body: { enterpriseId, name: '罐区T-400', kind: 'hazmat_major_hazard' },
      });
      assert.equal(inst.status, 201, inst.body);
      const p = await started({ zone: 'R-401', installationId: inst.json.id });
      await point({
        tag: 'GT-401',
        kind: 'combustible_gas',
        unit: '%LEL',
        installationId: inst.json.id,
        thresholds: { high: 25 },
        delayOnSec: 0,
      });
      await send([{ tag: 'GT-401', value: 40, ts: Date.now() - 1000 }]);
      const d = await eventually(
        () => readPermit(p.id),
        (x) => x.status === 'suspended',
        'permit of the zone-less point’s installation suspended',
      );
      assert.match(d.timeline.at(-1).data.reason, /罐区T-400.*GT-401=40/);
    });

    it('a permit with no zone or installation, or a zone without gas points, answers an empty list', async () => {
      const none = (
        await t.call('POST', '/api/permits', { cookie: ent, body: hotWorkBody(c, { zone: undefined }) })
      ).json;
      const r = (await t.call('GET', `/api/permits/${none.id}/gas-readings`, { cookie: ent })).json;
      assert.equal(r.zone, null);
      assert.deepEqual(r.items, []);
      const bare = (
        await t.call('POST', '/api/permits', { cookie: ent, body: hotWorkBody(c, { zone: 'R-000' }) })
      ).json;
      const b = (await t.call('GET', `/api/permits/${bare.id}/gas-readings`, { cookie: ent })).json;
      assert.equal(b.zone, 'R-000');
      assert.deepEqual(b.items, []);
    });

    it('suspendPermitsForGasAlarm called directly only warns an issued permit not yet started', async () => {
      const q = (
        await t.call('POST', '/api/permits', { cookie: ent, body: hotWorkBody(c, { zone: 'R-401' }) })
      ).json;
      await act(t, ent, q.id, 'submit-measures', { measures: confirmedMeasures('hot_work') });
      await act(t, ent, q.id, 'record-gas', passingGas(iso(Date.now() - MIN)));
      await signThrough(t, ent, q.id);
      const r = await suspendPermitsForGasAlarm(t.database.db, enterpriseId, 'R-401', {
        tag: 'GT-401',
        value: 25,
        level: 'high',
      });
      assert.deepEqual(r, { suspended: [], warned: [q.number] });
      const d = await readPermit(q.id);
      assert.equal(d.status, 'issued');
      assert.equal(d.timeline.at(-1).data.notStarted, true);
    });
  });

  it('answers the public verification page with names only, and refuses a wrong token', async () => {
    const p = (await t.call('POST', '/api/permits', { cookie: ent, body: hotWorkBody(c) })).json;
    const d = (await t.call('GET', `/api/permits/${p.id}`, { cookie: ent })).json;
    const url = `/api/${d.verifyPath.slice(1)}`;
    const pub = await t.call('GET', url);
    assert.equal(pub.status, 200, pub.body);
    assert.equal(pub.json.number, p.number);
    assert.equal(pub.json.typeName, '动火作业');
    assert.equal(pub.json.statusName, '草稿');
    assert.equal(pub.json.valid, false);
    assert.deepEqual(pub.json.guardians, ['王监护']);
    assert.ok(!pub.body.includes('150627198501010013'));
    assert.ok(!pub.body.includes(c.welder));
    const wrong = await t.call('GET', `/api/public/permits/${encodeURIComponent(p.number)}?v=nope`);
    assert.equal(wrong.status, 404);
    const qr = await t.call('GET', `/api/permits/${p.id}/qr.png`, { cookie: ent });
    assert.equal(qr.status, 200);
    assert.equal(qr.headers['content-type'], 'image/png');
    assert.equal(qr.raw.subarray(1, 4).toString(), 'PNG');
  });

  it('an enterprise sees only its permits; district-150602 cannot read a 150627 permit', async () => {
    const p = (await t.call('POST', '/api/permits', { cookie: ent, body: hotWorkBody(c) })).json;
    const city = await t.login('city-admin');
    const other = await t.call('POST', '/api/enterprises', {
      cookie: city,
      body: enterprisePayload({ uscc: freshUscc('150627') }),
    });
    const uname = `permit-other-${Date.now()}`;
    await t.call('POST', '/api/users', {
      cookie: city,
      body: {
        username: uname,
        displayName: '另一企业',
        role: 'enterprise_principal',
        enterpriseId: other.json.id,
        password: 'Strong-pass-1',
      },
    });
    const otherCookie = await t.login(uname, 'Strong-pass-1');
    const theirGuardian = await worker(t, otherCookie, { name: '另一监护', guardianTrained: true });
    const theirs = (
      await t.call('POST', '/api/permits', {
        cookie: otherCookie,
        body: hotWorkBody(c, { workers: [], guardians: [{ workerId: theirGuardian, name: '另一监护' }] }),
      })
    ).json;
    assert.match(theirs.number, /^ZY-DH-/);
    const mine = await t.call('GET', '/api/permits?pageSize=200', { cookie: ent });
    assert.ok(mine.json.items.every((x: { enterpriseId: string }) => x.enterpriseId === enterpriseId));
    assert.ok(!mine.json.items.some((x: { id: string }) => x.id === theirs.id));
    assert.equal((await t.call('GET', `/api/permits/${theirs.id}`, { cookie: ent })).status, 404);
    assert.equal((await t.call('GET', `/api/permits/${p.id}`, { cookie: otherCookie })).status, 404);
    const wrongEnterprise = await t.call('POST', '/api/permits', {
      cookie: ent,
      body: hotWorkBody(c, { enterpriseId: other.json.id }),
    });
    assert.equal(wrongEnterprise.status, 403);
    // the other enterprise's registry is not the demo enterprise's: naming its welder is refused
    assert.equal(
      (await t.call('POST', '/api/permits', { cookie: otherCookie, body: hotWorkBody(c) })).status,
      400,
    );

    const d0602 = await t.login('district-150602');
    assert.equal((await t.call('GET', `/api/permits/${p.id}`, { cookie: d0602 })).status, 404);
    assert.equal((await t.call('GET', `/api/permits/${p.id}/qr.png`, { cookie: d0602 })).status, 404);
    const list0602 = await t.call('GET', '/api/permits?pageSize=200', { cookie: d0602 });
    assert.equal(list0602.json.total, 0);
    const d0627 = await t.login('district-150627');
    assert.equal((await t.call('GET', `/api/permits/${p.id}`, { cookie: d0627 })).status, 200);
    const nyj = await t.login('inspector-nyj');
    assert.equal((await t.call('GET', `/api/permits/${p.id}`, { cookie: nyj })).status, 404);
  });

  it('lists with filters and reports adoption by district', async () => {
    const today = new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 10);
    const list = await t.call('GET', `/api/permits?type=hot_work&date=${today}&status=draft,closed`, {
      cookie: ent,
    });
    assert.equal(list.status, 200);
    assert.ok(list.json.total > 0);
    for (const p of list.json.items) {
      assert.equal(p.type, 'hot_work');
      assert.ok(['draft', 'closed'].includes(p.status));
    }
    const city = await t.login('city-admin');
    for (const g of ['type', 'grade', 'enterprise', 'day', 'district']) {
      const s = await t.call('GET', `/api/permits/stats?groupBy=${g}`, { cookie: city });
      assert.equal(s.status, 200, s.body);
      assert.ok(s.json.rows.length > 0, g);
    }
    const s = (await t.call('GET', '/api/permits/stats?groupBy=district', { cookie: city })).json;
    const yjhlq = s.adoption.find((a: { districtCode: string }) => a.districtCode === '150627');
    assert.ok(yjhlq.majorHazardEnterprises >= 1);
    assert.ok(yjhlq.usingElectronicPermits >= 1);
    assert.ok(yjhlq.share > 0 && yjhlq.share <= 1);
    assert.equal(dayAhead(0).length, 10);
  });
});
