import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import './i18n';
import './styles.css';
import { onUnauthorized } from './api/client';
import { queryClient } from './api/query';
import { Providers } from './app/Providers';
import { router } from './app/router';
import { meKey } from './features/auth/auth.api';

// A lost session anywhere sends the user to the login page, then back where they were.
onUnauthorized(() => {
  const { pathname, search } = router.state.location;
  queryClient.removeQueries({ queryKey: meKey });
  if (pathname === '/login') return;
  const next = pathname + search;
  void router.navigate(next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`, {
    replace: true,
  });
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <Providers>
        <RouterProvider router={router} />
      </Providers>
    </QueryClientProvider>
  </StrictMode>,
);
