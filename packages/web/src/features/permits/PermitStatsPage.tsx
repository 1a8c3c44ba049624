import { useState } from 'react';
import { Card, Col, DatePicker, Progress, Row, Segmented, Space, Statistic, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { PERMIT_RULES } from '@zhiben/domain';
import { usePermitStats } from './permits.api';

const GROUPS = ['type', 'grade', 'enterprise', 'day', 'district'] as const;

/** Permits by type, grade, enterprise, day or district; violations caught; adoption by district. */
export default function PermitStatsPage() {
  const { t } = useTranslation();
  const [groupBy, setGroupBy] = useState<(typeof GROUPS)[number]>('type');
  const [range, setRange] = useState<[string, string] | null>(null);
  const q = usePermitStats(groupBy, range?.[0], range?.[1]);
  const s = q.data;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="permit-stats">
      <Card title={t('permit.stats.title')}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Segmented
            value={groupBy}
            onChange={(v) => setGroupBy(v as (typeof GROUPS)[number])}
            options={GROUPS.map((g) => ({ value: g, label: t(`permit.stats.by.${g}`) }))}
          />
          <DatePicker.RangePicker
            onChange={(d) =>
              setRange(d?.[0] && d[1] ? [d[0].format('YYYY-MM-DD'), d[1].format('YYYY-MM-DD')] : null)
            }
          />
        </Space>
        <Row gutter={12} style={{ marginBottom: 12 }}>
          <Col xs={8}>
            <Statistic title={t('permit.stats.total')} value={s?.totals.permits ?? 0} />
          </Col>
          <Col xs={8}>
            <Statistic title={t('permit.stats.violations')} value={s?.totals.violations ?? 0} />
          </Col>
          <Col xs={8}>
            <Statistic title={t('permit.stats.refused')} value={s?.totals.refusedActions ?? 0} />
          </Col>
        </Row>
        <Table
          size="small"
          rowKey="key"
          loading={q.isPending}
          dataSource={s?.rows ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: true }}
          columns={[
            { title: t('permit.stats.name'), dataIndex: 'name' },
            { title: t('permit.stats.total'), dataIndex: 'total' },
            { title: t('permit.stats.active'), dataIndex: 'active' },
            { title: t('permit.stats.closed'), dataIndex: 'closed' },
            { title: t('permit.stats.cancelled'), dataIndex: 'cancelled' },
            { title: t('permit.stats.expired'), dataIndex: 'expired' },
            { title: t('permit.stats.violations'), dataIndex: 'violations' },
          ]}
        />
      </Card>
      <Card title={t('permit.stats.byCode')} size="small">
        <Space wrap>
          {(s?.violationsByCode ?? []).map((v) => (
            <Tag key={v.code} color="red">
              {v.code}〔{PERMIT_RULES[v.code as keyof typeof PERMIT_RULES] ?? ''}〕× {v.count}
            </Tag>
          ))}
        </Space>
      </Card>
      <Card title={t('permit.stats.adoption')} size="small">
        <Table
          size="small"
          rowKey="districtCode"
          pagination={false}
          dataSource={s?.adoption ?? []}
          scroll={{ x: true }}
          columns={[
            { title: t('permit.stats.name'), dataIndex: 'districtName' },
            { title: t('permit.stats.majorHazard'), dataIndex: 'majorHazardEnterprises' },
            { title: t('permit.stats.using'), dataIndex: 'usingElectronicPermits' },
            {
              title: t('permit.stats.share'),
              render: (_, a) => (
                <Progress percent={Math.round(a.share * 1000) / 10} size="small" style={{ minWidth: 140 }} />
              ),
            },
          ]}
          summary={() =>
            s ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                <Table.Summary.Cell index={1}>{s.adoptionTotal.majorHazardEnterprises}</Table.Summary.Cell>
                <Table.Summary.Cell index={2}>{s.adoptionTotal.usingElectronicPermits}</Table.Summary.Cell>
                <Table.Summary.Cell index={3}>
                  {Math.round(s.adoptionTotal.share * 1000) / 10}%
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
    </Space>
  );
}
