/** The permit page's data: the permit, its violations now, what the caller may do, the timeline. */
import type { Kysely } from 'kysely';
import {
  PERMIT_CHECKLISTS,
  SIGNATURE_STEP_NAMES,
  allowedPermitActions,
  approverLevelName,
  checkPermit,
  nextSignatureStep,
  permitActionName,
  permitGrade,
  requiredApprover,
  requiresGasAnalysis,
  signatureChain,
  type Actor,
} from '@zhiben/domain';
import type { DB } from '../db/types';
import { notFound } from '../http/errors';
import { findPermit, permitEvents } from './permits.repo';
import { presentPermit, toPermit, type PermitRow } from './permits.present';
import { permitActorFor } from './permits.policy';
import { blindPlateViolations, expireDuePermits, qualificationViolations } from './permits.service';

const FINISHED = ['closed', 'cancelled', 'expired'];

/** Where the printed QR code points: the public verification page of this permit. */
export const verifyPath = (r: { number: string; verify_token: string }) =>
  `/public/permits/${encodeURIComponent(r.number)}?v=${r.verify_token}`;

export async function permitSummary(row: PermitRow, actor: Actor, now: Date) {
  const p = toPermit(row);
  const who = permitActorFor(actor, row);
  const step = nextSignatureStep(p);
  const level = requiredApprover(p.type, permitGrade(p, new Date(p.plannedStart)));
  return {
    ...presentPermit(row),
    allowedActions: allowedPermitActions(p, who, now),
    nextSignatureStep: step,
    nextSignatureStepName: step ? SIGNATURE_STEP_NAMES[step] : null,
    approverLevel: level,
    approverLevelName: level ? approverLevelName(level) : null,
    requiresGasAnalysis: requiresGasAnalysis(p, now),
  };
}

export async function permitDetail(db: Kysely<DB>, actor: Actor, id: string, now = new Date()) {
  await expireDuePermits(db, now, { id });
  const row = await findPermit(db, actor, id);
  if (!row) throw notFound('作业票');
  const p = toPermit(row);
  const violations = checkPermit(p, now);
  if (!FINISHED.includes(row.status)) {
    violations.push(...(await qualificationViolations(db, row.enterprise_id, p, now)));
    violations.push(...(await blindPlateViolations(db, row.enterprise_id, p)));
  }
  const events = await permitEvents(db, row.id);
  const checklist = PERMIT_CHECKLISTS[p.type];
  return {
    ...(await permitSummary(row, actor, now)),
    violations,
    signatureChain: signatureChain(p.type).map((s) => ({
      step: s,
      name: SIGNATURE_STEP_NAMES[s],
      signature: p.signatures.find((x) => x.step === s) ?? null,
    })),
    checklist: { formRows: checklist.formRows, items: checklist.items },
    verifyPath: verifyPath(row),
    timeline: events.map((e) => ({
      id: Number(e.id),
      action: e.action,
      actionName:
        e.action === 'create'
          ? '填报作业票'
          : e.action === 'expire'
            ? '超过有效期自动失效'
            : permitActionName(e.action),
      from: e.from_status,
      to: e.to_status,
      actorName: e.actor_name,
      at: e.at.toISOString(),
      data: e.data,
    })),
  };
}
