import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Permission } from '@zhiben/domain';
import { notifySuccess } from '../../api/feedback';
import type { ApiToken } from '../../api/types';
import { dayjs, fmtTime, TZ } from '../../lib/time';
import { useMe } from '../auth/session';
import { useCreateToken, useRevokeToken, useTokens } from './tokens.api';

interface Values {
  name: string;
  scopes: Permission[];
  expiresAt?: Dayjs | null;
}

function tokenState(tk: ApiToken): 'revoked' | 'expired' | 'active' {
  if (tk.revokedAt) return 'revoked';
  if (tk.expiresAt && dayjs(tk.expiresAt).isBefore(dayjs())) return 'expired';
  return 'active';
}

export default function TokensPage() {
  const { t } = useTranslation();
  const me = useMe();
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const [form] = Form.useForm<Values>();
  const create = useCreateToken(form);
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  const scopeOptions = me.permissions.map((p) => ({ value: p, label: t(`permissions.${p}`) }));

  const submit = (v: Values) =>
    create.mutate(
      {
        name: v.name.trim(),
        scopes: v.scopes,
        // End of the chosen day in Beijing time.
        expiresAt: v.expiresAt
          ? dayjs.tz(v.expiresAt.format('YYYY-MM-DD'), TZ).endOf('day').toISOString()
          : undefined,
      },
      {
        onSuccess: (r) => {
          setOpen(false);
          form.resetFields();
          setSecret(r.token);
        },
      },
    );

  const columns: TableProps<ApiToken>['columns'] = [
    { title: t('tokens.name'), dataIndex: 'name', width: 160 },
    { title: t('tokens.prefix'), dataIndex: 'prefix', width: 120, render: (p: string) => <code>{p}…</code> },
    {
      title: t('tokens.scopes'),
      dataIndex: 'scopes',
      width: 260,
      render: (scopes: string[]) => (
        <Space size={[0, 4]} wrap>
          {scopes.map((s) => (
            <Tag key={s}>{t(`permissions.${s as Permission}`, { defaultValue: s })}</Tag>
          ))}
        </Space>
      ),
    },
    { title: t('tokens.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => fmtTime(v) },
    {
      title: t('tokens.expiresAt'),
      dataIndex: 'expiresAt',
      width: 150,
      render: (v: string | null) => (v ? fmtTime(v) : t('tokens.never')),
    },
    {
      title: t('tokens.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      width: 150,
      render: (v: string | null) => fmtTime(v),
    },
    {
      title: t('tokens.status'),
      key: 'status',
      width: 90,
      render: (_: unknown, tk) => {
        const s = tokenState(tk);
        return (
          <Tag color={s === 'active' ? 'green' : s === 'revoked' ? 'red' : 'default'}>{t(`tokens.${s}`)}</Tag>
        );
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_: unknown, tk) =>
        tokenState(tk) === 'active' ? (
          <Popconfirm
            title={t('tokens.revokeConfirm')}
            onConfirm={() => revoke.mutate(tk.id, { onSuccess: () => notifySuccess(t('tokens.revokedOk')) })}
          >
            <Button type="link" size="small" danger>
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={4}>{t('tokens.title')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
          {t('tokens.add')}
        </Button>
      </div>
      <Alert
        type="info"
        showIcon
        title={t('tokens.intro')}
        description={t('tokens.usage')}
        style={{ marginBottom: 12 }}
      />
      <Table<ApiToken>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={tokens.data}
        loading={tokens.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={false}
      />
      <Modal
        open={open}
        title={t('tokens.add')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('common.create')}
        cancelText={t('common.cancel')}
        confirmLoading={create.isPending}
        forceRender
      >
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ scopes: ['enterprises:read'] }}
        >
          <Form.Item
            name="name"
            label={t('tokens.name')}
            rules={[{ required: true, whitespace: true, message: t('tokens.nameRequired') }, { max: 100 }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="scopes"
            label={t('tokens.scopes')}
            rules={[{ required: true, type: 'array', min: 1, message: t('tokens.scopesRequired') }]}
          >
            <Checkbox.Group options={scopeOptions} style={{ display: 'grid', gap: 6 }} />
          </Form.Item>
          <Form.Item name="expiresAt" label={t('tokens.expiresAt')} extra={t('tokens.never')}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!secret}
        title={t('tokens.createdTitle')}
        closable={false}
        maskClosable={false}
        onOk={() => setSecret(null)}
        okText={t('common.close')}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Alert type="warning" showIcon title={t('tokens.onceWarning')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph
          copyable={{ text: secret ?? '', tooltips: [t('tokens.copyToken'), t('common.copied')] }}
          code
          style={{ wordBreak: 'break-all' }}
          data-testid="token-secret"
        >
          {secret}
        </Typography.Paragraph>
      </Modal>
    </Card>
  );
}
