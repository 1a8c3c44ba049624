import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { api } from '../../api/client';
import type { Health, Me } from '../../api/types';

export const meKey = ['auth', 'me'] as const;

async function fetchMe(): Promise<Me> {
  const r = await api.get<Me | { user: Me }>('/api/auth/me');
  return 'user' in r ? r.user : r;
}

export function useMeQuery() {
  return useQuery({
    queryKey: meKey,
    queryFn: fetchMe,
    retry: false,
    staleTime: 5 * 60_000,
    meta: { silent: true },
  });
}

export function useHealth() {
  return useQuery({
    queryKey: ['health'],
    queryFn: () => api.get<Health>('/api/health'),
    staleTime: Infinity,
    meta: { silent: true },
  });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { username: string; password: string }) => api.post<{ user: Me }>('/api/auth/login', v),
    onSuccess: (r) => {
      qc.clear();
      if (r?.user) qc.setQueryData(meKey, r.user);
    },
    meta: { silent: true },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/logout'),
    onSettled: () => qc.clear(),
  });
}

export function useChangePassword(form: FormInstance) {
  return useMutation({
    mutationFn: (v: { currentPassword: string; newPassword: string }) =>
      api.post<void>('/api/auth/password', v),
    meta: { form },
  });
}
