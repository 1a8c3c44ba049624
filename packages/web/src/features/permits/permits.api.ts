import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import type {
  GasAnalysis,
  Interruption,
  PermitAction,
  PermitCheckResult,
  PermitDraft,
  PermitState,
  PermitType,
  PermitViolation,
  PermitGasReadings,
  PointLevel,
  Signature,
  SignatureStep,
} from '@zhiben/domain';
import { api, type Query } from '../../api/client';
import type { Page } from '../../api/types';

/** What the list, the board and the inbox show of a permit. */
export type PermitSummary = PermitDraft & {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  districtCode: string;
  districtName: string;
  typeName: string;
  grade: string | null;
  gradeName: string | null;
  status: PermitState;
  statusName: string;
  signatures: Signature[];
  gasAnalyses: GasAnalysis[];
  interruptions: { from: string; to: string | null }[];
  guardianOnSite: boolean;
  startedAt: string | null;
  completedAt: string | null;
  closedAt: string | null;
  validUntil: string;
  zone: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  allowedActions: PermitAction[];
  nextSignatureStep: SignatureStep | null;
  nextSignatureStepName: string | null;
  approverLevel: string | null;
  approverLevelName: string | null;
  requiresGasAnalysis: boolean;
  pendingActions?: PermitAction[];
};

export interface PermitTimelineEntry {
  id: number;
  action: string;
  actionName: string;
  from: string | null;
  to: string;
  actorName: string;
  at: string;
  data: Record<string, unknown>;
}

export type PermitDetail = PermitSummary & {
  violations: PermitViolation[];
  signatureChain: { step: SignatureStep; name: string; signature: Signature | null }[];
  checklist: { formRows: number; items: { code: string; text: string }[] };
  verifyPath: string;
  timeline: PermitTimelineEntry[];
};

export interface PermitWorker {
  id: string;
  enterpriseId: string;
  name: string;
  idNumber: string | null;
  phone: string | null;
  certificates: { type: string; typeName: string; number: string; validUntil: string; valid: boolean }[];
  guardianTrained: boolean;
  updatedAt: string;
  version: number;
}

export interface PermitStats {
  groupBy: string;
  rows: {
    key: string;
    name: string;
    total: number;
    active: number;
    closed: number;
    cancelled: number;
    expired: number;
    violations: number;
  }[];
  totals: { permits: number; violations: number; refusedActions: number };
  violationsByCode: { code: string; count: number }[];
  adoption: {
    districtCode: string;
    districtName: string;
    majorHazardEnterprises: number;
    usingElectronicPermits: number;
    share: number;
  }[];
  adoptionTotal: { majorHazardEnterprises: number; usingElectronicPermits: number; share: number };
}

export interface PublicPermit {
  number: string;
  type: PermitType;
  typeName: string;
  grade: string | null;
  gradeName: string | null;
  status: PermitState;
  statusName: string;
  valid: boolean;
  plannedStart: string;
  plannedEnd: string;
  validUntil: string;
  enterpriseName: string;
  location: string;
  workUnit: string;
  workLeader: string;
  workers: string[];
  guardians: string[];
  approvedBy: string | null;
  approvedAt: string | null;
  checkedAt: string;
}

export type { GasAnalysis, Interruption, PermitCheckResult };

export type { PermitGasPoint, PermitGasReadings } from '@zhiben/domain';
export type GasLevel = PointLevel;

export interface PermitListParams {
  enterprise?: string;
  type?: string;
  status?: string;
  date?: string;
  keyword?: string;
  page?: number;
  pageSize?: number;
}

export const permitKeys = {
  all: ['permits'] as const,
  list: (p: PermitListParams) => ['permits', 'list', p] as const,
  one: (id: string) => ['permits', 'one', id] as const,
  gas: (id: string) => ['permits', 'gas', id] as const,
  inbox: ['permits', 'inbox'] as const,
  workers: (enterprise?: string) => ['permits', 'workers', enterprise ?? ''] as const,
  stats: (groupBy: string, from?: string, to?: string) => ['permits', 'stats', groupBy, from, to] as const,
};

export function usePermitList(p: PermitListParams, refetchInterval?: number) {
  return useQuery({
    queryKey: permitKeys.list(p),
    queryFn: ({ signal }) => api.get<Page<PermitSummary>>('/api/permits', p as Query, signal),
    placeholderData: keepPreviousData,
    refetchInterval,
  });
}

export function usePermit(id: string | undefined, refetchInterval?: number) {
  return useQuery({
    queryKey: permitKeys.one(id ?? ''),
    queryFn: () => api.get<PermitDetail>(`/api/permits/${encodeURIComponent(id!)}`),
    enabled: !!id,
    refetchInterval,
  });
}

/** The live gas readings of a permit's workplace; polled every `refetchInterval` ms when given. */
export function usePermitGasReadings(id: string | undefined, refetchInterval?: number) {
  return useQuery({
    queryKey: permitKeys.gas(id ?? ''),
    queryFn: ({ signal }) =>
      api.get<PermitGasReadings>(`/api/permits/${encodeURIComponent(id!)}/gas-readings`, undefined, signal),
    enabled: !!id,
    refetchInterval,
    placeholderData: keepPreviousData,
  });
}

export function usePermitInbox() {
  return useQuery({
    queryKey: permitKeys.inbox,
    queryFn: () => api.get<{ items: PermitSummary[]; total: number }>('/api/permits/inbox'),
    refetchInterval: 30_000,
  });
}

export function useWorkers(enterprise?: string) {
  return useQuery({
    queryKey: permitKeys.workers(enterprise),
    queryFn: () =>
      api.get<{ items: PermitWorker[]; total: number }>(
        '/api/permits/workers',
        enterprise ? { enterprise } : {},
      ),
  });
}

export function usePermitStats(groupBy: string, from?: string, to?: string) {
  return useQuery({
    queryKey: permitKeys.stats(groupBy, from, to),
    queryFn: () => api.get<PermitStats>('/api/permits/stats', { groupBy, from, to }),
  });
}

export function useCreatePermit(form?: FormInstance) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) => api.post<PermitSummary>('/api/permits', body),
    meta: { form },
    onSuccess: () => qc.invalidateQueries({ queryKey: permitKeys.all }),
  });
}

export function usePermitAction(id: string, form?: FormInstance) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: PermitAction; body?: unknown }) =>
      api.post<PermitDetail>(`/api/permits/${encodeURIComponent(id)}/actions/${action}`, body ?? {}),
    meta: { form },
    onSuccess: (d) => {
      qc.setQueryData(permitKeys.one(id), d);
      void qc.invalidateQueries({ queryKey: ['permits', 'list'] });
      void qc.invalidateQueries({ queryKey: permitKeys.inbox });
    },
  });
}

export function useSaveWorker(id: string | null, form?: FormInstance) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) =>
      id
        ? api.put<PermitWorker>(`/api/permits/workers/${id}`, body)
        : api.post<PermitWorker>('/api/permits/workers', body),
    meta: { form },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['permits', 'workers'] }),
  });
}

export function useArchiveWorker() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/permits/workers/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['permits', 'workers'] }),
  });
}
