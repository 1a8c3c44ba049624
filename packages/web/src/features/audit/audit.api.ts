import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { AuditEntry, AuditVerify, Page } from '../../api/types';

export interface AuditParams {
  entityType?: string;
  entityId?: string;
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export function useAudit(p: AuditParams) {
  return useQuery({
    queryKey: ['audit', p],
    queryFn: ({ signal }) => api.get<Page<AuditEntry>>('/api/audit', { ...p }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api.get<AuditVerify>('/api/audit/verify') });
}
