import type { Role } from './roles';

/** Who is acting: resolved from a session or API token, passed to every policy and scoped query. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  /** Organisation (office or department) the user belongs to; null for enterprise users, sysadmin, experts. */
  orgId: string | null;
  /** 150600 for city-level organisations, the district code for district ones. */
  regionCode: string | null;
  enterpriseId: string | null;
  /** API token scopes; undefined for interactive sessions (all permissions of the role). */
  tokenScopes?: readonly string[];
}
