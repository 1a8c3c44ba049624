import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextReportState, publicReportSchema, reportActionsInState, textSimilarity } from './report';

const transitions: Array<[string, string, string | undefined, string | null]> = [
  ['received', 'accept', undefined, 'verifying'],
  ['received', 'decline', undefined, 'not_accepted'],
  ['received', 'verify', 'true', null],
  ['verifying', 'verify', 'true', 'verified_true'],
  ['verifying', 'verify', 'false', 'verified_false'],
  ['verifying', 'extend', undefined, 'verifying'],
  ['verified_true', 'compute-reward', undefined, 'reward_pending'],
  ['verified_false', 'compute-reward', undefined, null],
  ['reward_pending', 'approve-reward', undefined, 'reward_approved'],
  ['reward_pending', 'pay', undefined, null],
  ['reward_approved', 'pay', undefined, 'reward_paid'],
  ['reward_paid', 'close', undefined, 'closed'],
  ['verified_false', 'close', undefined, 'closed'],
  ['closed', 'accept', undefined, null],
  ['verified_true', 'feedback', undefined, 'verified_true'],
];
for (const [from, action, outcome, to] of transitions) {
  test(`report ${from} --${action}${outcome ? `(${outcome})` : ''}--> ${to ?? 'refused'}`, () => {
    assert.equal(nextReportState(from as never, action as never, outcome as never), to);
  });
}

test('a received report offers accept and decline only', () => {
  assert.deepEqual(reportActionsInState('received'), ['accept', 'decline']);
});

test('a real-name report needs the reporter, an anonymous one does not', () => {
  const base = {
    category: 'major_hazard',
    districtCode: '150627',
    location: '某化工厂东门',
    description: '储罐区无人值守且报警器长期关闭',
    enterpriseName: '某化工厂',
  };
  assert.equal(publicReportSchema.safeParse({ ...base, anonymous: true }).success, true);
  const r = publicReportSchema.safeParse({ ...base, anonymous: false });
  assert.equal(r.error?.issues[0]?.path.join('.'), 'reporter');
});

test('similar texts score high, different ones low', () => {
  assert.ok(textSimilarity('储罐区报警器长期关闭无人值守', '储罐区的报警器长期关闭，无人值守') > 0.6);
  assert.ok(textSimilarity('储罐区报警器长期关闭', '夜间违规动火作业') < 0.2);
});
