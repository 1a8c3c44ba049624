import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button, Card, Grid, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined, ExportOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isDistrictCode } from '@zhiben/domain';
import { notifySuccess, showApiError } from '../../api/feedback';
import type { Enterprise } from '../../api/types';
import { STATUS_COLORS, useLabels } from '../../lib/labels';
import { useCan, useMe } from '../auth/session';
import { EnterpriseFilterBar } from './EnterpriseFilterBar';
import {
  downloadExport,
  downloadTemplate,
  FILTER_KEYS,
  useEnterpriseList,
  type EnterpriseFilters,
  type ListParams,
} from './enterprises.api';

const SORTABLE = ['name', 'uscc', 'employees', 'createdAt'];

function readParams(sp: URLSearchParams): ListParams {
  const out: ListParams = {};
  for (const k of FILTER_KEYS) {
    const v = sp.get(k);
    if (v) out[k] = v;
  }
  out.sort = sp.get('sort') ?? 'name';
  out.page = Math.max(1, Number(sp.get('page')) || 1);
  out.pageSize = Math.min(200, Math.max(1, Number(sp.get('pageSize')) || 20));
  return out;
}

export default function EnterpriseListPage() {
  const { t } = useTranslation();
  const l = useLabels();
  const me = useMe();
  const can = useCan();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [sp, setSp] = useSearchParams();
  const params = useMemo(() => readParams(sp), [sp]);
  const list = useEnterpriseList(params);
  const [busy, setBusy] = useState<'template' | 'export' | null>(null);

  const filters: EnterpriseFilters = Object.fromEntries(FILTER_KEYS.map((k) => [k, params[k]]));
  const write = (next: ListParams) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(next))
      if (v !== undefined && v !== '' && v !== null) q.set(k, String(v));
    if (q.get('sort') === 'name') q.delete('sort');
    if (q.get('page') === '1') q.delete('page');
    if (q.get('pageSize') === '20') q.delete('pageSize');
    setSp(q, { replace: true });
  };

  const run = async (kind: 'template' | 'export') => {
    setBusy(kind);
    try {
      const name =
        kind === 'template'
          ? await downloadTemplate()
          : await downloadExport({ ...filters, sort: params.sort });
      notifySuccess(t(kind === 'template' ? 'enterprise.downloaded' : 'enterprise.exported', { name }));
    } catch (e) {
      showApiError(e);
    } finally {
      setBusy(null);
    }
  };

  const order = (key: string) =>
    params.sort === key ? ('ascend' as const) : params.sort === `-${key}` ? ('descend' as const) : null;

  const columns: TableProps<Enterprise>['columns'] = [
    {
      title: t('enterprise.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: order('name'),
      fixed: screens.md ? 'left' : undefined,
      width: 240,
      render: (name: string, e) => <Link to={`/enterprises/${e.id}`}>{name}</Link>,
    },
    {
      title: t('enterprise.uscc'),
      dataIndex: 'uscc',
      key: 'uscc',
      sorter: true,
      sortOrder: order('uscc'),
      width: 190,
    },
    {
      title: t('enterprise.district'),
      dataIndex: 'districtName',
      key: 'district',
      className: 'col-district',
      width: 110,
      render: (_: string, e) => l.district(e.districtCode, e.districtName),
    },
    {
      title: t('enterprise.industry'),
      dataIndex: 'industryName',
      key: 'industry',
      width: 180,
      ellipsis: true,
    },
    {
      title: t('enterprise.sectors'),
      dataIndex: 'sectors',
      key: 'sectors',
      width: 200,
      render: (sectors: string[]) => (
        <Space size={[0, 4]} wrap>
          {sectors.map((s) => (
            <Tag key={s} color="geekblue">
              {l.sector(s)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('enterprise.status'),
      dataIndex: 'status',
      key: 'status',
      width: 100,
      render: (s: string) => <Tag color={STATUS_COLORS[s]}>{l.status(s)}</Tag>,
    },
    {
      title: t('enterprise.employees'),
      dataIndex: 'employees',
      key: 'employees',
      sorter: true,
      sortOrder: order('employees'),
      align: 'right',
      width: 110,
    },
  ];

  const onTableChange: TableProps<Enterprise>['onChange'] = (pagination, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = typeof s?.columnKey === 'string' && SORTABLE.includes(s.columnKey) ? s.columnKey : undefined;
    const sort = key && s?.order ? (s.order === 'descend' ? `-${key}` : key) : 'name';
    const sortChanged = sort !== params.sort;
    write({
      ...params,
      sort,
      page: sortChanged ? 1 : pagination.current,
      pageSize: pagination.pageSize,
    });
  };

  const scopedToDistrict = !!me.regionCode && isDistrictCode(me.regionCode);

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={4}>{t('enterprise.listTitle')}</Typography.Title>
        <Space wrap>
          {can('enterprises:write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/enterprises/new')}>
              {t('enterprise.add')}
            </Button>
          )}
          {can('enterprises:import') && (
            <Button
              icon={<UploadOutlined />}
              onClick={() => navigate('/enterprises/import')}
              data-testid="btn-import"
            >
              {t('enterprise.import')}
            </Button>
          )}
          {can('enterprises:import') && (
            <Button icon={<DownloadOutlined />} loading={busy === 'template'} onClick={() => run('template')}>
              {t('enterprise.template')}
            </Button>
          )}
          <Button
            icon={<ExportOutlined />}
            loading={busy === 'export'}
            onClick={() => run('export')}
            data-testid="btn-export"
          >
            {t('enterprise.export')}
          </Button>
        </Space>
      </div>
      <EnterpriseFilterBar
        value={filters}
        showDistrict={!scopedToDistrict}
        onChange={(f) => write({ ...f, sort: params.sort, page: 1, pageSize: params.pageSize })}
      />
      <Table<Enterprise>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        onChange={onTableChange}
        scroll={{ x: 'max-content' }}
        data-testid="enterprise-table"
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          simple: !screens.md,
          showTotal: (total) => (
            <span data-testid="enterprise-total">{t('common.total', { count: total })}</span>
          ),
        }}
      />
    </Card>
  );
}
