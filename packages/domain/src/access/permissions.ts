import type { Actor } from './actor';
import type { Role } from './roles';

/** Permission keys; API tokens carry a subset of their owner's. */
export const PERMISSIONS = [
  'enterprises:read',
  'enterprises:write',
  'enterprises:import',
  'users:read',
  'users:write',
  'audit:read',
  'tokens:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const BY_ROLE: Record<Role, readonly Permission[]> = {
  sysadmin: PERMISSIONS,
  city_office: [
    'enterprises:read',
    'enterprises:write',
    'enterprises:import',
    'users:read',
    'users:write',
    'audit:read',
    'tokens:manage',
  ],
  district_office: [
    'enterprises:read',
    'enterprises:write',
    'enterprises:import',
    'users:read',
    'users:write',
    'audit:read',
    'tokens:manage',
  ],
  inspector: ['enterprises:read', 'enterprises:write', 'enterprises:import', 'tokens:manage'],
  enterprise_principal: [
    'enterprises:read',
    'enterprises:write',
    'users:read',
    'users:write',
    'tokens:manage',
  ],
  enterprise_safety: ['enterprises:read', 'enterprises:write'],
  enterprise_staff: ['enterprises:read'],
  expert: [],
};

export function rolePermissions(role: Role): readonly Permission[] {
  return BY_ROLE[role];
}

/** A permission holds when the role grants it and, for API tokens, the token's scopes include it. */
export function can(actor: Actor, p: Permission): boolean {
  if (!BY_ROLE[actor.role].includes(p)) return false;
  return actor.tokenScopes ? actor.tokenScopes.includes(p) : true;
}

/** Fields an enterprise's own users may not change on their record: they belong to the regulator. */
export const REGULATOR_ONLY_ENTERPRISE_FIELDS = ['uscc', 'districtCode', 'departmentIds', 'status'] as const;
