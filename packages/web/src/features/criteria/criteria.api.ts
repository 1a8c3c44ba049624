import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import type { CriterionSector } from '@zhiben/domain';
import { api } from '../../api/client';

export interface CriteriaItem {
  id: string;
  code: string;
  sector: string;
  sectorName: string;
  version: string;
  name: string;
  description: string;
  source: string;
  article: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  builtin: boolean;
}

export type CriteriaSectorInfo = CriterionSector & { items: number; pendingText: string | null };

export interface CriteriaQuery {
  sector?: string;
  q?: string;
  inForceOn?: string;
}

export interface CriteriaItemInput {
  code: string;
  sector: string;
  version: string;
  name: string;
  description?: string;
  source: string;
  article?: string;
  effectiveFrom: string;
  effectiveTo?: string | null;
}

export function useCriteria(q: CriteriaQuery, enabled = true) {
  return useQuery({
    queryKey: ['criteria', q],
    queryFn: ({ signal }) =>
      api.get<{ items: CriteriaItem[]; sectors: CriteriaSectorInfo[] }>('/api/criteria', { ...q }, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    enabled,
  });
}

export function useCreateCriterion(form: FormInstance) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CriteriaItemInput) => api.post<CriteriaItem>('/api/criteria', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['criteria'] }),
    meta: { form },
  });
}

export function usePatchCriterion() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Partial<CriteriaItemInput> }) =>
      api.patch<CriteriaItem>(`/api/criteria/${encodeURIComponent(id)}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['criteria'] }),
  });
}
