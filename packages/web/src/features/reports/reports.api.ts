import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import type { PublicReport, ReportAction, ReportState } from '@zhiben/domain';
import { api, type Query } from '../../api/client';
import type { Page } from '../../api/types';

/** GET /api/reports/:id and the inbox rows (the identity is never in here). */
export interface Report {
  id: string;
  trackingCode: string;
  channel: string;
  category: string;
  enterpriseId: string | null;
  enterpriseName: string;
  districtCode: string;
  location: string;
  description: string;
  attachmentIds: string[];
  anonymous: boolean;
  hasIdentity: boolean;
  status: ReportState;
  statusName: string;
  departmentIds: string[];
  acceptedAt: string | null;
  verifyDueAt: string | null;
  verifyOverdue: boolean;
  extended: boolean;
  outcome: 'true' | 'false' | null;
  outcomeSummary: string | null;
  fine: number | null;
  hazardId: string | null;
  feedbackDueAt: string | null;
  feedbackAt: string | null;
  feedbackSummary: string | null;
  rewardAmount: number | null;
  rewardBasis: string | null;
  rewardPaidAt: string | null;
  paymentRef: string | null;
  duplicateOf: string | null;
  createdAt: string;
}

export interface ReportEvent {
  action: string;
  from: string | null;
  to: string;
  toName: string;
  actorName: string | null;
  at: string;
  data: Record<string, unknown> | null;
}

export interface ReportDetail extends Report {
  timeline: ReportEvent[];
}

export interface ReporterIdentity {
  name: string;
  phone: string;
  idNumber?: string;
}

export interface ReportStatsRow {
  key: string;
  label: string;
  total: number;
  accepted: number;
  verifiedTrue: number;
  verifiedFalse: number;
  verificationRate: number | null;
  avgHandlingDays: number | null;
  rewardsApproved: number;
  rewardsPaid: number;
  overdue: number;
}

export type ReportGroupBy = 'channel' | 'category' | 'district' | 'month';

export const REPORT_FILTER_KEYS = ['status', 'category', 'district', 'overdue', 'keyword'] as const;
export type ReportFilters = Partial<Record<(typeof REPORT_FILTER_KEYS)[number], string>>;
export interface ReportListParams extends ReportFilters {
  page?: number;
  pageSize?: number;
}

export const reportKeys = {
  all: ['reports'] as const,
  list: (p: ReportListParams) => ['reports', 'list', p] as const,
  one: (id: string) => ['reports', 'one', id] as const,
  stats: (g: ReportGroupBy) => ['reports', 'stats', g] as const,
};

export function useReportList(p: ReportListParams) {
  return useQuery({
    queryKey: reportKeys.list(p),
    queryFn: ({ signal }) => api.get<Page<Report>>('/api/reports', p as Query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useReport(id: string | undefined) {
  return useQuery({
    queryKey: reportKeys.one(id ?? ''),
    queryFn: () => api.get<ReportDetail>(`/api/reports/${encodeURIComponent(id!)}`),
    enabled: !!id,
    meta: { silent: true },
  });
}

export function useReportStats(groupBy: ReportGroupBy) {
  return useQuery({
    queryKey: reportKeys.stats(groupBy),
    queryFn: ({ signal }) => api.get<{ rows: ReportStatsRow[] }>('/api/reports/stats', { groupBy }, signal),
  });
}

export function useReportAction(id: string, form?: FormInstance) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, input }: { action: ReportAction; input: Record<string, unknown> }) =>
      api.post<Report>(`/api/reports/${encodeURIComponent(id)}/actions/${action}`, input),
    onSettled: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: reportKeys.all }),
        qc.invalidateQueries({ queryKey: ['hazards'] }),
        qc.invalidateQueries({ queryKey: ['stats'] }),
      ]),
    meta: { form },
  });
}

export function useRegisterReport(form: FormInstance) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PublicReport & { channel: string }) =>
      api.post<Report & { accessKey: string }>('/api/reports', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: reportKeys.all }),
    meta: { form },
  });
}

/** The identity view: the caller shows a 403 itself ("无举报受理职责"). */
export function useRevealIdentity(id: string) {
  return useMutation({
    mutationFn: (reason: string) =>
      api.post<ReporterIdentity>(`/api/reports/${encodeURIComponent(id)}/identity`, { reason }),
    meta: { silent: true },
  });
}

// --- Enterprise internal reporting

export interface InternalChannel {
  token: string;
  path: string;
  qrUrl?: string;
  enabled: boolean;
  rewardRules: string;
}

export interface InternalReport {
  id: string;
  trackingCode: string;
  location: string;
  description: string;
  attachmentIds: string[];
  anonymous: boolean;
  status: 'received' | 'resolved' | 'rejected';
  resolution: string | null;
  rewardAmount: number | null;
  handledBy: string | null;
  createdAt: string;
}

export interface InternalStats {
  total: number;
  resolved: number;
  open: number;
  rewards: number;
}

export function useInternalChannel(enterpriseId: string | null) {
  return useQuery({
    queryKey: ['internal-reporting', enterpriseId],
    queryFn: () =>
      api.get<InternalChannel>(`/api/enterprises/${encodeURIComponent(enterpriseId!)}/internal-reporting`),
    enabled: !!enterpriseId,
  });
}

export function useSaveInternalChannel(enterpriseId: string, form: FormInstance) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { enabled: boolean; rewardRules: string }) =>
      api.put<InternalChannel>(
        `/api/enterprises/${encodeURIComponent(enterpriseId)}/internal-reporting`,
        body,
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['internal-reporting'] }),
    meta: { form },
  });
}

export function useInternalReports() {
  return useQuery({
    queryKey: ['internal-reports'],
    queryFn: () => api.get<{ items: InternalReport[]; stats: InternalStats }>('/api/internal-reports'),
  });
}

export function useInternalAction(form: FormInstance) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      action,
      input,
    }: {
      id: string;
      action: 'resolve' | 'reject';
      input: { resolution: string; rewardAmount?: number };
    }) => api.post<{ id: string; status: string }>(`/api/internal-reports/${id}/actions/${action}`, input),
    onSettled: () => qc.invalidateQueries({ queryKey: ['internal-reports'] }),
    meta: { form },
  });
}
