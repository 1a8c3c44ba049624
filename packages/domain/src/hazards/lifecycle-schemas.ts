import { z } from 'zod';
import type { Role } from '../access/roles';

/** Hazard lifecycle states; open states are reported, rectifying and pending_acceptance. */
export const HAZARD_STATES = [
  { code: 'reported', name: '待确认', nameEn: 'Reported' },
  { code: 'rectifying', name: '整改中', nameEn: 'Rectifying' },
  { code: 'pending_acceptance', name: '待验收', nameEn: 'Pending acceptance' },
  { code: 'closed', name: '已销号', nameEn: 'Closed' },
  { code: 'dismissed', name: '不予认定', nameEn: 'Dismissed' },
] as const;
export type HazardState = (typeof HAZARD_STATES)[number]['code'];
export const HAZARD_STATE_CODES = HAZARD_STATES.map((s) => s.code) as unknown as readonly [
  HazardState,
  ...HazardState[],
];
export const OPEN_HAZARD_STATES: readonly HazardState[] = ['reported', 'rectifying', 'pending_acceptance'];

/** Actions, as named in `POST /api/hazards/:id/actions/:action`. */
export const HAZARD_ACTIONS = [
  { code: 'confirm', name: '确认隐患', nameEn: 'Confirm' },
  { code: 'dismiss', name: '不予认定', nameEn: 'Dismiss' },
  { code: 'submit', name: '提交整改', nameEn: 'Submit rectification' },
  { code: 'accept', name: '验收销号', nameEn: 'Accept and close' },
  { code: 'reject', name: '验收不通过', nameEn: 'Reject' },
  { code: 'request-extension', name: '申请延期', nameEn: 'Request extension' },
  { code: 'approve-extension', name: '批准延期', nameEn: 'Approve extension' },
  { code: 'deny-extension', name: '驳回延期', nameEn: 'Deny extension' },
  { code: 'supervise', name: '挂牌督办', nameEn: 'List for supervision' },
  { code: 'recheck', name: '回头看复查', nameEn: 'Re-inspect' },
] as const;
export type HazardAction = (typeof HAZARD_ACTIONS)[number]['code'];
export const HAZARD_ACTION_CODES = HAZARD_ACTIONS.map((a) => a.code) as unknown as readonly [
  HazardAction,
  ...HazardAction[],
];

/** Channels a hazard enters the register through. */
export const HAZARD_SOURCES = [
  { code: 'self_check', name: '企业自查', nameEn: 'Enterprise self-inspection' },
  { code: 'inspection', name: '部门检查', nameEn: 'Department inspection' },
  { code: 'expert', name: '专家检查', nameEn: 'Expert inspection' },
  { code: 'public_report', name: '举报核实', nameEn: 'Verified public report' },
  { code: 'monitoring', name: '监测预警', nameEn: 'Monitoring alert' },
  { code: 'supervision', name: '督导检查', nameEn: 'Supervisory inspection' },
] as const;
export type HazardSource = (typeof HAZARD_SOURCES)[number]['code'];
export const HAZARD_SOURCE_CODES = HAZARD_SOURCES.map((s) => s.code) as unknown as readonly [
  HazardSource,
  ...HazardSource[],
];

export const HAZARD_GRADES = [
  { code: 'major', name: '重大', nameEn: 'Major' },
  { code: 'general', name: '一般', nameEn: 'General' },
] as const;
export type HazardGrade = (typeof HAZARD_GRADES)[number]['code'];
export const HAZARD_GRADE_CODES = HAZARD_GRADES.map((g) => g.code) as unknown as readonly [
  HazardGrade,
  ...HazardGrade[],
];

/** The Chinese name of a state, or the code itself when unknown. */
export function hazardStateName(code: string): string {
  return HAZARD_STATES.find((s) => s.code === code)?.name ?? code;
}
/** The Chinese name of an action, or the code itself when unknown. */
export function hazardActionName(code: string): string {
  return HAZARD_ACTIONS.find((a) => a.code === code)?.name ?? code;
}

// ---- What the state machine reads and returns (decideHazardAction in ./lifecycle). ----

export interface PendingExtension {
  newDeadline: string;
  reason: string;
  requestedAt: string;
}
export interface Supervision {
  body: string;
  deadline: string;
  note?: string;
  at: string;
}

/** What the state machine needs to know about a hazard. */
export interface HazardSnapshot {
  status: HazardState;
  grade: HazardGrade;
  source: HazardSource;
  deadline: string | null;
  pendingExtension: PendingExtension | null;
  rejections: number;
  supervised: boolean;
  closedAt: string | null;
  /** Times a 回头看 found fake rectification and reopened the hazard. */
  reopens?: number;
}

/** The actor's relation to this hazard, resolved by the server from the session and the hazard. */
export interface ActorRelation {
  role: Role;
  /** An enterprise user of the hazard's enterprise. */
  ownEnterprise: boolean;
  /** An inspector of the responsible department (city level, or the hazard's district level). */
  responsibleDepartment: boolean;
  /** The office of the hazard's district. */
  districtOffice: boolean;
  cityOffice: boolean;
  sysadmin: boolean;
  userId?: string;
}

export interface HazardPatch {
  deadline?: string | null;
  pendingExtension?: PendingExtension | null;
  rejections?: number;
  supervised?: boolean;
  supervision?: Supervision;
  closedAt?: string | null;
  acceptedBy?: string | null;
  reopens?: number;
  recheckedAt?: string;
}

export type Decision =
  | {
      ok: true;
      to: HazardState;
      patch: HazardPatch;
      event: { action: HazardAction; from: HazardState; to: HazardState; data: Record<string, unknown> };
    }
  | { ok: false; error: 'invalid_state'; state: HazardState; allowed: HazardAction[]; message: string }
  | { ok: false; error: 'forbidden'; message: string }
  | { ok: false; error: 'invalid'; errors: { path: string; message: string }[] };

// ---- Input schemas, shared by the server (400 on failure) and the web forms. ----

const text = (label: string, max = 2000) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不超过${max}个字符`);
const optionalText = (label: string, max = 2000) =>
  z.string().trim().max(max, `${label}不超过${max}个字符`).optional();
/** An instant in ISO 8601 with a UTC offset or Z, e.g. 2025-04-01T00:00:00+08:00. */
export const isoInstantSchema = (label: string) =>
  z.iso.datetime({
    offset: true,
    error: `${label}必须是带时区的 ISO 8601 时间，例如 2025-04-01T00:00:00+08:00`,
  });

export const confirmInputSchema = z.object({
  comment: optionalText('确认意见'),
  deadline: isoInstantSchema('整改期限').optional(),
});
export const dismissInputSchema = z.object({ reason: text('不予认定的理由') });
export const submitInputSchema = z.object({
  description: text('整改情况说明'),
  attachmentIds: z
    .array(z.string({ error: '附件编号无效' }).min(1, '附件编号无效'), { error: '至少上传一份整改证据' })
    .min(1, '至少上传一份整改证据'),
});
export const acceptInputSchema = z.object({ comment: optionalText('验收意见') });
export const rejectInputSchema = z.object({
  reason: text('验收不通过的理由'),
  /** Optional new rectification deadline set by the reviewer. */
  deadline: isoInstantSchema('新的整改期限').optional(),
});
export const requestExtensionInputSchema = z.object({
  newDeadline: isoInstantSchema('延期后的整改期限'),
  reason: text('延期理由'),
});
export const approveExtensionInputSchema = z.object({ comment: optionalText('审批意见') });
export const denyExtensionInputSchema = z.object({ reason: text('驳回理由') });
export const superviseInputSchema = z.object({
  supervisingBody: text('督办单位', 100),
  deadline: isoInstantSchema('督办期限'),
  note: optionalText('督办要求'),
});
export const accountabilitySchema = z.object({
  persons: z
    .array(z.string().trim().min(1, '责任人员姓名不能为空').max(50, '责任人员姓名不超过50个字符'), {
      error: '请填写被问责人员',
    })
    .min(1, '请填写被问责人员'),
  measures: text('问责措施'),
});
export const recheckInputSchema = z
  .object({
    result: z.enum(['confirmed', 'fake_rectification'], { error: '复查结论必须是 整改属实 或 虚假整改' }),
    note: text('复查情况'),
    accountability: accountabilitySchema.optional(),
    /** New rectification deadline when the hazard is reopened; without it the old deadline stands. */
    deadline: isoInstantSchema('重新整改期限').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.result === 'fake_rectification' && !v.accountability)
      ctx.addIssue({ code: 'custom', path: ['accountability'], message: '认定虚假整改时必须填写问责记录' });
  });

export const HAZARD_ACTION_SCHEMAS = {
  confirm: confirmInputSchema,
  dismiss: dismissInputSchema,
  submit: submitInputSchema,
  accept: acceptInputSchema,
  reject: rejectInputSchema,
  'request-extension': requestExtensionInputSchema,
  'approve-extension': approveExtensionInputSchema,
  'deny-extension': denyExtensionInputSchema,
  supervise: superviseInputSchema,
  recheck: recheckInputSchema,
} as const satisfies Record<HazardAction, z.ZodType>;

export type HazardActionInput<A extends HazardAction> = z.infer<(typeof HAZARD_ACTION_SCHEMAS)[A]>;
