/**
 * A permit as the rules and the workflow read it: the draft (./schemas) plus what happens to it —
 * status, signatures, gas analyses, interruptions, guardian presence and the work's actual times.
 */
import type { GasAnalysis, Interruption, PermitDraft, Signature } from './schemas';

export const PERMIT_STATES = [
  { code: 'draft', name: '草稿' },
  { code: 'measures_confirmed', name: '措施已确认' },
  { code: 'gas_analysed', name: '气体分析合格' },
  { code: 'approving', name: '审批中' },
  { code: 'issued', name: '已签发' },
  { code: 'in_progress', name: '作业中' },
  { code: 'suspended', name: '已暂停' },
  { code: 'completed', name: '作业完成' },
  { code: 'accepted', name: '已完工验收' },
  { code: 'closed', name: '已关闭' },
  { code: 'cancelled', name: '已取消' },
  { code: 'expired', name: '已过期' },
] as const;
export type PermitState = (typeof PERMIT_STATES)[number]['code'];
export const PERMIT_STATE_CODES = PERMIT_STATES.map((s) => s.code) as unknown as readonly [
  PermitState,
  ...PermitState[],
];
/** States in which a permit is live on site: approved and not finished. */
export const ACTIVE_PERMIT_STATES: readonly PermitState[] = ['issued', 'in_progress', 'suspended'];
/** States a permit has been issued in or passed through issuance to. */
export const ISSUED_OR_LATER: readonly PermitState[] = [
  'issued',
  'in_progress',
  'suspended',
  'completed',
  'accepted',
  'closed',
];
/** States in which the work has started. */
export const STARTED_OR_LATER: readonly PermitState[] = [
  'in_progress',
  'suspended',
  'completed',
  'accepted',
  'closed',
];

/** The Chinese name of a permit state, or the code itself when unknown. */
export function permitStateName(code: string): string {
  return PERMIT_STATES.find((s) => s.code === code)?.name ?? code;
}

/** What happened to a permit after drafting. */
export interface PermitRuntime {
  status: PermitState;
  signatures: Signature[];
  gasAnalyses: GasAnalysis[];
  /** Interruptions of the work; an open one (to null) is the current suspension. */
  interruptions: { from: string; to: string | null }[];
  guardianOnSite: boolean;
  startedAt: string | null;
  completedAt: string | null;
  closedAt?: string | null;
}

export type Permit = PermitDraft & PermitRuntime;
export type { GasAnalysis, Interruption, Signature };
