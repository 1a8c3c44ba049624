import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { ApiError } from './client';
import { showApiError } from './feedback';

declare module '@tanstack/react-query' {
  interface Register {
    /** silent: the caller shows the error itself (e.g. the session probe). */
    queryMeta: { silent?: boolean };
    /** form: put field errors from the server on this form. */
    mutationMeta: { form?: FormInstance; silent?: boolean };
  }
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (!query.meta?.silent) showApiError(error);
    },
  }),
  mutationCache: new MutationCache({
    onError: (error, _vars, _result, mutation) => {
      if (!mutation.meta?.silent) showApiError(error, mutation.meta?.form);
    },
  }),
  defaultOptions: {
    queries: {
      // Client errors will not heal by retrying.
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 15_000,
    },
  },
});
