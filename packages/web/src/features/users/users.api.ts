import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { api } from '../../api/client';
import type { Page, User } from '../../api/types';

export interface UserListParams {
  keyword?: string;
  role?: string;
  page: number;
  pageSize: number;
}

export interface UserCreate {
  username: string;
  displayName: string;
  role: string;
  orgId?: string;
  enterpriseId?: string;
  phone?: string;
  password: string;
}

export type UserPatch = Partial<Omit<UserCreate, 'username'>> & { status?: User['status'] };

export function useUsers(p: UserListParams) {
  return useQuery({
    queryKey: ['users', p],
    queryFn: ({ signal }) => api.get<Page<User>>('/api/users', { ...p }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreateUser(form: FormInstance) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UserCreate) => api.post<User>('/api/users', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['users'] }),
    meta: { form },
  });
}

export function useUpdateUser(form?: FormInstance) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UserPatch }) =>
      api.patch<User>(`/api/users/${encodeURIComponent(id)}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['users'] }),
    meta: { form },
  });
}

export function useUnlockUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<User>(`/api/users/${encodeURIComponent(id)}/actions/unlock`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['users'] }),
  });
}
