import { useMemo, useState } from 'react';
import { Card, Col, Row, Segmented, Space, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../lib/labels';
import { EChart, type EChartsOption } from '../dashboard/EChart';
import { useReportLabels, yuan } from './labels';
import { useReportStats, type ReportGroupBy, type ReportStatsRow } from './reports.api';

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);

/** 举报统计: by channel, category, district or month — verification rate, handling time, rewards, overdue. */
export default function ReportStatsPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const rl = useReportLabels();
  const [groupBy, setGroupBy] = useState<ReportGroupBy>('category');
  const q = useReportStats(groupBy);
  const rows = useMemo(() => q.data?.rows ?? [], [q.data]);

  const name = (r: ReportStatsRow) =>
    groupBy === 'category'
      ? rl.category(r.key)
      : groupBy === 'channel'
        ? rl.channel(r.key)
        : groupBy === 'district'
          ? labels.district(r.key, r.label)
          : r.label;

  const sum = useMemo(() => {
    const s = rows.reduce(
      (a, r) => ({
        total: a.total + r.total,
        accepted: a.accepted + r.accepted,
        verifiedTrue: a.verifiedTrue + r.verifiedTrue,
        verifiedFalse: a.verifiedFalse + r.verifiedFalse,
        rewardsApproved: a.rewardsApproved + r.rewardsApproved,
        rewardsPaid: a.rewardsPaid + r.rewardsPaid,
        overdue: a.overdue + r.overdue,
      }),
      {
        total: 0,
        accepted: 0,
        verifiedTrue: 0,
        verifiedFalse: 0,
        rewardsApproved: 0,
        rewardsPaid: 0,
        overdue: 0,
      },
    );
    const done = s.verifiedTrue + s.verifiedFalse;
    return { ...s, rate: done ? s.verifiedTrue / done : null };
  }, [rows]);

  const option: EChartsOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 32, containLabel: true },
      xAxis: {
        type: 'category',
        data: rows.map(name),
        axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('report.colTotal'),
          type: 'bar',
          data: rows.map((r) => r.total),
          itemStyle: { color: '#1f4e9c' },
        },
        {
          name: t('report.colTrue'),
          type: 'bar',
          data: rows.map((r) => r.verifiedTrue),
          itemStyle: { color: '#cf1322' },
        },
        {
          name: t('report.colOverdue'),
          type: 'bar',
          data: rows.map((r) => r.overdue),
          itemStyle: { color: '#fa8c16' },
        },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rows, groupBy, labels.en],
  );

  const columns: TableColumnsType<ReportStatsRow> = [
    { title: t('report.colKey'), key: 'key', render: (_, r) => name(r), fixed: 'left' },
    { title: t('report.colTotal'), dataIndex: 'total', align: 'right' },
    { title: t('report.colAccepted'), dataIndex: 'accepted', align: 'right' },
    { title: t('report.colTrue'), dataIndex: 'verifiedTrue', align: 'right' },
    { title: t('report.colFalse'), dataIndex: 'verifiedFalse', align: 'right' },
    { title: t('report.colRate'), dataIndex: 'verificationRate', align: 'right', render: pct },
    {
      title: t('report.colAvgDays'),
      dataIndex: 'avgHandlingDays',
      align: 'right',
      render: (v: number | null) => v ?? '—',
    },
    { title: t('report.colApproved'), dataIndex: 'rewardsApproved', align: 'right', render: yuan },
    { title: t('report.colPaid'), dataIndex: 'rewardsPaid', align: 'right', render: yuan },
    {
      title: t('report.colOverdue'),
      dataIndex: 'overdue',
      align: 'right',
      render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0),
    },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card>
        <div className="page-header">
          <Typography.Title level={4}>{t('report.statsTitle')}</Typography.Title>
          <Segmented<ReportGroupBy>
            value={groupBy}
            onChange={setGroupBy}
            options={[
              { value: 'category', label: t('report.byCategory') },
              { value: 'channel', label: t('report.byChannel') },
              { value: 'district', label: t('report.byDistrict') },
              { value: 'month', label: t('report.byMonth') },
            ]}
            data-testid="stats-groupby"
          />
        </div>
        <Row gutter={[12, 12]}>
          <Col xs={12} md={4}>
            <Statistic title={t('report.colTotal')} value={sum.total} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('report.colAccepted')} value={sum.accepted} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('report.colRate')} value={pct(sum.rate)} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic
              title={t('report.colOverdue')}
              value={sum.overdue}
              styles={{ content: sum.overdue ? { color: '#cf1322' } : undefined }}
            />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('report.colApproved')} value={sum.rewardsApproved} prefix="¥" />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('report.colPaid')} value={sum.rewardsPaid} prefix="¥" />
          </Col>
        </Row>
      </Card>
      <Card size="small">
        <EChart option={option} height={280} testId="report-stats-chart" />
      </Card>
      <Card size="small">
        <Table<ReportStatsRow>
          rowKey="key"
          size="small"
          loading={q.isFetching}
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="report-stats-table"
          summary={() =>
            rows.length > 1 ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <b>{t('report.sum')}</b>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {sum.total}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {sum.accepted}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {sum.verifiedTrue}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  {sum.verifiedFalse}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  {pct(sum.rate)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} />
                <Table.Summary.Cell index={7} align="right">
                  {yuan(sum.rewardsApproved)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={8} align="right">
                  {yuan(sum.rewardsPaid)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={9} align="right">
                  {sum.overdue}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
    </Space>
  );
}
