/**
 * The permit workflow's vocabulary: actions, the actor's relation to the permit, decisions and the input
 * schema of each action (shared by the server, 400 on failure, and the web).
 */
import { z } from 'zod';
import type { Role } from '../access/roles';
import type { PermitRuntime, PermitState } from './model';
import { gasAnalysisSchema, measureRowSchema, signatureSchema } from './schemas';
import type { ApproverLevel } from './types';
import type { PermitViolation } from './violations';

/** Actions, as named in `POST /api/permits/:id/actions/:action`. */
export const PERMIT_ACTIONS = [
  { code: 'submit-measures', name: '确认危害辨识与安全措施' },
  { code: 'record-gas', name: '记录气体分析' },
  { code: 'sign', name: '签字审批' },
  { code: 'guardian-arrive', name: '监护人到场' },
  { code: 'guardian-leave', name: '监护人离开' },
  { code: 'start', name: '开始作业' },
  { code: 'suspend', name: '暂停作业' },
  { code: 'resume', name: '恢复作业' },
  { code: 'complete', name: '作业完成' },
  { code: 'accept', name: '完工验收' },
  { code: 'close', name: '关闭作业票' },
  { code: 'cancel', name: '取消作业票' },
] as const;
export type PermitAction = (typeof PERMIT_ACTIONS)[number]['code'];
export const PERMIT_ACTION_CODES = PERMIT_ACTIONS.map((a) => a.code) as unknown as readonly [
  PermitAction,
  ...PermitAction[],
];
/** The Chinese name of an action, or the code itself when unknown. */
export function permitActionName(code: string): string {
  return PERMIT_ACTIONS.find((a) => a.code === code)?.name ?? code;
}

/** What a person does on this permit, resolved by the server from the permit and the session. */
export const PERMIT_DUTIES = [
  { code: 'applicant', name: '作业申请人' },
  { code: 'work_leader', name: '作业负责人' },
  { code: 'guardian', name: '监护人' },
  { code: 'analyst', name: '气体分析人' },
  { code: 'signatory', name: '相关单位签字人' },
  { code: 'shift_leader', name: '岗位当班班长' },
  { code: 'acceptor', name: '完工验收人' },
] as const;
export type PermitDuty = (typeof PERMIT_DUTIES)[number]['code'];

/** The actor's relation to this permit. */
export interface PermitActor {
  role: Role;
  /** A user of the permit's enterprise; nobody else takes part in the workflow. */
  ownEnterprise: boolean;
  sysadmin: boolean;
  userId?: string;
  duties: readonly PermitDuty[];
  /** Approval levels this person holds in the enterprise (Table B.1). */
  approverLevels: readonly ApproverLevel[];
}

export type PermitPatch = Partial<PermitRuntime> & {
  measures?: z.infer<typeof measureRowSchema>[];
  riskIdentification?: string;
};

export type PermitDecision =
  | {
      ok: true;
      to: PermitState;
      patch: PermitPatch;
      event: {
        action: PermitAction | 'expire';
        from: PermitState;
        to: PermitState;
        data: Record<string, unknown>;
      };
    }
  | { ok: false; error: 'invalid_state'; state: PermitState; allowed: PermitAction[]; message: string }
  | { ok: false; error: 'forbidden'; message: string }
  | {
      ok: false;
      error: 'invalid';
      errors: { path: string; message: string }[];
      /** The rule violations that refused the action, when rules (not the input's shape) refused it. */
      violations?: PermitViolation[];
    };

const reason = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(500, `${label}不超过500个字符`);
const empty = z.object({ note: z.string().trim().max(500, '备注不超过500个字符').optional() });

export const PERMIT_ACTION_SCHEMAS = {
  'submit-measures': z.object({
    riskIdentification: reason('危害辨识结果').optional(),
    measures: z.array(measureRowSchema, { error: '请逐项确认安全措施' }).min(1, '请逐项确认安全措施'),
  }),
  'record-gas': gasAnalysisSchema,
  sign: signatureSchema.omit({ at: true }),
  'guardian-arrive': empty,
  'guardian-leave': empty,
  start: empty,
  suspend: z.object({ reason: reason('暂停原因') }),
  resume: empty,
  complete: empty,
  accept: z.object({ name: reason('验收人'), opinion: z.string().trim().max(500).optional() }),
  close: empty,
  cancel: z.object({ reason: reason('取消原因') }),
} as const satisfies Record<PermitAction, z.ZodType>;
export type PermitActionInput<A extends PermitAction> = z.infer<(typeof PERMIT_ACTION_SCHEMAS)[A]>;
