import { useState } from 'react';
import {
  Alert,
  AutoComplete,
  Button,
  Card,
  Col,
  DatePicker,
  Input,
  Row,
  Space,
  Table,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../api/types';
import { fmtTime } from '../../lib/time';
import { AuditDiffDrawer } from './AuditDiffDrawer';
import { useAuditLabels } from './labels';
import { useAudit, useVerifyAudit, type AuditParams } from './audit.api';

const ENTITY_TYPES = ['enterprise', 'user', 'api_token', 'organization', 'system'] as const;

export default function AuditPage() {
  const { t } = useTranslation();
  const [params, setParams] = useState<AuditParams>({ page: 1, pageSize: 20 });
  const [draft, setDraft] = useState<Omit<AuditParams, 'page' | 'pageSize'>>({});
  const [entry, setEntry] = useState<AuditEntry | null>(null);
  const list = useAudit(params);
  const verify = useVerifyAudit();
  const labels = useAuditLabels();
  const typeName = labels.entityType;

  const apply = () => setParams({ ...draft, page: 1, pageSize: params.pageSize });

  const columns: TableProps<AuditEntry>['columns'] = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
    {
      title: t('audit.at'),
      dataIndex: 'at',
      width: 170,
      render: (v: string) => fmtTime(v, 'YYYY-MM-DD HH:mm:ss'),
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      width: 140,
      render: (v: string | null, e) => v ?? e.actorId ?? '—',
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 160,
      render: (a: string) => <span title={a}>{labels.action(a)}</span>,
    },
    { title: t('audit.entityType'), dataIndex: 'entityType', width: 110, render: typeName },
    { title: t('audit.entityId'), dataIndex: 'entityId', width: 200, ellipsis: true },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130 },
    {
      title: t('common.actions'),
      key: 'view',
      width: 80,
      fixed: 'right',
      render: (_: unknown, e) => (
        <Button type="link" size="small" onClick={() => setEntry(e)}>
          {t('audit.view')}
        </Button>
      ),
    },
  ];

  const result = verify.data;
  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={4}>{t('audit.title')}</Typography.Title>
        <Button
          icon={<SafetyOutlined />}
          loading={verify.isPending}
          onClick={() => verify.mutate()}
          data-testid="audit-verify"
        >
          {t('audit.verify')}
        </Button>
      </div>
      {result && (
        <Alert
          type={result.ok ? 'success' : 'error'}
          showIcon
          closable={{ onClose: () => verify.reset() }}
          style={{ marginBottom: 12 }}
          data-testid="audit-verify-result"
          title={
            result.ok
              ? t('audit.verifyOk', { count: result.count })
              : t('audit.verifyBroken', { seq: result.brokenAt ?? '?', reason: result.reason ?? '' })
          }
        />
      )}
      <Row gutter={[8, 8]} className="filter-bar" style={{ marginBottom: 12 }}>
        <Col xs={12} md={6} lg={4}>
          <AutoComplete
            allowClear
            placeholder={t('audit.entityType')}
            value={draft.entityType}
            options={ENTITY_TYPES.map((v) => ({ value: v, label: typeName(v) }))}
            onChange={(v?: string) => setDraft({ ...draft, entityType: v || undefined })}
          />
        </Col>
        <Col xs={12} md={6} lg={4}>
          <Input
            allowClear
            placeholder={t('audit.entityId')}
            value={draft.entityId}
            onChange={(e) => setDraft({ ...draft, entityId: e.target.value || undefined })}
            onPressEnter={apply}
          />
        </Col>
        <Col xs={12} md={6} lg={4}>
          <Input
            allowClear
            placeholder={t('audit.action')}
            value={draft.action}
            onChange={(e) => setDraft({ ...draft, action: e.target.value || undefined })}
            onPressEnter={apply}
          />
        </Col>
        <Col xs={12} md={6} lg={4}>
          <Input
            allowClear
            placeholder={t('audit.actor')}
            value={draft.actor}
            onChange={(e) => setDraft({ ...draft, actor: e.target.value || undefined })}
            onPressEnter={apply}
          />
        </Col>
        <Col xs={24} md={12} lg={6}>
          <DatePicker.RangePicker
            showTime
            placeholder={[t('audit.from'), t('audit.to')]}
            onChange={(range) =>
              setDraft({
                ...draft,
                from: range?.[0]?.toISOString() ?? undefined,
                to: range?.[1]?.toISOString() ?? undefined,
              })
            }
          />
        </Col>
        <Col xs={24} md={12} lg={2}>
          <Space>
            <Button type="primary" onClick={apply}>
              {t('common.search')}
            </Button>
          </Space>
        </Col>
      </Row>
      <Table<AuditEntry>
        rowKey="seq"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        onRow={(e) => ({ onDoubleClick: () => setEntry(e) })}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { count: total }),
          onChange: (page, pageSize) => setParams({ ...params, page, pageSize }),
        }}
      />
      <AuditDiffDrawer entry={entry} onClose={() => setEntry(null)} />
    </Card>
  );
}
