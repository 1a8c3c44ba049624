import type { Me } from '../../api/types';

const MANAGERS = ['enterprise_principal', 'enterprise_safety'];
const REGULATORS = ['city_office', 'district_office', 'inspector', 'sysadmin'];

/** Mirrors the server's requireManage: the enterprise's managers, or regulators onboarding one in scope. */
export const canConfigureMonitoring = (me: Pick<Me, 'role' | 'enterpriseId'>) =>
  me.enterpriseId ? MANAGERS.includes(me.role) : REGULATORS.includes(me.role);

/** Experts and the system administrator may look but not act on alarms. */
export const canHandleAlarms = (role: string) => role !== 'expert' && role !== 'sysadmin';

/** Role-only check for the route guard (the enterprise binding is checked by the server). */
export const mayConfigureRole = (role: string) => MANAGERS.includes(role) || REGULATORS.includes(role);
