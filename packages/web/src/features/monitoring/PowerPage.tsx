import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Segmented,
  Select,
  Space,
  Spin,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isDistrictCode, POWER_ALERT_KINDS, type DeclaredHours, type PowerAlertKind } from '@zhiben/domain';
import { api, ApiError } from '../../api/client';
import type { Page } from '../../api/types';
import { notifySuccess, showApiError } from '../../api/feedback';
import { fmtTime } from '../../lib/time';
import { STATUS_COLORS, useLabels } from '../../lib/labels';
import { useMe } from '../auth/session';
import { EnterprisePicker } from '../hazards/EnterprisePicker';
import { displayUnit, fmtValue } from './labels';
import { LineChart, shanghaiAxisTooltip, shanghaiTimeAxis, type LineOption } from './LineChart';
import { useSeries, type SeriesBucket } from './monitoring.api';
import { canConfigureMonitoring } from './roles';

// ---- API (电力监测: /api/monitoring/power-*)

interface PowerAlert {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  districtCode: string;
  kind: PowerAlertKind;
  status: 'open' | 'closed';
  enterpriseStatus: string;
  baselineKw: number;
  periodFrom: string;
  periodTo: string;
  minutes: number;
  peakKw: number;
  ongoing: boolean;
  detectedAt: string;
  closedAt: string | null;
  closedBy: string | null;
  disposal: string | null;
}

interface PowerAlertParams {
  kind?: PowerAlertKind;
  status?: 'open' | 'closed';
  district?: string;
  enterpriseId?: string;
  page: number;
  pageSize: number;
}

interface PowerProfile {
  enterpriseId: string;
  enterpriseName: string;
  enterpriseStatus: string;
  configured: boolean;
  idleBaselineKw: number | null;
  declaredHours: DeclaredHours | null;
  updatedBy: string | null;
  updatedAt: string | null;
  points: Array<{ id: string; tag: string; unit: string; lastValue: number | null; lastTs: string | null }>;
}

const keys = {
  alerts: ['monitoring', 'power-alerts'] as const,
  profile: ['monitoring', 'power-profile'] as const,
};

function usePowerAlerts(params: PowerAlertParams) {
  return useQuery({
    queryKey: [...keys.alerts, params],
    queryFn: ({ signal }) => api.get<Page<PowerAlert>>('/api/monitoring/power-alerts', { ...params }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

function useCloseAlert() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; note: string }) =>
      api.post<PowerAlert>(`/api/monitoring/power-alerts/${v.id}/actions/close`, { note: v.note }),
    // Errors are shown by the form that submitted (field by field), not again globally.
    meta: { silent: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.alerts }),
  });
}

function usePowerProfile(enterpriseId: string | undefined) {
  return useQuery({
    queryKey: [...keys.profile, enterpriseId],
    enabled: !!enterpriseId,
    queryFn: ({ signal }) =>
      api.get<PowerProfile>(`/api/monitoring/power-profiles/${enterpriseId}`, undefined, signal),
  });
}

function useSaveProfile(enterpriseId: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { idleBaselineKw: number; declaredHours: DeclaredHours | null }) =>
      api.put<PowerProfile>(`/api/monitoring/power-profiles/${enterpriseId}`, body),
    meta: { silent: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: [...keys.profile, enterpriseId] }),
  });
}

/** Regulators close power alerts (mirrors POWER_ALERT_HANDLERS on the server). */
const canCloseAlerts = (role: string) => ['city_office', 'district_office', 'inspector'].includes(role);

// ---- alerts

function CloseModal({ alert, onClose }: { alert: PowerAlert | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note: string }>();
  const close = useCloseAlert();
  return (
    <Modal
      open={!!alert}
      title={`${t('monitor.power.closeTitle')}${alert ? ` · ${alert.enterpriseName}` : ''}`}
      onCancel={onClose}
      okText={t('common.submit')}
      confirmLoading={close.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
      afterOpenChange={(o) => !o && form.resetFields()}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ note: '' }}
        onFinish={(v) => {
          if (!alert) return;
          close.mutate(
            { id: alert.id, note: v.note.trim() },
            {
              onSuccess: () => {
                notifySuccess(t('monitor.power.closed'));
                onClose();
              },
              onError: (e) => showApiError(e, form),
            },
          );
        }}
      >
        <Form.Item
          name="note"
          label={t('monitor.power.disposal')}
          rules={[
            { required: true, whitespace: true, message: t('monitor.power.noteRequired') },
            { max: 2000 },
          ]}
        >
          <Input.TextArea
            rows={4}
            placeholder={t('monitor.power.notePlaceholder')}
            data-testid="power-close-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function readParams(sp: URLSearchParams): PowerAlertParams {
  const kind = sp.get('kind');
  const status = sp.get('status');
  return {
    kind: (POWER_ALERT_KINDS as readonly string[]).includes(kind ?? '')
      ? (kind as PowerAlertKind)
      : undefined,
    status: status === 'open' || status === 'closed' ? status : undefined,
    district: sp.get('district') ?? undefined,
    enterpriseId: sp.get('enterpriseId') ?? undefined,
    page: Math.max(1, Number(sp.get('page')) || 1),
    pageSize: Math.min(200, Math.max(1, Number(sp.get('pageSize')) || 20)),
  };
}

function AlertList({
  params,
  write,
  onPick,
}: {
  params: PowerAlertParams;
  write: (p: PowerAlertParams) => void;
  onPick: (enterpriseId: string) => void;
}) {
  const { t } = useTranslation();
  const l = useLabels();
  const me = useMe();
  const list = usePowerAlerts(params);
  const [closing, setClosing] = useState<PowerAlert | null>(null);
  const mayClose = canCloseAlerts(me.role);
  const scopedToDistrict = (!!me.regionCode && isDistrictCode(me.regionCode)) || !!me.enterpriseId;
  const setFilter = (k: keyof PowerAlertParams, v: string | undefined) =>
    write({ ...params, [k]: v, page: 1 });

  // An enterprise sees only its own alerts: no enterprise or district column.
  const own = !!me.enterpriseId;
  const columns: TableProps<PowerAlert>['columns'] = [
    {
      title: t('monitor.power.detectedAt'),
      dataIndex: 'detectedAt',
      width: 130,
      render: (v: string) => fmtTime(v, 'MM-DD HH:mm'),
    },
    ...(own
      ? []
      : [
          {
            title: t('monitor.power.enterprise'),
            dataIndex: 'enterpriseName',
            width: 200,
            ellipsis: true,
            render: (v: string, a: PowerAlert) => (
              <Typography.Link onClick={() => onPick(a.enterpriseId)} data-testid="power-alert-enterprise">
                {v}
              </Typography.Link>
            ),
          },
          {
            title: t('monitor.power.district'),
            dataIndex: 'districtCode',
            width: 100,
            render: (c: string) => l.district(c),
          },
        ]),
    {
      title: t('monitor.power.type'),
      dataIndex: 'kind',
      width: 150,
      render: (k: PowerAlertKind) => (
        <Tag color={k === 'illegal_production_suspected' ? 'red' : 'orange'}>
          {t(`monitor.power.kind.${k}`)}
        </Tag>
      ),
    },
    {
      title: t('monitor.power.enterpriseStatus'),
      dataIndex: 'enterpriseStatus',
      width: 110,
      render: (s: string) => <Tag color={STATUS_COLORS[s]}>{l.status(s)}</Tag>,
    },
    {
      title: t('monitor.power.period'),
      key: 'period',
      width: 230,
      render: (_: unknown, a) => (
        <span>
          {fmtTime(a.periodFrom, 'MM-DD HH:mm')}–
          {fmtTime(
            a.periodTo,
            fmtTime(a.periodTo, 'MM-DD') === fmtTime(a.periodFrom, 'MM-DD') ? 'HH:mm' : 'MM-DD HH:mm',
          )}{' '}
          <Typography.Text type="secondary">
            {t('monitor.power.minutes', { count: Math.round(a.minutes) })}
          </Typography.Text>
          {a.ongoing && (
            <Tag color="processing" style={{ marginInlineStart: 4 }}>
              {t('monitor.power.ongoing')}
            </Tag>
          )}
        </span>
      ),
    },
    {
      title: t('monitor.power.peak'),
      key: 'peak',
      width: 140,
      render: (_: unknown, a) => `${Number(a.peakKw.toFixed(1))} / ${Number(a.baselineKw.toFixed(1))} kW`,
    },
    {
      title: t('monitor.power.state'),
      dataIndex: 'status',
      width: 90,
      render: (s: 'open' | 'closed') => (
        <Tag color={s === 'open' ? 'error' : 'default'}>{t(`monitor.power.status.${s}`)}</Tag>
      ),
    },
    {
      title: t('monitor.power.disposal'),
      dataIndex: 'disposal',
      ellipsis: true,
      render: (v: string | null, a) =>
        v ? (
          <span title={`${a.closedBy ?? ''} ${fmtTime(a.closedAt)}`}>{v}</span>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    ...(mayClose
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            fixed: 'right' as const,
            render: (_: unknown, a: PowerAlert) =>
              a.status === 'open' && (
                <Button size="small" onClick={() => setClosing(a)} data-testid="power-alert-close">
                  {t('monitor.power.close')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Space wrap className="filter-bar" style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 170 }}
          placeholder={t('monitor.power.allKinds')}
          value={params.kind}
          onChange={(v?: string) => setFilter('kind', v)}
          options={POWER_ALERT_KINDS.map((k) => ({ value: k, label: t(`monitor.power.kind.${k}`) }))}
          data-testid="power-filter-kind"
        />
        <Select
          allowClear
          style={{ width: 130 }}
          placeholder={t('monitor.power.allStatus')}
          value={params.status}
          onChange={(v?: string) => setFilter('status', v)}
          options={(['open', 'closed'] as const).map((s) => ({
            value: s,
            label: t(`monitor.power.status.${s}`),
          }))}
          data-testid="power-filter-status"
        />
        {!scopedToDistrict && (
          <Select
            allowClear
            style={{ width: 150 }}
            placeholder={t('monitor.power.allDistricts')}
            value={params.district}
            onChange={(v?: string) => setFilter('district', v)}
            options={l.districtOptions}
            data-testid="power-filter-district"
          />
        )}
        {params.enterpriseId && (
          <Tag closable onClose={() => setFilter('enterpriseId', undefined)}>
            {list.data?.items[0]?.enterpriseName ?? t('monitor.power.enterprise')}
          </Tag>
        )}
        <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching}>
          {t('common.refresh')}
        </Button>
      </Space>
      <Table<PowerAlert>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isLoading}
        scroll={{ x: own ? 1000 : 1300 }}
        locale={{ emptyText: <Empty description={t('monitor.power.empty')} /> }}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (n: number) => t('common.total', { count: n }),
          onChange: (page: number, pageSize: number) => write({ ...params, page, pageSize }),
        }}
        data-testid="power-alerts"
      />
      <CloseModal alert={closing} onClose={() => setClosing(null)} />
    </>
  );
}

// ---- profile and load

interface ProfileValues {
  idleBaselineKw: number | null;
  declared: boolean;
  // Named like the API body, so the server's field errors land on these inputs.
  declaredHours: DeclaredHours;
}

/** Errors on single weekdays (declaredHours.weekdays.3) belong to the weekday group. */
const onWeekdays = (e: unknown) =>
  e instanceof ApiError && e.problem.errors
    ? new ApiError({
        ...e.problem,
        errors: e.problem.errors.map((x) => ({
          ...x,
          path: x.path.replace(/^declaredHours\.weekdays\.\d+$/, 'declaredHours.weekdays'),
        })),
      })
    : e;

function ProfileForm({ profile, editable }: { profile: PowerProfile; editable: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ProfileValues>();
  const save = useSaveProfile(profile.enterpriseId);
  const declared = Form.useWatch('declared', form);
  useEffect(() => {
    form.setFieldsValue({
      idleBaselineKw: profile.idleBaselineKw,
      declared: !!profile.declaredHours,
      declaredHours: profile.declaredHours ?? { weekdays: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' },
    });
  }, [profile, form]);
  const weekdayOptions = [1, 2, 3, 4, 5, 6, 7].map((d) => ({
    value: d,
    label: t(`monitor.power.weekday.d${d as 1}`),
  }));
  return (
    <Form
      form={form}
      layout="vertical"
      disabled={!editable}
      onFinish={(v) =>
        save.mutate(
          {
            // The server validates; an empty baseline is sent as given and answered field by field.
            idleBaselineKw: v.idleBaselineKw as number,
            declaredHours: v.declared
              ? { ...v.declaredHours, weekdays: v.declaredHours.weekdays ?? [] }
              : null,
          },
          {
            onSuccess: () => notifySuccess(t('monitor.power.saved')),
            onError: (e) => showApiError(onWeekdays(e), form),
          },
        )
      }
    >
      {!profile.configured && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('monitor.power.notConfigured')} />
      )}
      <Form.Item
        name="idleBaselineKw"
        label={t('monitor.power.baseline')}
        extra={t('monitor.power.baselineHint')}
        rules={[{ required: true, message: t('monitor.power.baselineRequired') }]}
      >
        <InputNumber min={0} step={1} style={{ width: 200 }} data-testid="power-baseline" />
      </Form.Item>
      <Form.Item name="declared" label={t('monitor.power.declared')} valuePropName="checked">
        <Switch data-testid="power-declared" />
      </Form.Item>
      {declared && (
        <>
          <Form.Item name={['declaredHours', 'weekdays']} label={t('monitor.power.weekdays')}>
            <Checkbox.Group options={weekdayOptions} />
          </Form.Item>
          <Form.Item
            label={t('monitor.power.from') + ' – ' + t('monitor.power.to')}
            extra={t('monitor.power.declaredHint')}
          >
            <Space>
              <Form.Item name={['declaredHours', 'from']} noStyle>
                <Input
                  placeholder="08:00"
                  style={{ width: 90 }}
                  aria-label={t('monitor.power.from')}
                  data-testid="power-from"
                />
              </Form.Item>
              –
              <Form.Item name={['declaredHours', 'to']} noStyle>
                <Input
                  placeholder="18:00"
                  style={{ width: 90 }}
                  aria-label={t('monitor.power.to')}
                  data-testid="power-to"
                />
              </Form.Item>
            </Space>
          </Form.Item>
        </>
      )}
      {profile.updatedAt && (
        <Typography.Paragraph type="secondary">
          {t('monitor.power.updatedBy', { who: profile.updatedBy ?? '—', time: fmtTime(profile.updatedAt) })}
        </Typography.Paragraph>
      )}
      {editable && (
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="power-save">
          {t('common.save')}
        </Button>
      )}
    </Form>
  );
}

function buildOption(
  data: SeriesBucket[],
  unit: string,
  hours: number,
  baselineKw: number | null,
  text: { avg: string; baseline: string },
): LineOption {
  return {
    animation: false,
    grid: { left: 56, right: 16, top: 36, bottom: 56 },
    legend: { data: [text.avg], top: 0 },
    tooltip: shanghaiAxisTooltip((v) => fmtValue(v, unit)),
    xAxis: shanghaiTimeAxis(hours),
    yAxis: {
      type: 'value',
      scale: true,
      name: displayUnit(unit),
      // Keep the idle baseline in view: the load is read against it.
      ...(baselineKw === null
        ? {}
        : { min: (v: { min: number }) => Math.floor(Math.min(v.min, baselineKw)) }),
    },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
    series: [
      {
        name: text.avg,
        type: 'line',
        symbol: 'none',
        lineStyle: { width: 1.5, color: '#1677ff' },
        itemStyle: { color: '#1677ff' },
        data: data.map((d) => [new Date(d.ts).getTime(), Number(d.avg.toPrecision(6))]),
        markLine:
          baselineKw === null
            ? undefined
            : {
                symbol: 'none',
                silent: true,
                data: [
                  {
                    yAxis: baselineKw,
                    lineStyle: { color: '#fa8c16', type: 'dashed' },
                    label: { formatter: `${text.baseline} ${baselineKw}`, position: 'insideEndTop' },
                  },
                ],
              },
      },
    ],
  } as LineOption;
}

function LoadChart({ profile }: { profile: PowerProfile }) {
  const { t } = useTranslation();
  const [pointId, setPointId] = useState<string | undefined>(profile.points[0]?.id);
  const [hours, setHours] = useState(24);
  useEffect(() => setPointId(profile.points[0]?.id), [profile.enterpriseId, profile.points]);
  const point = profile.points.find((p) => p.id === pointId);
  const series = useSeries(pointId, hours);
  const option = useMemo(
    () =>
      point && series.data
        ? buildOption(
            series.data.points,
            point.unit,
            hours,
            point.unit.toLowerCase() === 'kw' ? profile.idleBaselineKw : null,
            { avg: t('monitor.power.avg'), baseline: t('monitor.power.baselineLine') },
          )
        : null,
    [point, series.data, hours, profile.idleBaselineKw, t],
  );
  if (!profile.points.length) return <Empty description={t('monitor.power.noPoints')} />;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 200 }}
          value={pointId}
          onChange={setPointId}
          options={profile.points.map((p) => ({ value: p.id, label: `${p.tag} (${displayUnit(p.unit)})` }))}
          aria-label={t('monitor.power.point')}
          data-testid="power-point"
        />
        <Segmented
          value={hours}
          onChange={(v) => setHours(Number(v))}
          options={[
            { value: 24, label: t('monitor.series.h24') },
            { value: 24 * 7, label: t('monitor.series.d7') },
          ]}
        />
      </Space>
      {series.isLoading ? (
        <Spin />
      ) : !series.data?.points.length ? (
        <Empty description={t('monitor.series.noData')} />
      ) : (
        option && <LineChart option={option} height={300} />
      )}
    </>
  );
}

function EnterprisePanel({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation();
  const l = useLabels();
  const me = useMe();
  const profile = usePowerProfile(enterpriseId);
  if (profile.isLoading) return <Spin />;
  if (!profile.data) return <Empty />;
  const p = profile.data;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={9}>
        <Card
          size="small"
          title={
            <Space wrap>
              {t('monitor.power.profile')}
              <Tag color={STATUS_COLORS[p.enterpriseStatus]}>{l.status(p.enterpriseStatus)}</Tag>
            </Space>
          }
        >
          <ProfileForm profile={p} editable={canConfigureMonitoring(me)} />
        </Card>
      </Col>
      <Col xs={24} lg={15}>
        <Card size="small" title={`${t('monitor.power.load')} · ${p.enterpriseName}`}>
          <LoadChart profile={p} />
        </Card>
      </Col>
    </Row>
  );
}

export default function PowerPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [sp, setSp] = useSearchParams();
  const params = useMemo(() => readParams(sp), [sp]);
  const write = (next: PowerAlertParams) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(next))
      if (v !== undefined && v !== '' && v !== null) q.set(k, String(v));
    if (q.get('page') === '1') q.delete('page');
    if (q.get('pageSize') === '20') q.delete('pageSize');
    setSp(q, { replace: true });
  };
  const enterpriseId = me.enterpriseId ?? params.enterpriseId;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <div className="page-header">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('monitor.power.alerts')}
          </Typography.Title>
        </div>
        <AlertList
          params={params}
          write={write}
          onPick={(id) => write({ ...params, enterpriseId: id, page: 1 })}
        />
      </Card>
      <Card title={t('monitor.power.title')}>
        {!me.enterpriseId && (
          <div style={{ maxWidth: 480, marginBottom: 16 }}>
            <EnterprisePicker
              value={params.enterpriseId}
              onChange={(id) => write({ ...params, enterpriseId: id, page: 1 })}
            />
          </div>
        )}
        {enterpriseId ? (
          <EnterprisePanel enterpriseId={enterpriseId} />
        ) : (
          <Empty description={t('monitor.power.pick')} />
        )}
      </Card>
    </Space>
  );
}
