import type { Enterprise as DomainEnterprise, Permission } from '@zhiben/domain';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: string;
  roleName: string;
  orgId: string | null;
  orgName: string | null;
  regionCode: string | null;
  enterpriseId: string | null;
  enterpriseName: string | null;
  permissions: Permission[];
}

export interface Organization {
  id: string;
  kind: 'city' | 'district' | 'office' | 'department';
  level: 'city' | 'district';
  name: string;
  nameEn: string;
  regionCode: string;
  parentId: string | null;
  deptCode: string | null;
  sectors: string[];
}

export type Enterprise = DomainEnterprise & { permissions?: { edit: boolean } };

export interface ImportResult {
  mode: 'validate' | 'strict' | 'valid-rows';
  total: number;
  valid: number;
  imported: number;
  /** column is the sheet's column letter, header its header text. */
  errors: { row: number; column: string | null; header?: string | null; field: string; message: string }[];
  /** All errors found; errors[] may list only the first ones. */
  errorCount?: number;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: string;
  roleName: string;
  orgId: string | null;
  orgName: string | null;
  enterpriseId: string | null;
  enterpriseName: string | null;
  phone: string | null;
  status: 'active' | 'disabled';
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  orgId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  hash: string;
}

export interface AuditVerify {
  ok: boolean;
  count: number;
  brokenAt?: number;
  reason?: string;
}

export interface Health {
  status: string;
  db: string;
  version: string;
  /** Not in the contract yet: whether demo accounts are enabled (non-production). */
  demo?: boolean;
  env?: string;
}
