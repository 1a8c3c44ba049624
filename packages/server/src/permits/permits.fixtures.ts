// Test helpers for the permit route tests (not imported by the app).
import assert from 'node:assert/strict';
import { blankMeasures, type PermitType } from '@zhiben/domain';
import type { TestApp } from '../test/harness';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
export const iso = (ms: number) => new Date(ms).toISOString();
export const dayAhead = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

/** Registers a worker and returns its id. */
export async function worker(t: TestApp, cookie: string, body: Record<string, unknown>): Promise<string> {
  const r = await t.call('POST', '/api/permits/workers', { cookie, body });
  assert.equal(r.status, 201, r.body);
  return r.json.id;
}

/** A welder with a valid certificate and a trained guardian, registered in the caller's enterprise. */
export async function crew(t: TestApp, cookie: string) {
  const welder = await worker(t, cookie, {
    name: '李焊工',
    idNumber: '150627198501010013',
    phone: '13912345678',
    certificates: [{ type: 'welding_cutting', number: 'T150627198501010013', validUntil: dayAhead(365) }],
  });
  const guardian = await worker(t, cookie, { name: '王监护', guardianTrained: true });
  return { welder, guardian };
}

/** A hot-work permit body: 二级 on its own merits, from 10 minutes ago for 6 hours. */
export function hotWorkBody(c: { welder: string; guardian: string }, over: Record<string, unknown> = {}) {
  const now = Date.now();
  return {
    type: 'hot_work',
    applyingUnit: '一车间',
    content: '更换法兰垫片后补焊',
    location: '一车间管廊',
    workUnit: '维修班',
    workLeader: '张三',
    workers: [{ workerId: c.welder, name: '李焊工' }],
    guardians: [{ workerId: c.guardian, name: '王监护' }],
    relatedPermits: [],
    riskIdentification: '火灾、爆炸、灼烫',
    plannedStart: iso(now - 10 * MIN),
    plannedEnd: iso(now + 6 * HOUR),
    measures: blankMeasures('hot_work'),
    details: {
      grade: 'level2',
      method: '电焊',
      outdoor: false,
      oxygenEquipment: false,
      continuousMonitoring: true,
    },
    zone: 'T-101',
    ...over,
  };
}

export const confirmedMeasures = (type: PermitType) =>
  blankMeasures(type).map((m) => ({ ...m, applies: true, confirmer: '张三' }));

export const passingGas = (sampledAt: string) => ({
  sampledAt,
  lelPercent: 5,
  concentrationPercent: 0.1,
  oxygenPercent: 20.9,
  gas: '甲烷',
  point: '动火点下风向5 m',
  analyst: '赵分析',
});

/** Performs an action and asserts the status. */
export async function act(
  t: TestApp,
  cookie: string,
  id: string,
  action: string,
  body: unknown = {},
  status = 200,
) {
  const r = await t.call('POST', `/api/permits/${id}/actions/${action}`, { cookie, body });
  assert.equal(r.status, status, `${action}: ${r.body}`);
  return r.json;
}

/** Signs every pre-issue step in order (the approver at the level the permit asks for). */
export async function signThrough(t: TestApp, cookie: string, id: string) {
  for (let i = 0; i < 10; i++) {
    const d = (await t.call('GET', `/api/permits/${id}`, { cookie })).json;
    if (d.status === 'issued' || !d.allowedActions.includes('sign')) return d;
    const step = d.nextSignatureStep as string;
    await act(t, cookie, id, 'sign', {
      step,
      name: `签字人-${step}`,
      ...(step === 'approver' ? { level: d.approverLevel } : {}),
      ...(step === 'briefing' ? { recipient: '李焊工' } : {}),
    });
  }
  throw new Error('signature chain did not end');
}
