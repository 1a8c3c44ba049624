import { lazy, Suspense, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';

const NotificationDrawer = lazy(() => import('./NotificationDrawer'));

/** The header bell: the unread count (polled every minute); the list opens in a drawer. */
export function NotificationBell() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const count = useQuery({
    queryKey: ['notifications', 'unread-count'],
    queryFn: ({ signal }) =>
      api.get<{ unread: number }>('/api/notifications', { unread: 'true', pageSize: 1 }, signal),
    refetchInterval: 60_000,
    meta: { silent: true },
  });
  const unread = count.data?.unread ?? 0;
  return (
    <>
      <Badge count={unread} size="small" offset={[-6, 6]} data-testid="notification-count">
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={t('notifications.title')}
          onClick={() => {
            setLoaded(true);
            setOpen(true);
            void qc.invalidateQueries({ queryKey: ['notifications'] });
          }}
          data-testid="notification-bell"
        />
      </Badge>
      {loaded && (
        <Suspense fallback={null}>
          <NotificationDrawer open={open} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
