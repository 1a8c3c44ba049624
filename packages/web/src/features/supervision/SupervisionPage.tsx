import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Drawer,
  Grid,
  Popconfirm,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { AlertOutlined, FlagOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isDistrictCode } from '@zhiben/domain';
import { notifySuccess } from '../../api/feedback';
import { useLabels } from '../../lib/labels';
import { dayjs, fmtTime } from '../../lib/time';
import { useMe } from '../auth/session';
import { Deadline, GradeTag, RungTag, StatusTag, useHazardLabels } from '../hazards/labels';
import { useHazardList, type Hazard, type HazardListParams } from '../hazards/hazards.api';
import { isCityAdmin } from '../hazards/roles';
import { toShanghaiIso } from '../hazards/time';
import { useEscalations, useRunEscalations, type Escalation, type EscalationQuery } from './supervision.api';

const OPEN = 'reported,rectifying,pending_acceptance';

function HazardTable({ params, testId }: { params: HazardListParams; testId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const list = useHazardList({ ...params, ...page });
  const columns: TableProps<Hazard>['columns'] = [
    {
      title: t('hazard.code'),
      dataIndex: 'code',
      width: 180,
      render: (c: string, r) => <Link to={`/hazards/${r.id}`}>{c}</Link>,
    },
    { title: t('hazard.title'), dataIndex: 'title', width: 200, ellipsis: true },
    { title: t('hazard.enterprise'), dataIndex: 'enterpriseName', width: 220, ellipsis: true },
    { title: t('enterprise.district'), dataIndex: 'districtName', width: 100 },
    {
      title: t('hazard.grade'),
      dataIndex: 'grade',
      width: 70,
      render: (g: string) => <GradeTag grade={g} />,
    },
    {
      title: t('hazard.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: string) => <StatusTag status={s} />,
    },
    {
      title: t('hazard.deadline'),
      dataIndex: 'deadline',
      width: 150,
      render: (_: string, r) => <Deadline deadline={r.deadline} overdue={r.overdue} days={r.daysOverdue} />,
    },
    {
      title: t('supervision.supervision'),
      dataIndex: 'supervision',
      width: 220,
      render: (_: unknown, r) =>
        r.supervision ? (
          <span>
            {r.supervision.body}
            <br />
            <Typography.Text type="secondary">
              {t('supervision.until', { time: fmtTime(r.supervision.deadline, 'YYYY-MM-DD') })}
            </Typography.Text>
          </span>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <Table<Hazard>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={list.data?.items}
      loading={list.isFetching}
      scroll={{ x: 'max-content' }}
      data-testid={testId}
      onRow={(r) => ({ onClick: () => navigate(`/hazards/${r.id}`), style: { cursor: 'pointer' } })}
      pagination={{
        current: page.page,
        pageSize: page.pageSize,
        total: list.data?.total ?? 0,
        simple: !screens.md,
        onChange: (p, ps) => setPage({ page: p, pageSize: ps }),
        showTotal: (n) => t('common.total', { count: n }),
      }}
    />
  );
}

function EscalationTable({ showDistrict }: { showDistrict: boolean }) {
  const { t } = useTranslation();
  const h = useHazardLabels();
  const l = useLabels();
  const screens = Grid.useBreakpoint();
  const [q, setQ] = useState<EscalationQuery>({ page: 1, pageSize: 20 });
  const [doc, setDoc] = useState<Escalation | null>(null);
  const list = useEscalations(q);
  const unitName = (e: Escalation) =>
    e.unitType === 'hazard'
      ? `${e.hazardCode ?? ''} ${e.enterpriseName ?? ''}`
      : e.unitType === 'district'
        ? l.district(e.unitKey)
        : e.unitKey;
  const columns: TableProps<Escalation>['columns'] = [
    {
      title: t('supervision.rung'),
      dataIndex: 'rung',
      width: 80,
      render: (r: string) => <RungTag rung={r} />,
    },
    {
      title: t('supervision.unit'),
      key: 'unit',
      width: 260,
      render: (_: unknown, e) =>
        e.hazardId ? <Link to={`/hazards/${e.hazardId}`}>{unitName(e)}</Link> : unitName(e),
    },
    {
      title: t('supervision.docTitle'),
      dataIndex: 'title',
      width: 280,
      ellipsis: true,
      render: (title: string, e) => (
        <a onClick={() => setDoc(e)} data-testid="escalation-doc">
          {title}
        </a>
      ),
    },
    {
      title: t('supervision.daysOverdue'),
      dataIndex: 'daysOverdue',
      width: 90,
      align: 'right',
      render: (d: number | null) => (d === null ? '—' : d),
    },
    { title: t('supervision.asOf'), dataIndex: 'asOf', width: 150, render: (v: string) => fmtTime(v) },
  ];
  const set = (patch: Partial<EscalationQuery>) => setQ({ ...q, ...patch, page: 1 });
  return (
    <>
      <Row gutter={[8, 8]} className="filter-bar" style={{ marginBottom: 12 }}>
        <Col xs={12} md={6} lg={4}>
          <Select
            allowClear
            placeholder={t('supervision.anyRung')}
            value={q.rung}
            onChange={(v?: string) => set({ rung: v })}
            options={h.rungOptions}
            data-testid="filter-rung"
          />
        </Col>
        <Col xs={12} md={6} lg={4}>
          <Select
            allowClear
            placeholder={t('supervision.anyUnitType')}
            value={q.unitType}
            onChange={(v?: string) => set({ unitType: v })}
            options={[
              { value: 'hazard', label: t('supervision.unitHazard') },
              { value: 'district', label: t('supervision.unitDistrict') },
              { value: 'department', label: t('supervision.unitDepartment') },
            ]}
          />
        </Col>
        {showDistrict && (
          <Col xs={12} md={6} lg={4}>
            <Select
              allowClear
              placeholder={t('enterprise.anyDistrict')}
              value={q.district}
              onChange={(v?: string) => set({ district: v })}
              options={l.districtOptions}
            />
          </Col>
        )}
      </Row>
      <Table<Escalation>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        data-testid="escalation-table"
        pagination={{
          current: q.page,
          pageSize: q.pageSize,
          total: list.data?.total ?? 0,
          simple: !screens.md,
          onChange: (page, pageSize) => setQ({ ...q, page, pageSize }),
          showTotal: (n) => t('common.total', { count: n }),
        }}
      />
      <Drawer
        open={!!doc}
        onClose={() => setDoc(null)}
        title={
          doc ? (
            <Space>
              {<RungTag rung={doc.rung} />}
              {doc.title}
            </Space>
          ) : null
        }
        size={screens.md ? 640 : '100%'}
        data-testid="escalation-drawer"
      >
        {doc && (
          <div className="official-doc">
            <Typography.Paragraph type="secondary">
              {t('supervision.asOf')}：{fmtTime(doc.asOf)}
            </Typography.Paragraph>
            <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.9 }}>{doc.body}</div>
          </div>
        )}
      </Drawer>
    </>
  );
}

function RunEscalations() {
  const { t } = useTranslation();
  const h = useHazardLabels();
  const run = useRunEscalations();
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const r = run.data;
  return (
    <Card size="small" title={t('supervision.runTitle')} data-testid="run-escalations">
      <Space wrap>
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          placeholder={t('supervision.asOfNow')}
          value={asOf}
          onChange={setAsOf}
          data-testid="run-asof"
        />
        <Popconfirm
          title={t('supervision.runConfirm', {
            time: asOf ? asOf.format('YYYY-MM-DD HH:mm') : t('supervision.now'),
          })}
          onConfirm={() =>
            run.mutate(asOf ? toShanghaiIso(asOf) : undefined, {
              onSuccess: (res) => notifySuccess(t('supervision.runDone', { count: res.created })),
            })
          }
        >
          <Button
            type="primary"
            danger
            icon={<PlayCircleOutlined />}
            loading={run.isPending}
            data-testid="run-button"
          >
            {t('supervision.run')}
          </Button>
        </Popconfirm>
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {t('supervision.runHint')}
      </Typography.Paragraph>
      {r && (
        <Alert
          style={{ marginTop: 8 }}
          type={r.created ? 'warning' : 'success'}
          showIcon
          title={t('supervision.runResult', {
            asOf: fmtTime(r.asOf),
            checked: r.hazardsChecked,
            created: r.created,
            units: r.units,
          })}
          description={
            Object.keys(r.byRung).length
              ? Object.entries(r.byRung)
                  .map(([k, n]) => `${h.rung(k)} ${n}`)
                  .join('，')
              : undefined
          }
        />
      )}
    </Card>
  );
}

function Counters() {
  const { t } = useTranslation();
  const supervised = useHazardList({ supervised: 'true', status: OPEN, pageSize: 1 });
  const overdue = useHazardList({ overdue: 'true', pageSize: 1 });
  const overdueMajor = useHazardList({ overdue: 'true', grade: 'major', pageSize: 1 });
  const exposures = useEscalations({ rung: 'exposure', pageSize: 1 });
  const items = [
    {
      key: 'supervised',
      title: t('supervision.supervisedOpen'),
      value: supervised.data?.total,
      color: '#cf1322',
    },
    { key: 'overdue', title: t('supervision.overdue'), value: overdue.data?.total, color: '#d4380d' },
    {
      key: 'overdueMajor',
      title: t('supervision.overdueMajor'),
      value: overdueMajor.data?.total,
      color: '#a8071a',
    },
    { key: 'exposures', title: t('supervision.exposures'), value: exposures.data?.total, color: '#595959' },
  ];
  return (
    <Row gutter={[12, 12]}>
      {items.map((i) => (
        <Col xs={12} md={6} key={i.key}>
          <Card size="small">
            <Statistic
              title={i.title}
              value={i.value ?? '…'}
              styles={{ content: { color: i.color } }}
              data-testid={`counter-${i.key}`}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

export default function SupervisionPage() {
  const { t } = useTranslation();
  const me = useMe();
  const city = isCityAdmin(me.role, me.regionCode);
  const scopedToDistrict = !!me.regionCode && isDistrictCode(me.regionCode);
  const today = dayjs().format('YYYY-MM-DD');
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card>
        <div className="page-header">
          <Typography.Title level={4}>
            <AlertOutlined /> {t('supervision.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('supervision.today', { day: today })}</Typography.Text>
        </div>
        <Counters />
      </Card>
      {city && <RunEscalations />}
      <Card>
        <Tabs
          items={[
            {
              key: 'supervised',
              label: (
                <span>
                  <FlagOutlined /> {t('supervision.tabSupervised')}
                </span>
              ),
              children: (
                <HazardTable
                  params={{ supervised: 'true', status: OPEN, sort: 'deadline' }}
                  testId="supervised-table"
                />
              ),
            },
            {
              key: 'overdue',
              label: t('supervision.tabOverdue'),
              children: <HazardTable params={{ overdue: 'true', sort: 'deadline' }} testId="overdue-table" />,
            },
            {
              key: 'escalations',
              label: t('supervision.tabEscalations'),
              children: <EscalationTable showDistrict={!scopedToDistrict} />,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
