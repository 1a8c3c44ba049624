/**
 * Who may do what with permits. Pure functions of the session and the permit.
 *
 * Duties and approval levels come from the enterprise role (a [M] default until the enterprise can assign
 * them per person): the principal (主要负责人) holds every duty and every level of Table B.1; the safety
 * manager every duty and every level below 主管领导/主管厂长; staff the field duties (applicant, work leader,
 * guardian, gas analyst, shift leader) and no approval level. Keep the mapping here only.
 */
import {
  APPROVER_LEVEL_CODES,
  ENTERPRISE_ROLES,
  type Actor,
  type ApproverLevel,
  type PermitActor,
  type PermitDuty,
} from '@zhiben/domain';

const ALL_DUTIES: PermitDuty[] = [
  'applicant',
  'work_leader',
  'guardian',
  'analyst',
  'signatory',
  'shift_leader',
  'acceptor',
];
const FIELD_DUTIES: PermitDuty[] = ['work_leader', 'guardian', 'analyst', 'shift_leader'];
const SAFETY_LEVELS: ApproverLevel[] = [
  'safety_department',
  'grassroots_unit',
  'specialist_department',
  'power_supply_unit',
];

export const isEnterpriseUser = (a: Actor) => ENTERPRISE_ROLES.includes(a.role) && !!a.enterpriseId;

/** The actor's relation to one permit, for decidePermitAction / allowedPermitActions. */
export function permitActorFor(
  actor: Actor,
  p: { enterprise_id: string; created_by: string | null },
): PermitActor {
  const own = isEnterpriseUser(actor) && actor.enterpriseId === p.enterprise_id;
  const base = {
    role: actor.role,
    ownEnterprise: own,
    sysadmin: actor.role === 'sysadmin',
    userId: actor.userId,
  };
  if (!own) return { ...base, duties: [], approverLevels: [] };
  switch (actor.role) {
    case 'enterprise_principal':
      return { ...base, duties: ALL_DUTIES, approverLevels: [...APPROVER_LEVEL_CODES] };
    case 'enterprise_safety':
      return { ...base, duties: ALL_DUTIES, approverLevels: SAFETY_LEVELS };
    default:
      return {
        ...base,
        duties: p.created_by === actor.userId ? ['applicant', ...FIELD_DUTIES] : FIELD_DUTIES,
        approverLevels: [],
      };
  }
}

/** Who keeps an enterprise's worker registry: its principal and safety manager. */
export const mayManageWorkers = (a: Actor, enterpriseId: string) =>
  isEnterpriseUser(a) && a.enterpriseId === enterpriseId && a.role !== 'enterprise_staff';
