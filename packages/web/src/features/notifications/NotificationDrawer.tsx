import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Drawer, Empty, Grid, List, Segmented, Space, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { fmtTime } from '../../lib/time';

interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string;
  hazardId: string | null;
  createdAt: string;
  readAt: string | null;
}
interface NotificationPage {
  items: Notification[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

/** The notification list in a drawer: filter unread, open the hazard, mark as read. Loaded on first open. */
export default function NotificationDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const q = useQuery({
    queryKey: ['notifications', filter],
    queryFn: ({ signal }) =>
      api.get<NotificationPage>(
        '/api/notifications',
        { unread: filter === 'unread' ? 'true' : undefined, pageSize: 30 },
        signal,
      ),
    refetchInterval: 60_000,
    meta: { silent: true },
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['notifications'] });
  const read = useMutation({
    mutationFn: (id: string) => api.post(`/api/notifications/${encodeURIComponent(id)}/actions/read`),
    onSuccess: refresh,
  });
  const readAll = useMutation({
    mutationFn: () => api.post('/api/notifications/actions/read-all'),
    onSuccess: refresh,
  });
  const unread = q.data?.unread ?? 0;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('notifications.title')}
      size={screens.md ? 420 : '100%'}
      extra={
        <Button
          size="small"
          icon={<CheckOutlined />}
          disabled={!unread}
          loading={readAll.isPending}
          onClick={() => readAll.mutate()}
          data-testid="notifications-read-all"
        >
          {t('notifications.readAll')}
        </Button>
      }
      data-testid="notification-drawer"
    >
      <Segmented
        block
        value={filter}
        onChange={(v) => setFilter(v as 'all' | 'unread')}
        options={[
          { value: 'all', label: t('notifications.all') },
          { value: 'unread', label: t('notifications.unread', { count: unread }) },
        ]}
        style={{ marginBottom: 8 }}
      />
      <List<Notification>
        loading={q.isFetching && !q.data}
        dataSource={q.data?.items ?? []}
        locale={{
          emptyText: <Empty description={t('notifications.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />,
        }}
        renderItem={(n) => (
          <List.Item
            className={n.readAt ? 'notification notification-read' : 'notification'}
            onClick={() => {
              if (!n.readAt) read.mutate(n.id);
              if (n.hazardId) {
                onClose();
                navigate(`/hazards/${n.hazardId}`);
              }
            }}
            style={{ cursor: 'pointer' }}
            data-testid="notification-item"
          >
            <List.Item.Meta
              title={
                <Space size={6}>
                  {!n.readAt && <Badge status="processing" />}
                  <span>{n.title}</span>
                </Space>
              }
              description={
                <>
                  <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ marginBottom: 4 }} type="secondary">
                    {n.body}
                  </Typography.Paragraph>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {fmtTime(n.createdAt)}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Drawer>
  );
}
