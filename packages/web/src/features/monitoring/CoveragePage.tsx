import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Drawer,
  Grid,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isDistrictCode } from '@zhiben/domain';
import { fmtTime } from '../../lib/time';
import { useLabels } from '../../lib/labels';
import { useMe } from '../auth/session';
import { shanghaiWallClock, toShanghaiIso } from '../hazards/time';
import { useCoverage, type CoverageCell, type CoverageParams } from './coverage.api';

const RED = '#f5222d';
const GREEN = '#52c41a';

/** A share as a progress bar: green at 100 %, red below; "—" when nothing is required. */
function ShareBar({ cell, onOpen }: { cell: CoverageCell | undefined; onOpen: (c: CoverageCell) => void }) {
  const { t } = useTranslation();
  if (!cell || cell.required === 0)
    return <Typography.Text type="secondary">{t('monitor.coverage.noneRequired')}</Typography.Text>;
  const full = cell.live === cell.required;
  return (
    <button
      type="button"
      className="coverage-cell"
      onClick={() => onOpen(cell)}
      title={t('monitor.coverage.openMissing')}
      data-testid="coverage-cell"
      style={{ all: 'unset', cursor: 'pointer', display: 'block', width: '100%' }}
    >
      <Progress
        percent={Math.floor(cell.share * 1000) / 10}
        strokeColor={full ? GREEN : RED}
        status={full ? 'success' : 'exception'}
        format={(p) => `${p}%`}
        size="small"
      />
      <Typography.Text type={full ? 'secondary' : 'danger'} style={{ fontSize: 12 }}>
        {t('monitor.coverage.liveOf', { live: cell.live, required: cell.required })}
      </Typography.Text>
    </button>
  );
}

interface RowData {
  key: string;
  districtCode: string | null;
  cells: Map<string, CoverageCell>;
}

export default function CoveragePage() {
  const { t } = useTranslation();
  const l = useLabels();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const [sp, setSp] = useSearchParams();
  const params: CoverageParams = {
    at: sp.get('at') ?? undefined,
    district: sp.get('district') ?? undefined,
    category: sp.get('category') ?? undefined,
  };
  const set = (k: keyof CoverageParams, v: string | undefined) => {
    const next = new URLSearchParams(sp);
    if (v) next.set(k, v);
    else next.delete(k);
    setSp(next, { replace: true });
  };
  const q = useCoverage(params);
  const data = q.data;
  const [open, setOpen] = useState<CoverageCell | null>(null);
  const scopedToDistrict = (!!me.regionCode && isDistrictCode(me.regionCode)) || !!me.enterpriseId;

  const rows = useMemo<RowData[]>(() => {
    if (!data) return [];
    const byDistrict = new Map<string, Map<string, CoverageCell>>();
    for (const c of data.cells) {
      const m = byDistrict.get(c.districtCode!) ?? new Map<string, CoverageCell>();
      m.set(c.category, c);
      byDistrict.set(c.districtCode!, m);
    }
    const list: RowData[] = data.districts.map((d) => ({
      key: d.code,
      districtCode: d.code,
      cells: byDistrict.get(d.code) ?? new Map(),
    }));
    list.push({ key: 'total', districtCode: null, cells: new Map(data.totals.map((c) => [c.category, c])) });
    return list;
  }, [data]);

  const columns: TableProps<RowData>['columns'] = [
    {
      title: t('monitor.coverage.district'),
      key: 'district',
      fixed: screens.md ? 'left' : undefined,
      width: 130,
      render: (_: unknown, r) =>
        r.districtCode ? (
          l.district(r.districtCode)
        ) : (
          <Typography.Text strong>
            {scopedToDistrict ? t('monitor.coverage.scopeTotal') : t('monitor.coverage.cityTotal')}
          </Typography.Text>
        ),
    },
    ...(data?.categories ?? []).map((c) => ({
      title: l.en ? c.nameEn : c.name,
      key: c.code,
      width: 170,
      render: (_: unknown, r: RowData) => <ShareBar cell={r.cells.get(c.code)} onOpen={setOpen} />,
    })),
  ];

  const o = data?.overall;
  const openTitle = open
    ? `${l.category(open.category)} · ${open.districtCode ? l.district(open.districtCode) : t('monitor.coverage.cityTotal')}`
    : '';

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('monitor.coverage.title')}
        </Typography.Title>
      </div>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('monitor.coverage.target')}
        description={t('monitor.coverage.rule', { hours: data?.windowHours ?? 24 })}
      />
      {o && (
        <Row gutter={[16, 16]} style={{ marginBottom: 12 }}>
          <Col xs={12} md={6}>
            <Statistic
              title={t('monitor.coverage.overallShare')}
              value={Math.floor(o.share * 1000) / 10}
              suffix="%"
              styles={{ content: { color: o.share === 1 ? GREEN : RED } }}
              data-testid="coverage-overall"
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t('monitor.coverage.liveEnterprises')}
              value={o.live}
              suffix={`/ ${o.required}`}
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t('monitor.coverage.categoriesMet')}
              value={o.categoriesMet}
              suffix={`/ ${o.categories}`}
            />
          </Col>
          <Col xs={12} md={6}>
            <Typography.Text type="secondary">{t('monitor.coverage.targetState')}</Typography.Text>
            <div style={{ marginTop: 8 }}>
              {o.met ? (
                <Tag color="success">{t('monitor.coverage.met')}</Tag>
              ) : (
                <Tag color="error">{t('monitor.coverage.notMet', { count: o.required - o.live })}</Tag>
              )}
            </div>
          </Col>
        </Row>
      )}
      <Space wrap className="filter-bar" style={{ marginBottom: 12 }}>
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          placeholder={t('monitor.coverage.atNow')}
          value={params.at ? shanghaiWallClock(params.at) : null}
          onChange={(d) => set('at', d ? toShanghaiIso(d) : undefined)}
          data-testid="coverage-at"
        />
        {!scopedToDistrict && (
          <Select
            allowClear
            style={{ width: 150 }}
            placeholder={t('monitor.alarms.allDistricts')}
            value={params.district}
            onChange={(v?: string) => set('district', v)}
            options={l.districtOptions}
            data-testid="coverage-district"
          />
        )}
        <Select
          allowClear
          style={{ width: 200 }}
          placeholder={t('monitor.coverage.allCategories')}
          value={params.category}
          onChange={(v?: string) => set('category', v)}
          options={l.categoryOptions}
          data-testid="coverage-category"
        />
        <Button icon={<ReloadOutlined />} onClick={() => void q.refetch()} loading={q.isFetching}>
          {t('common.refresh')}
        </Button>
        {data && (
          <Typography.Text type="secondary">
            {t('monitor.coverage.asOf', { time: fmtTime(data.at) })}
          </Typography.Text>
        )}
      </Space>
      <Table<RowData>
        rowKey="key"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={q.isLoading}
        pagination={false}
        scroll={{ x: 130 + 170 * (data?.categories.length ?? 5) }}
        rowClassName={(r) => (r.districtCode ? '' : 'coverage-total-row')}
        data-testid="coverage-table"
      />
      <Drawer
        open={!!open}
        onClose={() => setOpen(null)}
        title={openTitle}
        size={screens.md ? 720 : '100%'}
        data-testid="coverage-drawer"
      >
        {open && (
          <>
            <Typography.Paragraph>
              {t('monitor.coverage.drawerSummary', {
                required: open.required,
                live: open.live,
                missing: open.missing.length,
              })}
            </Typography.Paragraph>
            <Table
              rowKey="id"
              size="small"
              dataSource={open.missing}
              pagination={open.missing.length > 50 ? { pageSize: 50 } : false}
              locale={{ emptyText: t('monitor.coverage.noneMissing') }}
              columns={[
                {
                  title: t('monitor.coverage.enterprise'),
                  dataIndex: 'name',
                  render: (name: string, m) => <Link to={`/enterprises/${m.id}`}>{name}</Link>,
                },
                { title: t('monitor.coverage.uscc'), dataIndex: 'uscc', width: 190 },
                {
                  title: t('monitor.coverage.district'),
                  dataIndex: 'districtCode',
                  width: 110,
                  render: (c: string) => l.district(c),
                },
                {
                  title: t('monitor.coverage.lastReadingAt'),
                  dataIndex: 'lastReadingAt',
                  width: 150,
                  render: (v: string | null) =>
                    v ? (
                      fmtTime(v)
                    ) : (
                      <Typography.Text type="danger">{t('monitor.coverage.neverReported')}</Typography.Text>
                    ),
                },
              ]}
            />
          </>
        )}
      </Drawer>
    </Card>
  );
}
