import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedActions, daysOverdue, isOverdue } from './lifecycle';
import type { HazardAction, HazardSnapshot } from './lifecycle-schemas';
import { ACTORS, PENDING, snap, type ActorKey } from './lifecycle.fixtures';

const allowedRows: Array<[string, Partial<HazardSnapshot>, ActorKey, HazardAction[]]> = [
  [
    'principal, own rectifying major hazard',
    { status: 'rectifying' },
    'principal_own',
    ['submit', 'request-extension'],
  ],
  ['staff, own rectifying hazard', { status: 'rectifying' }, 'staff_own', []],
  [
    'inspector, pending extension',
    { status: 'rectifying', pendingExtension: PENDING },
    'inspector_resp',
    ['approve-extension', 'deny-extension'],
  ],
  ['city office, reported hazard', { status: 'reported' }, 'city', ['supervise']],
  [
    'district office, reported hazard',
    { status: 'reported' },
    'district_own',
    ['confirm', 'dismiss', 'supervise'],
  ],
  ['sysadmin, reported hazard', { status: 'reported' }, 'sysadmin', []],
];
for (const [label, over, actor, expected] of allowedRows) {
  test(`buttons for ${label}: ${expected.join(', ') || 'none'}`, () => {
    assert.deepEqual(allowedActions(snap(over), ACTORS[actor]), expected);
  });
}

const overdueRows: Array<[string, Partial<HazardSnapshot>, string, boolean, number]> = [
  ['at the deadline', { status: 'rectifying' }, '2025-04-01T00:00:00+08:00', false, 0],
  ['1 ms past the deadline', { status: 'rectifying' }, '2025-04-01T00:00:00.001+08:00', true, 0],
  ['23:59 past the deadline', { status: 'rectifying' }, '2025-04-01T23:59:00+08:00', true, 0],
  ['exactly 1 day past', { status: 'rectifying' }, '2025-04-02T00:00:00+08:00', true, 1],
  ['15.5 days past', { status: 'pending_acceptance' }, '2025-04-16T12:00:00+08:00', true, 15],
  ['reported, 2 days past', { status: 'reported' }, '2025-04-03T00:00:00+08:00', true, 2],
  ['closed, long past', { status: 'closed' }, '2025-06-01T00:00:00+08:00', false, 0],
  ['dismissed, long past', { status: 'dismissed' }, '2025-06-01T00:00:00+08:00', false, 0],
  ['no deadline', { status: 'rectifying', deadline: null }, '2025-06-01T00:00:00+08:00', false, 0],
];
for (const [label, over, now, overdue, days] of overdueRows) {
  test(`overdue ${label}: ${overdue}, ${days} days`, () => {
    assert.equal(isOverdue(snap(over), new Date(now)), overdue);
    assert.equal(daysOverdue(snap(over), new Date(now)), days);
  });
}
