import type { Actor } from './actor';
import { CITY_CODE } from '../org/regions';

/** The slice of enterprises (and everything hanging off them) an actor may see. */
export type EnterpriseScope =
  | { kind: 'all' }
  | { kind: 'district'; districtCode: string }
  | { kind: 'department'; departmentId: string }
  | { kind: 'enterprise'; enterpriseId: string }
  | { kind: 'none' };

/**
 * City roles see all; a district office its district; an inspector the enterprises its department
 * regulates (department ids are derived per level, so a city department sees the city, a district one
 * its district); enterprise users only their enterprise. Experts see nothing until assigned work.
 */
export function enterpriseScope(actor: Actor): EnterpriseScope {
  switch (actor.role) {
    case 'sysadmin':
      return { kind: 'all' };
    case 'city_office':
      return actor.regionCode === CITY_CODE ? { kind: 'all' } : { kind: 'none' };
    case 'district_office':
      return actor.regionCode ? { kind: 'district', districtCode: actor.regionCode } : { kind: 'none' };
    case 'inspector':
      return actor.orgId ? { kind: 'department', departmentId: actor.orgId } : { kind: 'none' };
    case 'enterprise_principal':
    case 'enterprise_safety':
    case 'enterprise_staff':
      return actor.enterpriseId ? { kind: 'enterprise', enterpriseId: actor.enterpriseId } : { kind: 'none' };
    case 'expert':
      return { kind: 'none' };
  }
}

export interface ScopedEnterprise {
  id: string;
  districtCode: string;
  departmentIds: readonly string[];
}

/** The same rule as the scoped SQL, for one loaded enterprise. */
export function inEnterpriseScope(scope: EnterpriseScope, e: ScopedEnterprise): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'district':
      return e.districtCode === scope.districtCode;
    case 'department':
      return e.departmentIds.includes(scope.departmentId);
    case 'enterprise':
      return e.id === scope.enterpriseId;
    case 'none':
      return false;
  }
}
