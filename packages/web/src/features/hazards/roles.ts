import { ENTERPRISE_ROLES, type HazardSource, type Role } from '@zhiben/domain';

/** Sources each role may record directly (mirrors the server's rule; the server decides). */
export function sourcesFor(role: string): HazardSource[] {
  switch (role) {
    case 'enterprise_principal':
    case 'enterprise_safety':
    case 'enterprise_staff':
      return ['self_check'];
    case 'inspector':
      return ['inspection'];
    case 'expert':
      return ['expert'];
    case 'district_office':
    case 'city_office':
      return ['supervision', 'inspection'];
    default:
      return [];
  }
}

export const canReport = (role: string) => sourcesFor(role).length > 0;
export const isEnterpriseRole = (role: string) => ENTERPRISE_ROLES.includes(role as Role);
export const isOffice = (role: string) => role === 'city_office' || role === 'district_office';
/** Who sees the supervision board. */
export const canSupervise = (role: string) => isOffice(role) || role === 'sysadmin';
/** Who runs the escalation ladder and maintains the criteria library. */
export const isCityAdmin = (role: string, regionCode: string | null) =>
  role === 'sysadmin' || (role === 'city_office' && regionCode === '150600');
