import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alarmQuality, quantile, type AlarmQualityAlarm } from './alarm-quality';

const T0 = Date.parse('2025-04-01T00:00:00+08:00');
const MIN = 60_000;
const H = 3_600_000;
const DAY = 86_400_000;

// [values, p, expected]
const quantiles: Array<[number[], number, number | null]> = [
  [[], 0.5, null],
  [[7], 0.5, 7],
  [[7], 0.9, 7],
  [[10, 20, 30, 40], 0.5, 25],
  [[40, 10, 30, 20], 0.9, 37], // h = 3 × 0.9 = 2.7 → 30 + 0.7 × 10
  [[1, 2, 3, 4, 5], 0.5, 3],
  [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9.1], // h = 8.1 → 9 + 0.1 × 1
  [[5, 1], 0, 1],
  [[5, 1], 1, 5],
];
for (const [values, p, expected] of quantiles) {
  test(`quantile p${p * 100} of [${values.join(', ')}] is ${expected}`, () => {
    const q = quantile(values, p);
    if (expected === null) assert.equal(q, null);
    else assert.ok(Math.abs(q! - expected) < 1e-9, `${q}`);
  });
}

const alarm = (over: Partial<AlarmQualityAlarm>): AlarmQualityAlarm => ({
  pointId: 'p1',
  level: 'high',
  openedAt: T0,
  acknowledgedAt: null,
  disposedAt: null,
  closedAt: null,
  falseAlarm: false,
  ...over,
});

test('worked example: ten days, four alarms, one false, one point offline for a day', () => {
  const from = T0;
  const to = T0 + 10 * DAY;
  const q = alarmQuality({
    from,
    to,
    now: to + H,
    points: [
      { id: 'p1', createdAt: T0 - DAY, offlineNow: false },
      { id: 'p2', createdAt: T0 - DAY, offlineNow: true },
    ],
    alarms: [
      // acknowledged after 2, 4 and 10 minutes; two disposed (30 and 90 minutes after opening), one as false
      alarm({
        openedAt: T0 + H,
        acknowledgedAt: T0 + H + 2 * MIN,
        disposedAt: T0 + H + 30 * MIN,
        closedAt: T0 + 2 * H,
      }),
      alarm({
        openedAt: T0 + DAY,
        acknowledgedAt: T0 + DAY + 4 * MIN,
        disposedAt: T0 + DAY + 90 * MIN,
        falseAlarm: true,
      }),
      alarm({ openedAt: T0 + 2 * DAY, acknowledgedAt: T0 + 2 * DAY + 10 * MIN }),
      // p2 went silent on day 9 and is still offline: never acknowledged
      alarm({ pointId: 'p2', level: 'offline', openedAt: T0 + 9 * DAY }),
      // opened after the window: not counted
      alarm({ openedAt: to + MIN }),
    ],
  });
  assert.deepEqual(q, {
    points: 2,
    pointsOnline: 1,
    onlineShare: 0.5,
    timeOnlineShare: 19 / 20, // 20 point-days, one of them offline
    alarms: 4,
    offlineAlarms: 1,
    alarmsPerDay: 0.4,
    acknowledged: 3,
    unacknowledged: 1,
    ackMedianSec: 240,
    ackP90Sec: 528, // 120, 240, 600: h = 1.8 → 240 + 0.8 × 360
    disposed: 2,
    disposeMedianSec: 3600, // (1800 + 5400) / 2
    falseAlarms: 1,
    falseAlarmShare: 0.5,
  });
});

test('an offline alarm open before the window counts for time online but not as an alarm of the window', () => {
  const q = alarmQuality({
    from: T0,
    to: T0 + 4 * H,
    now: T0 + 4 * H,
    points: [{ id: 'p1', createdAt: T0 - DAY, offlineNow: false }],
    alarms: [alarm({ level: 'offline', openedAt: T0 - H, closedAt: T0 + H })],
  });
  assert.equal(q.alarms, 0);
  assert.equal(q.timeOnlineShare, 3 / 4);
  assert.equal(q.alarmsPerDay, 0);
});

test('a point created inside the window counts from its creation; overlapping offline alarms count once', () => {
  const q = alarmQuality({
    from: T0,
    to: T0 + 10 * H,
    now: T0 + 10 * H,
    points: [
      { id: 'p1', createdAt: T0, offlineNow: false },
      { id: 'p2', createdAt: T0 + 8 * H, offlineNow: false },
    ],
    alarms: [
      alarm({ level: 'offline', openedAt: T0 + H, closedAt: T0 + 3 * H }),
      alarm({ level: 'offline', openedAt: T0 + 2 * H, closedAt: T0 + 4 * H }),
    ],
  });
  // 10 h + 2 h of point-time, 3 h offline
  assert.equal(q.timeOnlineShare, 9 / 12);
});

test('a window reaching past now is observed only up to now', () => {
  const q = alarmQuality({
    from: T0,
    to: T0 + 30 * DAY,
    now: T0 + 2 * DAY,
    points: [{ id: 'p1', createdAt: T0 - DAY, offlineNow: true }],
    alarms: [alarm({ level: 'offline', openedAt: T0 + DAY })],
  });
  assert.equal(q.alarmsPerDay, 0.5);
  assert.equal(q.timeOnlineShare, 0.5);
  assert.equal(q.onlineShare, 0);
});

test('nothing to measure gives nulls, not zeros or NaN', () => {
  const q = alarmQuality({ from: T0, to: T0 + DAY, now: T0 + DAY, points: [], alarms: [] });
  assert.deepEqual(
    [q.onlineShare, q.timeOnlineShare, q.ackMedianSec, q.ackP90Sec, q.disposeMedianSec, q.falseAlarmShare],
    [null, null, null, null, null, null],
  );
  assert.equal(q.alarmsPerDay, 0);
  const none = alarmQuality({ from: T0, to: T0, now: T0, points: [], alarms: [] });
  assert.equal(none.alarmsPerDay, null);
});

test('an acknowledgement stamped before the opening counts as immediate, not negative', () => {
  const q = alarmQuality({
    from: T0,
    to: T0 + DAY,
    now: T0 + DAY,
    points: [],
    alarms: [alarm({ openedAt: T0 + MIN, acknowledgedAt: T0 })],
  });
  assert.equal(q.ackMedianSec, 0);
});
