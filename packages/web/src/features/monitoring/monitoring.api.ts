import { useEffect, useRef, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AlarmConfigInput } from '@zhiben/domain';
import { api } from '../../api/client';
import type { Page } from '../../api/types';

export type AlarmStatus = 'active' | 'acknowledged' | 'closed';
export type Level = 'normal' | 'high' | 'high_high' | 'low' | 'low_low' | 'offline';

export interface Alarm {
  id: string;
  pointId: string;
  enterpriseId: string;
  enterpriseName: string;
  districtCode: string;
  tag: string;
  level: Exclude<Level, 'normal'>;
  status: AlarmStatus;
  value: number | null;
  peak: number | null;
  /** The point's unit, for the value and peak. */
  unit: string;
  openedAt: string;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  disposal: string | null;
  falseAlarm: boolean | null;
  closedAt: string | null;
  escalationTier: 'enterprise' | 'district' | 'city' | null;
  hazardId: string | null;
  /** How often the alarm was reopened by repeat suppression. */
  repeatCount: number;
}

export interface AlarmToHazard {
  grade: 'general' | 'major';
  title?: string;
  description?: string;
  criterionId?: string | null;
  deadline?: string | null;
}

export interface AlarmListParams {
  status?: AlarmStatus;
  level?: string;
  district?: string;
  enterpriseId?: string;
  page?: number;
  pageSize?: number;
}

/**
 * Why an alarm event was pushed: the engine's changes (a new alarm, a level change, recovery, a point
 * going offline or coming back) or a person's action (acknowledge, dispose, turned into a hazard).
 */
export type AlarmChangeKind =
  | 'open'
  | 'escalate_level'
  | 'peak'
  | 'recover'
  | 'offline'
  | 'online'
  | 'acknowledge'
  | 'dispose'
  | 'to_hazard';

/** What the SSE stream pushes as `event: alarm`. */
export interface AlarmChange {
  alarmId: string;
  pointId: string;
  enterpriseId: string;
  districtCode: string;
  tag: string;
  level: string;
  status: string;
  value: number | null;
  at: string;
  kind: AlarmChangeKind;
  /** Set when a recently closed alarm was reopened (repeat suppression): not a new alarm. */
  repeatCount?: number;
  /** Added by the stream for the reader. */
  enterpriseName?: string;
  unit?: string;
}

export interface Thresholds {
  lowLow?: number;
  low?: number;
  high?: number;
  highHigh?: number;
}

export interface MonitoringPoint {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  tag: string;
  kind: string;
  unit: string;
  thresholds: Thresholds;
  deadband: number;
  delayOnSec: number;
  staleTimeoutSec: number;
  /** A same-level alarm this soon after the last one closed reopens it instead of a new one (0: off). */
  repeatSuppressSec: number;
  installationId: string | null;
  zone: string | null;
  level: Level;
  lastValue: number | null;
  lastTs: string | null;
}

export type PointCreate = {
  enterpriseId: string;
  tag: string;
  kind: string;
  unit: string;
  installationId?: string | null;
  zone?: string | null;
  repeatSuppressSec?: number;
} & AlarmConfigInput;

export interface SeriesBucket {
  ts: string;
  min: number;
  max: number;
  avg: number;
  last: number;
}

export const INSTALLATION_KINDS = [
  'hazmat_major_hazard',
  'coal_mine',
  'steel',
  'aluminium_casting',
  'dust_explosion',
  'gas_network',
  'other',
] as const;
export type InstallationKind = (typeof INSTALLATION_KINDS)[number];

export interface Installation {
  id: string;
  enterpriseId: string;
  name: string;
  kind: InstallationKind;
  substances: Array<{ name?: string; q: number; Q: number; beta: number }>;
  peopleWithin500m: number | null;
  /** GB 18218 grading computed by the server when substances were given. */
  assessment: { S: number; isMajor: boolean; alpha: number; R: number; grade: 1 | 2 | 3 | 4 | null } | null;
}

export interface InstallationCreate {
  enterpriseId: string;
  name: string;
  kind: InstallationKind;
  substances?: Installation['substances'];
  peopleWithin500m?: number;
}

export interface Gateway {
  id: string;
  enterpriseId: string;
  name: string;
  accepted: number;
  rejected: number;
  lastError: string | null;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

export interface GatewayCredentials {
  id: string;
  username: string;
  token: string;
  topic: string;
  name: string;
  enterpriseId: string;
}

const keys = {
  alarms: ['monitoring', 'alarms'] as const,
  points: ['monitoring', 'points'] as const,
  gateways: ['monitoring', 'gateways'] as const,
  installations: ['monitoring', 'installations'] as const,
};

export function useAlarms(params: AlarmListParams, live: boolean) {
  return useQuery({
    queryKey: [...keys.alarms, params],
    queryFn: ({ signal }) => api.get<Page<Alarm>>('/api/alarms', { ...params }, signal),
    placeholderData: keepPreviousData,
    // Without the live stream, fall back to polling.
    refetchInterval: live ? false : 30_000,
  });
}

export function useAlarmAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; action: 'acknowledge' | 'dispose'; note?: string; falseAlarm?: boolean }) =>
      api.post(`/api/alarms/${v.id}/actions/${v.action}`, {
        ...(v.note ? { note: v.note } : {}),
        ...(v.falseAlarm !== undefined ? { falseAlarm: v.falseAlarm } : {}),
      }),
    // The caller shows the error (on its form where the server names fields), not again globally.
    meta: { silent: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.alarms }),
  });
}

export function useAlarmToHazard() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string } & AlarmToHazard) => {
      const { id, ...body } = v;
      return api.post<{ alarmId: string; hazardId: string; hazardCode: string }>(
        `/api/alarms/${id}/actions/to-hazard`,
        body,
      );
    },
    meta: { silent: true },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.alarms });
      void qc.invalidateQueries({ queryKey: ['hazards'] });
    },
  });
}

export function usePoints(enterpriseId?: string, live = false) {
  return useQuery({
    queryKey: [...keys.points, enterpriseId ?? null],
    queryFn: ({ signal }) =>
      api.get<{ items: MonitoringPoint[] }>('/api/monitoring/points', { enterpriseId }, signal),
    refetchInterval: live ? 60_000 : 15_000,
  });
}

export function useCreatePoint() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PointCreate) => api.post<MonitoringPoint>('/api/monitoring/points', body),
    meta: { silent: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.points }),
  });
}

export function useSeries(pointId: string | undefined, hours: number) {
  return useQuery({
    queryKey: ['monitoring', 'series', pointId, hours],
    enabled: !!pointId,
    queryFn: ({ signal }) => {
      const to = new Date();
      const from = new Date(to.getTime() - hours * 3_600_000);
      return api.get<{ resolution: '1m'; points: SeriesBucket[] }>(
        `/api/monitoring/points/${pointId}/series`,
        { from: from.toISOString(), to: to.toISOString(), resolution: '1m' },
        signal,
      );
    },
    refetchInterval: 60_000,
  });
}

export function useInstallations(enterpriseId?: string) {
  return useQuery({
    queryKey: [...keys.installations, enterpriseId ?? null],
    enabled: !!enterpriseId,
    queryFn: ({ signal }) =>
      api.get<{ items: Installation[] }>('/api/monitoring/installations', { enterpriseId }, signal),
  });
}

export function useCreateInstallation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: InstallationCreate) => api.post<Installation>('/api/monitoring/installations', body),
    meta: { silent: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.installations }),
  });
}

export function useGateways(enterpriseId?: string) {
  return useQuery({
    queryKey: [...keys.gateways, enterpriseId ?? null],
    queryFn: ({ signal }) =>
      api.get<{ items: Gateway[] }>('/api/monitoring/gateways', { enterpriseId }, signal),
    refetchInterval: 30_000,
  });
}

export function useCreateGateway() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { enterpriseId: string; name: string }) =>
      api.post<GatewayCredentials>('/api/monitoring/gateways', body),
    meta: { silent: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.gateways }),
  });
}

export function useRevokeGateway() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/monitoring/gateways/${encodeURIComponent(id)}/actions/revoke`),
    meta: { silent: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.gateways }),
  });
}

/**
 * Subscribes to the alarm SSE stream (cookie auth): on every `alarm` event, alarms and points are
 * refetched and `onAlarm` is called. Returns whether the stream is currently open.
 */
export function useAlarmStream(onAlarm?: (c: AlarmChange) => void): boolean {
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const cb = useRef(onAlarm);
  useEffect(() => {
    cb.current = onAlarm;
  });
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const es = new EventSource('/api/alarms/stream', { withCredentials: true });
    es.onopen = () => setOpen(true);
    es.onerror = () => setOpen(es.readyState === EventSource.OPEN);
    es.addEventListener('alarm', (ev) => {
      void qc.invalidateQueries({ queryKey: keys.alarms });
      void qc.invalidateQueries({ queryKey: keys.points });
      try {
        cb.current?.(JSON.parse((ev as MessageEvent<string>).data) as AlarmChange);
      } catch {
        // a malformed event only costs the notification
      }
    });
    return () => es.close();
  }, [qc]);
  return open;
}
