import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Organization } from './types';

/** Reference data: changes only by migration, so cache it for the session. */
export function useOrganizations() {
  return useQuery({
    queryKey: ['organizations'],
    queryFn: async () => (await api.get<{ items: Organization[] }>('/api/organizations')).items,
    staleTime: Infinity,
  });
}
