import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_ALARM_LADDER,
  alarmEscalationTier,
  alarmLadderSchema,
  repeatSuppressed,
} from './alarm-escalation';

const OPENED = Date.parse('2025-04-01T08:00:00+08:00');
const min = (m: number) => OPENED + m * 60_000;

// [label, minutes since opening at `now`, acknowledged after (minutes) or null, tier]
const tiers: Array<[string, number, number | null, string | null]> = [
  ['at opening', 0, null, 'enterprise'],
  ['14:59 unacknowledged', 14 + 59 / 60, null, 'enterprise'],
  ['exactly 15 min unacknowledged', 15, null, 'district'],
  ['29:59 unacknowledged', 29 + 59 / 60, null, 'district'],
  ['exactly 30 min unacknowledged', 30, null, 'city'],
  ['3 h unacknowledged', 180, null, 'city'],
  ['acknowledged at 14 min, now 60 min', 60, 14, 'enterprise'],
  ['acknowledged at exactly 15 min, now 60 min', 60, 15, 'district'],
  ['acknowledged at 31 min', 45, 31, 'city'],
  ['acknowledgement recorded after now', 10, 20, 'enterprise'],
  ['before the alarm opened', -1, null, null],
];
for (const [label, now, ack, tier] of tiers) {
  test(`escalation tier ${label}: ${tier ?? 'none'}`, () => {
    assert.equal(
      alarmEscalationTier(OPENED, ack === null ? null : new Date(min(ack)), new Date(min(now))),
      tier,
    );
  });
}

test('a configured ladder changes the tiers', () => {
  const ladder = [
    { tier: 'enterprise', afterMin: 0 },
    { tier: 'city', afterMin: 10 },
  ];
  assert.equal(alarmEscalationTier(OPENED, null, min(9), ladder), 'enterprise');
  assert.equal(alarmEscalationTier(OPENED, null, min(10), ladder), 'city');
});

const repeats: Array<[string, number | null, number, boolean]> = [
  ['never closed before', null, 0, false],
  ['closed 299 s ago', 299, 300, true],
  ['closed exactly the window ago', 300, 300, true],
  ['closed 1 s more than the window ago', 301, 300, false],
  ['window 0 disables suppression', 0, 0, false],
];
for (const [label, agoSec, windowSec, suppressed] of repeats) {
  test(`repeat ${label}: ${suppressed ? 'suppressed' : 'not suppressed'}`, () => {
    const now = OPENED;
    assert.equal(repeatSuppressed(agoSec === null ? null : now - agoSec * 1000, now, windowSec), suppressed);
  });
}

test('the default ladder satisfies the ladder schema', () => {
  assert.equal(alarmLadderSchema.safeParse(DEFAULT_ALARM_LADDER).success, true);
});

test('a ladder not starting at 0, repeating a tier or not rising is rejected in Chinese', () => {
  const r = alarmLadderSchema.safeParse([
    { tier: 'enterprise', afterMin: 5 },
    { tier: 'enterprise', afterMin: 5 },
  ]);
  assert.equal(r.success, false);
  const messages = r.error!.issues.map((i) => i.message);
  for (const m of ['每个层级只能配置一次', '第一级必须在报警时立即推送（0分钟）', '未确认分钟数必须逐级递增'])
    assert.ok(messages.includes(m), m);
});
