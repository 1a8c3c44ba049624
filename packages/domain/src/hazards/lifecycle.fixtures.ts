import type { Role } from '../access/roles';
import type { ActorRelation, Decision, HazardAction, HazardSnapshot } from './lifecycle-schemas';

// Shared fixtures of the lifecycle tests (test-only; not exported from the package).

export const NOW = new Date('2025-03-10T10:00:00+08:00');
export const DEADLINE = '2025-04-01T00:00:00+08:00';

export function snap(over: Partial<HazardSnapshot> = {}): HazardSnapshot {
  return {
    status: 'reported',
    grade: 'major',
    source: 'inspection',
    deadline: DEADLINE,
    pendingExtension: null,
    rejections: 0,
    supervised: false,
    closedAt: null,
    ...over,
  };
}
export const PENDING = {
  newDeadline: '2025-05-01T00:00:00+08:00',
  reason: '设备采购周期长',
  requestedAt: '2025-03-05T00:00:00Z',
};

function rel(role: Role, over: Partial<ActorRelation> = {}): ActorRelation {
  return {
    role,
    ownEnterprise: false,
    responsibleDepartment: false,
    districtOffice: false,
    cityOffice: false,
    sysadmin: role === 'sysadmin',
    userId: `u-${role}`,
    ...over,
  };
}
export const ACTORS = {
  principal_own: rel('enterprise_principal', { ownEnterprise: true }),
  principal_other: rel('enterprise_principal'),
  safety_own: rel('enterprise_safety', { ownEnterprise: true }),
  staff_own: rel('enterprise_staff', { ownEnterprise: true }),
  inspector_resp: rel('inspector', { responsibleDepartment: true }),
  inspector_other: rel('inspector'),
  district_own: rel('district_office', { districtOffice: true }),
  district_other: rel('district_office'),
  city: rel('city_office', { cityOffice: true }),
  sysadmin: rel('sysadmin'),
  expert: rel('expert'),
} satisfies Record<string, ActorRelation>;
export type ActorKey = keyof typeof ACTORS;

export const VALID_INPUT: Record<HazardAction, unknown> = {
  confirm: { comment: '情况属实' },
  dismiss: { reason: '不属于重大事故隐患' },
  submit: { description: '已加装紧急切断阀', attachmentIds: ['f1'] },
  accept: { comment: '整改到位' },
  reject: { reason: '紧急切断阀未联锁' },
  'request-extension': { newDeadline: '2025-04-15T00:00:00+08:00', reason: '设备到货延迟' },
  'approve-extension': {},
  'deny-extension': { reason: '理由不充分' },
  supervise: { supervisingBody: '鄂尔多斯市安委会办公室', deadline: '2025-03-31T00:00:00+08:00' },
  recheck: { result: 'confirmed', note: '现场复查整改属实' },
};

/** The HTTP-like outcome of a decision: ok, 409, 403 or 400. */
export function outcome(d: Decision): string {
  return d.ok ? 'ok' : d.error === 'invalid_state' ? '409' : d.error === 'forbidden' ? '403' : '400';
}
