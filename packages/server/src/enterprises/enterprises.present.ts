import { districtName, type Enterprise } from '@zhiben/domain';
import type { EnterpriseRow } from '../db/types';
import type { OrgDirectory } from '../organizations/directory';

/** Database row → API shape (field names of the contract). */
export function presentEnterprise(r: EnterpriseRow, orgs: OrgDirectory): Enterprise {
  return {
    id: r.id,
    name: r.name,
    uscc: r.uscc,
    districtCode: r.district_code,
    districtName: districtName(r.district_code) ?? r.district_code,
    industryCode: r.industry_code,
    industryName: r.industry_name,
    address: r.address,
    location: r.lng !== null && r.lat !== null ? { lng: r.lng, lat: r.lat } : null,
    sectors: r.sectors,
    categories: r.categories,
    scale: r.scale,
    standardizationLevel: r.standardization_level,
    employees: r.employees,
    principal: r.principal,
    actualController: r.actual_controller,
    departmentIds: r.department_ids,
    departments: r.department_ids.map((id) => ({ id, name: orgs.name(id) })),
    departmentsOverridden: r.departments_overridden,
    status: r.status,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}
