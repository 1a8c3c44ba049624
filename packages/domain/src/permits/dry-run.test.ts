import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dryRunCheck, permitCheckInputSchema, type PermitCheckInput } from './dry-run';
import { DAY, HOUR, MIN, T0, gas, plus } from './permits.fixtures';

// The dry run, table-driven: [label, request, expected violation codes (sorted), expected grade?].
type Row = [string, Partial<PermitCheckInput> & { type: PermitCheckInput['type'] }, string[], string?];

const hot = (grade: 'special' | 'level1' | 'level2', over: Partial<PermitCheckInput> = {}) => ({
  type: 'hot_work' as const,
  grade,
  plannedStart: T0,
  plannedEnd: plus(8 * HOUR),
  at: T0,
  gasAnalyses: [gas(plus(-10 * MIN))],
  ...over,
});
const confined = (over: Partial<PermitCheckInput> = {}) => ({
  type: 'confined_space' as const,
  plannedStart: T0,
  plannedEnd: plus(8 * HOUR),
  at: T0,
  gasAnalyses: [gas(plus(-10 * MIN))],
  ...over,
});
const later = (ms: number, o: Partial<PermitCheckInput> = {}) => ({
  at: plus(ms),
  action: 'continue' as const,
  ...o,
});

const ROWS: Row[] = [
  // Validity of the planned window: at most X inclusive.
  ['一级 hot work, window exactly 8 h', hot('level1'), [], 'level1'],
  [
    '一级 hot work, window 8 h 1 min',
    hot('level1', { plannedEnd: plus(8 * HOUR + MIN) }),
    ['HOT_WORK_VALIDITY'],
    'level1',
  ],
  [
    '特级 hot work, window 8 h 1 min',
    hot('special', { plannedEnd: plus(8 * HOUR + MIN) }),
    ['HOT_WORK_VALIDITY'],
    'special',
  ],
  ['二级 hot work, window exactly 72 h', hot('level2', { plannedEnd: plus(72 * HOUR) }), [], 'level2'],
  [
    '二级 hot work, window 72 h 1 min',
    hot('level2', { plannedEnd: plus(72 * HOUR + MIN) }),
    ['HOT_WORK_VALIDITY'],
    'level2',
  ],
  [
    '二级 72 h window judged at night: upgraded to 一级, 8 h limit',
    hot('level2', {
      plannedEnd: plus(72 * HOUR),
      ...later(14 * HOUR, { gasAnalyses: [gas(plus(14 * HOUR - 5 * MIN))] }),
    }),
    ['HOT_WORK_VALIDITY', 'PERMIT_EXPIRED'],
    'level1',
  ],
  ['end before start', hot('level1', { plannedEnd: plus(-MIN) }), ['PERMIT_WINDOW'], 'level1'],
  ['confined space, window exactly 24 h', confined({ plannedEnd: plus(24 * HOUR) }), []],
  [
    'confined space, window 24 h 1 min',
    confined({ plannedEnd: plus(24 * HOUR + MIN) }),
    ['CONFINED_SPACE_VALIDITY'],
  ],
  [
    'height, window exactly 7 days',
    { type: 'height', heightM: 3, plannedStart: T0, plannedEnd: plus(7 * DAY), at: T0 },
    [],
    'I',
  ],
  [
    'height, window 7 days 1 min',
    { type: 'height', heightM: 3, plannedStart: T0, plannedEnd: plus(7 * DAY + MIN), at: T0 },
    ['HEIGHT_VALIDITY'],
    'I',
  ],
  [
    'temp power, exactly 15 days',
    { type: 'temp_power', plannedStart: T0, plannedEnd: plus(15 * DAY), at: T0 },
    [],
  ],
  [
    'temp power, 15 days 1 min',
    { type: 'temp_power', plannedStart: T0, plannedEnd: plus(15 * DAY + MIN), at: T0 },
    ['TEMP_POWER_VALIDITY'],
  ],
  [
    'temp power special case, exactly 30 days',
    { type: 'temp_power', specialCase: true, plannedStart: T0, plannedEnd: plus(30 * DAY), at: T0 },
    [],
  ],
  [
    'temp power special case, 30 days 1 min',
    { type: 'temp_power', specialCase: true, plannedStart: T0, plannedEnd: plus(30 * DAY + MIN), at: T0 },
    ['TEMP_POWER_VALIDITY'],
  ],
  [
    'temp power within the hot-work permit it serves',
    {
      type: 'temp_power',
      plannedStart: T0,
      plannedEnd: plus(8 * HOUR),
      at: T0,
      servesPermit: { plannedStart: T0, plannedEnd: plus(8 * HOUR) },
    },
    [],
  ],
  [
    'temp power 1 min beyond the permit it serves',
    {
      type: 'temp_power',
      plannedStart: T0,
      plannedEnd: plus(8 * HOUR + MIN),
      at: T0,
      servesPermit: { plannedStart: T0, plannedEnd: plus(8 * HOUR) },
    },
    ['TEMP_POWER_BEYOND_SERVED'],
  ],
  [
    'blind plate: no validity limit (30 days)',
    { type: 'blind_plate', plannedStart: T0, plannedEnd: plus(30 * DAY), at: T0 },
    [],
  ],
  [
    'lifting: no validity limit (30 days)',
    { type: 'lifting', massT: 20, plannedStart: T0, plannedEnd: plus(30 * DAY), at: T0 },
    [],
    'level3',
  ],
  [
    'road closure: no validity limit',
    { type: 'road_closure', plannedStart: T0, plannedEnd: plus(60 * DAY), at: T0 },
    [],
  ],
  [
    'excavation shallow: no validity limit',
    {
      type: 'excavation',
      depthM: 1.2,
      processOrTankArea: true,
      plannedStart: T0,
      plannedEnd: plus(60 * DAY),
      at: T0,
    },
    [],
  ],
  // Validity at the instant judged.
  [
    '一级, continuing exactly 8 h after the start: still valid',
    hot('level1', later(8 * HOUR - 0, { at: plus(8 * HOUR), gasAnalyses: [gas(plus(7 * HOUR))] })),
    [],
  ],
  [
    '一级, continuing 8 h 1 min after the start: expired',
    hot('level1', {
      plannedEnd: plus(9 * HOUR),
      ...later(8 * HOUR + MIN, { gasAnalyses: [gas(plus(7 * HOUR))] }),
    }),
    ['HOT_WORK_VALIDITY', 'PERMIT_EXPIRED'],
  ],
  [
    'start 1 min before the planned start',
    hot('level1', { at: plus(-MIN), gasAnalyses: [gas(plus(-10 * MIN))] }),
    ['PERMIT_NOT_YET_VALID'],
  ],
  [
    'height, continuing 1 min after the planned end',
    {
      type: 'height',
      heightM: 3,
      plannedStart: T0,
      plannedEnd: plus(2 * DAY),
      at: plus(2 * DAY + MIN),
      action: 'continue',
    },
    ['PERMIT_EXPIRED'],
    'I',
  ],
  // Sampling before the start: at most 30 min.
  ['sampled exactly 30 min before the start', hot('level1', { gasAnalyses: [gas(plus(-30 * MIN))] }), []],
  [
    'sampled 31 min before the start',
    hot('level1', { gasAnalyses: [gas(plus(-31 * MIN))] }),
    ['HOT_WORK_GAS_STALE'],
  ],
  ['sampled at the start itself', hot('level1', { gasAnalyses: [gas(T0)] }), []],
  [
    'only a sample after the instant judged',
    hot('level1', { gasAnalyses: [gas(plus(5 * MIN))] }),
    ['HOT_WORK_GAS_MISSING'],
  ],
  ['no analysis at all', hot('level1', { gasAnalyses: [] }), ['HOT_WORK_GAS_MISSING']],
  [
    'confined space sampled 31 min before entry',
    confined({ gasAnalyses: [gas(plus(-31 * MIN))] }),
    ['CONFINED_SPACE_GAS_STALE'],
  ],
  ['confined space sampled 30 min before entry', confined({ gasAnalyses: [gas(plus(-30 * MIN))] }), []],
  // Interruptions: more than 30 min (特级/一级), more than 60 min (二级, confined space).
  [
    '一级, 30 min interruption, no re-analysis',
    hot('level1', later(2 * HOUR, { interruptions: [{ from: plus(HOUR), to: plus(HOUR + 30 * MIN) }] })),
    [],
  ],
  [
    '一级, 31 min interruption, no re-analysis',
    hot('level1', later(2 * HOUR, { interruptions: [{ from: plus(HOUR), to: plus(HOUR + 31 * MIN) }] })),
    ['HOT_WORK_GAS_REANALYSIS'],
  ],
  [
    '一级, 31 min interruption, re-analysed before resuming',
    hot(
      'level1',
      later(2 * HOUR, {
        interruptions: [{ from: plus(HOUR), to: plus(HOUR + 31 * MIN) }],
        gasAnalyses: [gas(plus(-10 * MIN)), gas(plus(HOUR + 25 * MIN))],
      }),
    ),
    [],
  ],
  [
    '一级, 31 min interruption, re-analysed only after resuming',
    hot(
      'level1',
      later(2 * HOUR, {
        interruptions: [{ from: plus(HOUR), to: plus(HOUR + 31 * MIN) }],
        gasAnalyses: [gas(plus(-10 * MIN)), gas(plus(HOUR + 40 * MIN))],
      }),
    ),
    ['HOT_WORK_GAS_REANALYSIS'],
  ],
  [
    '特级, 31 min interruption',
    hot('special', later(2 * HOUR, { interruptions: [{ from: plus(HOUR), to: plus(HOUR + 31 * MIN) }] })),
    ['HOT_WORK_GAS_REANALYSIS'],
    'special',
  ],
  [
    '二级, 31 min interruption',
    hot('level2', later(2 * HOUR, { interruptions: [{ from: plus(HOUR), to: plus(HOUR + 31 * MIN) }] })),
    [],
    'level2',
  ],
  [
    '二级, 60 min interruption',
    hot('level2', later(2 * HOUR, { interruptions: [{ from: plus(HOUR), to: plus(2 * HOUR) }] })),
    [],
  ],
  [
    '二级, 61 min interruption',
    hot('level2', later(3 * HOUR, { interruptions: [{ from: plus(HOUR), to: plus(2 * HOUR + MIN) }] })),
    ['HOT_WORK_GAS_REANALYSIS'],
  ],
  [
    'confined space, 60 min interruption',
    confined(later(HOUR + 30 * MIN, { interruptions: [{ from: plus(10 * MIN), to: plus(70 * MIN) }] })),
    [],
  ],
  [
    'confined space, 61 min interruption',
    confined(later(HOUR + 30 * MIN, { interruptions: [{ from: plus(10 * MIN), to: plus(71 * MIN) }] })),
    ['CONFINED_SPACE_GAS_REANALYSIS'],
  ],
  [
    'an open interruption ending at the instant judged: 31 min for 一级',
    hot('level1', later(HOUR + 31 * MIN, { interruptions: [{ from: plus(HOUR), to: plus(3 * HOUR) }] })),
    ['HOT_WORK_GAS_REANALYSIS'],
  ],
  // A fresh analysis each day; a record every 2 h in a confined space.
  [
    '二级, next day without a fresh analysis',
    hot('level2', { plannedEnd: plus(72 * HOUR), ...later(DAY + HOUR) }),
    ['HOT_WORK_GAS_DAILY'],
  ],
  [
    '二级, next day with a fresh analysis',
    hot('level2', {
      plannedEnd: plus(72 * HOUR),
      ...later(DAY + HOUR, { gasAnalyses: [gas(plus(-10 * MIN)), gas(plus(DAY - 10 * MIN))] }),
    }),
    [],
  ],
  [
    'confined space, last record exactly 2 h ago',
    confined(later(2 * HOUR, { gasAnalyses: [gas(plus(-10 * MIN)), gas(T0)] })),
    [],
  ],
  [
    'confined space, last record 2 h 1 min ago',
    confined(later(2 * HOUR + MIN, { gasAnalyses: [gas(plus(-10 * MIN)), gas(T0)] })),
    ['CONFINED_SPACE_MONITORING_RECORD'],
  ],
  // Pass criteria: LEL ≥ 4 % → ≤ 0.5 %; LEL < 4 % → ≤ 0.2 %.
  [
    'LEL exactly 4 %, 0.5 %: passes',
    hot('level1', { gasAnalyses: [gas(plus(-5 * MIN), { lelPercent: 4, concentrationPercent: 0.5 })] }),
    [],
  ],
  [
    'LEL exactly 4 %, 0.51 %: fails',
    hot('level1', { gasAnalyses: [gas(plus(-5 * MIN), { lelPercent: 4, concentrationPercent: 0.51 })] }),
    ['HOT_WORK_GAS_FAIL'],
  ],
  [
    'LEL 3.99 %, 0.2 %: passes',
    hot('level1', { gasAnalyses: [gas(plus(-5 * MIN), { lelPercent: 3.99, concentrationPercent: 0.2 })] }),
    [],
  ],
  [
    'LEL 3.99 %, 0.21 %: fails',
    hot('level1', { gasAnalyses: [gas(plus(-5 * MIN), { lelPercent: 3.99, concentrationPercent: 0.21 })] }),
    ['HOT_WORK_GAS_FAIL'],
  ],
  [
    'LEL 3.28 % (ethanol), 0.3 %: fails',
    hot('level1', { gasAnalyses: [gas(plus(-5 * MIN), { lelPercent: 3.28, concentrationPercent: 0.3 })] }),
    ['HOT_WORK_GAS_FAIL'],
  ],
  [
    'a failed analysis followed by a passing one',
    hot('level1', { gasAnalyses: [gas(plus(-20 * MIN), { concentrationPercent: 1 }), gas(plus(-5 * MIN))] }),
    [],
  ],
  // O₂: confined space 19.5–21 % inclusive; oxygen-enriched and oxygen equipment ≤ 23.5 %.
  ['confined O₂ 19.5 %', confined({ gasAnalyses: [gas(plus(-5 * MIN), { oxygenPercent: 19.5 })] }), []],
  [
    'confined O₂ 19.4 %',
    confined({ gasAnalyses: [gas(plus(-5 * MIN), { oxygenPercent: 19.4 })] }),
    ['CONFINED_SPACE_OXYGEN'],
  ],
  ['confined O₂ 21 %', confined({ gasAnalyses: [gas(plus(-5 * MIN), { oxygenPercent: 21 })] }), []],
  [
    'confined O₂ 21.1 %',
    confined({ gasAnalyses: [gas(plus(-5 * MIN), { oxygenPercent: 21.1 })] }),
    ['CONFINED_SPACE_OXYGEN'],
  ],
  [
    'confined O₂ not measured',
    confined({ gasAnalyses: [{ sampledAt: plus(-5 * MIN), lelPercent: 5, concentrationPercent: 0 }] }),
    ['CONFINED_SPACE_OXYGEN'],
  ],
  [
    'confined oxygen-enriched O₂ 23.5 %',
    confined({ oxygenEquipment: true, gasAnalyses: [gas(plus(-5 * MIN), { oxygenPercent: 23.5 })] }),
    [],
  ],
  [
    'confined oxygen-enriched O₂ 23.6 %',
    confined({ oxygenEquipment: true, gasAnalyses: [gas(plus(-5 * MIN), { oxygenPercent: 23.6 })] }),
    ['CONFINED_SPACE_OXYGEN'],
  ],
  [
    'hot work on oxygen equipment, O₂ 23.5 %',
    hot('level1', { oxygenEquipment: true, gasAnalyses: [gas(plus(-5 * MIN), { oxygenPercent: 23.5 })] }),
    [],
  ],
  [
    'hot work on oxygen equipment, O₂ 23.6 %',
    hot('level1', { oxygenEquipment: true, gasAnalyses: [gas(plus(-5 * MIN), { oxygenPercent: 23.6 })] }),
    ['HOT_WORK_OXYGEN'],
  ],
  [
    'hot work elsewhere, O₂ 23.6 % not judged',
    hot('level1', { gasAnalyses: [gas(plus(-5 * MIN), { oxygenPercent: 23.6 })] }),
    [],
  ],
  // Continuous monitoring for 特级, guardian presence: judged only when stated.
  [
    '特级 without continuous monitoring',
    hot('special', { continuousMonitoring: false }),
    ['HOT_WORK_MONITORING'],
    'special',
  ],
  ['特级 with continuous monitoring', hot('special', { continuousMonitoring: true }), [], 'special'],
  ['guardian not on site', hot('level1', { guardianOnSite: false }), ['GUARDIAN_ABSENT']],
  ['guardian on site', hot('level1', { guardianOnSite: true }), []],
  // Hot-work upgrade feeds the rules: 一级 at night is 特级.
  [
    '一级 starting at 22:00 is 特级',
    hot('level1', {
      plannedStart: plus(14 * HOUR),
      plannedEnd: plus(22 * HOUR),
      at: plus(14 * HOUR),
      gasAnalyses: [gas(plus(14 * HOUR - 5 * MIN))],
    }),
    [],
    'special',
  ],
  ['二级 outdoors at wind 4 stays 二级', hot('level2', { outdoor: true, windForce: 4 }), [], 'level2'],
  [
    '二级 outdoors at wind 5 is 一级: 72 h is too long',
    hot('level2', { outdoor: true, windForce: 5, plannedEnd: plus(72 * HOUR) }),
    ['HOT_WORK_VALIDITY'],
    'level1',
  ],
  [
    '二级, 31 min interruption on Saturday (一级 rules)',
    hot('level2', {
      plannedStart: '2025-03-15T08:00:00+08:00',
      plannedEnd: '2025-03-15T16:00:00+08:00',
      at: '2025-03-15T11:00:00+08:00',
      action: 'continue',
      gasAnalyses: [gas('2025-03-15T07:50:00+08:00')],
      interruptions: [{ from: '2025-03-15T09:00:00+08:00', to: '2025-03-15T09:31:00+08:00' }],
    }),
    ['HOT_WORK_GAS_REANALYSIS'],
    'level1',
  ],
  // Weather prohibitions.
  [
    'height at wind force 4',
    { type: 'height', heightM: 10, windForce: 4, plannedStart: T0, plannedEnd: plus(HOUR), at: T0 },
    [],
    'II',
  ],
  [
    'height at wind force 5',
    { type: 'height', heightM: 10, windForce: 5, plannedStart: T0, plannedEnd: plus(HOUR), at: T0 },
    ['HEIGHT_WIND'],
    'II',
  ],
  [
    'height 10 m with an objective factor',
    {
      type: 'height',
      heightM: 10,
      objectiveFactors: ['slippery'],
      plannedStart: T0,
      plannedEnd: plus(HOUR),
      at: T0,
    },
    [],
    'III',
  ],
  [
    'outdoor lifting at wind force 5',
    {
      type: 'lifting',
      massT: 50,
      outdoor: true,
      windForce: 5,
      plannedStart: T0,
      plannedEnd: plus(HOUR),
      at: T0,
    },
    [],
    'level2',
  ],
  [
    'outdoor lifting at wind force 6',
    {
      type: 'lifting',
      massT: 50,
      outdoor: true,
      windForce: 6,
      plannedStart: T0,
      plannedEnd: plus(HOUR),
      at: T0,
    },
    ['LIFTING_WIND'],
    'level2',
  ],
  [
    'lifting 9.99 t: no permit needed',
    { type: 'lifting', massT: 9.99, plannedStart: T0, plannedEnd: plus(HOUR), at: T0 },
    [],
    'none',
  ],
  [
    'lifting exactly 10 t',
    { type: 'lifting', massT: 10, plannedStart: T0, plannedEnd: plus(HOUR), at: T0 },
    [],
    'level3',
  ],
  // Excavation deeper than 1.2 m in a process or tank area takes the confined-space rules.
  [
    'excavation 1.2 m in a tank area, no analysis',
    {
      type: 'excavation',
      depthM: 1.2,
      processOrTankArea: true,
      plannedStart: T0,
      plannedEnd: plus(HOUR),
      at: T0,
    },
    [],
  ],
  [
    'excavation 1.21 m in a tank area, no analysis',
    {
      type: 'excavation',
      depthM: 1.21,
      processOrTankArea: true,
      plannedStart: T0,
      plannedEnd: plus(HOUR),
      at: T0,
    },
    ['CONFINED_SPACE_GAS_MISSING'],
  ],
  [
    'excavation 1.21 m in a tank area, 25 h window',
    {
      type: 'excavation',
      depthM: 1.21,
      processOrTankArea: true,
      plannedStart: T0,
      plannedEnd: plus(25 * HOUR),
      at: T0,
      gasAnalyses: [gas(plus(-5 * MIN))],
    },
    ['CONFINED_SPACE_VALIDITY'],
  ],
  [
    'excavation 3 m outside process areas',
    {
      type: 'excavation',
      depthM: 3,
      processOrTankArea: false,
      plannedStart: T0,
      plannedEnd: plus(HOUR),
      at: T0,
    },
    [],
  ],
  [
    'excavation 3 m in a tank area without buried hazardous lines',
    {
      type: 'excavation',
      depthM: 3,
      processOrTankArea: true,
      buriedHazardousLines: false,
      plannedStart: T0,
      plannedEnd: plus(HOUR),
      at: T0,
    },
    [],
  ],
  // Temporary power in a hazard area: a passing flammable test before connecting.
  [
    'temp power in a hazard area, no test',
    { type: 'temp_power', inHazardArea: true, plannedStart: T0, plannedEnd: plus(HOUR), at: T0 },
    ['TEMP_POWER_GAS_MISSING'],
  ],
  [
    'temp power in a hazard area, failing test',
    {
      type: 'temp_power',
      inHazardArea: true,
      plannedStart: T0,
      plannedEnd: plus(HOUR),
      at: T0,
      gasAnalyses: [gas(plus(-5 * MIN), { concentrationPercent: 0.6 })],
    },
    ['TEMP_POWER_GAS_FAIL'],
  ],
];

for (const [label, req, codes, grade] of ROWS)
  test(`dry run: ${label} → ${codes.length ? codes.join(', ') : 'valid'}`, () => {
    const input = permitCheckInputSchema.parse(req);
    const r = dryRunCheck(input);
    assert.deepEqual(r.violations.map((v) => v.code).sort(), [...codes].sort(), JSON.stringify(r.violations));
    assert.equal(r.valid, codes.length === 0);
    if (grade !== undefined) assert.equal(r.grade, grade);
  });

test('every violation carries a clause of GB 30871-2022 and a Chinese message', () => {
  const r = dryRunCheck(permitCheckInputSchema.parse(hot('level1', { gasAnalyses: [gas(plus(-31 * MIN))] })));
  assert.deepEqual(r.violations, [
    {
      code: 'HOT_WORK_GAS_STALE',
      clause: 'GB 30871-2022 5.3.1',
      message: '取样分析时间与作业开始时间间隔不得超过30分钟，开始作业时最近一次分析已过去31分钟',
    },
  ]);
});

const BAD: [string, unknown, string][] = [
  [
    'hot work without a grade',
    { type: 'hot_work', plannedStart: T0, plannedEnd: plus(HOUR), at: T0 },
    'grade',
  ],
  [
    'height without a height',
    { type: 'height', plannedStart: T0, plannedEnd: plus(HOUR), at: T0 },
    'heightM',
  ],
  ['lifting without a mass', { type: 'lifting', plannedStart: T0, plannedEnd: plus(HOUR), at: T0 }, 'massT'],
  ['an unknown type', { type: 'diving', plannedStart: T0, plannedEnd: plus(HOUR), at: T0 }, 'type'],
  [
    'a time without offset',
    { type: 'blind_plate', plannedStart: '2025-03-12T08:00:00', plannedEnd: plus(HOUR), at: T0 },
    'plannedStart',
  ],
  [
    'an unknown objective factor',
    {
      type: 'height',
      heightM: 3,
      objectiveFactors: ['fog'],
      plannedStart: T0,
      plannedEnd: plus(HOUR),
      at: T0,
    },
    'objectiveFactors.0',
  ],
  [
    'an interruption ending before it began',
    { ...hot('level1'), interruptions: [{ from: plus(HOUR), to: T0 }] },
    'interruptions.0.to',
  ],
];
for (const [label, req, path] of BAD)
  test(`dry-run input rejected: ${label} (${path})`, () => {
    const r = permitCheckInputSchema.safeParse(req);
    assert.ok(!r.success);
    assert.ok(
      r.error.issues.some((i) => i.path.join('.') === path),
      JSON.stringify(r.error.issues),
    );
    assert.ok(
      r.error.issues.every((i) => /[\u4e00-\u9fff]/.test(i.message)),
      JSON.stringify(r.error.issues),
    );
  });
