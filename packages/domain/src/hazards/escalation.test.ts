import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_LADDER,
  dueRungs,
  escalationDocument,
  ladderSchema,
  rectificationRate,
  unitsToEscalate,
  type EscalationContext,
  type Rung,
} from './escalation';

const DEADLINE = '2025-04-01T00:00:00+08:00';
const open = { status: 'rectifying' as const, deadline: DEADLINE };
const at = (days: number) => new Date(Date.parse(DEADLINE) + days * 24 * 60 * 60 * 1000);

const rows: Array<[string, number, Rung[], Rung[]]> = [
  ['0.99 day overdue', 0.99, [], []],
  ['exactly 1 day overdue', 1, [], ['letter']],
  ['14.99 days overdue', 14.99, [], ['letter']],
  ['exactly 15 days overdue', 15, [], ['letter', 'circular']],
  ['15 days overdue with the letter recorded', 15, ['letter'], ['circular']],
  ['exactly 30 days overdue, letter and circular recorded', 30, ['letter', 'circular'], ['interview']],
  ['59.9 days overdue, all but exposure recorded', 59.9, ['letter', 'circular', 'interview'], []],
  ['61 days overdue with none recorded', 61, [], ['letter', 'circular', 'interview', 'exposure']],
  [
    '61 days overdue with all recorded (idempotent rerun)',
    61,
    ['letter', 'circular', 'interview', 'exposure'],
    [],
  ],
  ['before the deadline', -3, [], []],
];
for (const [label, days, existing, expected] of rows) {
  test(`${label}: ${expected.join(', ') || 'nothing'} due`, () => {
    assert.deepEqual(dueRungs(open, existing, at(days)), expected);
  });
}

test('closed, dismissed and deadline-less hazards never escalate', () => {
  assert.deepEqual(dueRungs({ status: 'closed', deadline: DEADLINE }, [], at(90)), []);
  assert.deepEqual(dueRungs({ status: 'dismissed', deadline: DEADLINE }, [], at(90)), []);
  assert.deepEqual(dueRungs({ status: 'rectifying', deadline: null }, [], at(90)), []);
});

test('a hazard pending acceptance past its deadline still escalates', () => {
  assert.deepEqual(dueRungs({ status: 'pending_acceptance', deadline: DEADLINE }, [], at(2)), ['letter']);
});

test('a city ladder changes the thresholds', () => {
  const ladder = [
    { rung: 'letter' as const, name: '函告', minDaysOverdue: 3 },
    { rung: 'interview' as const, name: '约谈', minDaysOverdue: 7 },
  ];
  assert.deepEqual(dueRungs(open, [], at(2), ladder), []);
  assert.deepEqual(dueRungs(open, [], at(7), ladder), ['letter', 'interview']);
});

test('the default ladder satisfies the ladder schema', () => {
  assert.equal(ladderSchema.safeParse(DEFAULT_LADDER).success, true);
});

test('a ladder with falling thresholds or repeated rungs is rejected in Chinese', () => {
  const r = ladderSchema.safeParse([
    { rung: 'letter', name: '函告', minDaysOverdue: 10 },
    { rung: 'letter', name: '通报', minDaysOverdue: 5 },
  ]);
  assert.equal(r.success, false);
  const messages = r.error!.issues.map((i) => i.message);
  assert.ok(messages.includes('每种督办升级方式只能配置一次'));
  assert.ok(messages.includes('逾期天数必须逐级递增'));
});

const ctx: EscalationContext = {
  hazardCode: 'YH-150627-2025-000123',
  hazardTitle: '液氨储罐区未设置紧急切断装置',
  enterpriseName: '鄂尔多斯市某某化工有限公司',
  principalName: '王某',
  districtName: '伊金霍洛旗',
  departmentName: '伊金霍洛旗应急管理局',
  deadline: DEADLINE,
  daysOverdue: 16,
  asOf: '2025-04-17T09:00:00+08:00',
  issuer: '伊金霍洛旗安全生产委员会办公室',
};

const documents: Array<[Rung, RegExp, RegExp]> = [
  ['letter', /^关于督促.+限期整改重大事故隐患的函$/, /^鄂尔多斯市某某化工有限公司：\n/],
  ['circular', /逾期未整改情况的通报$/, /^伊金霍洛旗人民政府，各有关部门：\n/],
  ['interview', /^约谈通知书/, /^鄂尔多斯市某某化工有限公司主要负责人王某：\n/],
  ['exposure', /^重大事故隐患逾期未整改单位曝光/, /接受社会监督/],
];
for (const [rung, title, body] of documents) {
  test(`the ${rung} document has a formal title, addressee, facts and signature`, () => {
    const d = escalationDocument(rung, ctx);
    assert.match(d.title, title);
    assert.match(d.body, body);
    assert.ok(d.body.includes('YH-150627-2025-000123'), 'hazard code');
    assert.ok(d.body.includes('2025年4月1日'), 'deadline date');
    assert.ok(d.body.includes('已逾期16日'), 'days overdue');
    assert.ok(d.body.endsWith('伊金霍洛旗安全生产委员会办公室\n2025年4月17日'), 'signature');
  });
}

test('document dates are Beijing calendar days', () => {
  const d = escalationDocument('letter', { ...ctx, asOf: '2025-04-16T16:30:00Z' });
  assert.ok(d.body.endsWith('2025年4月17日'));
});

const rates: Array<[number, number, number]> = [
  [0, 0, 1],
  [3, 4, 0.75],
  [4, 4, 1],
];
for (const [closed, total, rate] of rates) {
  test(`rectification rate of ${closed}/${total} is ${rate}`, () => {
    assert.equal(rectificationRate(closed, total), rate);
  });
}

test('units below the threshold with overdue hazards are escalated, lowest rate first', () => {
  const units = [
    { key: '150602', total: 10, closed: 8, overdue: 1 }, // exactly 0.8: not below
    { key: '150621', total: 10, closed: 5, overdue: 2 },
    { key: '150622', total: 10, closed: 7, overdue: 1 },
    { key: '150623', total: 10, closed: 2, overdue: 0 }, // low rate but nothing overdue
    { key: '150624', total: 0, closed: 0, overdue: 0 },
  ];
  assert.deepEqual(
    unitsToEscalate(units).map((u) => [u.key, u.rate]),
    [
      ['150621', 0.5],
      ['150622', 0.7],
    ],
  );
  assert.deepEqual(
    unitsToEscalate(units, 0.8, { requireOverdue: false }).map((u) => u.key),
    ['150623', '150621', '150622'],
  );
  assert.deepEqual(
    unitsToEscalate(units, 0.9).map((u) => u.key),
    ['150621', '150622', '150602'],
  );
});

test('documents about a general hazard say 一般事故隐患', () => {
  const d = escalationDocument('circular', { ...ctx, grade: 'general' });
  assert.match(d.title, /一般事故隐患逾期未整改情况的通报$/);
  assert.ok(!d.body.includes('存在的重大事故隐患'));
});
