import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface PersonJson {
  name: string;
  phone: string;
  idNumber: string;
}

export interface OrganizationsTable {
  id: string;
  kind: 'city' | 'district' | 'office' | 'department';
  level: 'city' | 'district';
  name: string;
  name_en: string;
  region_code: string;
  parent_id: string | null;
  dept_code: string | null;
  sectors: string[];
  sort: number;
}

export interface EnterprisesTable {
  id: Generated<string>;
  name: string;
  uscc: string;
  district_code: string;
  industry_code: string;
  industry_name: string;
  address: string;
  lng: number | null;
  lat: number | null;
  sectors: string[];
  categories: string[];
  scale: string;
  standardization_level: string;
  employees: number;
  principal: ColumnType<PersonJson, string, string>;
  actual_controller: ColumnType<PersonJson, string, string>;
  department_ids: string[];
  departments_overridden: boolean;
  status: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  role: string;
  org_id: string | null;
  enterprise_id: string | null;
  phone: string | null;
  password_hash: string;
  status: Generated<string>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  last_login_at: Timestamp | null;
  capabilities: Generated<string[]>;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  name: string;
  token_hash: string;
  prefix: string;
  user_id: string;
  scopes: string[];
  created_by: string;
  created_at: CreatedAt;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface AuditLogTable {
  seq: Generated<string>;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  org_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: ColumnType<unknown, string | null, never>;
  after: ColumnType<unknown, string | null, never>;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface AppMetaTable {
  key: string;
  value: ColumnType<unknown, string, string>;
}

export interface FileBlobsTable {
  sha256: string;
  size: number;
  content: Buffer;
  thumbnail: Buffer | null;
}

export interface FilesTable {
  id: Generated<string>;
  sha256: string;
  name: string;
  mime: string;
  size: number;
  kind: 'image' | 'document';
  width: number | null;
  height: number | null;
  uploaded_by: string | null;
  enterprise_id: string | null;
  created_at: CreatedAt;
}

export interface CriteriaItemsTable {
  id: Generated<string>;
  code: string;
  sector: string;
  version: string;
  name: string;
  description: string;
  source: string;
  article: string;
  effective_from: ColumnType<string, string, string>;
  effective_to: ColumnType<string | null, string | null, string | null>;
  builtin: boolean;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface HazardCountersTable {
  district_code: string;
  year: number;
  last: number;
}

export interface HazardsTable {
  id: Generated<string>;
  code: string;
  enterprise_id: string;
  district_code: string;
  industry_code: string;
  sectors: string[];
  grade: 'major' | 'general';
  criterion_id: string | null;
  title: string;
  description: string;
  location: string;
  lng: number | null;
  lat: number | null;
  source: string;
  discovered_at: Timestamp;
  discovered_by: string | null;
  discovered_by_name: string;
  status: string;
  deadline: Timestamp | null;
  plan: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  department_code: string | null;
  department_ids: string[];
  attachment_ids: string[];
  pending_extension: ColumnType<
    { newDeadline: string; reason: string; requestedAt: string } | null,
    string | null,
    string | null
  >;
  rejections: Generated<number>;
  reopens: Generated<number>;
  supervised: Generated<boolean>;
  supervision: ColumnType<
    { body: string; deadline: string; note?: string } | null,
    string | null,
    string | null
  >;
  closed_at: Timestamp | null;
  accepted_by: string | null;
  accepted_by_name: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface HazardEventsTable {
  id: Generated<string>;
  hazard_id: string;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_id: string | null;
  actor_name: string;
  at: ColumnType<Date, Date | string | undefined, never>;
  data: ColumnType<Record<string, unknown>, string, never>;
  attachment_ids: string[];
}

export interface NotificationsTable {
  id: Generated<string>;
  dedupe_key: string;
  channel: 'sms' | 'inapp';
  user_id: string | null;
  recipient_name: string;
  phone: string | null;
  kind: string;
  title: string;
  body: string;
  hazard_id: string | null;
  enterprise_id: string | null;
  status: Generated<string>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
  read_at: Timestamp | null;
}

export interface EscalationsTable {
  id: Generated<string>;
  unit_type: 'hazard' | 'district' | 'department';
  unit_key: string;
  hazard_id: string | null;
  district_code: string | null;
  enterprise_id: string | null;
  rung: string;
  days_overdue: number;
  as_of: Timestamp;
  title: string;
  body: string;
  created_at: CreatedAt;
}

export interface RecheckDrawsTable {
  id: Generated<string>;
  month: string;
  district_code: string;
  seed: string;
  share: number;
  population: number;
  hazard_ids: string[];
  created_at: CreatedAt;
}

export interface ReportsTable {
  id: Generated<string>;
  tracking_code: string;
  access_key_hash: string;
  channel: string;
  category: string;
  enterprise_id: string | null;
  enterprise_name: string;
  district_code: string;
  location: string;
  description: string;
  attachment_ids: string[];
  anonymous: boolean;
  reporter_enc: Buffer | null;
  reporter_tag: string | null;
  status: Generated<string>;
  department_ids: string[];
  accepted_org_id: string | null;
  accepted_at: Timestamp | null;
  verify_due_at: Timestamp | null;
  extended: Generated<boolean>;
  verified_at: Timestamp | null;
  outcome: string | null;
  outcome_summary: string | null;
  fine: number | null;
  hazard_id: string | null;
  feedback_due_at: Timestamp | null;
  feedback_at: Timestamp | null;
  feedback_summary: string | null;
  reward_amount: number | null;
  reward_basis: string | null;
  reward_approved_by: string | null;
  reward_paid_at: Timestamp | null;
  payment_ref: string | null;
  duplicate_of: string | null;
  closed_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ReportEventsTable {
  id: Generated<string>;
  report_id: string;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_id: string | null;
  actor_name: string;
  at: ColumnType<Date, Date | string | undefined, never>;
  data: ColumnType<Record<string, unknown>, string, never>;
}

export interface InternalReportChannelsTable {
  enterprise_id: string;
  token: string;
  enabled: Generated<boolean>;
  reward_rules: Generated<string>;
  updated_at: Timestamp;
}

export interface InternalReportsTable {
  id: Generated<string>;
  enterprise_id: string;
  tracking_code: string;
  access_key_hash: string;
  location: string;
  description: string;
  attachment_ids: string[];
  anonymous: boolean;
  reporter_enc: Buffer | null;
  status: Generated<string>;
  resolution: string | null;
  reward_amount: number | null;
  handled_by: string | null;
  handled_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface DB {
  internal_report_channels: InternalReportChannelsTable;
  internal_reports: InternalReportsTable;
  reports: ReportsTable;
  report_events: ReportEventsTable;
  criteria_items: CriteriaItemsTable;
  hazard_counters: HazardCountersTable;
  hazards: HazardsTable;
  hazard_events: HazardEventsTable;
  notifications: NotificationsTable;
  escalations: EscalationsTable;
  recheck_draws: RecheckDrawsTable;
  file_blobs: FileBlobsTable;
  files: FilesTable;
  organizations: OrganizationsTable;
  enterprises: EnterprisesTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  app_meta: AppMetaTable;
}

export type EnterpriseRow = Selectable<EnterprisesTable>;
export type NewEnterprise = Insertable<EnterprisesTable>;
export type EnterpriseUpdate = Updateable<EnterprisesTable>;
export type UserRow = Selectable<UsersTable>;
export type OrganizationRow = Selectable<OrganizationsTable>;
