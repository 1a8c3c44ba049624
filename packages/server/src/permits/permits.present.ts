import {
  districtName,
  permitGrade,
  permitStateName,
  permitTypeName,
  hotWorkGradeName,
  heightGradeName,
  liftingGradeName,
  type Permit,
  type PermitState,
} from '@zhiben/domain';
import type { Selectable } from 'kysely';
import type { PermitsTable } from '../db/types';

export type PermitRow = Selectable<PermitsTable> & { enterprise_name: string };

/** Row → the domain's Permit, for checkPermit and the workflow. */
export function toPermit(r: Selectable<PermitsTable>): Permit {
  return {
    ...(r.draft as object),
    number: r.number,
    type: r.type,
    plannedStart: r.planned_start.toISOString(),
    plannedEnd: r.planned_end.toISOString(),
    status: r.status as PermitState,
    signatures: r.signatures,
    gasAnalyses: r.gas_analyses,
    interruptions: r.interruptions,
    guardianOnSite: r.guardian_on_site,
    startedAt: r.started_at?.toISOString() ?? null,
    completedAt: r.completed_at?.toISOString() ?? null,
    closedAt: r.closed_at?.toISOString() ?? null,
  } as unknown as Permit;
}

/** The Chinese name of a grade code of any type. */
export function gradeName(type: string, grade: string | null): string | null {
  if (!grade) return null;
  if (type === 'hot_work') return hotWorkGradeName(grade);
  if (type === 'height') return heightGradeName(grade);
  if (type === 'lifting') return liftingGradeName(grade);
  return grade;
}

/** The grade the permit is managed at: stored at filing (at its planned start). */
export function storedGrade(p: Permit): string | null {
  return permitGrade(p, new Date(p.plannedStart));
}

/** Row → API shape. */
export function presentPermit(r: PermitRow) {
  const p = toPermit(r);
  return {
    ...p,
    id: r.id,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    districtCode: r.district_code,
    districtName: districtName(r.district_code) ?? r.district_code,
    typeName: permitTypeName(r.type),
    grade: r.grade,
    gradeName: gradeName(r.type, r.grade),
    statusName: permitStateName(r.status),
    validUntil: r.valid_until.toISOString(),
    zone: r.zone,
    installationId: r.installation_id,
    createdBy: r.created_by_name,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}
export type PresentedPermit = ReturnType<typeof presentPermit>;
