import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, Card, DatePicker, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { TFunction } from 'i18next';
import { QuestionCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isDistrictCode, type AlarmQuality } from '@zhiben/domain';
import type { Dayjs } from 'dayjs';
import { dayjs, fmtTime } from '../../lib/time';
import { useLabels } from '../../lib/labels';
import { useMe } from '../auth/session';
import { fromShanghaiIso, shanghaiDayEnd, shanghaiDayStart } from '../hazards/time';
import { useAlarmQuality, type AlarmQualityParams, type AlarmQualityRow } from './coverage.api';

const pct = (v: number | null) => (v === null ? '—' : `${(Math.floor(v * 1000) / 10).toFixed(1)}%`);

/** Seconds as the largest two units (e.g. 1小时5分). */
export function fmtDuration(sec: number | null, t: TFunction): string {
  if (sec === null) return '—';
  const s = Math.round(sec);
  if (s < 60) return t('monitor.quality.dur.s', { s });
  const m = Math.floor(s / 60);
  if (m < 60) return t('monitor.quality.dur.ms', { m, s: s % 60 });
  const h = Math.floor(m / 60);
  if (h < 24) return t('monitor.quality.dur.hm', { h, m: m % 60 });
  return t('monitor.quality.dur.dh', { d: Math.floor(h / 24), h: h % 24 });
}

/** Nulls sort last in either direction is not possible with antd's sorter; treat them as -1 (lowest). */
const num = (v: number | null) => (v === null ? -1 : v);

function Head({ title, tip }: { title: string; tip: string }) {
  return (
    <Space size={4}>
      {title}
      <Tooltip title={tip}>
        <QuestionCircleOutlined style={{ color: '#8c8c8c' }} />
      </Tooltip>
    </Space>
  );
}

export default function AlarmQualityPage() {
  const { t } = useTranslation();
  const l = useLabels();
  const me = useMe();
  const [sp, setSp] = useSearchParams();
  const params: AlarmQualityParams = {
    from: sp.get('from') ?? undefined,
    to: sp.get('to') ?? undefined,
    district: sp.get('district') ?? undefined,
  };
  const write = (next: Partial<AlarmQualityParams>) => {
    const s = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(next)) {
      if (v) s.set(k, v);
      else s.delete(k);
    }
    setSp(s, { replace: true });
  };
  const q = useAlarmQuality(params);
  const scopedToDistrict = (!!me.regionCode && isDistrictCode(me.regionCode)) || !!me.enterpriseId;

  const metric = (
    key: keyof AlarmQuality,
    title: string,
    render: (r: AlarmQualityRow) => ReactNode,
    tip?: string,
    width = 130,
  ) => ({
    title: tip ? <Head title={title} tip={tip} /> : title,
    key,
    width,
    align: 'right' as const,
    sorter: (a: AlarmQualityRow, b: AlarmQualityRow) =>
      num(a[key] as number | null) - num(b[key] as number | null),
    render: (_: unknown, r: AlarmQualityRow) => render(r),
  });

  const columns: TableProps<AlarmQualityRow>['columns'] = [
    {
      title: t('monitor.quality.enterprise'),
      dataIndex: 'enterpriseName',
      width: 220,
      fixed: 'left',
      ellipsis: true,
      sorter: (a, b) => a.enterpriseName.localeCompare(b.enterpriseName, 'zh-CN'),
      render: (name: string, r) => <Link to={`/enterprises/${r.enterpriseId}`}>{name}</Link>,
    },
    {
      title: t('monitor.quality.district'),
      dataIndex: 'districtCode',
      width: 100,
      sorter: (a, b) => a.districtCode.localeCompare(b.districtCode),
      render: (c: string) => l.district(c),
    },
    metric(
      'onlineShare',
      t('monitor.quality.onlineShare'),
      (r) => `${pct(r.onlineShare)} (${r.pointsOnline}/${r.points})`,
      t('monitor.quality.onlineShareTip'),
      150,
    ),
    metric(
      'timeOnlineShare',
      t('monitor.quality.timeOnlineShare'),
      (r) => pct(r.timeOnlineShare),
      t('monitor.quality.timeOnlineShareTip'),
    ),
    metric(
      'alarms',
      t('monitor.quality.alarms'),
      // To the enterprise's alarms in the alarm centre.
      (r) =>
        r.alarms > 0 ? (
          <Link
            to={`/monitoring/alarms?enterpriseId=${r.enterpriseId}`}
            title={t('monitor.quality.openAlarms')}
          >
            {r.alarms}
          </Link>
        ) : (
          '0'
        ),
      t('monitor.quality.alarmsTip'),
      110,
    ),
    metric('alarmsPerDay', t('monitor.quality.alarmsPerDay'), (r) =>
      r.alarmsPerDay === null ? '—' : r.alarmsPerDay.toFixed(2),
    ),
    metric(
      'ackMedianSec',
      t('monitor.quality.ackMedian'),
      (r) => fmtDuration(r.ackMedianSec, t),
      t('monitor.quality.ackTip'),
      160,
    ),
    metric('ackP90Sec', t('monitor.quality.ackP90'), (r) => fmtDuration(r.ackP90Sec, t), undefined, 140),
    metric(
      'unacknowledged',
      t('monitor.quality.unacknowledged'),
      (r) =>
        r.unacknowledged > 0 ? (
          <Typography.Text type="danger">{r.unacknowledged}</Typography.Text>
        ) : (
          String(r.unacknowledged)
        ),
      undefined,
      100,
    ),
    metric(
      'disposeMedianSec',
      t('monitor.quality.disposeMedian'),
      (r) => fmtDuration(r.disposeMedianSec, t),
      undefined,
      150,
    ),
    metric(
      'falseAlarmShare',
      t('monitor.quality.falseShare'),
      (r) =>
        r.falseAlarmShare === null ? '—' : `${pct(r.falseAlarmShare)} (${r.falseAlarms}/${r.disposed})`,
      t('monitor.quality.falseShareTip'),
      150,
    ),
  ];

  const totals = q.data?.totals;
  const range: [Dayjs, Dayjs] | null =
    params.from && params.to
      ? [dayjs(fromShanghaiIso(params.from)), dayjs(fromShanghaiIso(params.to)).subtract(1, 'day')]
      : null;

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('monitor.quality.title')}
        </Typography.Title>
      </div>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('monitor.quality.hint')} />
      <Space wrap className="filter-bar" style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker
          value={range}
          onChange={(v) =>
            write(
              v?.[0] && v[1]
                ? { from: shanghaiDayStart(v[0]), to: shanghaiDayEnd(v[1]) }
                : { from: undefined, to: undefined },
            )
          }
          data-testid="quality-range"
        />
        {!scopedToDistrict && (
          <Select
            allowClear
            style={{ width: 150 }}
            placeholder={t('monitor.alarms.allDistricts')}
            value={params.district}
            onChange={(v?: string) => write({ district: v })}
            options={l.districtOptions}
            data-testid="quality-district"
          />
        )}
        <Button icon={<ReloadOutlined />} onClick={() => void q.refetch()} loading={q.isFetching}>
          {t('common.refresh')}
        </Button>
        {q.data && (
          <Typography.Text type="secondary">
            {t('monitor.quality.window', { from: fmtTime(q.data.from), to: fmtTime(q.data.to) })}
          </Typography.Text>
        )}
      </Space>
      <Table<AlarmQualityRow>
        rowKey="enterpriseId"
        size="middle"
        columns={columns}
        dataSource={q.data?.items ?? []}
        loading={q.isLoading}
        scroll={{ x: 1550 }}
        pagination={{ defaultPageSize: 50, showTotal: (n) => t('common.total', { count: n }) }}
        locale={{ emptyText: t('monitor.quality.empty') }}
        data-testid="quality-table"
        summary={() =>
          totals && (q.data?.items.length ?? 0) > 1 ? (
            <Table.Summary fixed>
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>
                  <Typography.Text strong>{t('monitor.quality.totals')}</Typography.Text>
                </Table.Summary.Cell>
                {[
                  `${pct(totals.onlineShare)} (${totals.pointsOnline}/${totals.points})`,
                  pct(totals.timeOnlineShare),
                  String(totals.alarms),
                  totals.alarmsPerDay === null ? '—' : totals.alarmsPerDay.toFixed(2),
                  fmtDuration(totals.ackMedianSec, t),
                  fmtDuration(totals.ackP90Sec, t),
                  String(totals.unacknowledged),
                  fmtDuration(totals.disposeMedianSec, t),
                  pct(totals.falseAlarmShare),
                ].map((v, i) => (
                  <Table.Summary.Cell key={i} index={i + 2} align="right">
                    {v}
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            </Table.Summary>
          ) : null
        }
      />
    </Card>
  );
}
