import { useMutation, useQuery } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import type { PublicReport, RewardInput } from '@zhiben/domain';
import { api, ApiError, type Problem } from '../../api/client';

/** What POST /api/public/files answers (no URL: public uploads are not readable back by the public). */
export interface PublicUpload {
  id: string;
  sha256: string;
  size: number;
  kind: string;
}

export interface Receipt {
  trackingCode: string;
  accessKey: string;
  receivedAt?: string;
}

export interface PublicStatus {
  trackingCode: string;
  status: string;
  statusName: string;
  receivedAt: string;
  acceptedAt: string | null;
  verified: boolean | null;
  outcomeSummary: string | null;
  feedbackAt: string | null;
  reward: { status: 'none' | 'pending' | 'approved' | 'paid'; amount: number | null };
}

export interface InternalChannelInfo {
  enterpriseName: string;
  rewardRules: string;
}

export interface InternalReportInput {
  location: string;
  description: string;
  attachmentIds: string[];
  anonymous: boolean;
  reporter?: { name: string; phone: string } | null;
}

export const uploadPublicPhoto = (file: File) => api.upload<PublicUpload>('/api/public/files', file);

export function useSubmitPublicReport(form: FormInstance) {
  return useMutation({
    mutationFn: (body: PublicReport) => api.post<Receipt>('/api/public/reports', body),
    meta: { form },
  });
}

/**
 * The status lookup sends the access key in a header (X-Access-Key), never in the URL, so it does not
 * land in server or proxy logs. A wrong key and an unknown code both answer 404.
 */
export async function fetchPublicStatus(code: string, key: string): Promise<PublicStatus> {
  let res: Response;
  try {
    res = await fetch(`/api/public/reports/${encodeURIComponent(code.trim().toUpperCase())}`, {
      headers: { Accept: 'application/json', 'X-Access-Key': key.trim() },
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError({ status: 0, code: 'network' });
  }
  if (!res.ok) {
    let problem: Problem = { status: res.status, title: res.statusText };
    try {
      problem = { ...(await res.json()), status: res.status };
    } catch {
      // keep the bare status
    }
    throw new ApiError(problem);
  }
  return (await res.json()) as PublicStatus;
}

export function useRewardCalculator(form: FormInstance) {
  return useMutation({
    mutationFn: (body: RewardInput) =>
      api.post<{ amount: number; basis: string }>('/api/calculators/report-reward', body),
    meta: { form },
  });
}

export function useInternalChannelInfo(token: string | undefined) {
  return useQuery({
    queryKey: ['public-internal', token],
    queryFn: () => api.get<InternalChannelInfo>(`/api/public/internal/${encodeURIComponent(token!)}`),
    enabled: !!token,
    meta: { silent: true },
  });
}

export function useSubmitInternalReport(token: string, form: FormInstance) {
  return useMutation({
    mutationFn: (body: InternalReportInput) =>
      api.post<Receipt>(`/api/public/internal/${encodeURIComponent(token)}/reports`, body),
    meta: { form },
  });
}
