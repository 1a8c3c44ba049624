import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AlarmQuality, CoverageOverall } from '@zhiben/domain';
import { api } from '../../api/client';

/** Regulators read the coverage table and the alarm-quality ledger (the server scopes what they see). */
export const REGULATOR_ROLES = ['city_office', 'district_office', 'inspector', 'sysadmin'];
export const isRegulatorRole = (role: string) => REGULATOR_ROLES.includes(role);

export interface MissingEnterprise {
  id: string;
  name: string;
  uscc: string;
  districtCode: string;
  lastReadingAt: string | null;
}

export interface CoverageCell {
  category: string;
  /** null: the total over the caller's scope. */
  districtCode: string | null;
  required: number;
  live: number;
  share: number;
  missing: MissingEnterprise[];
}

export interface CoverageReport {
  at: string;
  windowHours: number;
  categories: Array<{ code: string; name: string; nameEn: string }>;
  districts: Array<{ code: string; name: string }>;
  cells: CoverageCell[];
  totals: CoverageCell[];
  overall: CoverageOverall;
}

export interface CoverageParams {
  at?: string;
  district?: string;
  category?: string;
}

export function useCoverage(params: CoverageParams) {
  return useQuery({
    queryKey: ['monitoring', 'coverage', params],
    queryFn: ({ signal }) => api.get<CoverageReport>('/api/monitoring/coverage', { ...params }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: params.at ? false : 5 * 60_000,
  });
}

export interface AlarmQualityRow extends AlarmQuality {
  enterpriseId: string;
  enterpriseName: string;
  uscc: string;
  districtCode: string;
}

export interface AlarmQualityReport {
  from: string;
  to: string;
  items: AlarmQualityRow[];
  totals: AlarmQuality;
}

export interface AlarmQualityParams {
  from?: string;
  to?: string;
  district?: string;
  enterpriseId?: string;
}

export function useAlarmQuality(params: AlarmQualityParams) {
  return useQuery({
    queryKey: ['monitoring', 'alarm-quality', params],
    queryFn: ({ signal }) =>
      api.get<AlarmQualityReport>('/api/monitoring/alarm-quality', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}
