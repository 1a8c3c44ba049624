import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  Card,
  Col,
  DatePicker,
  Empty,
  Grid,
  List,
  Progress,
  Row,
  Segmented,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { CheckCircleFilled, ClockCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { DISTRICTS, type MilestoneResult } from '@zhiben/domain';
import { useLabels } from '../../lib/labels';
import { fmtTime } from '../../lib/time';
import { useHazardList } from '../hazards/hazards.api';
import { useHazardLabels } from '../hazards/labels';
import { shanghaiDayEnd, shanghaiDayStart } from '../hazards/time';
import { EChart, ORDOS_MAP, type EChartsOption } from './EChart';
import { useHazardStats, useZeroClearing, type GroupBy, type StatsFilters, type StatsRow } from './stats.api';

type Metric = 'open' | 'overdue' | 'total' | 'closed';
const COLORS = { open: '#1677ff', closed: '#52c41a', overdue: '#f5222d', found: '#fa8c16', major: '#cf1322' };
const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

function Kpis({ rows, loading }: { rows: StatsRow[]; loading: boolean }) {
  const { t } = useTranslation();
  const sum = (k: keyof StatsRow) => rows.reduce((s, r) => s + (Number(r[k]) || 0), 0);
  const open = sum('open');
  const closed = sum('closed');
  const items = [
    { key: 'total', title: t('dashboard.total'), value: sum('total') },
    { key: 'open', title: t('dashboard.open'), value: open, color: COLORS.open },
    { key: 'closed', title: t('dashboard.closed'), value: closed, color: COLORS.closed },
    { key: 'overdue', title: t('dashboard.overdue'), value: sum('overdue'), color: COLORS.overdue },
    { key: 'major', title: t('dashboard.major'), value: sum('major'), color: COLORS.major },
    {
      key: 'rate',
      title: t('dashboard.rate'),
      value: open + closed ? pct(closed / (open + closed)) : '—',
    },
  ];
  return (
    <Row gutter={[12, 12]}>
      {items.map((i) => (
        <Col xs={12} sm={8} xl={4} key={i.key}>
          <Card size="small">
            {loading ? (
              <Skeleton active paragraph={false} />
            ) : (
              <Statistic
                title={i.title}
                value={i.value}
                styles={{ content: { color: i.color } }}
                data-testid={`kpi-${i.key}`}
              />
            )}
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function DistrictMap({ rows }: { rows: StatsRow[] }) {
  const { t } = useTranslation();
  const l = useLabels();
  const navigate = useNavigate();
  const [metric, setMetric] = useState<Metric>('open');
  const byCode = new Map(rows.map((r) => [r.key, r]));
  const max = Math.max(1, ...rows.map((r) => r[metric]));
  const metricName: Record<Metric, string> = {
    open: t('dashboard.open'),
    overdue: t('dashboard.overdue'),
    total: t('dashboard.total'),
    closed: t('dashboard.closed'),
  };
  const option: EChartsOption = {
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const { name } = p as { name: string };
        const d = DISTRICTS.find((x) => x.name === name);
        const r = d && byCode.get(d.code);
        const label = d ? l.district(d.code) : name;
        if (!r) return `${label}<br/>${t('dashboard.noData')}`;
        return `<b>${label}</b><br/>${t('dashboard.total')}：${r.total}<br/>${t('dashboard.open')}：${r.open}<br/>${t('dashboard.closed')}：${r.closed}<br/>${t('dashboard.overdue')}：${r.overdue}<br/>${t('dashboard.rate')}：${pct(r.rectificationRate)}`;
      },
    },
    visualMap: {
      min: 0,
      max,
      left: 8,
      bottom: 8,
      text: [String(max), '0'],
      calculable: true,
      inRange: { color: metric === 'closed' ? ['#f6ffed', '#389e0d'] : ['#fff7e6', '#fa541c', '#a8071a'] },
    },
    series: [
      {
        type: 'map',
        map: ORDOS_MAP,
        roam: false,
        name: metricName[metric],
        label: {
          show: true,
          fontSize: 11,
          formatter: (p: unknown) => {
            const d = DISTRICTS.find((x) => x.name === (p as { name: string }).name);
            return d ? l.district(d.code) : (p as { name: string }).name;
          },
        },
        emphasis: { label: { show: true }, itemStyle: { areaColor: '#ffd666' } },
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
        data: DISTRICTS.map((d) => ({ name: d.name, value: byCode.get(d.code)?.[metric] ?? 0 })),
      },
    ],
  };
  return (
    <Card
      size="small"
      title={t('dashboard.map')}
      extra={
        <Segmented
          size="small"
          value={metric}
          onChange={(v) => setMetric(v as Metric)}
          options={(['open', 'overdue', 'total', 'closed'] as Metric[]).map((m) => ({
            value: m,
            label: metricName[m],
          }))}
        />
      }
    >
      <EChart
        option={option}
        height={420}
        testId="district-map"
        onClick={(p) => {
          const d = DISTRICTS.find((x) => x.name === p.name);
          if (d) navigate(`/hazards?district=${d.code}`);
        }}
      />
    </Card>
  );
}

function DistrictTable({ rows }: { rows: StatsRow[] }) {
  const { t } = useTranslation();
  const l = useLabels();
  const byCode = new Map(rows.map((r) => [r.key, r]));
  const data = DISTRICTS.map((d) => ({ code: d.code, row: byCode.get(d.code) }));
  const cell = (k: keyof StatsRow, color?: string) => ({
    key: k,
    align: 'right' as const,
    render: (_: unknown, r: { code: string; row?: StatsRow }) => (
      <span data-testid={`district-${k}-${r.code}`} style={{ color }}>
        {r.row ? (k === 'rectificationRate' ? pct(r.row.rectificationRate) : String(r.row[k] ?? 0)) : 0}
      </span>
    ),
  });
  const columns: TableProps<{ code: string; row?: StatsRow }>['columns'] = [
    {
      title: t('enterprise.district'),
      key: 'district',
      render: (_: unknown, r) => <Link to={`/hazards?district=${r.code}`}>{l.district(r.code)}</Link>,
    },
    { title: t('dashboard.total'), ...cell('total') },
    { title: t('dashboard.open'), ...cell('open', COLORS.open) },
    { title: t('dashboard.closed'), ...cell('closed', COLORS.closed) },
    { title: t('dashboard.overdue'), ...cell('overdue', COLORS.overdue) },
    { title: t('dashboard.rate'), ...cell('rectificationRate') },
  ];
  return (
    <Card size="small" title={t('dashboard.districtTable')}>
      <Table
        rowKey="code"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={data}
        scroll={{ x: 'max-content' }}
        data-testid="district-table"
      />
    </Card>
  );
}

function DistrictBars({ rows }: { rows: StatsRow[] }) {
  const { t } = useTranslation();
  const l = useLabels();
  const screens = Grid.useBreakpoint();
  const byCode = new Map(rows.map((r) => [r.key, r]));
  const names = DISTRICTS.map((d) => l.district(d.code));
  const v = (k: Metric) => DISTRICTS.map((d) => byCode.get(d.code)?.[k] ?? 0);
  const option: EChartsOption = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 8, bottom: 8, top: 32, containLabel: true },
    xAxis: {
      type: 'category',
      data: names,
      axisLabel: { interval: 0, rotate: screens.md ? 0 : 40, fontSize: 11 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: t('dashboard.open'),
        type: 'bar',
        stack: 'n',
        data: v('open'),
        itemStyle: { color: COLORS.open },
      },
      {
        name: t('dashboard.closed'),
        type: 'bar',
        stack: 'n',
        data: v('closed'),
        itemStyle: { color: COLORS.closed },
      },
      { name: t('dashboard.overdue'), type: 'bar', data: v('overdue'), itemStyle: { color: COLORS.overdue } },
    ],
  };
  return (
    <Card size="small" title={t('dashboard.byDistrict')}>
      <EChart option={option} height={320} testId="chart-district" />
    </Card>
  );
}

function IndustryBars({ f }: { f: StatsFilters }) {
  const { t } = useTranslation();
  const q = useHazardStats('industry', f);
  const rows = [...(q.data?.rows ?? [])]
    .sort((a, b) => b.total - a.total)
    .slice(0, 10)
    .reverse();
  const option: EChartsOption = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, bottom: 8, top: 32, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: rows.map((r) => r.label),
      axisLabel: { width: 120, overflow: 'truncate', fontSize: 11 },
    },
    series: [
      {
        name: t('dashboard.open'),
        type: 'bar',
        stack: 'n',
        data: rows.map((r) => r.open),
        itemStyle: { color: COLORS.open },
      },
      {
        name: t('dashboard.closed'),
        type: 'bar',
        stack: 'n',
        data: rows.map((r) => r.closed),
        itemStyle: { color: COLORS.closed },
      },
    ],
  };
  return (
    <Card size="small" title={t('dashboard.byIndustry')}>
      {rows.length ? (
        <EChart option={option} height={320} testId="chart-industry" />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
    </Card>
  );
}

function Trend({ f }: { f: StatsFilters }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'major' | 'all'>('major');
  const zc = useZeroClearing();
  const month = useHazardStats('month', f);
  const series =
    mode === 'major'
      ? (zc.data?.monthly ?? []).slice(-24).map((m) => ({ month: m.month, found: m.found, closed: m.closed }))
      : (month.data?.rows ?? []).slice(-24).map((r) => ({ month: r.key, found: r.total, closed: r.closed }));
  const option: EChartsOption = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, bottom: 8, top: 32, containLabel: true },
    xAxis: { type: 'category', data: series.map((s) => s.month), boundaryGap: false },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: t('dashboard.found'),
        type: 'line',
        data: series.map((s) => s.found),
        itemStyle: { color: COLORS.found },
      },
      {
        name: mode === 'major' ? t('dashboard.closedInMonth') : t('dashboard.closedOfFound'),
        type: 'line',
        data: series.map((s) => s.closed),
        itemStyle: { color: COLORS.closed },
      },
    ],
  };
  return (
    <Card
      size="small"
      title={t('dashboard.trend')}
      extra={
        <Segmented
          size="small"
          value={mode}
          onChange={(v) => setMode(v as 'major' | 'all')}
          options={[
            { value: 'major', label: t('dashboard.trendMajor') },
            { value: 'all', label: t('dashboard.trendAll') },
          ]}
        />
      }
    >
      {series.length ? (
        <EChart option={option} height={320} testId="chart-trend" />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
    </Card>
  );
}

function Ranking({
  title,
  rows,
  testId,
}: {
  title: string;
  rows: { key: string; label: string; to: string; n: number }[];
  testId: string;
}) {
  const { t } = useTranslation();
  const max = Math.max(1, ...rows.map((r) => r.n));
  return (
    <Card size="small" title={title}>
      {rows.length ? (
        <List
          size="small"
          className="stat-list"
          dataSource={rows}
          data-testid={testId}
          renderItem={(r, i) => (
            <List.Item>
              <div style={{ width: '100%' }}>
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                  <span>
                    <Tag color={i < 3 ? 'red' : 'default'}>{i + 1}</Tag>
                    <Link to={r.to}>{r.label}</Link>
                  </span>
                  <b style={{ color: COLORS.overdue }}>{r.n}</b>
                </div>
                <Progress
                  percent={(r.n / max) * 100}
                  showInfo={false}
                  size="small"
                  strokeColor={COLORS.overdue}
                />
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noOverdue')} />
      )}
    </Card>
  );
}

function OverdueRankings({ districtRows }: { districtRows: StatsRow[] }) {
  const { t } = useTranslation();
  const l = useLabels();
  // No group-by-enterprise in the statistics API: rank the first 200 overdue hazards by enterprise.
  const overdue = useHazardList({ overdue: 'true', pageSize: 200, sort: 'deadline' });
  const enterprises = useMemo(() => {
    const m = new Map<string, { key: string; label: string; to: string; n: number }>();
    for (const h of overdue.data?.items ?? []) {
      const e = m.get(h.enterpriseId) ?? {
        key: h.enterpriseId,
        label: h.enterpriseName,
        to: `/hazards?enterprise=${h.enterpriseId}&overdue=true`,
        n: 0,
      };
      e.n++;
      m.set(h.enterpriseId, e);
    }
    return [...m.values()].sort((a, b) => b.n - a.n).slice(0, 10);
  }, [overdue.data]);
  const districts = districtRows
    .filter((r) => r.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue)
    .map((r) => ({
      key: r.key,
      label: l.district(r.key, r.label),
      to: `/hazards?district=${r.key}&overdue=true`,
      n: r.overdue,
    }));
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} md={12}>
        <Ranking title={t('dashboard.rankDistricts')} rows={districts} testId="rank-districts" />
      </Col>
      <Col xs={24} md={12}>
        <Ranking
          title={
            (overdue.data?.total ?? 0) > 200
              ? `${t('dashboard.rankEnterprises')}（${t('dashboard.rankSample')}）`
              : t('dashboard.rankEnterprises')
          }
          rows={enterprises}
          testId="rank-enterprises"
        />
      </Col>
    </Row>
  );
}

function milestoneGauge(m: MilestoneResult): { value: number; label: string } {
  const n = m.numbers;
  switch (m.key) {
    case 'stock_cleared':
      return { value: n.closedShare ?? (n.stockTotal ? 0 : 1), label: 'closedShare' };
    case 'increment_contained':
      return { value: n.found ? Math.min(1, (n.closed ?? 0) / n.found) : 1, label: 'closedVsFound' };
    case 'dynamic_zero':
      return { value: n.open ? 1 - (n.overdue ?? 0) / n.open : 1, label: 'onTime' };
  }
}

function Milestones() {
  const { t } = useTranslation();
  const zc = useZeroClearing();
  if (zc.isPending) return <Skeleton active />;
  if (!zc.data) return null;
  const numberLabel = (k: string) =>
    t(`dashboard.numbers.${k}` as 'dashboard.numbers.found', { defaultValue: k });
  return (
    <Card
      size="small"
      title={t('dashboard.milestones')}
      extra={
        <Typography.Text type="secondary">
          {t('dashboard.asOf', { time: fmtTime(zc.data.asOf) })} · {t('dashboard.openMajor')}{' '}
          {zc.data.current.openMajor} · {t('dashboard.overdueMajor')} {zc.data.current.overdueMajor}
        </Typography.Text>
      }
    >
      <Row gutter={[12, 12]}>
        {zc.data.milestones.map((m) => {
          const g = milestoneGauge(m);
          const state = m.met === true ? 'met' : m.met === false ? 'missed' : 'pending';
          const color = state === 'met' ? '#52c41a' : state === 'missed' ? '#f5222d' : '#8c8c8c';
          const option: EChartsOption = {
            series: [
              {
                type: 'gauge',
                min: 0,
                max: 100,
                radius: '95%',
                progress: { show: true, width: 10, itemStyle: { color } },
                axisLine: { lineStyle: { width: 10 } },
                axisTick: { show: false },
                splitLine: { show: false },
                axisLabel: { show: false },
                pointer: { show: false },
                detail: {
                  valueAnimation: false,
                  formatter: '{value}%',
                  fontSize: 20,
                  offsetCenter: [0, '10%'],
                },
                title: { offsetCenter: [0, '45%'], fontSize: 11 },
                data: [
                  {
                    value: Math.round(g.value * 1000) / 10,
                    name: t(`dashboard.gauge.${g.label}` as 'dashboard.gauge.onTime'),
                  },
                ],
              },
            ],
          };
          return (
            <Col xs={24} md={8} key={m.key}>
              <Card
                size="small"
                className={`milestone milestone-${state}`}
                data-testid={`milestone-${m.key}`}
              >
                <Space align="start" style={{ width: '100%', justifyContent: 'space-between' }}>
                  <div>
                    <Typography.Text strong>{m.date}</Typography.Text>
                    <div style={{ fontSize: 13 }}>{m.name}</div>
                  </div>
                  {state === 'met' ? (
                    <Tag icon={<CheckCircleFilled />} color="success" data-testid="milestone-state">
                      {t('dashboard.met')}
                    </Tag>
                  ) : state === 'missed' ? (
                    <Tag icon={<CloseCircleFilled />} color="error" data-testid="milestone-state">
                      {t('dashboard.missed')}
                    </Tag>
                  ) : (
                    <Tag icon={<ClockCircleFilled />} data-testid="milestone-state">
                      {t('dashboard.pending')}
                    </Tag>
                  )}
                </Space>
                <EChart option={option} height={150} />
                <div className="milestone-numbers">
                  {Object.entries(m.numbers).map(([k, v]) => (
                    <span key={k}>
                      {numberLabel(k)}：<b>{k === 'closedShare' ? pct(v) : v}</b>
                    </span>
                  ))}
                </div>
                <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '6px 0 0' }}>
                  {t('dashboard.rule')}：{m.rule}
                  {m.window ? `（${m.window.from} ~ ${m.window.to}）` : ''}
                </Typography.Paragraph>
              </Card>
            </Col>
          );
        })}
      </Row>
      {zc.data.note && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
          {zc.data.note}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

const BREAKDOWNS = [
  'sector',
  'source',
  'department',
  'status',
  'grade',
] as const satisfies readonly GroupBy[];

/** Every other dimension of the statistics API, one at a time, as a table. */
function Breakdown({ f }: { f: StatsFilters }) {
  const { t } = useTranslation();
  const [by, setBy] = useState<(typeof BREAKDOWNS)[number]>('sector');
  const q = useHazardStats(by, f);
  const num = (k: 'total' | 'open' | 'closed' | 'overdue' | 'major' | 'general', color?: string) => ({
    dataIndex: k,
    key: k,
    align: 'right' as const,
    render: (v: number) => <span style={{ color: v ? color : undefined }}>{v}</span>,
  });
  const columns: TableProps<StatsRow>['columns'] = [
    { title: t(`dashboard.breakdownBy.${by}`), dataIndex: 'label', key: 'label' },
    { title: t('dashboard.total'), ...num('total') },
    { title: t('dashboard.open'), ...num('open', COLORS.open) },
    { title: t('dashboard.closed'), ...num('closed', COLORS.closed) },
    { title: t('dashboard.overdue'), ...num('overdue', COLORS.overdue) },
    { title: t('dashboard.major'), ...num('major', COLORS.major) },
    { title: t('dashboard.general'), ...num('general') },
    {
      title: t('dashboard.rate'),
      dataIndex: 'rectificationRate',
      key: 'rate',
      align: 'right',
      render: (v: number) => pct(v),
    },
    {
      title: t('dashboard.avgDays'),
      dataIndex: 'avgDaysToClose',
      key: 'avgDays',
      align: 'right',
      render: (v: number | null) => (v === null ? '—' : v),
    },
  ];
  return (
    <Card
      size="small"
      title={t('dashboard.breakdown')}
      extra={
        <Segmented
          size="small"
          value={by}
          onChange={(v) => setBy(v as (typeof BREAKDOWNS)[number])}
          options={BREAKDOWNS.map((b) => ({ value: b, label: t(`dashboard.breakdownBy.${b}`) }))}
          data-testid="breakdown-by"
        />
      }
    >
      <Table
        rowKey="key"
        size="small"
        pagination={false}
        loading={q.isFetching}
        columns={columns}
        dataSource={q.data?.rows ?? []}
        scroll={{ x: 'max-content' }}
        data-testid="breakdown-table"
      />
    </Card>
  );
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const h = useHazardLabels();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [grade, setGrade] = useState<string | undefined>();
  const f: StatsFilters = {
    from: range?.[0] ? shanghaiDayStart(range[0]) : undefined,
    to: range?.[1] ? shanghaiDayEnd(range[1]) : undefined,
    grade,
  };
  const district = useHazardStats('district', f);
  const rows = district.data?.rows ?? [];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="dashboard">
      <Card size="small">
        <div className="page-header" style={{ marginBottom: 0 }}>
          <Typography.Title level={4}>{t('dashboard.title')}</Typography.Title>
          <Space wrap>
            <DatePicker.RangePicker
              allowEmpty={[true, true]}
              value={range}
              onChange={(v) => setRange(v)}
              placeholder={[t('hazard.discoveredFrom'), t('hazard.discoveredTo')]}
            />
            <Select
              allowClear
              style={{ minWidth: 120 }}
              placeholder={t('hazard.anyGrade')}
              value={grade}
              onChange={setGrade}
              options={h.gradeOptions}
            />
          </Space>
        </div>
      </Card>
      <Kpis rows={rows} loading={district.isPending} />
      <Milestones />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <DistrictMap rows={rows} />
        </Col>
        <Col xs={24} xl={10}>
          <DistrictTable rows={rows} />
        </Col>
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <DistrictBars rows={rows} />
        </Col>
        <Col xs={24} xl={12}>
          <IndustryBars f={f} />
        </Col>
      </Row>
      <Trend f={f} />
      <Breakdown f={f} />
      <OverdueRankings districtRows={rows} />
    </Space>
  );
}
