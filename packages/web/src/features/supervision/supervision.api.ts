import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../api/client';
import type { Page } from '../../api/types';

export interface Escalation {
  id: string;
  unitType: 'hazard' | 'district' | 'department';
  unitKey: string;
  hazardId: string | null;
  hazardCode: string | null;
  hazardTitle: string | null;
  enterpriseId: string | null;
  enterpriseName: string | null;
  districtCode: string | null;
  rung: string;
  daysOverdue: number | null;
  asOf: string;
  title: string;
  body: string;
  createdAt: string;
}

export interface EscalationQuery {
  hazardId?: string;
  district?: string;
  rung?: string;
  unitType?: string;
  page?: number;
  pageSize?: number;
}

export interface EscalationRun {
  asOf: string;
  hazardsChecked: number;
  created: number;
  byRung: Record<string, number>;
  units: number;
}

export interface Exposure {
  id: string;
  hazardCode: string;
  hazardTitle: string;
  enterpriseName: string;
  districtCode: string;
  districtName: string | null;
  daysOverdue: number | null;
  exposedAt: string;
  rectified: boolean;
  title: string;
  body: string;
}

export function useEscalations(q: EscalationQuery) {
  return useQuery({
    queryKey: ['escalations', q],
    queryFn: ({ signal }) => api.get<Page<Escalation>>('/api/supervision/escalations', q as Query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRunEscalations() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (asOf: string | undefined) =>
      api.post<EscalationRun>('/api/supervision/escalations/run', asOf ? { asOf } : {}),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: ['escalations'] }),
        qc.invalidateQueries({ queryKey: ['exposures'] }),
        qc.invalidateQueries({ queryKey: ['notifications'] }),
      ]),
  });
}

export function usePublicExposures(
  page: number,
  pageSize: number,
  filter: { district?: string; q?: string } = {},
) {
  return useQuery({
    queryKey: ['exposures', page, pageSize, filter.district, filter.q],
    queryFn: ({ signal }) =>
      api.get<Page<Exposure>>('/api/public/exposures', { page, pageSize, ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}
