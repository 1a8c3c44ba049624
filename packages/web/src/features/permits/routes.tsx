import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import { FullPageSpin, RequireAuth, RequireRole } from '../auth/session';
import { canSeePermits } from './nav';

// Each page its own chunk, as elsewhere in the app.
const PermitBoardPage = lazy(() => import('./PermitBoardPage'));
const PermitFormPage = lazy(() => import('./PermitFormPage'));
const PermitDetailPage = lazy(() => import('./PermitDetailPage'));
const PermitPrintPage = lazy(() => import('./PermitPrintPage'));
const PermitPhonePage = lazy(() => import('./PermitPhonePage'));
const PermitScanPage = lazy(() => import('./PermitPhonePage').then((m) => ({ default: m.PermitScanPage })));
const PermitInboxPage = lazy(() => import('./PermitInboxPage'));
const PermitWorkersPage = lazy(() => import('./PermitWorkersPage'));
const PermitStatsPage = lazy(() => import('./PermitStatsPage'));
const PublicPermitPage = lazy(() => import('./PublicPermitPage'));

const page = (Page: React.ComponentType) => (
  <Suspense fallback={<FullPageSpin />}>
    <Page />
  </Suspense>
);
const guarded = (Page: React.ComponentType) => <RequireRole allow={canSeePermits}>{page(Page)}</RequireRole>;

/** Outside the app layout: the public verification page (no login) and the printable permit. */
export const permitStandaloneRoutes: RouteObject[] = [
  { path: '/public/permits/:number', element: page(PublicPermitPage) },
  { path: '/permits/:id/print', element: <RequireAuth>{page(PermitPrintPage)}</RequireAuth> },
];

/** Inside the app layout. */
export const permitAppRoutes: RouteObject[] = [
  { path: 'permits', element: guarded(PermitBoardPage) },
  { path: 'permits/new/:type', element: guarded(PermitFormPage) },
  { path: 'permits/inbox', element: guarded(PermitInboxPage) },
  { path: 'permits/workers', element: guarded(PermitWorkersPage) },
  { path: 'permits/stats', element: guarded(PermitStatsPage) },
  { path: 'permits/scan', element: guarded(PermitScanPage) },
  { path: 'permits/:id', element: guarded(PermitDetailPage) },
  { path: 'permits/:id/phone', element: guarded(PermitPhonePage) },
];
