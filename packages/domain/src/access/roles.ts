export const ROLES = [
  { code: 'sysadmin', name: '系统管理员', nameEn: 'System administrator' },
  { code: 'city_office', name: '市安委办', nameEn: 'City safety committee office' },
  { code: 'district_office', name: '旗区安委办', nameEn: 'District safety committee office' },
  { code: 'inspector', name: '部门监管人员', nameEn: 'Department inspector' },
  { code: 'enterprise_principal', name: '企业主要负责人', nameEn: 'Enterprise principal' },
  { code: 'enterprise_safety', name: '企业安全管理员', nameEn: 'Enterprise safety manager' },
  { code: 'enterprise_staff', name: '企业员工', nameEn: 'Enterprise employee' },
  { code: 'expert', name: '专家', nameEn: 'Expert' },
] as const;

export type Role = (typeof ROLES)[number]['code'];
export const ROLE_CODES = ROLES.map((r) => r.code) as unknown as readonly [Role, ...Role[]];
export const ENTERPRISE_ROLES: readonly Role[] = [
  'enterprise_principal',
  'enterprise_safety',
  'enterprise_staff',
];

export function roleName(role: string): string {
  return ROLES.find((r) => r.code === role)?.name ?? role;
}

/** What the organisation a role belongs to must be. */
export function roleOrgKind(
  role: Role,
): 'none' | 'city_office' | 'district_office' | 'department' | 'enterprise' {
  switch (role) {
    case 'sysadmin':
    case 'expert':
      return 'none';
    case 'city_office':
      return 'city_office';
    case 'district_office':
      return 'district_office';
    case 'inspector':
      return 'department';
    case 'enterprise_principal':
    case 'enterprise_safety':
    case 'enterprise_staff':
      return 'enterprise';
  }
}
