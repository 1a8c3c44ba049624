import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  Button,
  Card,
  Col,
  Grid,
  Input,
  List,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isDistrictCode } from '@zhiben/domain';
import { useLabels } from '../../lib/labels';
import { fmtTime } from '../../lib/time';
import { useMe } from '../auth/session';
import { CategoryTag, OverdueBadges, ReportStatusTag, useReportLabels } from './labels';
import { REPORT_FILTER_KEYS, useReportList, type Report, type ReportListParams } from './reports.api';

function useParamsState(): [ReportListParams, (p: ReportListParams) => void] {
  const [sp, setSp] = useSearchParams();
  const params = useMemo(() => {
    const p: ReportListParams = { page: Number(sp.get('page') ?? 1) || 1, pageSize: 20 };
    for (const k of REPORT_FILTER_KEYS) {
      const v = sp.get(k);
      if (v) p[k] = v;
    }
    return p;
  }, [sp]);
  const write = (p: ReportListParams) => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(p))
      if (v !== undefined && v !== '' && !(k === 'page' && v === 1) && k !== 'pageSize')
        next.set(k, String(v));
    setSp(next, { replace: true });
  };
  return [params, write];
}

/** 举报受理台: the officials' inbox, scoped by the server, with filters and overdue badges. */
export default function ReportInboxPage() {
  const { t } = useTranslation();
  const me = useMe();
  const labels = useLabels();
  const rl = useReportLabels();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [params, write] = useParamsState();
  const list = useReportList(params);
  const set = (k: keyof ReportListParams, v: string | undefined) => write({ ...params, [k]: v, page: 1 });
  const districtScoped = !!me.regionCode && isDistrictCode(me.regionCode);

  const columns: TableColumnsType<Report> = [
    {
      title: t('report.trackingCode'),
      dataIndex: 'trackingCode',
      render: (c: string, r) => (
        <Link to={`/reports/${r.id}`} data-testid="report-link">
          {c}
        </Link>
      ),
    },
    {
      title: t('report.category'),
      dataIndex: 'category',
      render: (c: string) => <CategoryTag category={c} />,
    },
    {
      title: t('report.enterpriseName'),
      dataIndex: 'enterpriseName',
      render: (n: string, r) => (
        <Space orientation="vertical" size={0}>
          <span>{n || '—'}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {labels.district(r.districtCode)} · {r.location}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('report.channel'), dataIndex: 'channel', render: (c: string) => rl.channel(c) },
    {
      title: t('report.status'),
      dataIndex: 'status',
      render: (s: string, r) => (
        <Space orientation="vertical" size={0}>
          <ReportStatusTag status={s} />
          <OverdueBadges r={r} />
          {r.duplicateOf && <Tag color="orange">{t('report.duplicate')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('report.identity'),
      dataIndex: 'anonymous',
      render: (a: boolean) =>
        a ? <Tag>{t('report.anonymousTag')}</Tag> : <Tag color="blue">{t('report.realNameTag')}</Tag>,
    },
    { title: t('report.receivedCol'), dataIndex: 'createdAt', render: (v: string) => fmtTime(v) },
    {
      title: t('report.verifyDue'),
      dataIndex: 'verifyDueAt',
      render: (v: string | null, r) => (
        <span style={r.verifyOverdue ? { color: '#cf1322' } : undefined}>
          {fmtTime(v, 'YYYY-MM-DD')}
          {r.extended ? `（${t('report.extended')}）` : ''}
        </span>
      ),
    },
  ];

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={4}>{t('report.inboxTitle')}</Typography.Title>
        <Space wrap>
          <Button icon={<BarChartOutlined />} onClick={() => navigate('/reports/stats')}>
            {t('report.nav.stats')}
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate('/reports/new')}
            data-testid="btn-register"
          >
            {t('report.nav.register')}
          </Button>
        </Space>
      </div>
      <Row gutter={[8, 8]} className="filter-bar" style={{ marginBottom: 12 }}>
        <Col xs={24} md={8} lg={6}>
          <Input.Search
            allowClear
            defaultValue={params.keyword}
            placeholder={t('report.keyword')}
            onSearch={(v) => set('keyword', v.trim() || undefined)}
            data-testid="report-keyword"
          />
        </Col>
        <Col xs={12} md={8} lg={5}>
          <Select
            allowClear
            mode="multiple"
            maxTagCount="responsive"
            placeholder={t('report.anyStatus')}
            value={params.status ? params.status.split(',') : []}
            options={rl.stateOptions}
            onChange={(v: string[]) => set('status', v.length ? v.join(',') : undefined)}
            data-testid="report-status-filter"
          />
        </Col>
        <Col xs={12} md={8} lg={4}>
          <Select
            allowClear
            placeholder={t('report.anyCategory')}
            value={params.category}
            options={rl.categoryOptions}
            onChange={(v?: string) => set('category', v)}
          />
        </Col>
        {!districtScoped && (
          <Col xs={12} md={8} lg={4}>
            <Select
              allowClear
              placeholder={t('report.anyDistrict')}
              value={params.district}
              options={labels.districtOptions}
              onChange={(v?: string) => set('district', v)}
            />
          </Col>
        )}
        <Col xs={12} md={8} lg={5} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
          <Switch
            checked={params.overdue === 'true'}
            onChange={(on) => set('overdue', on ? 'true' : undefined)}
            data-testid="report-overdue-filter"
          />
          <span>{t('report.overdueOnly')}</span>
        </Col>
      </Row>
      {!screens.md ? (
        <List<Report>
          loading={list.isFetching}
          dataSource={list.data?.items}
          data-testid="report-table"
          pagination={{
            current: params.page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            simple: true,
            onChange: (page) => write({ ...params, page }),
            showTotal: (total) => t('common.total', { count: total }),
          }}
          renderItem={(r) => (
            <List.Item
              className={r.verifyOverdue ? 'hazard-card row-overdue' : 'hazard-card'}
              onClick={() => navigate(`/reports/${r.id}`)}
            >
              <div style={{ width: '100%' }}>
                <Space size={4} wrap>
                  <CategoryTag category={r.category} />
                  <ReportStatusTag status={r.status} />
                  {!r.anonymous && <Tag color="blue">{t('report.realNameTag')}</Tag>}
                  <OverdueBadges r={r} />
                </Space>
                <div className="hazard-card-title">
                  <Link to={`/reports/${r.id}`} data-testid="report-link">
                    {r.trackingCode}
                  </Link>{' '}
                  {r.enterpriseName}
                </div>
                <Typography.Text type="secondary" className="hazard-card-meta">
                  {labels.district(r.districtCode)} · {rl.channel(r.channel)} · {fmtTime(r.createdAt)}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table<Report>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          data-testid="report-table"
          rowClassName={(r) => (r.verifyOverdue ? 'row-overdue' : '')}
          onRow={(r) => ({
            onClick: (e) => {
              if ((e.target as HTMLElement).closest('a')) return;
              navigate(`/reports/${r.id}`);
            },
            style: { cursor: 'pointer' },
          })}
          pagination={{
            current: params.page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: (page) => write({ ...params, page }),
            showTotal: (total) => t('common.total', { count: total }),
          }}
        />
      )}
    </Card>
  );
}
