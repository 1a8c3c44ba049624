import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MilestoneResult } from '@zhiben/domain';
import { api, type Query } from '../../api/client';

export interface StatsRow {
  key: string;
  label: string;
  total: number;
  open: number;
  closed: number;
  overdue: number;
  major: number;
  general: number;
  rectificationRate: number;
  avgDaysToClose: number | null;
}

export type GroupBy =
  'district' | 'industry' | 'sector' | 'grade' | 'status' | 'source' | 'department' | 'month';

export interface StatsFilters {
  from?: string;
  to?: string;
  district?: string;
  grade?: string;
}

export interface ZeroClearing {
  asOf: string;
  stock: { total: number; openAt: Record<string, number> };
  monthly: { month: string; found: number; closed: number }[];
  current: { openMajor: number; overdueMajor: number };
  milestones: MilestoneResult[];
  note?: string;
}

export function useHazardStats(groupBy: GroupBy, f: StatsFilters) {
  return useQuery({
    queryKey: ['stats', 'hazards', groupBy, f],
    queryFn: ({ signal }) =>
      api.get<{ rows: StatsRow[] }>('/api/stats/hazards', { groupBy, ...f } as Query, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useZeroClearing() {
  return useQuery({
    queryKey: ['stats', 'zero-clearing'],
    queryFn: ({ signal }) => api.get<ZeroClearing>('/api/stats/zero-clearing', undefined, signal),
    staleTime: 30_000,
  });
}
