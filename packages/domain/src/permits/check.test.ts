import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPermit } from './check';
import type { Permit } from './model';
import { HOUR, MIN, T0, at, gas, hotWork, hotWorkSignatures, plus, shiftCheck } from './permits.fixtures';

// checkPermit on stored permits: [label, permit, now, expected codes].
const issued = (over: Partial<Permit> = {}) =>
  hotWork({ status: 'issued', signatures: hotWorkSignatures(), ...over });
const running = (over: Partial<Permit> = {}) =>
  issued({
    status: 'in_progress',
    signatures: [...hotWorkSignatures(), shiftCheck()],
    startedAt: T0,
    guardianOnSite: true,
    gasAnalyses: [gas(plus(-10 * MIN))],
    ...over,
  });

const SPECIAL = { grade: 'special', method: '电焊', outdoor: false, oxygenEquipment: false } as const;
const ROWS: [string, Permit, Date, string[]][] = [
  ['a draft has no signatures due', hotWork(), at(-HOUR), []],
  ['an issued 一级 permit with the full chain', issued(), at(-10 * MIN), []],
  [
    'an issued permit missing the safety department',
    issued({ signatures: hotWorkSignatures().filter((s) => s.step !== 'safety_department') }),
    at(0),
    ['APPROVAL_MISSING'],
  ],
  [
    'approved by the grassroots unit instead of the safety department',
    issued({ signatures: hotWorkSignatures('grassroots_unit') }),
    at(0),
    ['APPROVER_LEVEL'],
  ],
  [
    '特级 needs the leader in charge',
    hotWork(
      { status: 'issued', signatures: hotWorkSignatures('safety_department') },
      { grade: 'special', continuousMonitoring: true },
    ),
    at(0),
    ['APPROVER_LEVEL'],
  ],
  [
    '一级 planned to start at 22:00 is 特级: the leader must approve',
    hotWork({
      status: 'issued',
      plannedStart: plus(14 * HOUR),
      plannedEnd: plus(20 * HOUR),
      signatures: hotWorkSignatures('safety_department'),
    }),
    at(0),
    ['APPROVER_LEVEL'],
  ],
  [
    'approver signed a minute before the owning unit',
    issued({
      signatures: hotWorkSignatures().map((s) => (s.step === 'approver' ? { ...s, at: plus(-38 * MIN) } : s)),
    }),
    at(0),
    ['APPROVAL_ORDER'],
  ],
  [
    'two signatures in the same minute are in order',
    issued({
      signatures: hotWorkSignatures().map((s) =>
        s.step === 'approver' ? { ...s, at: plus(-36 * MIN + 30_000) } : s,
      ),
    }),
    at(0),
    [],
  ],
  [
    'a signature timed in the future',
    issued({
      signatures: hotWorkSignatures().map((s) => (s.step === 'approver' ? { ...s, at: plus(5 * MIN) } : s)),
    }),
    at(0),
    ['APPROVAL_TIME'],
  ],
  ['in progress with the shift-leader check', running(), at(HOUR), []],
  [
    'in progress without the shift-leader check',
    running({ signatures: hotWorkSignatures() }),
    at(HOUR),
    ['APPROVAL_MISSING'],
  ],
  [
    'shift-leader check after the start',
    running({ signatures: [...hotWorkSignatures(), shiftCheck(plus(MIN))] }),
    at(HOUR),
    ['APPROVAL_ORDER'],
  ],
  ['in progress, guardian gone', running({ guardianOnSite: false }), at(HOUR), ['GUARDIAN_ABSENT']],
  [
    'started with an analysis 31 min old',
    running({ gasAnalyses: [gas(plus(-31 * MIN))] }),
    at(HOUR),
    ['HOT_WORK_GAS_STALE'],
  ],
  [
    'in progress past the 8 h validity by 1 min',
    running({ plannedEnd: plus(8 * HOUR) }),
    at(8 * HOUR + MIN),
    ['PERMIT_EXPIRED'],
  ],
  ['in progress exactly at the end of validity', running(), at(8 * HOUR), []],
  ['an issued permit idle past its end', issued(), at(8 * HOUR + MIN), ['PERMIT_EXPIRED']],
  ['no guardian named', hotWork({ guardians: [] }), at(0), ['GUARDIAN_MISSING']],
  [
    'a measure applies but nobody confirmed it',
    issued({ measures: [{ code: 'hw_welder_within_10m', applies: true }] }),
    at(0),
    ['MEASURE_UNCONFIRMED'],
  ],
  [
    'a draft may leave measures unconfirmed',
    hotWork({ measures: [{ code: 'hw_welder_within_10m', applies: true }] }),
    at(0),
    [],
  ],
  [
    'combined with confined-space entry, no related permit',
    hotWork({ combinedWith: ['confined_space'] }),
    at(0),
    ['RELATED_PERMIT_MISSING'],
  ],
  [
    'combined with confined-space entry, related permit named',
    hotWork({
      combinedWith: ['confined_space'],
      relatedPermits: [{ type: 'confined_space', number: 'SX-1' }],
    }),
    at(0),
    [],
  ],
  [
    '特级 in progress without continuous monitoring',
    running({ signatures: [...hotWorkSignatures('leader'), shiftCheck()], details: SPECIAL }),
    at(HOUR),
    ['HOT_WORK_MONITORING'],
  ],
  [
    '特级 in progress with continuous monitoring',
    running({
      signatures: [...hotWorkSignatures('leader'), shiftCheck()],
      details: { ...SPECIAL, continuousMonitoring: true },
    }),
    at(HOUR),
    [],
  ],
];

for (const [label, permit, now, codes] of ROWS)
  test(`checkPermit: ${label} → ${codes.length ? codes.join(', ') : 'no violation'}`, () => {
    const v = checkPermit(permit, now);
    assert.deepEqual(v.map((x) => x.code).sort(), [...codes].sort(), JSON.stringify(v));
  });

const base = (type: Permit['type'], details: Record<string, unknown>, over: Partial<Permit> = {}) =>
  hotWork({ type, details, ...over } as Partial<Permit>) as Permit;
const OTHER: [string, Permit, string[]][] = [
  ['lifting 一级 without a plan', base('lifting', { massT: 120, outdoor: true }), ['LIFTING_PLAN_MISSING']],
  ['lifting 一级 with a plan', base('lifting', { massT: 120, outdoor: true, liftingPlan: true }), []],
  ['lifting 三级 without a plan', base('lifting', { massT: 20, outdoor: true }), []],
  [
    'outdoor lifting at wind force 6',
    base('lifting', { massT: 20, outdoor: true, windForce: 6 }),
    ['LIFTING_WIND'],
  ],
  [
    'height at wind force 5',
    base('height', { heightM: 8, objectiveFactors: [], outdoor: true, windForce: 5 }),
    ['HEIGHT_WIND'],
  ],
  [
    'height Ⅳ approved by the specialist department',
    base(
      'height',
      { heightM: 40, objectiveFactors: [], outdoor: true },
      {
        status: 'issued',
        signatures: hotWorkSignatures('specialist_department').filter((s) => s.step !== 'safety_department'),
      },
    ),
    ['APPROVER_LEVEL'],
  ],
  [
    'height Ⅳ approved by the chief engineer',
    base(
      'height',
      { heightM: 40, objectiveFactors: [], outdoor: true },
      {
        status: 'issued',
        signatures: hotWorkSignatures('chief').filter((s) => s.step !== 'safety_department'),
      },
    ),
    [],
  ],
  [
    'temp power approved by the power-supply unit',
    base(
      'temp_power',
      { inHazardArea: false },
      {
        status: 'issued',
        signatures: hotWorkSignatures('power_supply_unit').filter((s) => s.step !== 'safety_department'),
      },
    ),
    [],
  ],
  [
    'excavation issued without the countersign',
    base(
      'excavation',
      { depthM: 1, processOrTankArea: false },
      {
        status: 'issued',
        signatures: hotWorkSignatures('specialist_department').filter((s) => s.step !== 'safety_department'),
      },
    ),
    ['APPROVAL_MISSING'],
  ],
];
for (const [label, permit, codes] of OTHER)
  test(`checkPermit: ${label} → ${codes.length ? codes.join(', ') : 'no violation'}`, () => {
    const v = checkPermit(permit, at(-5 * MIN));
    assert.deepEqual(v.map((x) => x.code).sort(), [...codes].sort(), JSON.stringify(v));
  });
