import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import type { Permission } from '@zhiben/domain';
import { FullPageSpin, RequireAuth, RequirePermission, RequireRole } from '../features/auth/session';
import { canSupervise } from '../features/hazards/roles';
import AppLayout from '../features/layout/AppLayout';
import NotFoundPage from '../features/layout/NotFoundPage';
import { reportAppRoutes, reportPublicRoutes } from '../features/reports/routes';
import { permitAppRoutes, permitStandaloneRoutes } from '../features/permits/routes';
import { monitorAppRoutes } from '../features/monitoring/routes';

// Route-level code splitting: each page is its own chunk.
const LoginPage = lazy(() => import('../features/auth/LoginPage'));
const OverviewPage = lazy(() => import('../features/overview/OverviewPage'));
const EnterpriseListPage = lazy(() => import('../features/enterprises/EnterpriseListPage'));
const EnterpriseDetailPage = lazy(() => import('../features/enterprises/EnterpriseDetailPage'));
const EnterpriseFormPage = lazy(() => import('../features/enterprises/EnterpriseFormPage'));
const ImportPage = lazy(() => import('../features/enterprises/ImportPage'));
const UsersPage = lazy(() => import('../features/users/UsersPage'));
const TokensPage = lazy(() => import('../features/tokens/TokensPage'));
const AuditPage = lazy(() => import('../features/audit/AuditPage'));
const HazardListPage = lazy(() => import('../features/hazards/HazardListPage'));
const HazardFormPage = lazy(() => import('../features/hazards/HazardFormPage'));
const HazardDetailPage = lazy(() => import('../features/hazards/HazardDetailPage'));
const SupervisionPage = lazy(() => import('../features/supervision/SupervisionPage'));
const DashboardPage = lazy(() => import('../features/dashboard/DashboardPage'));
const CriteriaPage = lazy(() => import('../features/criteria/CriteriaPage'));
const ExposuresPage = lazy(() => import('../features/public/ExposuresPage'));

const guard = (permission: Permission, page: ReactNode) => (
  <RequirePermission permission={permission}>{page}</RequirePermission>
);

export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <LoginPage />
      </Suspense>
    ),
  },
  {
    path: '/public/exposures',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <ExposuresPage />
      </Suspense>
    ),
  },
  ...reportPublicRoutes,
  ...permitStandaloneRoutes,
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <OverviewPage /> },
      { path: 'enterprises', element: guard('enterprises:read', <EnterpriseListPage />) },
      { path: 'enterprises/new', element: guard('enterprises:write', <EnterpriseFormPage />) },
      { path: 'enterprises/import', element: guard('enterprises:import', <ImportPage />) },
      { path: 'enterprises/:id', element: guard('enterprises:read', <EnterpriseDetailPage />) },
      { path: 'enterprises/:id/edit', element: guard('enterprises:write', <EnterpriseFormPage />) },
      { path: 'users', element: guard('users:read', <UsersPage />) },
      { path: 'tokens', element: guard('tokens:manage', <TokensPage />) },
      { path: 'audit', element: guard('audit:read', <AuditPage />) },
      { path: 'hazards', element: <HazardListPage /> },
      { path: 'hazards/new', element: <HazardFormPage /> },
      { path: 'hazards/:id', element: <HazardDetailPage /> },
      {
        path: 'supervision',
        element: (
          <RequireRole allow={canSupervise}>
            <SupervisionPage />
          </RequireRole>
        ),
      },
      { path: 'dashboard', element: <DashboardPage /> },
      { path: 'criteria', element: <CriteriaPage /> },
      ...reportAppRoutes,
      ...permitAppRoutes,
      ...monitorAppRoutes,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
