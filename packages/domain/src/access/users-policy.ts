import type { Actor } from './actor';
import { ENTERPRISE_ROLES, type Role } from './roles';
import { CITY_CODE } from '../org/regions';

/** What a managed user looks like to the policy. */
export interface ManagedUser {
  role: Role;
  /** Region of the user's organisation (office/department), or of the enterprise's district. */
  regionCode: string | null;
  enterpriseId: string | null;
}

/**
 * Who may create, change or see a user account:
 * sysadmin all; the city office everyone but sysadmins; a district office its district's offices,
 * departments and enterprises; an enterprise principal its own enterprise's staff.
 */
export function canManageUser(actor: Actor, target: ManagedUser): boolean {
  switch (actor.role) {
    case 'sysadmin':
      return true;
    case 'city_office':
      return actor.regionCode === CITY_CODE && target.role !== 'sysadmin';
    case 'district_office':
      return (
        (['district_office', 'inspector', ...ENTERPRISE_ROLES] as Role[]).includes(target.role) &&
        target.regionCode !== null &&
        target.regionCode === actor.regionCode
      );
    case 'enterprise_principal':
      return (
        (target.role === 'enterprise_safety' || target.role === 'enterprise_staff') &&
        target.enterpriseId !== null &&
        target.enterpriseId === actor.enterpriseId
      );
    default:
      return false;
  }
}
