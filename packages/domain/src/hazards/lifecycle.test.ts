import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideHazardAction } from './lifecycle';
import { HAZARD_ACTION_CODES, type HazardAction, type HazardSnapshot } from './lifecycle-schemas';
import { ACTORS, NOW, PENDING, VALID_INPUT, outcome, snap, type ActorKey } from './lifecycle.fixtures';

// The state × action × role table: every state, every action, representative actors, both tracks.

// What each state allows, for anyone (hand-written, independent of the implementation).
const STATES: Record<string, [Partial<HazardSnapshot>, HazardAction[]]> = {
  reported: [{ status: 'reported' }, ['confirm', 'dismiss', 'supervise']],
  rectifying: [{ status: 'rectifying' }, ['submit', 'request-extension', 'supervise']],
  'rectifying with extension pending': [
    { status: 'rectifying', pendingExtension: PENDING },
    ['submit', 'approve-extension', 'deny-extension', 'supervise'],
  ],
  pending_acceptance: [{ status: 'pending_acceptance' }, ['accept', 'reject', 'supervise']],
  closed: [{ status: 'closed', closedAt: '2025-03-01T00:00:00Z' }, ['recheck']],
  dismissed: [{ status: 'dismissed' }, []],
};

const MAJOR_TRACK: Record<HazardAction, ActorKey[]> = {
  confirm: ['inspector_resp', 'district_own'],
  dismiss: ['inspector_resp', 'district_own'],
  submit: ['principal_own', 'safety_own'],
  'request-extension': ['principal_own', 'safety_own'],
  accept: ['inspector_resp'],
  reject: ['inspector_resp'],
  'approve-extension': ['inspector_resp'],
  'deny-extension': ['inspector_resp'],
  supervise: ['district_own', 'city'],
  recheck: ['inspector_resp', 'district_own', 'city'],
};
const SELF_TRACK: Partial<Record<HazardAction, ActorKey[]>> = {
  confirm: ['principal_own', 'safety_own'],
  dismiss: ['principal_own', 'safety_own'],
  accept: ['principal_own', 'safety_own'],
  reject: ['principal_own', 'safety_own'],
  'approve-extension': ['principal_own'],
  'deny-extension': ['principal_own'],
};

for (const [stateLabel, [over, allowed]] of Object.entries(STATES)) {
  for (const action of HAZARD_ACTION_CODES) {
    for (const actor of Object.keys(ACTORS) as ActorKey[]) {
      const expected = !allowed.includes(action) ? '409' : MAJOR_TRACK[action].includes(actor) ? 'ok' : '403';
      test(`major hazard found by inspection, ${stateLabel}: ${actor} ${action} → ${expected}`, () => {
        const d = decideHazardAction(snap(over), action, ACTORS[actor], VALID_INPUT[action], NOW);
        assert.equal(outcome(d), expected, JSON.stringify(d));
      });
    }
  }
}

for (const [stateLabel, [over, allowed]] of Object.entries(STATES)) {
  for (const [action, permitted] of Object.entries(SELF_TRACK) as [HazardAction, ActorKey[]][]) {
    if (!allowed.includes(action)) continue;
    for (const actor of Object.keys(ACTORS) as ActorKey[]) {
      const expected = permitted.includes(actor) ? 'ok' : '403';
      test(`general hazard from self-check, ${stateLabel}: ${actor} ${action} → ${expected}`, () => {
        const h = snap({ ...over, grade: 'general', source: 'self_check' });
        assert.equal(
          outcome(decideHazardAction(h, action, ACTORS[actor], VALID_INPUT[action], NOW)),
          expected,
        );
      });
    }
  }
}
