/**
 * The opinion and signature chain (Table B.1 and the Appendix A forms, domain-facts §1.11): the steps in
 * order, the approver's level for the type and grade, each signature timed to the minute.
 *
 * [V] The hot-work chain (Table A.1): briefing, guardian, work leader, owning unit, safety department,
 * approver, shift-leader ticket check before ignition, completion acceptance.
 * [M] The other forms' chains are not in domain-facts; we use briefing, guardian, work leader, owning
 * unit, approver, acceptance, with a countersign step before the approver where Table B.1 names
 * countersigning units (excavation, road breaking). For temporary electricity the power-supply unit both
 * countersigns and approves (Table B.1), so its approver step carries that level.
 */
import { ISSUED_OR_LATER, STARTED_OR_LATER, type Permit } from './model';
import type { SignatureStep } from './schemas';
import {
  approverLevelName,
  type ApproverLevel,
  type HeightGrade,
  type HotWorkGrade,
  type LiftingGrade,
  type PermitType,
} from './types';
import { violation, whenZh, type PermitViolation } from './violations';

export const SIGNATURE_STEP_NAMES: Record<SignatureStep, string> = {
  briefing: '安全交底',
  guardian: '监护人',
  work_leader: '作业负责人意见',
  owning_unit: '所在单位意见',
  safety_department: '安全管理部门意见',
  countersign: '相关部门会签意见',
  approver: '审批部门意见',
  shift_leader_check: '作业前岗位当班班长验票',
  acceptance: '完工验收',
};

const BASE: SignatureStep[] = ['briefing', 'guardian', 'work_leader', 'owning_unit'];

/** The signature chain of a permit type, in order. */
export function signatureChain(type: PermitType): SignatureStep[] {
  switch (type) {
    case 'hot_work':
      return [...BASE, 'safety_department', 'approver', 'shift_leader_check', 'acceptance'];
    case 'excavation':
    case 'road_closure':
      return [...BASE, 'countersign', 'approver', 'acceptance'];
    default:
      return [...BASE, 'approver', 'acceptance'];
  }
}

/** Steps signed before the permit is issued: everything up to and including the approver. */
export function preIssueSteps(type: PermitType): SignatureStep[] {
  const chain = signatureChain(type);
  return chain.slice(0, chain.indexOf('approver') + 1);
}

export type PermitGrade = HotWorkGrade | HeightGrade | LiftingGrade;

/** Who approves (Table B.1); null for a lift under 10 t (no permit). */
export function requiredApprover(type: PermitType, grade?: PermitGrade | null): ApproverLevel | null {
  switch (type) {
    case 'hot_work':
      return grade === 'special' ? 'leader' : grade === 'level1' ? 'safety_department' : 'grassroots_unit';
    case 'confined_space':
    case 'blind_plate':
      return 'grassroots_unit';
    case 'height':
      return grade === 'IV'
        ? 'chief'
        : grade === 'II' || grade === 'III'
          ? 'specialist_department'
          : 'grassroots_unit';
    case 'lifting':
      return grade === 'none' ? null : grade === 'level1' ? 'chief' : 'specialist_department';
    case 'temp_power':
      return 'power_supply_unit';
    case 'excavation':
    case 'road_closure':
      return 'specialist_department';
  }
}

/** Minute of an instant: signatures are compared to the minute, so two in the same minute are in order. */
const minute = (iso: string) => Math.floor(Date.parse(iso) / 60_000);

/**
 * Violations of the signature chain: steps due for the permit's status that are missing, signatures out
 * of order (a later step timed before an earlier one, or a pre-start step after the start), times in the
 * future, and an approver of the wrong level. A step is due from: issued (up to the approver), started
 * (the hot-work shift-leader check) and accepted (completion acceptance).
 */
export function checkApprovals(p: Permit, grade: PermitGrade | null, now: Date): PermitViolation[] {
  const out: PermitViolation[] = [];
  const chain = signatureChain(p.type);
  const byStep = new Map(p.signatures.map((s) => [s.step, s]));
  const due = new Set<SignatureStep>();
  if (ISSUED_OR_LATER.includes(p.status)) preIssueSteps(p.type).forEach((s) => due.add(s));
  if (STARTED_OR_LATER.includes(p.status) && p.type === 'hot_work') due.add('shift_leader_check');
  if (p.status === 'accepted' || p.status === 'closed') due.add('acceptance');
  for (const step of chain)
    if (due.has(step) && !byStep.has(step))
      out.push(violation('APPROVAL_MISSING', `缺少“${SIGNATURE_STEP_NAMES[step]}”签字`));

  let prev: { step: SignatureStep; at: string } | null = null;
  for (const step of chain) {
    const s = byStep.get(step);
    if (!s) continue;
    if (minute(s.at) > Math.floor(now.getTime() / 60_000))
      out.push(
        violation('APPROVAL_TIME', `“${SIGNATURE_STEP_NAMES[step]}”的签字时间${whenZh(s.at)}晚于当前时间`),
      );
    if (prev && minute(s.at) < minute(prev.at))
      out.push(
        violation(
          'APPROVAL_ORDER',
          `“${SIGNATURE_STEP_NAMES[step]}”（${whenZh(s.at)}）签在“${SIGNATURE_STEP_NAMES[prev.step]}”（${whenZh(prev.at)}）之前，签字须按顺序进行`,
        ),
      );
    prev = { step, at: s.at };
  }

  if (p.startedAt)
    for (const step of [
      ...preIssueSteps(p.type),
      ...(p.type === 'hot_work' ? ['shift_leader_check' as const] : []),
    ]) {
      const s = byStep.get(step);
      if (s && minute(s.at) > minute(p.startedAt))
        out.push(
          violation(
            'APPROVAL_ORDER',
            `“${SIGNATURE_STEP_NAMES[step]}”（${whenZh(s.at)}）晚于作业开始时间（${whenZh(p.startedAt)}）`,
          ),
        );
    }

  const approver = byStep.get('approver');
  const level = requiredApprover(p.type, grade);
  if (approver && level && approver.level !== level)
    out.push(
      violation(
        'APPROVER_LEVEL',
        `该作业票应由${approverLevelName(level)}审批，签字人层级为${approver.level ? approverLevelName(approver.level) : '未填写'}`,
      ),
    );
  return out;
}
