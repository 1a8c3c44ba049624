import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Permit } from './model';
import {
  ACTORS,
  HOUR,
  MIN,
  T0,
  at,
  codesOf,
  gas,
  hotWork,
  hotWorkSignatures,
  outcome,
  plus,
  shiftCheck,
} from './permits.fixtures';
import { decidePermitAction, expireIfDue, permitActionsInState } from './workflow';
import type { PermitAction } from './workflow-schemas';

type ActorKey = keyof typeof ACTORS;
/** Applies a successful decision, as the server would. */
function step(p: Permit, action: PermitAction, actor: ActorKey, input: unknown, now: Date): Permit {
  const d = decidePermitAction(p, action, ACTORS[actor], input, now);
  assert.ok(d.ok, `${action}: ${JSON.stringify(d)}`);
  return { ...p, ...d.patch, status: d.to } as Permit;
}

test('hot work 一级 from draft to closed; a start on an analysis 31 min old is refused first', () => {
  let p = hotWork();
  p = step(
    p,
    'submit-measures',
    'leader',
    { measures: [{ code: 'hw_no_gas_release_30m', applies: true, confirmer: '张三' }] },
    at(-2 * HOUR),
  );
  assert.equal(p.status, 'measures_confirmed');
  assert.equal(
    outcome(decidePermitAction(p, 'sign', ACTORS.leader, { step: 'briefing', name: '张三' }, at(-2 * HOUR))),
    '409',
  );
  p = step(p, 'record-gas', 'analyst', gas(plus(-HOUR - 31 * MIN)), at(-HOUR - 30 * MIN));
  assert.equal(p.status, 'gas_analysed');
  const chain: [string, ActorKey, Record<string, unknown>][] = [
    ['briefing', 'leader', { recipient: '李焊工' }],
    ['guardian', 'guardian', {}],
    ['work_leader', 'leader', {}],
    ['owning_unit', 'signatory', {}],
    ['safety_department', 'signatory', {}],
    ['approver', 'safetyDept', { level: 'safety_department' }],
  ];
  chain.forEach(([s, who, extra], i) => {
    p = step(p, 'sign', who, { step: s, name: `签-${s}`, ...extra }, at(-HOUR - 20 * MIN + i * MIN));
  });
  assert.equal(p.status, 'issued');
  p = step(p, 'sign', 'shift', { step: 'shift_leader_check', name: '赵班长' }, at(-HOUR));
  p = step(p, 'guardian-arrive', 'guardian', {}, at(-HOUR));
  // The only analysis was sampled at T0 − 1 h 31 min; starting at T0 − 1 h is 31 min later.
  const refused = decidePermitAction(p, 'start', ACTORS.leader, {}, at(-HOUR));
  assert.equal(outcome(refused), '400');
  assert.deepEqual(codesOf(refused), ['PERMIT_NOT_YET_VALID', 'HOT_WORK_GAS_STALE']);
  const stale = decidePermitAction(p, 'start', ACTORS.leader, {}, at(0));
  assert.deepEqual(codesOf(stale), ['HOT_WORK_GAS_STALE']);
  p = step(p, 'record-gas', 'analyst', gas(plus(-5 * MIN)), at(-5 * MIN));
  p = step(p, 'start', 'leader', {}, at(0));
  assert.deepEqual([p.status, p.startedAt], ['in_progress', at(0).toISOString()]);
  p = step(p, 'complete', 'leader', {}, at(4 * HOUR));
  p = step(p, 'accept', 'signatory', { name: '钱验收' }, at(4 * HOUR + 10 * MIN));
  p = step(p, 'close', 'safetyDept', {}, at(4 * HOUR + 20 * MIN));
  assert.equal(p.status, 'closed');
  assert.deepEqual(
    p.signatures.map((s) => s.step),
    [
      'briefing',
      'guardian',
      'work_leader',
      'owning_unit',
      'safety_department',
      'approver',
      'shift_leader_check',
      'acceptance',
    ],
  );
});

const issued = (over: Partial<Permit> = {}) =>
  hotWork({
    status: 'issued',
    signatures: [...hotWorkSignatures(), shiftCheck()],
    guardianOnSite: true,
    gasAnalyses: [gas(plus(-10 * MIN))],
    ...over,
  });
const running = (over: Partial<Permit> = {}) => issued({ status: 'in_progress', startedAt: T0, ...over });

test('start needs the guardian on site', () => {
  const d = decidePermitAction(issued({ guardianOnSite: false }), 'start', ACTORS.leader, {}, at(0));
  assert.deepEqual(codesOf(d), ['GUARDIAN_ABSENT']);
});

test('start needs the shift-leader ticket check for hot work', () => {
  const d = decidePermitAction(issued({ signatures: hotWorkSignatures() }), 'sign', ACTORS.leader, {}, at(0));
  assert.equal(outcome(d), '403');
  const s = decidePermitAction(
    issued({ signatures: hotWorkSignatures() }),
    'start',
    ACTORS.leader,
    {},
    at(0),
  );
  assert.equal(outcome(s), '400');
});

test('the guardian leaving suspends the work and opens an interruption', () => {
  const d = decidePermitAction(running(), 'guardian-leave', ACTORS.guardian, {}, at(HOUR));
  assert.ok(d.ok);
  assert.equal(d.to, 'suspended');
  assert.deepEqual(d.patch, {
    guardianOnSite: false,
    interruptions: [{ from: at(HOUR).toISOString(), to: null }],
  });
});

const RESUME: [string, number, boolean, string[]][] = [
  ['一级 resumes after 30 min without re-analysis', 30, false, []],
  ['一级 resumes after 31 min without re-analysis', 31, false, ['HOT_WORK_GAS_REANALYSIS']],
  ['一级 resumes after 31 min with a re-analysis', 31, true, []],
];
for (const [label, minutes, reanalysed, codes] of RESUME)
  test(`resume: ${label} → ${codes.length ? codes.join(', ') : 'ok'}`, () => {
    const p = running({
      status: 'suspended',
      interruptions: [{ from: plus(HOUR), to: null }],
      gasAnalyses: [gas(plus(-10 * MIN)), ...(reanalysed ? [gas(plus(HOUR + minutes * MIN - 5 * MIN))] : [])],
    });
    const d = decidePermitAction(p, 'resume', ACTORS.leader, {}, at(HOUR + minutes * MIN));
    assert.deepEqual(codesOf(d), codes);
    if (d.ok) assert.deepEqual(d.patch.interruptions, [{ from: plus(HOUR), to: plus(HOUR + minutes * MIN) }]);
  });

test('resume: 二级 after 60 min needs no re-analysis, after 61 min it does', () => {
  const p = () =>
    running({
      status: 'suspended',
      interruptions: [{ from: plus(HOUR), to: null }],
      details: { ...hotWork().details, grade: 'level2' },
    } as Partial<Permit>);
  assert.equal(outcome(decidePermitAction(p(), 'resume', ACTORS.leader, {}, at(2 * HOUR))), 'ok');
  assert.deepEqual(codesOf(decidePermitAction(p(), 'resume', ACTORS.leader, {}, at(2 * HOUR + MIN))), [
    'HOT_WORK_GAS_REANALYSIS',
  ]);
});

// Which actions each state allows, for anyone (hand-written).
const STATES: [string, Permit, PermitAction[]][] = [
  ['draft', hotWork(), ['submit-measures', 'cancel']],
  [
    'measures confirmed, hot work (gas first)',
    hotWork({ status: 'measures_confirmed' }),
    ['record-gas', 'cancel'],
  ],
  ['gas analysed', hotWork({ status: 'gas_analysed' }), ['record-gas', 'sign', 'cancel']],
  [
    'issued, guardian away',
    issued({ guardianOnSite: false }),
    ['record-gas', 'guardian-arrive', 'start', 'cancel'],
  ],
  ['in progress', running(), ['record-gas', 'guardian-leave', 'suspend', 'complete']],
  ['completed', running({ status: 'completed' }), ['accept']],
  ['accepted', running({ status: 'accepted' }), ['close']],
  ['closed', running({ status: 'closed' }), []],
  ['cancelled', hotWork({ status: 'cancelled' }), []],
  ['expired', issued({ status: 'expired' }), []],
];
for (const [label, p, allowed] of STATES)
  test(`actions in state: ${label} → [${allowed.join(', ')}]`, () => {
    assert.deepEqual(permitActionsInState(p, at(0)), allowed);
  });

test('measures confirmed, blind plate (no gas analysis): signing may begin', () => {
  const p = hotWork({ status: 'measures_confirmed', type: 'blind_plate' } as Partial<Permit>);
  assert.deepEqual(permitActionsInState(p, at(0)), ['record-gas', 'sign', 'cancel']);
});

test('409 names the state and the allowed actions in Chinese', () => {
  const d = decidePermitAction(running({ status: 'completed' }), 'start', ACTORS.leader, {}, at(0));
  assert.ok(!d.ok && d.error === 'invalid_state');
  assert.equal(d.message, '作业票当前状态为“作业完成”，不能执行“开始作业”。当前状态下可执行：完工验收。');
});

const WHO: [string, ActorKey, PermitAction, Permit, unknown, string][] = [
  ['staff cannot record gas', 'staff', 'record-gas', issued(), gas(plus(-MIN)), '403'],
  ['another enterprise cannot start', 'otherEnterprise', 'start', issued(), {}, '403'],
  ['sysadmin cannot cancel', 'sysadmin', 'cancel', hotWork(), { reason: '测试' }, '403'],
  ['the guardian cannot start', 'guardian', 'start', issued(), {}, '403'],
  [
    'the grassroots unit cannot approve 一级',
    'unitHead',
    'sign',
    hotWork({ status: 'approving', signatures: hotWorkSignatures().slice(0, 5) }),
    { step: 'approver', name: '孙', level: 'grassroots_unit' },
    '403',
  ],
  [
    'the safety department approves 一级',
    'safetyDept',
    'sign',
    hotWork({ status: 'approving', signatures: hotWorkSignatures().slice(0, 5) }),
    { step: 'approver', name: '孙', level: 'safety_department' },
    'ok',
  ],
  [
    'signing out of order is invalid',
    'signatory',
    'sign',
    hotWork({ status: 'approving', signatures: hotWorkSignatures().slice(0, 3) }),
    { step: 'safety_department', name: '周' },
    '400',
  ],
  [
    'an applicable measure without confirmer is invalid',
    'leader',
    'submit-measures',
    hotWork(),
    { measures: [{ code: 'x', applies: true }] },
    '400',
  ],
  ['cancel without a reason is invalid', 'leader', 'cancel', hotWork(), {}, '400'],
  ['the guardian may suspend', 'guardian', 'suspend', running(), { reason: '现场异常' }, 'ok'],
  ['a gas sample in the future is invalid', 'analyst', 'record-gas', issued(), gas(plus(MIN)), '400'],
];
for (const [label, actor, action, p, input, expected] of WHO)
  test(`who and input: ${label} → ${expected}`, () => {
    assert.equal(outcome(decidePermitAction(p, action, ACTORS[actor], input, at(0))), expected);
  });

test('a failing analysis keeps the permit in measures_confirmed', () => {
  const d = decidePermitAction(
    hotWork({ status: 'measures_confirmed' }),
    'record-gas',
    ACTORS.analyst,
    gas(plus(-MIN), { concentrationPercent: 0.6 }),
    at(0),
  );
  assert.ok(d.ok);
  assert.equal(d.to, 'measures_confirmed');
  assert.deepEqual(d.event.data.failures, ['HOT_WORK_GAS_FAIL']);
});

const EXPIRE: [string, Permit, Date, boolean][] = [
  ['一级 in progress exactly 8 h after the start', running(), at(8 * HOUR), false],
  ['一级 in progress 8 h 1 min after the start', running(), at(8 * HOUR + MIN), true],
  ['planned end earlier than the limit', running({ plannedEnd: plus(2 * HOUR) }), at(2 * HOUR + MIN), true],
  [
    '二级 72 h permit, idle at night on day 2',
    issued({
      plannedEnd: plus(72 * HOUR),
      details: { ...hotWork().details, grade: 'level2' },
    } as Partial<Permit>),
    at(38 * HOUR),
    false,
  ],
  [
    '二级 72 h permit, 72 h 1 min',
    issued({
      plannedEnd: plus(72 * HOUR),
      details: { ...hotWork().details, grade: 'level2' },
    } as Partial<Permit>),
    at(72 * HOUR + MIN),
    true,
  ],
  ['a completed permit never expires', running({ status: 'completed' }), at(100 * HOUR), false],
  [
    'blind plate: no validity limit, expires at its planned end',
    issued({ type: 'blind_plate', plannedEnd: plus(30 * 24 * HOUR) } as Partial<Permit>),
    at(30 * 24 * HOUR + MIN),
    true,
  ],
];
for (const [label, p, now, due] of EXPIRE)
  test(`expireIfDue: ${label} → ${due ? 'expired' : 'not due'}`, () => {
    const d = expireIfDue(p, now);
    assert.equal(d !== null, due);
    if (d?.ok) assert.equal(d.to, 'expired');
  });

test('expiring a suspended permit closes its open interruption', () => {
  const d = expireIfDue(
    running({ status: 'suspended', interruptions: [{ from: plus(HOUR), to: null }] }),
    at(9 * HOUR),
  );
  assert.ok(d?.ok);
  assert.deepEqual(d.patch.interruptions, [{ from: plus(HOUR), to: at(9 * HOUR).toISOString() }]);
});
