import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { testApp, type TestApp } from '../test/harness';
import { openAlarmStream } from '../test/sse';

const subscribe = (base: string, cookie: string) => openAlarmStream(base, cookie, 5000);

describe('alarm stream (SSE)', () => {
  let t: TestApp;
  let base: string;
  before(async () => {
    t = await testApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  after(() => t.close());

  it('pushes a new alarm and its acknowledgement as different kinds, named, to those in scope only', async () => {
    const ent = await t.login('enterprise-demo');
    const me = (await t.call('GET', '/api/auth/me', { cookie: ent })).json;
    const p = await t.call('POST', '/api/monitoring/points', {
      cookie: ent,
      body: {
        enterpriseId: me.enterpriseId,
        tag: 'SSE-1',
        kind: 'temperature',
        unit: '℃',
        thresholds: { high: 80 },
        staleTimeoutSec: 3600,
      },
    });
    assert.equal(p.status, 201, p.body);
    const gw = (
      await t.call('POST', '/api/monitoring/gateways', {
        cookie: ent,
        body: { enterpriseId: me.enterpriseId, name: 'SSE 测试网关' },
      })
    ).json;
    const mine = await subscribe(base, ent);
    const other = await subscribe(base, await t.login('district-150602'));
    try {
      const r = await t.call('POST', '/api/telemetry', {
        headers: { authorization: `Bearer ${gw.token}` },
        body: { ts: Date.now(), points: [{ tag: 'SSE-1', value: 91 }] },
      });
      assert.equal(r.status, 200, r.body);
      const opened = await mine.until((e) => e.tag === 'SSE-1' && e.kind === 'open');
      assert.equal(opened.status, 'active');
      assert.equal(opened.enterpriseName, me.enterpriseName);
      assert.equal(opened.unit, '℃');

      const ack = await t.call('POST', `/api/alarms/${opened.alarmId}/actions/acknowledge`, {
        cookie: ent,
        body: {},
      });
      assert.equal(ack.status, 200, ack.body);
      const acked = await mine.until((e) => e.alarmId === opened.alarmId && e.kind === 'acknowledge');
      assert.equal(acked.status, 'acknowledged');
      assert.deepEqual(
        mine.events.filter((e) => e.alarmId === opened.alarmId).map((e) => e.kind),
        ['open', 'acknowledge'],
        'the acknowledgement is not pushed as a new alarm',
      );
      // Another district's office hears nothing of it.
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(other.events.filter((e) => e.alarmId === opened.alarmId).length, 0);
    } finally {
      await mine.close();
      await other.close();
    }
  });
});
