import type { Permit } from './model';
import type { GasAnalysis, Signature } from './schemas';
import type { PermitActor, PermitDecision } from './workflow-schemas';

// Shared fixtures of the permit tests (test-only; not exported from the package).

/** Wednesday 2025-03-12, 08:00 in Asia/Shanghai: a working day, daytime. */
export const T0 = '2025-03-12T08:00:00+08:00';
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
/** T0 plus an offset in ms, as an ISO instant. */
export const plus = (ms: number, base = T0): string => new Date(Date.parse(base) + ms).toISOString();
export const at = (ms: number, base = T0): Date => new Date(Date.parse(base) + ms);

/** A passing analysis (methane-like LEL 5 %, 0.1 %, O₂ 20.9 %). */
export function gas(sampledAt: string, over: Partial<GasAnalysis> = {}): GasAnalysis {
  return { sampledAt, lelPercent: 5, concentrationPercent: 0.1, oxygenPercent: 20.9, ...over };
}

const sig = (step: Signature['step'], atIso: string, over: Partial<Signature> = {}): Signature => ({
  step,
  name: `签字人-${step}`,
  at: atIso,
  ...over,
});
/** The hot-work chain up to the approver, one minute apart, ending 30 minutes before T0. */
export function hotWorkSignatures(level: Signature['level'] = 'safety_department'): Signature[] {
  const steps: Signature['step'][] = [
    'briefing',
    'guardian',
    'work_leader',
    'owning_unit',
    'safety_department',
  ];
  return [
    ...steps.map((s, i) => sig(s, plus(-40 * MIN + i * MIN))),
    sig('approver', plus(-30 * MIN), { level }),
  ];
}
export const shiftCheck = (atIso = plus(-5 * MIN)) => sig('shift_leader_check', atIso);

/** A 一级 hot-work permit, draft, planned T0 to T0 + 8 h. */
export function hotWork(over: Partial<Permit> = {}, details: Record<string, unknown> = {}): Permit {
  return {
    number: 'DH-2025-0001',
    type: 'hot_work',
    applyingUnit: '一车间',
    appliedAt: plus(-2 * HOUR),
    content: '更换法兰垫片后补焊',
    location: '一车间管廊',
    workUnit: '维修班',
    workLeader: '张三',
    workers: [{ workerId: 'w1', name: '李焊工' }],
    guardians: [{ workerId: 'g1', name: '王监护' }],
    relatedPermits: [],
    riskIdentification: '火灾、爆炸、灼烫',
    plannedStart: T0,
    plannedEnd: plus(8 * HOUR),
    measures: [{ code: 'hw_no_gas_release_30m', applies: true, confirmer: '张三' }],
    details: { grade: 'level1', method: '电焊', outdoor: false, oxygenEquipment: false, ...details },
    status: 'draft',
    signatures: [],
    gasAnalyses: [],
    interruptions: [],
    guardianOnSite: false,
    startedAt: null,
    completedAt: null,
    ...over,
  } as Permit;
}

const actor = (over: Partial<PermitActor>): PermitActor => ({
  role: 'enterprise_staff',
  ownEnterprise: true,
  sysadmin: false,
  duties: [],
  approverLevels: [],
  ...over,
});
export const ACTORS = {
  leader: actor({ userId: 'u-leader', duties: ['applicant', 'work_leader'] }),
  guardian: actor({ userId: 'u-guardian', duties: ['guardian'] }),
  analyst: actor({ userId: 'u-analyst', duties: ['analyst'] }),
  signatory: actor({ userId: 'u-sign', duties: ['signatory', 'acceptor'] }),
  shift: actor({ userId: 'u-shift', duties: ['shift_leader'] }),
  safetyDept: actor({ role: 'enterprise_safety', approverLevels: ['safety_department'] }),
  unitHead: actor({ approverLevels: ['grassroots_unit'] }),
  staff: actor({}),
  otherEnterprise: actor({ ownEnterprise: false, duties: ['work_leader'], role: 'enterprise_safety' }),
  sysadmin: actor({ role: 'sysadmin', sysadmin: true }),
} satisfies Record<string, PermitActor>;

/** The HTTP-like outcome of a decision: ok, 409, 403 or 400. */
export function outcome(d: PermitDecision): string {
  return d.ok ? 'ok' : d.error === 'invalid_state' ? '409' : d.error === 'forbidden' ? '403' : '400';
}
/** Codes of the violations that refused a decision. */
export const codesOf = (d: PermitDecision): string[] =>
  !d.ok && d.error === 'invalid' ? (d.violations ?? []).map((v) => v.code) : [];
