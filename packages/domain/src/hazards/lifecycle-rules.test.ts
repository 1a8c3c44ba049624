import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideHazardAction } from './lifecycle';
import type { HazardAction, HazardSnapshot } from './lifecycle-schemas';
import {
  ACTORS,
  DEADLINE,
  NOW,
  PENDING,
  VALID_INPUT,
  outcome,
  snap,
  type ActorKey,
} from './lifecycle.fixtures';

/** Applies a successful decision, as the server would. */
function step(h: HazardSnapshot, action: HazardAction, actor: ActorKey, input: unknown): HazardSnapshot {
  const d = decideHazardAction(h, action, ACTORS[actor], input, NOW);
  assert.ok(d.ok, JSON.stringify(d));
  return { ...h, ...(d.patch as Partial<HazardSnapshot>), status: d.to };
}

test('major track: report, confirm, submit, reject, resubmit, accept closes with one rejection', () => {
  let h = snap({ grade: 'major', source: 'self_check' });
  h = step(h, 'confirm', 'inspector_resp', {});
  assert.equal(h.status, 'rectifying');
  h = step(h, 'submit', 'safety_own', VALID_INPUT.submit);
  assert.equal(h.status, 'pending_acceptance');
  h = step(h, 'reject', 'inspector_resp', { reason: '未联锁' });
  assert.deepEqual([h.status, h.rejections], ['rectifying', 1]);
  h = step(h, 'submit', 'principal_own', VALID_INPUT.submit);
  const d = decideHazardAction(h, 'accept', ACTORS.inspector_resp, {}, NOW);
  assert.ok(d.ok);
  assert.equal(d.to, 'closed');
  assert.deepEqual(d.patch, { closedAt: NOW.toISOString(), acceptedBy: 'u-inspector' });
  assert.deepEqual(d.event, { action: 'accept', from: 'pending_acceptance', to: 'closed', data: {} });
});

test('self-managed track: the enterprise confirms, submits and closes its own general hazard', () => {
  let h = snap({ grade: 'general', source: 'self_check' });
  h = step(h, 'confirm', 'safety_own', {});
  h = step(h, 'submit', 'safety_own', VALID_INPUT.submit);
  h = step(h, 'accept', 'principal_own', { comment: '已整改' });
  assert.equal(h.status, 'closed');
});

test('a general hazard found by a department is signed off by the department, not the enterprise', () => {
  const h = snap({ grade: 'general', source: 'inspection', status: 'pending_acceptance' });
  assert.equal(outcome(decideHazardAction(h, 'accept', ACTORS.principal_own, {}, NOW)), '403');
  assert.equal(outcome(decideHazardAction(h, 'accept', ACTORS.inspector_resp, {}, NOW)), 'ok');
});

test('a major hazard the enterprise reports itself is still signed off by the department', () => {
  const h = snap({ grade: 'major', source: 'self_check', status: 'pending_acceptance' });
  assert.equal(outcome(decideHazardAction(h, 'accept', ACTORS.principal_own, {}, NOW)), '403');
});

const skips: Array<[HazardSnapshot['status'], HazardAction]> = [
  ['rectifying', 'accept'],
  ['reported', 'submit'],
  ['reported', 'accept'],
  ['closed', 'confirm'],
  ['pending_acceptance', 'submit'],
  ['dismissed', 'confirm'],
];
for (const [status, action] of skips) {
  test(`no skipping: ${action} from ${status} is 409 even for the right actor`, () => {
    const d = decideHazardAction(snap({ status }), action, ACTORS.inspector_resp, VALID_INPUT[action], NOW);
    assert.equal(outcome(d), '409');
  });
}

test('409 names the state and the allowed actions in Chinese', () => {
  const d = decideHazardAction(snap({ status: 'rectifying' }), 'accept', ACTORS.inspector_resp, {}, NOW);
  assert.ok(!d.ok && d.error === 'invalid_state');
  assert.deepEqual(d.allowed, ['submit', 'request-extension', 'supervise']);
  assert.equal(
    d.message,
    '隐患当前状态为“整改中”，不能执行“验收销号”。当前状态下可执行：提交整改、申请延期、挂牌督办。',
  );
});

test('a dismissed hazard allows nothing', () => {
  const d = decideHazardAction(snap({ status: 'dismissed' }), 'confirm', ACTORS.inspector_resp, {}, NOW);
  assert.ok(!d.ok && d.error === 'invalid_state');
  assert.deepEqual(d.allowed, []);
  assert.match(d.message, /不予认定.*没有可执行的操作/);
});

test('the state is checked before the role, the role before the input', () => {
  assert.equal(
    outcome(decideHazardAction(snap({ status: 'rectifying' }), 'accept', ACTORS.expert, {}, NOW)),
    '409',
  );
  assert.equal(
    outcome(decideHazardAction(snap({ status: 'rectifying' }), 'submit', ACTORS.staff_own, {}, NOW)),
    '403',
  );
  assert.equal(
    outcome(decideHazardAction(snap({ status: 'rectifying' }), 'submit', ACTORS.safety_own, {}, NOW)),
    '400',
  );
});

test('submit without evidence is 400 with a Chinese message', () => {
  const d = decideHazardAction(
    snap({ status: 'rectifying' }),
    'submit',
    ACTORS.safety_own,
    { description: '已整改', attachmentIds: [] },
    NOW,
  );
  assert.deepEqual(d, {
    ok: false,
    error: 'invalid',
    errors: [{ path: 'attachmentIds', message: '至少上传一份整改证据' }],
  });
});

test('sysadmin is told it takes no part in the workflow', () => {
  const d = decideHazardAction(snap(), 'confirm', ACTORS.sysadmin, {}, NOW);
  assert.ok(!d.ok && d.error === 'forbidden');
  assert.match(d.message, /技术角色/);
});

test('403 says who may act', () => {
  const d = decideHazardAction(snap({ status: 'pending_acceptance' }), 'accept', ACTORS.city, {}, NOW);
  assert.ok(!d.ok && d.error === 'forbidden');
  assert.match(d.message, /负有监管职责的部门监管人员/);
});

test('confirm keeps the deadline given at report time, or takes a new one', () => {
  const kept = decideHazardAction(snap(), 'confirm', ACTORS.inspector_resp, {}, NOW);
  assert.ok(kept.ok && kept.patch.deadline === DEADLINE);
  const set = decideHazardAction(
    snap(),
    'confirm',
    ACTORS.inspector_resp,
    { deadline: '2025-05-01T00:00:00+08:00' },
    NOW,
  );
  assert.ok(set.ok && set.patch.deadline === '2025-05-01T00:00:00+08:00');
});

test('confirm without any deadline is 400', () => {
  const d = decideHazardAction(snap({ deadline: null }), 'confirm', ACTORS.inspector_resp, {}, NOW);
  assert.deepEqual(d, {
    ok: false,
    error: 'invalid',
    errors: [{ path: 'deadline', message: '确认隐患时必须设定整改期限' }],
  });
});

test('a deadline without a UTC offset is 400', () => {
  const d = decideHazardAction(
    snap(),
    'confirm',
    ACTORS.inspector_resp,
    { deadline: '2025-05-01T00:00:00' },
    NOW,
  );
  assert.equal(outcome(d), '400');
});

const extensionRequests: Array<[string, string, string]> = [
  ['earlier than the deadline', '2025-03-31T00:00:00+08:00', '400'],
  ['equal to the deadline', DEADLINE, '400'],
  ['the same instant written in UTC', '2025-03-31T16:00:00Z', '400'],
  ['one minute later', '2025-04-01T00:01:00+08:00', 'ok'],
];
for (const [label, newDeadline, expected] of extensionRequests) {
  test(`an extension to ${label} → ${expected}`, () => {
    const d = decideHazardAction(
      snap({ status: 'rectifying' }),
      'request-extension',
      ACTORS.principal_own,
      { newDeadline, reason: '设备到货延迟' },
      NOW,
    );
    assert.equal(outcome(d), expected);
  });
}

test('an extension request is recorded as pending; approval moves the deadline and clears it', () => {
  let h = step(
    snap({ status: 'rectifying' }),
    'request-extension',
    'principal_own',
    VALID_INPUT['request-extension'],
  );
  assert.deepEqual(h.pendingExtension, {
    newDeadline: '2025-04-15T00:00:00+08:00',
    reason: '设备到货延迟',
    requestedAt: NOW.toISOString(),
  });
  assert.equal(
    outcome(
      decideHazardAction(h, 'request-extension', ACTORS.principal_own, VALID_INPUT['request-extension'], NOW),
    ),
    '409',
  );
  h = step(h, 'approve-extension', 'inspector_resp', {});
  assert.deepEqual(
    [h.status, h.deadline, h.pendingExtension],
    ['rectifying', '2025-04-15T00:00:00+08:00', null],
  );
});

test('a denied extension keeps the deadline', () => {
  const h = step(
    snap({ status: 'rectifying', pendingExtension: PENDING }),
    'deny-extension',
    'inspector_resp',
    { reason: '不同意' },
  );
  assert.deepEqual([h.deadline, h.pendingExtension], [DEADLINE, null]);
});

test('approving with no pending extension is 409 and says so', () => {
  const d = decideHazardAction(
    snap({ status: 'rectifying' }),
    'approve-extension',
    ACTORS.inspector_resp,
    {},
    NOW,
  );
  assert.ok(!d.ok && d.error === 'invalid_state');
  assert.match(d.message, /没有待审批的延期申请/);
});

test('submitting while an extension is pending withdraws it', () => {
  const d = decideHazardAction(
    snap({ status: 'rectifying', pendingExtension: PENDING }),
    'submit',
    ACTORS.safety_own,
    VALID_INPUT.submit,
    NOW,
  );
  assert.ok(d.ok);
  assert.equal(d.patch.pendingExtension, null);
  assert.equal(d.event.data.extensionWithdrawn, true);
});

test('supervise lists the hazard with body and deadline, state unchanged', () => {
  const d = decideHazardAction(
    snap({ status: 'rectifying' }),
    'supervise',
    ACTORS.city,
    VALID_INPUT.supervise,
    NOW,
  );
  assert.ok(d.ok);
  assert.equal(d.to, 'rectifying');
  assert.deepEqual(d.patch, {
    supervised: true,
    supervision: {
      body: '鄂尔多斯市安委会办公室',
      deadline: '2025-03-31T00:00:00+08:00',
      at: NOW.toISOString(),
    },
  });
});

test('recheck confirming the rectification keeps the hazard closed', () => {
  const h = step(
    snap({ status: 'closed', closedAt: '2025-03-01T00:00:00Z' }),
    'recheck',
    'city',
    VALID_INPUT.recheck,
  );
  assert.equal(h.status, 'closed');
  assert.equal(h.closedAt, '2025-03-01T00:00:00Z');
});

test('recheck finding fake rectification without accountability is 400', () => {
  const d = decideHazardAction(
    snap({ status: 'closed' }),
    'recheck',
    ACTORS.district_own,
    { result: 'fake_rectification', note: '纸面整改' },
    NOW,
  );
  assert.deepEqual(d, {
    ok: false,
    error: 'invalid',
    errors: [{ path: 'accountability', message: '认定虚假整改时必须填写问责记录' }],
  });
});

test('recheck finding fake rectification reopens the hazard with an accountability record', () => {
  const accountability = { persons: ['张三'], measures: '移交纪检监察机关' };
  const input = {
    result: 'fake_rectification',
    note: '纸面整改',
    accountability,
    deadline: '2025-04-10T00:00:00+08:00',
  };
  const d = decideHazardAction(
    snap({ status: 'closed', closedAt: '2025-03-01T00:00:00Z', reopens: 1 }),
    'recheck',
    ACTORS.inspector_resp,
    input,
    NOW,
  );
  assert.ok(d.ok);
  assert.equal(d.to, 'rectifying');
  assert.deepEqual(d.patch, {
    closedAt: null,
    acceptedBy: null,
    reopens: 2,
    recheckedAt: NOW.toISOString(),
    deadline: '2025-04-10T00:00:00+08:00',
  });
  assert.deepEqual(d.event.data.accountability, accountability);
  assert.equal(d.event.data.reopened, true);
});
