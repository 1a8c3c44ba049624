import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Grid,
  Input,
  List,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import type { TableProps } from 'antd';
import { FileExclamationOutlined, LineChartOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { criteriaSectorForEnterprise, hazardCreateSchema, isDistrictCode } from '@zhiben/domain';
import { showApiError, notifySuccess } from '../../api/feedback';
import { dayjs, fmtTime } from '../../lib/time';
import { zodRule } from '../../lib/zod-form';
import { useCriteria } from '../criteria/criteria.api';
import { useEnterprise } from '../enterprises/enterprises.api';
import { EnterprisePicker } from '../hazards/EnterprisePicker';
import { useHazardLabels } from '../hazards/labels';
import { shanghaiDay, shanghaiDeadline } from '../hazards/time';
import { useLabels } from '../../lib/labels';
import { useMe } from '../auth/session';
import { ALARM_LEVEL_KEYS, ALARM_STATUS_KEYS, AlarmStatusTag, fmtValue, LevelTag, TierTag } from './labels';
import {
  useAlarmAction,
  useAlarmToHazard,
  useAlarms,
  useAlarmStream,
  type Alarm,
  type AlarmChange,
  type AlarmListParams,
  type AlarmStatus,
} from './monitoring.api';
import { canHandleAlarms } from './roles';

function readParams(sp: URLSearchParams): AlarmListParams {
  const status = sp.get('status');
  return {
    status: (ALARM_STATUS_KEYS as readonly string[]).includes(status ?? '')
      ? (status as AlarmStatus)
      : undefined,
    level: sp.get('level') ?? undefined,
    district: sp.get('district') ?? undefined,
    enterpriseId: sp.get('enterpriseId') ?? undefined,
    page: Math.max(1, Number(sp.get('page')) || 1),
    pageSize: Math.min(200, Math.max(1, Number(sp.get('pageSize')) || 20)),
  };
}

function DisposeModal({ alarm, onClose }: { alarm: Alarm | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note: string; falseAlarm: boolean }>();
  const action = useAlarmAction();
  return (
    <Modal
      open={!!alarm}
      title={`${t('monitor.alarms.disposeTitle')}${alarm ? ` · ${alarm.tag}` : ''}`}
      onCancel={onClose}
      okText={t('common.submit')}
      confirmLoading={action.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
      afterOpenChange={(o) => !o && form.resetFields()}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ note: '', falseAlarm: false }}
        onFinish={(v) => {
          if (!alarm) return;
          action.mutate(
            { id: alarm.id, action: 'dispose', note: v.note.trim(), falseAlarm: v.falseAlarm },
            {
              onSuccess: () => {
                notifySuccess(t('monitor.alarms.disposed'));
                onClose();
              },
              onError: (e) => showApiError(e, form),
            },
          );
        }}
      >
        <Form.Item
          name="note"
          label={t('monitor.alarms.disposal')}
          rules={[
            { required: true, whitespace: true, message: t('monitor.alarms.noteRequired') },
            { max: 2000 },
          ]}
        >
          <Input.TextArea
            rows={4}
            placeholder={t('monitor.alarms.notePlaceholder')}
            data-testid="dispose-note"
          />
        </Form.Item>
        <Form.Item name="falseAlarm" valuePropName="checked">
          <Checkbox data-testid="dispose-false-alarm">{t('monitor.alarms.markFalse')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ToHazardValues {
  grade: 'general' | 'major';
  criteriaSector?: string;
  criterionId?: string;
  title?: string;
  description?: string;
  deadline?: Dayjs | null;
}

/** 转为隐患: the alarm becomes a hazard of its enterprise (source 监测预警); criteria as on the hazard form. */
function ToHazardModal({ alarm, onClose }: { alarm: Alarm | null; onClose: () => void }) {
  const { t } = useTranslation();
  const h = useHazardLabels();
  const { notification } = App.useApp();
  const [form] = Form.useForm<ToHazardValues>();
  const toHazard = useAlarmToHazard();
  const grade = Form.useWatch('grade', form);
  const sector = Form.useWatch('criteriaSector', form);
  const enterprise = useEnterprise(alarm?.enterpriseId);
  const day = alarm ? shanghaiDay(alarm.openedAt) : undefined;
  const applicable = useMemo(
    () =>
      enterprise.data
        ? criteriaSectorForEnterprise(
            enterprise.data.industryCode,
            enterprise.data.sectors,
            enterprise.data.categories,
          )
        : [],
    [enterprise.data],
  );
  useEffect(() => {
    if (alarm && applicable.length && !form.getFieldValue('criteriaSector'))
      form.setFieldsValue({ criteriaSector: applicable[0] });
  }, [alarm, applicable, form]);
  const criteria = useCriteria({ sector, inForceOn: day }, !!alarm && !!sector && grade === 'major');
  const level = alarm ? t(`monitor.level.${alarm.level}`) : '';
  return (
    <Modal
      open={!!alarm}
      title={`${t('monitor.alarms.toHazardTitle')}${alarm ? ` · ${alarm.tag}` : ''}`}
      onCancel={onClose}
      okText={t('common.submit')}
      confirmLoading={toHazard.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
      afterOpenChange={(o) => !o && form.resetFields()}
      width={640}
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('monitor.alarms.toHazardHint')} />
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ grade: 'general' }}
        onFinish={(v) => {
          if (!alarm) return;
          toHazard.mutate(
            {
              id: alarm.id,
              grade: v.grade,
              ...(v.title?.trim() ? { title: v.title.trim() } : {}),
              ...(v.description?.trim() ? { description: v.description.trim() } : {}),
              criterionId: v.grade === 'major' ? (v.criterionId ?? null) : null,
              deadline: v.deadline ? shanghaiDeadline(v.deadline) : null,
            },
            {
              onSuccess: (r) => {
                notification.success({
                  title: t('monitor.alarms.toHazardDone', { code: r.hazardCode }),
                  description: <Link to={`/hazards/${r.hazardId}`}>{r.hazardCode}</Link>,
                });
                onClose();
              },
              onError: (e) => showApiError(e, form),
            },
          );
        }}
      >
        <Form.Item name="grade" label={t('hazard.grade')} required>
          <Radio.Group optionType="button" buttonStyle="solid" data-testid="to-hazard-grade">
            {h.gradeOptions.map((o) => (
              <Radio.Button key={o.value} value={o.value}>
                {o.label}
                {t('hazard.gradeSuffix')}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        {grade === 'major' && (
          <>
            <Form.Item name="criteriaSector" label={t('hazard.criteriaSector')}>
              <Select
                options={h.criteriaSectorOptions.map((o) => ({
                  ...o,
                  label: applicable.includes(o.value as never) ? `${o.label} ✓` : o.label,
                }))}
                onChange={() => form.setFieldsValue({ criterionId: undefined })}
              />
            </Form.Item>
            <Form.Item
              name="criterionId"
              label={t('hazard.criterion')}
              required
              rules={[{ required: true, message: t('hazard.criterionRequired') }]}
            >
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'search' }}
                loading={criteria.isFetching}
                placeholder={t('hazard.criterionPlaceholder')}
                options={(criteria.data?.items ?? []).map((i) => ({
                  value: i.id,
                  label: `${i.code} ${i.name}`,
                  search: `${i.code} ${i.name} ${i.description}`,
                }))}
                popupMatchSelectWidth={false}
                data-testid="to-hazard-criterion"
              />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="title"
          label={t('hazard.title')}
          rules={[zodRule(hazardCreateSchema.shape.title.optional())]}
        >
          <Input
            placeholder={alarm ? t('monitor.alarms.toHazardTitlePlaceholder', { tag: alarm.tag, level }) : ''}
            maxLength={100}
            data-testid="to-hazard-title"
          />
        </Form.Item>
        <Form.Item name="description" label={t('hazard.description')} rules={[{ max: 3000 }]}>
          <Input.TextArea rows={3} data-testid="to-hazard-description" />
        </Form.Item>
        <Form.Item name="deadline" label={t('hazard.deadline')} extra={t('hazard.deadlineHint')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The hazard an alarm became, as a link; repeat count beside the status. */
function AlarmMarks({ alarm }: { alarm: Alarm }) {
  const { t } = useTranslation();
  return (
    <>
      {alarm.repeatCount > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {' '}
          {t('monitor.alarms.repeated', { count: alarm.repeatCount })}
        </Typography.Text>
      )}
      {alarm.hazardId && (
        <div>
          <Link to={`/hazards/${alarm.hazardId}`} data-testid="alarm-hazard-link">
            <FileExclamationOutlined /> {t('monitor.alarms.hazard')}
          </Link>
        </div>
      )}
    </>
  );
}

export default function AlarmCenterPage() {
  const { t } = useTranslation();
  const l = useLabels();
  const me = useMe();
  const { notification } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [sp, setSp] = useSearchParams();
  const params = useMemo(() => readParams(sp), [sp]);
  const [disposing, setDisposing] = useState<Alarm | null>(null);
  const [converting, setConverting] = useState<Alarm | null>(null);
  const action = useAlarmAction();

  const onAlarm = (c: AlarmChange) => {
    const level = (ALARM_LEVEL_KEYS as readonly string[]).includes(c.level)
      ? t(`monitor.level.${c.level as (typeof ALARM_LEVEL_KEYS)[number]}`)
      : c.level;
    const description = [c.enterpriseName, fmtValue(c.value, c.unit), fmtTime(c.at, 'HH:mm:ss')]
      .filter(Boolean)
      .join(' · ');
    switch (c.kind) {
      case 'open':
        // A repeat (a recently closed alarm reopened) is the same alarm: no new toast.
        if (c.status === 'active' && !c.repeatCount)
          notification.warning({
            key: c.alarmId,
            title: t('monitor.alarms.newAlarm', { tag: c.tag, level }),
            description,
            placement: 'topRight',
          });
        break;
      case 'escalate_level':
        // Worse (high → high-high, low → low-low) is news again; easing back only updates the list.
        if (c.level === 'high_high' || c.level === 'low_low')
          notification.error({
            key: c.alarmId,
            title: t('monitor.alarms.escalated', { tag: c.tag, level }),
            description,
            placement: 'topRight',
          });
        break;
      case 'acknowledge':
      case 'dispose':
      case 'to_hazard':
      case 'recover':
      case 'online':
        // Handled by someone or cleared: its toast is no longer news.
        notification.destroy(c.alarmId);
        break;
      default:
        break;
    }
  };
  const live = useAlarmStream(onAlarm);
  const list = useAlarms(params, live);

  const write = (next: AlarmListParams) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(next))
      if (v !== undefined && v !== '' && v !== null) q.set(k, String(v));
    if (q.get('page') === '1') q.delete('page');
    if (q.get('pageSize') === '20') q.delete('pageSize');
    setSp(q, { replace: true });
  };
  const setFilter = (k: keyof AlarmListParams, v: string | undefined) =>
    write({ ...params, [k]: v, page: 1 });

  const mayAct = canHandleAlarms(me.role);
  const scopedToDistrict = (!!me.regionCode && isDistrictCode(me.regionCode)) || !!me.enterpriseId;

  const acknowledge = (a: Alarm) =>
    action.mutate(
      { id: a.id, action: 'acknowledge' },
      { onSuccess: () => notifySuccess(t('monitor.alarms.acknowledged')), onError: (e) => showApiError(e) },
    );

  const actions = (a: Alarm) =>
    mayAct && (
      <Space size={4} wrap>
        {!a.acknowledgedAt && (
          <Button
            size="small"
            type="primary"
            loading={action.isPending && action.variables?.id === a.id}
            onClick={() => acknowledge(a)}
            data-testid="alarm-ack"
          >
            {t('monitor.alarms.acknowledge')}
          </Button>
        )}
        {!a.disposal && (
          <Button size="small" onClick={() => setDisposing(a)} data-testid="alarm-dispose">
            {t('monitor.alarms.dispose')}
          </Button>
        )}
        {!a.hazardId && (
          <Button size="small" onClick={() => setConverting(a)} data-testid="alarm-to-hazard">
            {t('monitor.alarms.toHazard')}
          </Button>
        )}
      </Space>
    );

  const columns: TableProps<Alarm>['columns'] = [
    {
      title: t('monitor.alarms.openedAt'),
      dataIndex: 'openedAt',
      width: 130,
      render: (v: string) => fmtTime(v, 'MM-DD HH:mm:ss'),
    },
    {
      title: t('monitor.alarms.enterprise'),
      dataIndex: 'enterpriseName',
      width: 200,
      ellipsis: { showTitle: true },
    },
    {
      title: t('monitor.alarms.district'),
      dataIndex: 'districtCode',
      width: 96,
      render: (c: string) => l.district(c),
    },
    {
      title: t('monitor.alarms.tag'),
      dataIndex: 'tag',
      width: 120,
      render: (tag: string, a) => (
        <Link to={`/monitoring/points/${a.pointId}`} title={t('monitor.alarms.curve')}>
          <LineChartOutlined /> {tag}
        </Link>
      ),
    },
    {
      title: t('monitor.alarms.level'),
      dataIndex: 'level',
      width: 84,
      render: (v: string) => <LevelTag level={v} />,
    },
    {
      title: t('monitor.alarms.value'),
      key: 'value',
      width: 130,
      render: (_: unknown, a) => (
        <span>
          {fmtValue(a.value, a.unit)}
          {a.peak !== null && a.peak !== a.value && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('monitor.alarms.peak')} {fmtValue(a.peak, a.unit)}
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      title: t('monitor.alarms.status'),
      dataIndex: 'status',
      width: 110,
      render: (s: string, a) => (
        <>
          <AlarmStatusTag status={s} />
          <AlarmMarks alarm={a} />
        </>
      ),
    },
    {
      title: t('monitor.alarms.tier'),
      dataIndex: 'escalationTier',
      width: 84,
      render: (v: string | null) => <TierTag tier={v} />,
    },
    {
      title: t('monitor.alarms.disposal'),
      key: 'disposal',
      width: 200,
      ellipsis: true,
      render: (_: unknown, a) =>
        a.disposal ? (
          <span title={a.disposal}>
            {a.falseAlarm && (
              <Typography.Text type="warning">[{t('monitor.alarms.falseAlarm')}] </Typography.Text>
            )}
            {a.disposal}
          </span>
        ) : a.acknowledgedBy ? (
          <Typography.Text type="secondary">
            {a.acknowledgedBy} {fmtTime(a.acknowledgedAt, 'MM-DD HH:mm')}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    ...(mayAct
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 210,
            fixed: screens.md ? ('right' as const) : undefined,
            render: (_: unknown, a: Alarm) => actions(a),
          },
        ]
      : []),
  ];

  const filters = (
    <Space wrap className="filter-bar" style={{ marginBottom: 12 }}>
      <Select
        allowClear
        style={{ width: 130 }}
        placeholder={t('monitor.alarms.allStatus')}
        value={params.status}
        onChange={(v?: string) => setFilter('status', v)}
        options={ALARM_STATUS_KEYS.map((s) => ({ value: s, label: t(`monitor.status.${s}`) }))}
        data-testid="filter-status"
      />
      <Select
        allowClear
        style={{ width: 130 }}
        placeholder={t('monitor.alarms.allLevels')}
        value={params.level}
        onChange={(v?: string) => setFilter('level', v)}
        options={ALARM_LEVEL_KEYS.map((s) => ({ value: s, label: t(`monitor.level.${s}`) }))}
        data-testid="filter-level"
      />
      {!scopedToDistrict && (
        <Select
          allowClear
          style={{ width: 150 }}
          placeholder={t('monitor.alarms.allDistricts')}
          value={params.district}
          onChange={(v?: string) => setFilter('district', v)}
          options={l.districtOptions}
          data-testid="filter-district"
        />
      )}
      {!me.enterpriseId && (
        <div style={{ width: 300, maxWidth: '100%' }}>
          <EnterprisePicker value={params.enterpriseId} onChange={(id) => setFilter('enterpriseId', id)} />
        </div>
      )}
      <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching}>
        {t('common.refresh')}
      </Button>
    </Space>
  );

  const items = list.data?.items ?? [];
  const pagination = {
    current: params.page,
    pageSize: params.pageSize,
    total: list.data?.total ?? 0,
    showTotal: (n: number) => t('common.total', { count: n }),
    onChange: (page: number, pageSize: number) => write({ ...params, page, pageSize }),
  };

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('monitor.alarms.title')}
        </Typography.Title>
        <Badge
          status={live ? 'processing' : 'default'}
          text={live ? t('monitor.alarms.live') : t('monitor.alarms.offline')}
          data-testid="alarm-live"
        />
      </div>
      {filters}
      {screens.md ? (
        <Table<Alarm>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={list.isLoading}
          scroll={{ x: mayAct ? 1300 : 1090 }}
          pagination={pagination}
          locale={{ emptyText: t('monitor.alarms.empty') }}
          rowClassName={(a) => (a.status === 'active' ? 'alarm-row-active' : '')}
          data-testid="alarm-table"
        />
      ) : (
        <List<Alarm>
          dataSource={items}
          loading={list.isLoading}
          pagination={{ ...pagination, size: 'small', simple: true }}
          locale={{ emptyText: t('monitor.alarms.empty') }}
          data-testid="alarm-list"
          renderItem={(a) => (
            <List.Item key={a.id}>
              <div style={{ width: '100%' }}>
                <Space wrap size={4}>
                  <LevelTag level={a.level} />
                  <AlarmStatusTag status={a.status} />
                  <TierTag tier={a.escalationTier} />
                  <Link to={`/monitoring/points/${a.pointId}`}>
                    <b>{a.tag}</b>
                  </Link>
                  <span>{fmtValue(a.value, a.unit)}</span>
                  <AlarmMarks alarm={a} />
                </Space>
                <div>
                  <Typography.Text type="secondary">
                    {a.enterpriseName} · {l.district(a.districtCode)} ·{' '}
                    <span style={{ whiteSpace: 'nowrap' }}>{fmtTime(a.openedAt, 'MM-DD HH:mm:ss')}</span>
                  </Typography.Text>
                </div>
                {a.disposal && <div>{a.disposal}</div>}
                <div style={{ marginTop: 6 }}>{actions(a)}</div>
              </div>
            </List.Item>
          )}
        />
      )}
      <DisposeModal alarm={disposing} onClose={() => setDisposing(null)} />
      <ToHazardModal alarm={converting} onClose={() => setConverting(null)} />
    </Card>
  );
}
