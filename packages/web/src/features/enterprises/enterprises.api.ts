import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import type { EnterpriseCreate, EnterprisePatch } from '@zhiben/domain';
import { api, type Query } from '../../api/client';
import type { Enterprise, ImportResult, Page } from '../../api/types';

export const FILTER_KEYS = [
  'district',
  'industry',
  'sector',
  'category',
  'status',
  'scale',
  'department',
  'keyword',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type EnterpriseFilters = Partial<Record<FilterKey, string>>;

export interface ListParams extends EnterpriseFilters {
  sort?: string;
  page?: number;
  pageSize?: number;
}

export const enterpriseKeys = {
  all: ['enterprises'] as const,
  list: (p: ListParams) => ['enterprises', 'list', p] as const,
  one: (id: string) => ['enterprises', 'one', id] as const,
};

export function fetchEnterprises(p: ListParams) {
  return api.get<Page<Enterprise>>('/api/enterprises', p as Query);
}

export function useEnterpriseList(p: ListParams) {
  return useQuery({
    queryKey: enterpriseKeys.list(p),
    queryFn: ({ signal }) => api.get<Page<Enterprise>>('/api/enterprises', p as Query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useEnterprise(id: string | undefined) {
  return useQuery({
    queryKey: enterpriseKeys.one(id ?? ''),
    queryFn: () => api.get<Enterprise>(`/api/enterprises/${encodeURIComponent(id!)}`),
    enabled: !!id,
  });
}

export function useCreateEnterprise(form: FormInstance) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: EnterpriseCreate) => api.post<Enterprise>('/api/enterprises', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: enterpriseKeys.all }),
    meta: { form },
  });
}

export function useUpdateEnterprise(id: string, form: FormInstance) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: EnterprisePatch) =>
      api.patch<Enterprise>(`/api/enterprises/${encodeURIComponent(id)}`, body),
    onSuccess: (e) => {
      qc.setQueryData(enterpriseKeys.one(id), e);
      return qc.invalidateQueries({ queryKey: ['enterprises', 'list'] });
    },
    meta: { form },
  });
}

export function useImportEnterprises() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, mode }: { file: File; mode: ImportResult['mode'] }) =>
      api.upload<ImportResult>('/api/enterprises/import', file, { mode }),
    onSuccess: (r) => {
      if (r.imported > 0) return qc.invalidateQueries({ queryKey: enterpriseKeys.all });
    },
  });
}

export const downloadTemplate = () =>
  api.download('/api/enterprises/template', undefined, '企业台账导入模板.xlsx');
export const downloadExport = (filters: EnterpriseFilters & { sort?: string }) =>
  api.download('/api/enterprises/export', filters as Query, '企业台账.xlsx');
