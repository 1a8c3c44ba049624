import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alarmConfigSchema, validateThresholds } from './alarm-config';
import type { Thresholds } from './alarm';

const valid: Array<[string, Thresholds, number?]> = [
  ['all four rising', { lowLow: 10, low: 20, high: 80, highHigh: 90 }],
  ['lowLow equal to low', { lowLow: 20, low: 20, high: 80 }],
  ['high equal to highHigh', { high: 80, highHigh: 80 }],
  ['high only', { high: 80 }],
  ['none', {}],
  ['lowLow and highHigh only', { lowLow: 0, highHigh: 1 }],
  ['a deadband just under the gap', { low: 20, high: 80 }, 59.9],
];
for (const [label, t, deadband] of valid) {
  test(`thresholds valid: ${label}`, () => {
    assert.deepEqual(validateThresholds(t, deadband), []);
  });
}

const invalid: Array<[string, Thresholds, number | undefined, string[]]> = [
  ['lowLow above low', { lowLow: 21, low: 20 }, undefined, ['低低报值不能大于低报值']],
  ['low equal to high', { low: 50, high: 50 }, undefined, ['低报值必须小于高报值']],
  ['high above highHigh', { high: 91, highHigh: 90 }, undefined, ['高报值不能大于高高报值']],
  [
    'lowLow equal to highHigh with nothing between',
    { lowLow: 5, highHigh: 5 },
    undefined,
    ['低低报值必须小于高高报值'],
  ],
  [
    'everything reversed',
    { lowLow: 90, low: 80, high: 20, highHigh: 10 },
    undefined,
    ['低低报值不能大于低报值', '低报值必须小于高报值', '高报值不能大于高高报值'],
  ],
  ['a deadband as wide as the gap', { low: 20, high: 80 }, 60, ['死区必须小于高报值与低报值之差']],
  ['an infinite threshold', { high: Number.POSITIVE_INFINITY }, undefined, ['高报值必须是有限数']],
];
for (const [label, t, deadband, messages] of invalid) {
  test(`thresholds invalid: ${label}`, () => {
    assert.deepEqual(
      validateThresholds(t, deadband).map((i) => i.message),
      messages,
    );
  });
}

test('the config schema fills defaults and turns null thresholds into absent ones', () => {
  const c = alarmConfigSchema.parse({ thresholds: { high: 80, highHigh: null }, staleTimeoutSec: 300 });
  assert.deepEqual(c, {
    thresholds: { high: 80 },
    deadband: 0,
    delayOnSec: 0,
    staleTimeoutSec: 300,
  });
});

test('the config schema reports threshold order at the field, in Chinese', () => {
  const r = alarmConfigSchema.safeParse({ thresholds: { low: 90, high: 80 }, staleTimeoutSec: 60 });
  assert.equal(r.success, false);
  assert.deepEqual(
    r.error!.issues.map((i) => [i.path.join('.'), i.message]),
    [['thresholds.high', '低报值必须小于高报值']],
  );
});

test('the config schema accepts a point with no thresholds at all', () => {
  assert.deepEqual(alarmConfigSchema.parse({ staleTimeoutSec: 60 }).thresholds, {});
});

test('the config schema rejects a negative deadband, fractional delay and zero stale timeout', () => {
  const r = alarmConfigSchema.safeParse({ deadband: -1, delayOnSec: 1.5, staleTimeoutSec: 0 });
  assert.equal(r.success, false);
  const messages = r.error!.issues.map((i) => i.message);
  for (const m of ['死区不能为负数', '报警延时必须是整数秒', '离线判定时间至少1秒'])
    assert.ok(messages.includes(m), m);
});
