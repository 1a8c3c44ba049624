import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import type { HazardAction, HazardCreate, RectificationPlan } from '@zhiben/domain';
import { api, type Query } from '../../api/client';
import type { Page } from '../../api/types';

export interface FileRef {
  id: string;
  name: string;
  kind: 'image' | 'document';
  url: string;
  thumbnailUrl: string | null;
}

/** What POST /api/files answers. */
export interface UploadedFile extends FileRef {
  sha256: string;
  mime: string;
  size: number;
}

export interface Hazard {
  id: string;
  code: string;
  enterpriseId: string;
  enterpriseName: string;
  districtCode: string;
  districtName: string;
  grade: 'major' | 'general';
  criterionId: string | null;
  criterion: { code: string; name: string; source?: string; article?: string } | null;
  title: string;
  description: string;
  location: string;
  coordinates: { lng: number; lat: number } | null;
  source: string;
  discoveredAt: string;
  discoveredBy: string | null;
  status: string;
  statusName: string;
  deadline: string | null;
  overdue: boolean;
  daysOverdue: number;
  plan: RectificationPlan | null;
  departmentCode: string | null;
  attachmentIds: string[];
  pendingExtension: { newDeadline: string; reason: string; requestedAt: string } | null;
  rejections: number;
  reopens: number;
  supervised: boolean;
  supervision: { body: string; deadline: string; note?: string; at: string } | null;
  closedAt: string | null;
  acceptedBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface TimelineEntry {
  id: number;
  action: string;
  actionName: string;
  from: string | null;
  to: string;
  actorName: string | null;
  at: string;
  data: Record<string, unknown> | null;
  attachments: FileRef[];
}

export interface HazardDetail extends Hazard {
  attachments: FileRef[];
  timeline: TimelineEntry[];
  allowedActions: HazardAction[];
}

export const HAZARD_FILTER_KEYS = [
  'district',
  'grade',
  'status',
  'source',
  'overdue',
  'supervised',
  'department',
  'keyword',
  'enterprise',
  'criterion',
  'discoveredFrom',
  'discoveredTo',
] as const;
export type HazardFilterKey = (typeof HAZARD_FILTER_KEYS)[number];
export type HazardFilters = Partial<Record<HazardFilterKey, string>>;
export interface HazardListParams extends HazardFilters {
  sort?: string;
  page?: number;
  pageSize?: number;
}

export const hazardKeys = {
  all: ['hazards'] as const,
  list: (p: HazardListParams) => ['hazards', 'list', p] as const,
  one: (id: string) => ['hazards', 'one', id] as const,
};

export function useHazardList(p: HazardListParams, enabled = true) {
  return useQuery({
    queryKey: hazardKeys.list(p),
    queryFn: ({ signal }) => api.get<Page<Hazard>>('/api/hazards', p as Query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useHazard(id: string | undefined) {
  return useQuery({
    queryKey: hazardKeys.one(id ?? ''),
    queryFn: () => api.get<HazardDetail>(`/api/hazards/${encodeURIComponent(id!)}`),
    enabled: !!id,
  });
}

/** Everything that shows hazard numbers: lists, details, statistics, the supervision board. */
function invalidateHazardViews(qc: ReturnType<typeof useQueryClient>) {
  return Promise.all([
    qc.invalidateQueries({ queryKey: hazardKeys.all }),
    qc.invalidateQueries({ queryKey: ['stats'] }),
    qc.invalidateQueries({ queryKey: ['escalations'] }),
    qc.invalidateQueries({ queryKey: ['notifications'] }),
  ]);
}

export function useCreateHazard(form: FormInstance) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: HazardCreate) => api.post<Hazard>('/api/hazards', body),
    onSuccess: () => invalidateHazardViews(qc),
    meta: { form },
  });
}

export function useHazardAction(id: string, form?: FormInstance) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, input }: { action: HazardAction; input: Record<string, unknown> }) =>
      api.post<Hazard>(`/api/hazards/${encodeURIComponent(id)}/actions/${action}`, input),
    onSettled: () => invalidateHazardViews(qc),
    meta: { form },
  });
}

export function useUpdatePlan(id: string, form?: FormInstance) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (plan: RectificationPlan) =>
      api.put<Hazard>(`/api/hazards/${encodeURIComponent(id)}/plan`, plan),
    onSuccess: () => invalidateHazardViews(qc),
    meta: { form },
  });
}

export const uploadFile = (file: File) => api.upload<UploadedFile>('/api/files', file);
