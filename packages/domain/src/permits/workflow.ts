/**
 * The permit workflow as a pure state machine (issue 5, item 3), in the style of hazards/lifecycle:
 * draft → measures_confirmed (hazard analysis and measures) → gas_analysed (where gas analysis is required)
 * → approving (signatures in order) → issued → in_progress → suspended ⇄ in_progress → completed → accepted
 * (完工验收) → closed; cancelled before completion; expired at the end of validity (expireIfDue).
 * Checks run state first (409 invalid_state), then who (403 forbidden), then the input and the rules
 * (400 invalid, with the rule violations that refused it).
 */
import { preIssueSteps, requiredApprover, signatureChain, SIGNATURE_STEP_NAMES } from './approvals';
import { checkPermit, permitContext, permitGrade } from './check';
import type { WorkContext } from './context';
import { analysisFailures, checkGas, gasFamily } from './gas';
import type { UpgradeOptions } from './grading';
import { ACTIVE_PERMIT_STATES, permitStateName, type Permit, type PermitState } from './model';
import { checkGuardianPresence } from './rules';
import type { GasAnalysis, Signature, SignatureStep } from './schemas';
import { approverLevelName } from './types';
import { checkValidity, validityEnd } from './validity';
import type { PermitViolation } from './violations';
import {
  PERMIT_ACTION_SCHEMAS,
  permitActionName,
  type PermitAction,
  type PermitActionInput,
  type PermitActor,
  type PermitDecision,
  type PermitDuty,
  type PermitPatch,
} from './workflow-schemas';

const BY_STATE: Record<PermitState, readonly PermitAction[]> = {
  draft: ['submit-measures', 'cancel'],
  measures_confirmed: ['record-gas', 'sign', 'cancel'],
  gas_analysed: ['record-gas', 'sign', 'cancel'],
  approving: ['record-gas', 'sign', 'cancel'],
  issued: ['record-gas', 'sign', 'guardian-arrive', 'guardian-leave', 'start', 'cancel'],
  in_progress: ['record-gas', 'guardian-leave', 'suspend', 'complete'],
  suspended: ['record-gas', 'guardian-arrive', 'guardian-leave', 'resume', 'cancel'],
  completed: ['accept'],
  accepted: ['close'],
  closed: [],
  cancelled: [],
  expired: [],
};

/** Whether the permit needs gas analysis (hot work, confined-space rules, temporary power in a hazard area). */
export function requiresGasAnalysis(p: Permit, now: Date): boolean {
  return gasFamily(permitContext(p, now)) !== null;
}

/** The next signature due: the first unsigned pre-issue step, or the hot-work shift-leader check once issued. */
export function nextSignatureStep(p: Permit): SignatureStep | null {
  const signed = new Set(p.signatures.map((s) => s.step));
  const steps: SignatureStep[] =
    p.status === 'issued' ? (p.type === 'hot_work' ? ['shift_leader_check'] : []) : preIssueSteps(p.type);
  return steps.find((s) => !signed.has(s)) ?? null;
}

/** Actions the permit's state allows for anyone. */
export function permitActionsInState(p: Permit, now: Date): PermitAction[] {
  return BY_STATE[p.status].filter((a) => {
    if (a === 'sign') {
      if (p.status === 'measures_confirmed' && requiresGasAnalysis(p, now)) return false;
      return nextSignatureStep(p) !== null;
    }
    if (a === 'guardian-arrive') return !p.guardianOnSite;
    if (a === 'guardian-leave') return p.guardianOnSite;
    return true;
  });
}

const has = (w: PermitActor, ...duties: PermitDuty[]) => duties.some((d) => w.duties.includes(d));
const manager = (w: PermitActor) => w.role === 'enterprise_principal' || w.role === 'enterprise_safety';

/** Who may press an action (the signer of the next step for `sign`), and how to say it. */
function rule(
  p: Permit,
  action: PermitAction,
  opts: UpgradeOptions = {},
): { may: (w: PermitActor) => boolean; who: string } {
  switch (action) {
    case 'submit-measures':
      return { may: (w) => has(w, 'applicant', 'work_leader'), who: '作业申请人或作业负责人' };
    case 'record-gas':
      return { may: (w) => has(w, 'analyst'), who: '气体分析人' };
    case 'sign': {
      const step = nextSignatureStep(p);
      if (step === 'approver') {
        const level = requiredApprover(p.type, permitGrade(p, new Date(p.plannedStart), opts));
        return {
          may: (w) => level !== null && w.approverLevels.includes(level),
          who: level ? approverLevelName(level) : '审批人',
        };
      }
      if (step === 'guardian') return { may: (w) => has(w, 'guardian'), who: '监护人' };
      if (step === 'briefing' || step === 'work_leader')
        return { may: (w) => has(w, 'work_leader'), who: '作业负责人' };
      if (step === 'shift_leader_check') return { may: (w) => has(w, 'shift_leader'), who: '岗位当班班长' };
      return { may: (w) => has(w, 'signatory') || manager(w), who: '相关单位签字人' };
    }
    case 'guardian-arrive':
    case 'guardian-leave':
      return { may: (w) => has(w, 'guardian'), who: '监护人' };
    case 'start':
    case 'resume':
    case 'complete':
      return { may: (w) => has(w, 'work_leader'), who: '作业负责人' };
    case 'suspend':
      return {
        may: (w) => has(w, 'work_leader', 'guardian') || manager(w),
        who: '作业负责人、监护人或企业安全管理人员',
      };
    case 'accept':
      return { may: (w) => has(w, 'acceptor', 'signatory'), who: '完工验收人' };
    case 'close':
      return { may: manager, who: '企业主要负责人或安全管理员' };
    case 'cancel':
      return {
        may: (w) => has(w, 'applicant', 'work_leader') || manager(w),
        who: '作业申请人、作业负责人或企业安全管理人员',
      };
  }
}

/** Whether this actor may press the action (the state is not checked). */
export function mayPerformPermitAction(
  p: Permit,
  action: PermitAction,
  who: PermitActor,
  opts: UpgradeOptions = {},
): boolean {
  if (who.sysadmin || who.role === 'sysadmin' || !who.ownEnterprise) return false;
  return rule(p, action, opts).may(who);
}

/** Actions this actor may press now: the web shows exactly these buttons. */
export function allowedPermitActions(
  p: Permit,
  who: PermitActor,
  now: Date,
  opts: UpgradeOptions = {},
): PermitAction[] {
  return permitActionsInState(p, now).filter((a) => mayPerformPermitAction(p, a, who, opts));
}

type Issue = { path: string; message: string };
type Applied = { to: PermitState; patch: PermitPatch; data: Record<string, unknown> };
const refused = (violations: PermitViolation[]): PermitDecision => ({
  ok: false,
  error: 'invalid',
  errors: violations.map((v) => ({ path: '', message: v.message })),
  violations,
});

/**
 * Decides an action on a permit, purely. On success it returns the new state, the fields to change (whole
 * arrays for signatures, analyses and interruptions) and the event for the audit chain.
 */
export function decidePermitAction(
  p: Permit,
  action: PermitAction,
  who: PermitActor,
  input: unknown,
  now: Date,
  opts: UpgradeOptions = {},
): PermitDecision {
  const allowed = permitActionsInState(p, now);
  if (!allowed.includes(action)) {
    const list = allowed.length
      ? `当前状态下可执行：${allowed.map(permitActionName).join('、')}。`
      : '当前状态下没有可执行的操作。';
    return {
      ok: false,
      error: 'invalid_state',
      state: p.status,
      allowed,
      message: `作业票当前状态为“${permitStateName(p.status)}”，不能执行“${permitActionName(action)}”。${list}`,
    };
  }
  if (!mayPerformPermitAction(p, action, who, opts)) {
    const message =
      who.sysadmin || who.role === 'sysadmin'
        ? '系统管理员是技术角色，不参与作业票流程'
        : !who.ownEnterprise
          ? '只有作业票所属企业的人员可以办理作业票'
          : `无权执行“${permitActionName(action)}”：该操作只能由${rule(p, action, opts).who}执行`;
    return { ok: false, error: 'forbidden', message };
  }
  const parsed = PERMIT_ACTION_SCHEMAS[action].safeParse(input ?? {});
  if (!parsed.success)
    return {
      ok: false,
      error: 'invalid',
      errors: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    };
  const errors: Issue[] = [];
  const violations: PermitViolation[] = [];
  const result = apply(p, action, parsed.data, now, opts, errors, violations);
  if (violations.length) return refused(violations);
  if (errors.length) return { ok: false, error: 'invalid', errors };
  return {
    ok: true,
    to: result.to,
    patch: result.patch,
    event: { action, from: p.status, to: result.to, data: result.data },
  };
}

function apply(
  p: Permit,
  action: PermitAction,
  raw: unknown,
  now: Date,
  opts: UpgradeOptions,
  errors: Issue[],
  violations: PermitViolation[],
): Applied {
  const at = now.toISOString();
  const ctx = (action: WorkContext['action'], over: Partial<WorkContext> = {}): WorkContext => ({
    ...permitContext(p, now, opts, action),
    ...over,
  });
  switch (action) {
    case 'submit-measures': {
      const i = raw as PermitActionInput<'submit-measures'>;
      i.measures.forEach((m, k) => {
        if (m.applies && !m.confirmer)
          errors.push({ path: `measures.${k}.confirmer`, message: `措施“${m.code}”涉及，请填写确认人` });
      });
      return {
        to: 'measures_confirmed',
        patch: {
          measures: i.measures,
          ...(i.riskIdentification ? { riskIdentification: i.riskIdentification } : {}),
        },
        data: i,
      };
    }
    case 'record-gas': {
      const a = raw as GasAnalysis;
      if (Date.parse(a.sampledAt) > now.getTime())
        errors.push({ path: 'sampledAt', message: '采样时间不能晚于当前时间' });
      const failures = analysisFailures(a, ctx('none'));
      const to = p.status === 'measures_confirmed' && failures.length === 0 ? 'gas_analysed' : p.status;
      return {
        to,
        patch: { gasAnalyses: [...p.gasAnalyses, a] },
        data: { ...a, passed: failures.length === 0, failures: failures.map((f) => f.code) },
      };
    }
    case 'sign': {
      const i = raw as PermitActionInput<'sign'>;
      const step = nextSignatureStep(p)!;
      if (i.step !== step)
        errors.push({
          path: 'step',
          message: `应先完成“${SIGNATURE_STEP_NAMES[step]}”签字，签字须按顺序进行`,
        });
      if (step === 'approver') {
        const level = requiredApprover(p.type, permitGrade(p, new Date(p.plannedStart), opts));
        if (i.level !== level)
          errors.push({
            path: 'level',
            message: `该作业票应由${level ? approverLevelName(level) : '—'}审批`,
          });
        violations.push(...checkValidity(ctx('hold')));
      }
      const signature: Signature = { ...i, at };
      const to: PermitState = step === 'approver' ? 'issued' : p.status === 'issued' ? 'issued' : 'approving';
      return { to, patch: { signatures: [...p.signatures, signature] }, data: { ...signature } };
    }
    case 'guardian-arrive':
      return { to: p.status, patch: { guardianOnSite: true }, data: { at } };
    case 'guardian-leave':
      // The guardian takes back the permit and the work stops (§4.10).
      if (p.status === 'in_progress')
        return {
          to: 'suspended',
          patch: { guardianOnSite: false, interruptions: [...p.interruptions, { from: at, to: null }] },
          data: { reason: '监护人离开现场', suspended: true },
        };
      return { to: p.status, patch: { guardianOnSite: false }, data: {} };
    case 'start': {
      const c = ctx('start');
      violations.push(...checkValidity(c), ...checkGas(c), ...checkGuardianPresence(c));
      if (p.type === 'hot_work' && !p.signatures.some((s) => s.step === 'shift_leader_check'))
        errors.push({ path: '', message: '动火作业开始前须经岗位当班班长验票' });
      return { to: 'in_progress', patch: { startedAt: at }, data: {} };
    }
    case 'suspend':
      return {
        to: 'suspended',
        patch: { interruptions: [...p.interruptions, { from: at, to: null }] },
        data: raw as Record<string, unknown>,
      };
    case 'resume': {
      const interruptions = p.interruptions.map((i) => (i.to === null ? { ...i, to: at } : i));
      const c = ctx('continue', {
        interruptions: interruptions.map((i) => ({ from: Date.parse(i.from), to: Date.parse(i.to!) })),
      });
      violations.push(...checkValidity(c), ...checkGas(c), ...checkGuardianPresence(c));
      return { to: 'in_progress', patch: { interruptions }, data: {} };
    }
    case 'complete':
      return { to: 'completed', patch: { completedAt: at }, data: {} };
    case 'accept': {
      const i = raw as PermitActionInput<'accept'>;
      const signature: Signature = {
        step: 'acceptance',
        name: i.name,
        at,
        ...(i.opinion ? { opinion: i.opinion } : {}),
      };
      return { to: 'accepted', patch: { signatures: [...p.signatures, signature] }, data: { ...signature } };
    }
    case 'close': {
      const open = checkPermit({ ...p, status: 'closed' }, now, opts).filter((v) =>
        v.code.startsWith('APPROVAL'),
      );
      violations.push(...open);
      return { to: 'closed', patch: { closedAt: at }, data: {} };
    }
    case 'cancel':
      return { to: 'cancelled', patch: {}, data: raw as Record<string, unknown> };
  }
}

/**
 * Expires an issued, in-progress or suspended permit once `now` is past the end of its validity (strict:
 * at the end itself it is still valid). Returns the decision to persist, or null when not due.
 */
export function expireIfDue(p: Permit, now: Date, opts: UpgradeOptions = {}): PermitDecision | null {
  if (!ACTIVE_PERMIT_STATES.includes(p.status)) return null;
  const end = validityEnd(permitContext(p, now, opts, 'hold'));
  if (now.getTime() <= end) return null;
  const interruptions = p.interruptions.map((i) => (i.to === null ? { ...i, to: now.toISOString() } : i));
  return {
    ok: true,
    to: 'expired',
    patch: { interruptions },
    event: {
      action: 'expire',
      from: p.status,
      to: 'expired',
      data: { validUntil: new Date(end).toISOString() },
    },
  };
}

/** Signature steps of a permit's chain still to be signed, for the approval inbox. */
export function unsignedSteps(p: Permit): SignatureStep[] {
  const signed = new Set(p.signatures.map((s) => s.step));
  return signatureChain(p.type).filter((s) => !signed.has(s));
}
