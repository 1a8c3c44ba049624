import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import { FullPageSpin, RequireRole } from '../auth/session';
import { canHandleReports, canManageInternal } from './roles';

// Each page its own chunk, as elsewhere in the app.
const PublicReportPage = lazy(() => import('../public-report/PublicReportPage'));
const PublicStatusPage = lazy(() => import('../public-report/PublicStatusPage'));
const RewardCalculatorPage = lazy(() => import('../public-report/RewardCalculatorPage'));
const InternalReportPage = lazy(() => import('../public-report/InternalReportPage'));
const ReportInboxPage = lazy(() => import('./ReportInboxPage'));
const ReportRegisterPage = lazy(() => import('./ReportRegisterPage'));
const ReportDetailPage = lazy(() => import('./ReportDetailPage'));
const ReportStatsPage = lazy(() => import('./ReportStatsPage'));
const InternalReportingPage = lazy(() => import('./InternalReportingPage'));

const open = (path: string, Page: React.ComponentType): RouteObject => ({
  path,
  element: (
    <Suspense fallback={<FullPageSpin />}>
      <Page />
    </Suspense>
  ),
});

/** No login: the public report form, status lookup, reward calculator and the employees' QR form. */
export const reportPublicRoutes: RouteObject[] = [
  open('/public/report', PublicReportPage),
  open('/public/report/status', PublicStatusPage),
  open('/public/reward-calculator', RewardCalculatorPage),
  open('/r/:token', InternalReportPage),
];

const officials = (Page: React.ComponentType) => (
  <RequireRole allow={canHandleReports}>
    <Page />
  </RequireRole>
);

/** Inside the app layout: the officials' 举报受理 pages and the enterprise's 内部举报 page. */
export const reportAppRoutes: RouteObject[] = [
  { path: 'reports', element: officials(ReportInboxPage) },
  { path: 'reports/new', element: officials(ReportRegisterPage) },
  { path: 'reports/stats', element: officials(ReportStatsPage) },
  { path: 'reports/:id', element: officials(ReportDetailPage) },
  {
    path: 'internal-reports',
    element: (
      <RequireRole allow={canManageInternal}>
        <InternalReportingPage />
      </RequireRole>
    ),
  },
];
