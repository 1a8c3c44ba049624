import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { api } from '../../api/client';
import type { ApiToken } from '../../api/types';

export function useTokens() {
  return useQuery({
    queryKey: ['tokens'],
    queryFn: async () => (await api.get<{ items: ApiToken[] }>('/api/tokens')).items,
  });
}

export function useCreateToken(form: FormInstance) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; scopes: string[]; expiresAt?: string }) =>
      api.post<ApiToken & { token: string }>('/api/tokens', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['tokens'] }),
    meta: { form },
  });
}

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<ApiToken>(`/api/tokens/${encodeURIComponent(id)}/actions/revoke`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['tokens'] }),
  });
}
