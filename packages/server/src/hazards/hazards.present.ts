import { districtName, hazardStateName, isOverdue, daysOverdue, type HazardSnapshot } from '@zhiben/domain';
import type { Selectable } from 'kysely';
import type { HazardsTable } from '../db/types';

export type HazardRow = Selectable<HazardsTable> & { enterprise_name: string };

export function snapshot(r: Selectable<HazardsTable>): HazardSnapshot {
  return {
    status: r.status as HazardSnapshot['status'],
    grade: r.grade,
    source: r.source as HazardSnapshot['source'],
    deadline: r.deadline?.toISOString() ?? null,
    pendingExtension: r.pending_extension,
    rejections: r.rejections,
    supervised: r.supervised,
    closedAt: r.closed_at?.toISOString() ?? null,
    reopens: r.reopens,
  };
}

/** Row → API shape. */
export function presentHazard(r: HazardRow, now: Date, criterion?: { code: string; name: string } | null) {
  const s = snapshot(r);
  return {
    id: r.id,
    code: r.code,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    districtCode: r.district_code,
    districtName: districtName(r.district_code) ?? r.district_code,
    grade: r.grade,
    criterionId: r.criterion_id,
    criterion: criterion ?? null,
    title: r.title,
    description: r.description,
    location: r.location,
    coordinates: r.lng !== null && r.lat !== null ? { lng: r.lng, lat: r.lat } : null,
    source: r.source,
    discoveredAt: r.discovered_at.toISOString(),
    discoveredBy: r.discovered_by_name,
    status: r.status,
    statusName: hazardStateName(r.status),
    deadline: r.deadline?.toISOString() ?? null,
    overdue: isOverdue(s, now),
    daysOverdue: daysOverdue(s, now),
    plan: r.plan,
    departmentCode: r.department_code,
    attachmentIds: r.attachment_ids,
    pendingExtension: r.pending_extension,
    rejections: r.rejections,
    reopens: r.reopens,
    supervised: r.supervised,
    supervision: r.supervision,
    closedAt: r.closed_at?.toISOString() ?? null,
    acceptedBy: r.accepted_by_name,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}
