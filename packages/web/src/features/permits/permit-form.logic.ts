/** The permit form's logic, without React: form values → draft, and the live rule check. */
import {
  PERMIT_CHECKLISTS,
  checkWorkers,
  dryRunCheck,
  permitCheckInputSchema,
  type PermitType,
  type PermitViolation,
} from '@zhiben/domain';
import type { Dayjs } from 'dayjs';
import { toShanghaiIso } from '../hazards/time';
import type { PermitWorker } from './permits.api';

export type Values = Record<string, unknown> & {
  planned?: [Dayjs, Dayjs];
  workers?: { workerId?: string; noCertificate?: boolean }[];
  guardians?: { workerId?: string }[];
  measures?: { applies?: boolean; confirmer?: string }[];
  relatedPermits?: { type?: string; number?: string }[];
  details?: Record<string, unknown>;
};

const clean = (o: Record<string, unknown> = {}) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ''));

/** Form values → the draft the API takes (and the domain checks). */
export function toDraft(type: PermitType, v: Values, registry: PermitWorker[]) {
  const name = (id?: string) => registry.find((w) => w.id === id)?.name ?? '';
  const [start, end] = v.planned ?? [];
  const details = clean(v.details);
  if (type === 'temp_power') {
    const reason = (v.details?.specialCase as { reason?: string } | undefined)?.reason;
    if (reason) details.specialCase = { reason };
    else delete details.specialCase;
    details.equipment = ((v.details?.equipment as Record<string, unknown>[]) ?? []).map((e) => clean(e));
  }
  const other = v.otherMeasures as { text?: string; author?: string } | undefined;
  return {
    type,
    applyingUnit: v.applyingUnit,
    content: v.content,
    location: v.location,
    workUnit: v.workUnit,
    workLeader: v.workLeader,
    workers: (v.workers ?? [])
      .filter((w) => w?.workerId)
      .map((w) => ({
        workerId: w.workerId,
        name: name(w.workerId),
        ...(w.noCertificate ? { certificateType: null } : {}),
      })),
    guardians: (v.guardians ?? [])
      .filter((g) => g?.workerId)
      .map((g) => ({ workerId: g.workerId, name: name(g.workerId) })),
    relatedPermits: (v.relatedPermits ?? [])
      .filter((r) => r?.number)
      .map((r) => ({ type: r.type, number: r.number })),
    riskIdentification: v.riskIdentification,
    plannedStart: start ? toShanghaiIso(start) : undefined,
    plannedEnd: end ? toShanghaiIso(end) : undefined,
    measures: PERMIT_CHECKLISTS[type].items.map((i, k) => ({
      code: i.code,
      applies: !!v.measures?.[k]?.applies,
      ...(v.measures?.[k]?.confirmer ? { confirmer: v.measures[k]!.confirmer } : {}),
    })),
    ...(other?.text ? { otherMeasures: { text: other.text, author: other.author ?? '' } } : {}),
    details,
    ...(v.zone ? { zone: v.zone } : {}),
  };
}

const GAS_CODES = /GAS|MONITORING|OXYGEN/;

/** The rules a draft can be judged by before any analysis: validity, grade, weather, people. */
export function liveCheck(type: PermitType, draft: ReturnType<typeof toDraft>, registry: PermitWorker[]) {
  const d = draft.details as Record<string, unknown>;
  const out: PermitViolation[] = [];
  let grade: string | undefined;
  if (draft.plannedStart && draft.plannedEnd) {
    const parsed = permitCheckInputSchema.safeParse({
      ...clean({
        type,
        grade: d.grade,
        heightM: d.heightM,
        objectiveFactors: d.objectiveFactors,
        heightConditions: d.conditions,
        massT: d.massT,
        outdoor: d.outdoor,
        windForce: d.windForce,
        oxygenEquipment: type === 'confined_space' ? d.oxygenEnriched : d.oxygenEquipment,
        depthM: d.depthM,
        processOrTankArea: d.processOrTankArea,
        inHazardArea: d.inHazardArea,
        specialCase: d.specialCase ? true : undefined,
      }),
      plannedStart: draft.plannedStart,
      plannedEnd: draft.plannedEnd,
      at: draft.plannedStart,
    });
    if (parsed.success) {
      const r = dryRunCheck(parsed.data);
      grade = r.grade;
      out.push(...r.violations.filter((x) => !GAS_CODES.test(x.code) && x.code !== 'PERMIT_NOT_YET_VALID'));
    }
  }
  if (draft.guardians.length === 0)
    out.push({ code: 'GUARDIAN_MISSING', clause: 'GB 30871-2022 4.10', message: '特殊作业必须设监护人' });
  out.push(
    ...checkWorkers(
      draft as never,
      registry.map((w) => ({ id: w.id, certificates: w.certificates, guardianTrained: w.guardianTrained })),
      new Date(),
    ),
  );
  if (type === 'lifting' && grade === 'none')
    out.push({
      code: 'LIFTING_PLAN_MISSING',
      clause: 'GB 30871-2022 表B.1',
      message: '吊物质量小于10 t，可不办理吊装作业票，但应进行作业风险分析',
    });
  return { grade, violations: out };
}
