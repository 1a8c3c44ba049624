import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button, Card, Grid, List, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { FlagOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isDistrictCode } from '@zhiben/domain';
import { fmtTime } from '../../lib/time';
import { useMe } from '../auth/session';
import { HazardFilterBar } from './HazardFilterBar';
import { Deadline, GradeTag, StatusTag, useHazardLabels } from './labels';
import { HAZARD_FILTER_KEYS, useHazardList, type Hazard, type HazardListParams } from './hazards.api';
import { canReport } from './roles';

const SORTABLE = ['code', 'discoveredAt', 'deadline'];

function readParams(sp: URLSearchParams): HazardListParams {
  const out: HazardListParams = {};
  for (const k of HAZARD_FILTER_KEYS) {
    const v = sp.get(k);
    if (v) out[k] = v;
  }
  out.sort = sp.get('sort') ?? '-discoveredAt';
  out.page = Math.max(1, Number(sp.get('page')) || 1);
  out.pageSize = Math.min(200, Math.max(1, Number(sp.get('pageSize')) || 20));
  return out;
}

export default function HazardListPage() {
  const { t } = useTranslation();
  const h = useHazardLabels();
  const me = useMe();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [sp, setSp] = useSearchParams();
  const params = useMemo(() => readParams(sp), [sp]);
  const list = useHazardList(params);

  const filters = Object.fromEntries(HAZARD_FILTER_KEYS.map((k) => [k, params[k]]));
  const write = (next: HazardListParams) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(next))
      if (v !== undefined && v !== '' && v !== null) q.set(k, String(v));
    if (q.get('sort') === '-discoveredAt') q.delete('sort');
    if (q.get('page') === '1') q.delete('page');
    if (q.get('pageSize') === '20') q.delete('pageSize');
    setSp(q, { replace: true });
  };
  const order = (key: string) =>
    params.sort === key ? ('ascend' as const) : params.sort === `-${key}` ? ('descend' as const) : null;

  const columns: TableProps<Hazard>['columns'] = [
    {
      title: t('hazard.code'),
      dataIndex: 'code',
      key: 'code',
      sorter: true,
      sortOrder: order('code'),
      fixed: screens.md ? 'left' : undefined,
      width: 190,
      render: (code: string, r) => (
        <Link to={`/hazards/${r.id}`} data-testid="hazard-link">
          {code}
        </Link>
      ),
    },
    {
      title: t('hazard.title'),
      dataIndex: 'title',
      key: 'title',
      width: 220,
      ellipsis: true,
      render: (title: string, r) => (
        <Space size={4}>
          {r.supervised && (
            <Tag color="red" icon={<FlagOutlined />}>
              {t('hazard.supervisedTag')}
            </Tag>
          )}
          <span>{title}</span>
        </Space>
      ),
    },
    {
      title: t('hazard.enterprise'),
      dataIndex: 'enterpriseName',
      key: 'enterprise',
      width: 240,
      ellipsis: true,
    },
    { title: t('enterprise.district'), dataIndex: 'districtName', key: 'district', width: 110 },
    {
      title: t('hazard.grade'),
      dataIndex: 'grade',
      key: 'grade',
      width: 80,
      render: (g: string) => <GradeTag grade={g} />,
    },
    {
      title: t('hazard.status'),
      dataIndex: 'status',
      key: 'status',
      width: 100,
      render: (s: string) => <StatusTag status={s} />,
    },
    {
      title: t('hazard.deadline'),
      dataIndex: 'deadline',
      key: 'deadline',
      sorter: true,
      sortOrder: order('deadline'),
      width: 160,
      render: (_: string, r) => <Deadline deadline={r.deadline} overdue={r.overdue} days={r.daysOverdue} />,
    },
    {
      title: t('hazard.source'),
      dataIndex: 'source',
      key: 'source',
      width: 110,
      render: (s: string) => h.source(s),
    },
    {
      title: t('hazard.discoveredAt'),
      dataIndex: 'discoveredAt',
      key: 'discoveredAt',
      sorter: true,
      sortOrder: order('discoveredAt'),
      width: 150,
      render: (v: string) => fmtTime(v),
    },
  ];

  const onTableChange: TableProps<Hazard>['onChange'] = (pagination, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = typeof s?.columnKey === 'string' && SORTABLE.includes(s.columnKey) ? s.columnKey : undefined;
    const sort = key && s?.order ? (s.order === 'descend' ? `-${key}` : key) : '-discoveredAt';
    write({
      ...params,
      sort,
      page: sort !== params.sort ? 1 : pagination.current,
      pageSize: pagination.pageSize,
    });
  };

  const scopedToDistrict = !!me.regionCode && isDistrictCode(me.regionCode);
  const enterpriseUser = !!me.enterpriseId;

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={4}>{t('hazard.listTitle')}</Typography.Title>
        {canReport(me.role) && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate('/hazards/new')}
            data-testid="btn-report"
          >
            {t('hazard.report')}
          </Button>
        )}
      </div>
      {params.enterprise && (
        <Tag
          closable
          color="blue"
          style={{ marginBottom: 8 }}
          onClose={() => write({ ...params, enterprise: undefined, page: 1 })}
          data-testid="enterprise-filter"
        >
          {t('hazard.enterpriseFilter', {
            name: list.data?.items[0]?.enterpriseName ?? t('hazard.enterprise'),
          })}
        </Tag>
      )}
      <HazardFilterBar
        value={filters}
        showDistrict={!scopedToDistrict && !enterpriseUser}
        onChange={(f) => write({ ...f, sort: params.sort, page: 1, pageSize: params.pageSize })}
      />
      {!screens.md ? (
        <List<Hazard>
          loading={list.isFetching}
          dataSource={list.data?.items}
          data-testid="hazard-table"
          className="hazard-cards"
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: list.data?.total ?? 0,
            simple: true,
            onChange: (page, pageSize) => write({ ...params, page, pageSize }),
            showTotal: (total) => (
              <span data-testid="hazard-total">{t('common.total', { count: total })}</span>
            ),
          }}
          renderItem={(r) => (
            <List.Item
              className={r.overdue ? 'hazard-card row-overdue' : 'hazard-card'}
              onClick={() => navigate(`/hazards/${r.id}`)}
            >
              <div style={{ width: '100%' }}>
                <Space size={4} wrap>
                  <GradeTag grade={r.grade} />
                  <StatusTag status={r.status} />
                  {r.supervised && (
                    <Tag color="red" icon={<FlagOutlined />}>
                      {t('hazard.supervisedTag')}
                    </Tag>
                  )}
                </Space>
                <div className="hazard-card-title">
                  <Link to={`/hazards/${r.id}`} data-testid="hazard-link">
                    {r.title}
                  </Link>
                </div>
                <Typography.Text type="secondary" className="hazard-card-meta">
                  {r.code} · {r.enterpriseName}
                </Typography.Text>
                <div className="hazard-card-meta">
                  {t('hazard.deadline')}：
                  <Deadline deadline={r.deadline} overdue={r.overdue} days={r.daysOverdue} />
                </div>
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table<Hazard>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          onChange={onTableChange}
          scroll={{ x: 'max-content' }}
          data-testid="hazard-table"
          rowClassName={(r) => (r.overdue ? 'row-overdue' : '')}
          onRow={(r) => ({
            onClick: (e) => {
              if ((e.target as HTMLElement).closest('a')) return;
              navigate(`/hazards/${r.id}`);
            },
            style: { cursor: 'pointer' },
          })}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            simple: !screens.md,
            showTotal: (total) => (
              <span data-testid="hazard-total">{t('common.total', { count: total })}</span>
            ),
          }}
        />
      )}
    </Card>
  );
}
