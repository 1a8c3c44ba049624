import { createContext, useContext, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Permission } from '@zhiben/domain';
import type { Me } from '../../api/types';
import { useMeQuery } from './auth.api';

const MeContext = createContext<Me | null>(null);

/** The signed-in user; only inside <RequireAuth>. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside RequireAuth');
  return me;
}

export function useCan(): (p: Permission) => boolean {
  const me = useMe();
  return (p) => me.permissions.includes(p);
}

export function FullPageSpin() {
  return (
    <div style={{ display: 'grid', placeItems: 'center', minHeight: '60vh' }}>
      <Spin size="large" />
    </div>
  );
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMeQuery();
  const location = useLocation();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError || !me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <MeContext.Provider value={me.data}>{children}</MeContext.Provider>;
}

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const can = useCan();
  const { t } = useTranslation();
  if (!can(permission)) return <Result status="403" title="403" subTitle={t('common.forbidden')} />;
  return <>{children}</>;
}

/** For features gated by role rather than by a permission key (the hazard workflow). */
export function RequireRole({ allow, children }: { allow: (role: string) => boolean; children: ReactNode }) {
  const me = useMe();
  const { t } = useTranslation();
  if (!allow(me.role)) return <Result status="403" title="403" subTitle={t('common.forbidden')} />;
  return <>{children}</>;
}
