import type { ReportAction } from '@zhiben/domain';

/** Who handles public reports (the server scopes: city all, a district office its district, inspectors routed ones). */
export const canHandleReports = (role: string) =>
  role === 'city_office' || role === 'district_office' || role === 'inspector';

/** Enterprise managers of internal reporting. */
export const canManageInternal = (role: string) =>
  role === 'enterprise_principal' || role === 'enterprise_safety';

const OFFICE_ONLY: ReportAction[] = ['extend', 'approve-reward', 'pay'];

/** Mirrors the server's rule: extensions, reward approval and payment are for the offices. */
export const mayTakeAction = (role: string, a: ReportAction) =>
  role === 'city_office' || role === 'district_office'
    ? true
    : role === 'inspector' && !OFFICE_ONLY.includes(a);
