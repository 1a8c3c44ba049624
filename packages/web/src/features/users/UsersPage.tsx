import { useState } from 'react';
import {
  Button,
  Card,
  Col,
  Input,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined, UnlockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../api/feedback';
import type { User } from '../../api/types';
import { useLabels } from '../../lib/labels';
import { dayjs, fmtTime } from '../../lib/time';
import { useCan } from '../auth/session';
import { UserFormModal } from './UserFormModal';
import { useUnlockUser, useUpdateUser, useUsers, type UserListParams } from './users.api';

const isLocked = (u: User) => !!u.lockedUntil && dayjs(u.lockedUntil).isAfter(dayjs());

export default function UsersPage() {
  const { t } = useTranslation();
  const l = useLabels();
  const can = useCan();
  const [params, setParams] = useState<UserListParams>({ page: 1, pageSize: 20 });
  const [keyword, setKeyword] = useState('');
  const [editing, setEditing] = useState<User | null>(null);
  const [open, setOpen] = useState(false);
  const list = useUsers(params);
  const unlock = useUnlockUser();
  const update = useUpdateUser();
  const write = can('users:write');

  const setStatus = (u: User, status: User['status']) =>
    update.mutate({ id: u.id, body: { status } }, { onSuccess: () => notifySuccess(t('users.updated')) });

  const columns: TableProps<User>['columns'] = [
    { title: t('users.username'), dataIndex: 'username', width: 150 },
    { title: t('users.displayName'), dataIndex: 'displayName', width: 120 },
    {
      title: t('users.role'),
      dataIndex: 'role',
      width: 140,
      render: (r: string, u) => l.role(r, u.roleName),
    },
    {
      title: t('users.org'),
      key: 'org',
      width: 220,
      render: (_: unknown, u) => u.enterpriseName ?? u.orgName ?? '—',
    },
    { title: t('users.phone'), dataIndex: 'phone', width: 130, render: (p: string | null) => p ?? '—' },
    {
      title: t('users.status'),
      key: 'status',
      width: 150,
      render: (_: unknown, u) => (
        <Space size={4} wrap>
          {u.status === 'active' ? (
            <Tag color="green">{t('users.active')}</Tag>
          ) : (
            <Tag>{t('users.disabled')}</Tag>
          )}
          {isLocked(u) && (
            <Tooltip title={t('users.lockedUntil', { time: fmtTime(u.lockedUntil) })}>
              <Tag color="red">{t('users.locked')}</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('users.lastLoginAt'),
      dataIndex: 'lastLoginAt',
      width: 150,
      render: (v: string | null) => fmtTime(v),
    },
    ...(write
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 200,
            fixed: 'right' as const,
            render: (_: unknown, u: User) => (
              <Space size={0} wrap>
                <Button
                  type="link"
                  size="small"
                  onClick={() => {
                    setEditing(u);
                    setOpen(true);
                  }}
                >
                  {t('common.edit')}
                </Button>
                {isLocked(u) && (
                  <Button
                    type="link"
                    size="small"
                    icon={<UnlockOutlined />}
                    onClick={() =>
                      unlock.mutate(u.id, { onSuccess: () => notifySuccess(t('users.unlocked')) })
                    }
                  >
                    {t('users.unlock')}
                  </Button>
                )}
                {u.status === 'active' ? (
                  <Popconfirm title={t('users.disableConfirm')} onConfirm={() => setStatus(u, 'disabled')}>
                    <Button type="link" size="small" danger>
                      {t('users.disable')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Popconfirm title={t('users.enableConfirm')} onConfirm={() => setStatus(u, 'active')}>
                    <Button type="link" size="small">
                      {t('users.enable')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={4}>{t('users.title')}</Typography.Title>
        {write && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setEditing(null);
              setOpen(true);
            }}
          >
            {t('users.add')}
          </Button>
        )}
      </div>
      <Row gutter={[8, 8]} className="filter-bar" style={{ marginBottom: 12 }}>
        <Col xs={24} sm={12} md={8} lg={6}>
          <Select
            allowClear
            placeholder={t('users.anyRole')}
            options={l.roleOptions}
            value={params.role}
            onChange={(role?: string) => setParams({ ...params, role, page: 1 })}
          />
        </Col>
        <Col xs={24} sm={12} md={10} lg={8}>
          <Input.Search
            allowClear
            placeholder={t('users.keyword')}
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
            onSearch={(v) => setParams({ ...params, keyword: v.trim() || undefined, page: 1 })}
            enterButton={t('common.search')}
          />
        </Col>
      </Row>
      <Table<User>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { count: total }),
          onChange: (page, pageSize) => setParams({ ...params, page, pageSize }),
        }}
      />
      <UserFormModal open={open} user={editing} onClose={() => setOpen(false)} />
    </Card>
  );
}
