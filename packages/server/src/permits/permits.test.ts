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

  it('suspendPermitsForGasAlarm suspends hot work in progress in the zone and tells the managers', async () => {
    const make = async (zone: string) => {
      const p = (await t.call('POST', '/api/permits', { cookie: ent, body: hotWorkBody(c, { zone }) })).json;
      await act(t, ent, p.id, 'submit-measures', { measures: confirmedMeasures('hot_work') });
      await act(t, ent, p.id, 'record-gas', passingGas(iso(Date.now() - MIN)));
      await signThrough(t, ent, p.id);
      await act(t, ent, p.id, 'sign', { step: 'shift_leader_check', name: '孙班长' });
      await act(t, ent, p.id, 'guardian-arrive');
      await act(t, ent, p.id, 'start');
      return p;
    };
    const inZone = await make('R-201');
    const elsewhere = await make('R-999');
    const r = await suspendPermitsForGasAlarm(t.database.db, enterpriseId, 'R-201', {
      tag: 'GT-201',
      value: 25,
      level: 'high',
    });
    assert.deepEqual(r.suspended, [inZone.number]);
    const d = (await t.call('GET', `/api/permits/${inZone.id}`, { cookie: ent })).json;
    assert.equal(d.status, 'suspended');
    assert.equal(d.timeline.at(-1).data.gasAlarm, true);
    assert.equal(
      (await t.call('GET', `/api/permits/${elsewhere.id}`, { cookie: ent })).json.status,
      'in_progress',
    );
    const inbox = await t.call('GET', '/api/notifications', { cookie: ent });
    assert.ok(inbox.json.items.some((n: { title: string }) => n.title.includes(inZone.number)));
    // resuming after more than 30 minutes would need a fresh analysis; here the resume is immediate
    assert.equal((await act(t, ent, inZone.id, 'resume')).status, 'in_progress');
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
