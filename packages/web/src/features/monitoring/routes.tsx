import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { RequireRole } from '../auth/session';
import { mayConfigureRole } from './roles';
import { isRegulatorRole } from './coverage.api';

// Each page its own chunk, as elsewhere in the app.
const AlarmCenterPage = lazy(() => import('./AlarmCenterPage'));
const MonitorWallPage = lazy(() => import('./MonitorWallPage'));
const PointSeriesPage = lazy(() => import('./PointSeriesPage'));
const MonitorConfigPage = lazy(() => import('./MonitorConfigPage'));
const MajorHazardCalculatorPage = lazy(() => import('./MajorHazardCalculatorPage'));
const PowerPage = lazy(() => import('./PowerPage'));
const CoveragePage = lazy(() => import('./CoveragePage'));
const AlarmQualityPage = lazy(() => import('./AlarmQualityPage'));

/** Inside the app layout: alarms, the wall, point charts, onboarding and the GB 18218 calculator. */
export const monitorAppRoutes: RouteObject[] = [
  { path: 'monitoring/alarms', element: <AlarmCenterPage /> },
  { path: 'monitoring/wall', element: <MonitorWallPage /> },
  { path: 'monitoring/points/:id', element: <PointSeriesPage /> },
  {
    path: 'monitoring/config',
    element: (
      <RequireRole allow={mayConfigureRole}>
        <MonitorConfigPage />
      </RequireRole>
    ),
  },
  { path: 'monitoring/major-hazard', element: <MajorHazardCalculatorPage /> },
  { path: 'monitoring/power', element: <PowerPage /> },
  {
    path: 'monitoring/coverage',
    element: (
      <RequireRole allow={isRegulatorRole}>
        <CoveragePage />
      </RequireRole>
    ),
  },
  {
    path: 'monitoring/alarm-quality',
    element: (
      <RequireRole allow={isRegulatorRole}>
        <AlarmQualityPage />
      </RequireRole>
    ),
  },
];
