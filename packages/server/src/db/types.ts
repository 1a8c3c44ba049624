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

/** The hazard statistics rollup (migration 20261204090000); hazard_stats_delta has the same columns. */
export interface HazardStatsTable {
  scope: string;
  dim: string;
  key: string;
  grade: string;
  month: ColumnType<string, string, string>;
  due_month: ColumnType<string, string, string>;
  total: ColumnType<string, number, number>;
  open: ColumnType<string, number, number>;
  closed: ColumnType<string, number, number>;
  dismissed: ColumnType<string, number, number>;
  closed_secs: ColumnType<string, number, number>;
  closed_timed: ColumnType<string, number, number>;
}

export interface HazardStatsDeltaTable extends HazardStatsTable {
  id: Generated<string>;
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

export interface InstallationsTable {
  id: Generated<string>;
  enterprise_id: string;
  name: string;
  kind: string;
  substances: ColumnType<Array<{ name?: string; q: number; Q: number; beta: number }>, string, string>;
  people_within_500m: number | null;
  assessment: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface GatewaysTable {
  id: string;
  enterprise_id: string;
  name: string;
  token_hash: string;
  accepted: ColumnType<string, string | number | undefined, string | number | RawNumber>;
  rejected: ColumnType<string, string | number | undefined, string | number | RawNumber>;
  last_error: string | null;
  last_seen_at: Timestamp | null;
  revoked_at: Timestamp | null;
  created_at: CreatedAt;
}
type RawNumber = import('kysely').RawBuilder<unknown>;

export interface MonitoringPointsTable {
  id: Generated<string>;
  enterprise_id: string;
  tag: string;
  kind: string;
  unit: string;
  thresholds: ColumnType<Record<string, number>, string, string>;
  deadband: number;
  delay_on_sec: number;
  stale_timeout_sec: number;
  installation_id: string | null;
  zone: string | null;
  state: ColumnType<unknown, string | null, string | null>;
  last_value: number | null;
  last_ts: Timestamp | null;
  created_at: CreatedAt;
  repeat_suppress_sec: Generated<number>;
}

export interface AlarmsTable {
  id: Generated<string>;
  point_id: string;
  enterprise_id: string;
  district_code: string;
  tag: string;
  level: string;
  status: string;
  value: number | null;
  peak: number | null;
  opened_at: Timestamp;
  acknowledged_by: string | null;
  acknowledged_at: Timestamp | null;
  disposal: string | null;
  false_alarm: Generated<boolean>;
  disposed_at: Timestamp | null;
  closed_at: Timestamp | null;
  escalation_tier: Generated<string>;
  hazard_id: string | null;
  repeat_count: Generated<number>;
  notified_tier: string | null;
}

export interface PermitWorkersTable {
  id: Generated<string>;
  enterprise_id: string;
  name: string;
  id_number: string | null;
  phone: string | null;
  certificates: ColumnType<
    Array<{ type: string; number: string; validUntil: string }>,
    string | undefined,
    string
  >;
  guardian_trained: boolean;
  archived: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface PermitCountersTable {
  prefix: string;
  last: number;
}

export interface PermitsTable {
  id: Generated<string>;
  number: string;
  enterprise_id: string;
  district_code: string;
  type: string;
  grade: string | null;
  status: string;
  draft: ColumnType<Record<string, unknown>, string, string>;
  signatures: ColumnType<Array<Record<string, unknown>>, string | undefined, string>;
  gas_analyses: ColumnType<Array<Record<string, unknown>>, string | undefined, string>;
  interruptions: ColumnType<Array<{ from: string; to: string | null }>, string | undefined, string>;
  guardian_on_site: Generated<boolean>;
  planned_start: Timestamp;
  planned_end: Timestamp;
  valid_until: Timestamp;
  started_at: Timestamp | null;
  completed_at: Timestamp | null;
  closed_at: Timestamp | null;
  zone: string | null;
  installation_id: string | null;
  verify_token: string;
  created_by: string | null;
  created_by_name: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface PermitEventsTable {
  id: Generated<string>;
  permit_id: string;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_id: string | null;
  actor_name: string;
  at: ColumnType<Date, Date | string | undefined, never>;
  data: ColumnType<Record<string, unknown>, string, never>;
}

export interface PermitRefusalsTable {
  id: Generated<string>;
  permit_id: string | null;
  enterprise_id: string;
  district_code: string;
  type: string;
  action: string;
  codes: string[];
  violations: ColumnType<Array<{ code: string; clause: string; message: string }>, string, never>;
  actor_id: string | null;
  actor_name: string;
  at: ColumnType<Date, Date | string | undefined, never>;
}

export interface ReadingsTable {
  point_id: string;
  ts: Timestamp;
  value: number;
}

export interface Readings1mTable {
  point_id: string;
  bucket: Timestamp;
  min: number;
  max: number;
  sum: number;
  count: number;
  last: number;
  last_ts: Timestamp;
}

export interface DB {
  readings: ReadingsTable;
  readings_1m: Readings1mTable;
  permit_workers: PermitWorkersTable;
  permit_counters: PermitCountersTable;
  permits: PermitsTable;
  permit_events: PermitEventsTable;
  permit_refusals: PermitRefusalsTable;
  installations: InstallationsTable;
  gateways: GatewaysTable;
  monitoring_points: MonitoringPointsTable;
  alarms: AlarmsTable;
  internal_report_channels: InternalReportChannelsTable;
  internal_reports: InternalReportsTable;
  reports: ReportsTable;
  report_events: ReportEventsTable;
  criteria_items: CriteriaItemsTable;
  hazard_counters: HazardCountersTable;
  hazards: HazardsTable;
  hazard_stats: HazardStatsTable;
  hazard_stats_delta: HazardStatsDeltaTable;
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
