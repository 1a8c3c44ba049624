/**
 * Blind plates (§7, domain-facts §1.5): one permit covers one plate and one action (§7.11), so no two
 * active permits may name the same plate and action; and no two blind-plate operations may run on the
 * same pipeline at the same time. "At the same time" is read as: both permits active (issued, in progress
 * or suspended) with overlapping planned windows — [M] the conservative reading; work actually done at
 * different moments under overlapping permits is still refused.
 */
import { ACTIVE_PERMIT_STATES, type PermitState } from './model';
import { BLIND_PLATE_ACTIONS, type BlindPlateAction } from './types';
import { violation, type PermitViolation } from './violations';

/** What the blind-plate rules read from a permit. */
export interface BlindPlatePermitLike {
  number: string;
  status: PermitState;
  plannedStart: string;
  plannedEnd: string;
  details: { pipelineId: string; plateNumber: string; action: BlindPlateAction };
}

const overlap = (a: BlindPlatePermitLike, b: BlindPlatePermitLike) =>
  Date.parse(a.plannedStart) < Date.parse(b.plannedEnd) &&
  Date.parse(b.plannedStart) < Date.parse(a.plannedEnd);
const actionName = (a: BlindPlateAction) => BLIND_PLATE_ACTIONS.find((x) => x.code === a)!.name;

/**
 * Violations of a blind-plate permit against other permits. `others` are the enterprise's other
 * blind-plate permits; only active ones count, and the permit itself (same number) is skipped. Run it
 * before issuing, so the candidate need not be active itself.
 */
export function checkBlindPlateAgainst(
  permit: BlindPlatePermitLike,
  others: readonly BlindPlatePermitLike[],
): PermitViolation[] {
  const out: PermitViolation[] = [];
  const d = permit.details;
  for (const o of others) {
    if (o.number === permit.number || !ACTIVE_PERMIT_STATES.includes(o.status)) continue;
    if (o.details.plateNumber === d.plateNumber && o.details.action === d.action)
      out.push(
        violation(
          'BLIND_PLATE_DUPLICATE',
          `盲板${d.plateNumber}的“${actionName(d.action)}”已有作业票${o.number}，一块盲板的一次抽或堵只办理一张作业票`,
        ),
      );
    else if (o.details.pipelineId === d.pipelineId && overlap(permit, o))
      out.push(
        violation(
          'BLIND_PLATE_SAME_PIPELINE',
          `管道${d.pipelineId}上已有盲板抽堵作业票${o.number}在有效期内，同一管道不得同时进行两处及以上盲板抽堵作业`,
        ),
      );
  }
  return out;
}

/** Every conflict within a set of permits, each pair once: for the board of active blind-plate permits. */
export function blindPlateConflicts(
  permits: readonly BlindPlatePermitLike[],
): { numbers: [string, string]; violation: PermitViolation }[] {
  const active = permits.filter((p) => ACTIVE_PERMIT_STATES.includes(p.status));
  const out: { numbers: [string, string]; violation: PermitViolation }[] = [];
  for (let i = 0; i < active.length; i++)
    for (let j = i + 1; j < active.length; j++) {
      const [a, b] = [active[i]!, active[j]!];
      for (const v of checkBlindPlateAgainst(a, [b]))
        out.push({ numbers: [a.number, b.number], violation: v });
    }
  return out;
}
