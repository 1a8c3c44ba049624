import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  normalizeTelemetry,
  parseTelemetryTopic,
  sharedTelemetrySubscription,
  telemetryTopic,
  type TelemetryRejection,
} from './telemetry';

const NOW = Date.parse('2025-04-01T08:00:00+08:00');
const USCC = '91150602MA0N2K3Q5Q';

test('a message with epoch-ms ts applies it to every point without its own', () => {
  const r = normalizeTelemetry(
    {
      ts: NOW,
      points: [
        { tag: 'TI-101', value: 85.2 },
        { tag: 'PI_1.a:b', value: -3 },
      ],
    },
    NOW,
  );
  assert.deepEqual(r, {
    readings: [
      { tag: 'TI-101', value: 85.2, ts: new Date(NOW) },
      { tag: 'PI_1.a:b', value: -3, ts: new Date(NOW) },
    ],
    rejected: [],
  });
});

test('an ISO 8601 ts with offset is accepted, and a point ts overrides the message ts', () => {
  const r = normalizeTelemetry(
    {
      ts: '2025-04-01T07:59:00+08:00',
      points: [
        { tag: 'TI-101', value: 1 },
        { tag: 'TI-102', value: 2, ts: NOW - 1000 },
      ],
    },
    NOW,
  );
  assert.deepEqual(
    r.readings.map((x) => x.ts.getTime()),
    [NOW - 60_000, NOW - 1000],
  );
});

test('an empty points array is a valid heartbeat', () => {
  assert.deepEqual(normalizeTelemetry({ ts: NOW, points: [] }, NOW), { readings: [], rejected: [] });
});

const oneCode = (r: { rejected: TelemetryRejection[] }) => r.rejected.map((x) => [x.index, x.code]);

// [label, point ts relative to now in seconds, accepted]
const windows: Array<[string, number, 'ok' | 'future' | 'too_old']> = [
  ['exactly 300 s in the future', 300, 'ok'],
  ['301 s in the future', 301, 'future'],
  ['exactly 7 days old', -7 * 86400, 'ok'],
  ['7 days and 1 s old', -7 * 86400 - 1, 'too_old'],
];
for (const [label, sec, outcome] of windows) {
  test(`a reading ${label} is ${outcome === 'ok' ? 'accepted' : `rejected as ${outcome}`}`, () => {
    const r = normalizeTelemetry(
      { ts: NOW + sec * 1000, points: [{ tag: 'TI-101', value: 1 }] },
      new Date(NOW),
    );
    assert.deepEqual(oneCode(r), outcome === 'ok' ? [] : [[0, outcome]]);
    assert.equal(r.readings.length, outcome === 'ok' ? 1 : 0);
  });
}

test('limits are configurable', () => {
  const r = normalizeTelemetry({ ts: NOW + 10_000, points: [{ tag: 'A', value: 1 }] }, NOW, {
    maxFutureSec: 5,
  });
  assert.deepEqual(oneCode(r), [[0, 'future']]);
});

test('epoch seconds are rejected as too old with a hint about milliseconds', () => {
  const r = normalizeTelemetry({ ts: Math.floor(NOW / 1000), points: [{ tag: 'A', value: 1 }] }, NOW);
  assert.equal(r.rejected[0]?.code, 'too_old');
  assert.match(r.rejected[0]!.reason, /毫秒/);
});

const badPoints: Array<[string, unknown, string | undefined]> = [
  ['a tag with a space', { tag: 'TI 101', value: 1 }, 'TI 101'],
  ['a 65-character tag', { tag: 'A'.repeat(65), value: 1 }, 'A'.repeat(64)],
  ['an empty tag', { tag: '', value: 1 }, ''],
  ['a value as text', { tag: 'TI-101', value: '85.2' }, 'TI-101'],
  ['a null value', { tag: 'TI-101', value: null }, 'TI-101'],
  ['an infinite value', { tag: 'TI-101', value: Number.POSITIVE_INFINITY }, 'TI-101'],
  ['a local time without offset', { tag: 'TI-101', value: 1, ts: '2025-04-01T08:00:00' }, 'TI-101'],
  ['no tag', { value: 1 }, undefined],
  ['a number instead of an object', 42, undefined],
];
for (const [label, point, tag] of badPoints) {
  test(`a point with ${label} is rejected as invalid; the others are kept`, () => {
    const r = normalizeTelemetry({ ts: NOW, points: [{ tag: 'OK-1', value: 1 }, point] }, NOW);
    assert.equal(r.readings.length, 1);
    assert.equal(r.rejected.length, 1);
    const [rej] = r.rejected;
    assert.equal(rej!.index, 1);
    assert.equal(rej!.code, 'invalid');
    assert.equal(rej!.tag, tag);
    assert.ok(rej!.reason.length > 0);
  });
}

const badMessages: Array<[string, unknown]> = [
  ['null', null],
  ['a string', 'hello'],
  ['no ts', { points: [] }],
  ['a ts of 0.5 ms', { ts: 0.5, points: [] }],
  ['a ts in an unknown format', { ts: '01/04/2025', points: [] }],
  ['points not an array', { ts: NOW, points: {} }],
  ['1001 points', { ts: NOW, points: Array.from({ length: 1001 }, (_, i) => ({ tag: `T${i}`, value: i })) }],
];
for (const [label, payload] of badMessages) {
  test(`a message that is ${label} is rejected whole, without throwing`, () => {
    const r = normalizeTelemetry(payload, NOW);
    assert.deepEqual(r.readings, []);
    assert.deepEqual(oneCode(r), [[null, 'invalid']]);
  });
}

test('1000 points are accepted', () => {
  const points = Array.from({ length: 1000 }, (_, i) => ({ tag: `T${i}`, value: i }));
  assert.equal(normalizeTelemetry({ ts: NOW, points }, NOW).readings.length, 1000);
});

test('the topic round-trips', () => {
  const topic = telemetryTopic(USCC.toLowerCase(), 'gw-01');
  assert.equal(topic, `zhiben/v1/${USCC}/gw-01/telemetry`);
  assert.deepEqual(parseTelemetryTopic(topic), { uscc: USCC, gatewayId: 'gw-01' });
});

const badTopics = [
  `zhiben/v1/${USCC}/gw-01/status`,
  `zhiben/v2/${USCC}/gw-01/telemetry`,
  `zhiben/v1/${USCC.toLowerCase()}/gw-01/telemetry`,
  `zhiben/v1/91150602MA0N2K3Q5R/gw-01/telemetry`,
  `zhiben/v1/${USCC}/+/telemetry`,
  `zhiben/v1/${USCC}/gw/01/telemetry`,
  `/zhiben/v1/${USCC}/gw-01/telemetry`,
];
for (const topic of badTopics) {
  test(`“${topic}” is not a telemetry topic`, () => {
    assert.equal(parseTelemetryTopic(topic), null);
  });
}

test('building a topic with an invalid USCC or gateway id throws', () => {
  assert.throws(() => telemetryTopic('91150602MA0N2K3Q5R', 'gw'), RangeError);
  assert.throws(() => telemetryTopic(USCC, 'gw/1'), RangeError);
  assert.throws(() => telemetryTopic(USCC, '#'), RangeError);
});

test('the shared subscription splits the stream between server instances', () => {
  assert.equal(sharedTelemetrySubscription(), '$share/zhiben/zhiben/v1/+/+/telemetry');
});
