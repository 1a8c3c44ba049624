import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { alarmConfigSchema, majorHazardGradeName, TELEMETRY_TAG_PATTERN } from '@zhiben/domain';
import { notifySuccess, showApiError } from '../../api/feedback';
import { applyZodIssues } from '../../lib/zod-form';
import { fmtTime } from '../../lib/time';
import { useMe } from '../auth/session';
import { EnterprisePicker } from '../hazards/EnterprisePicker';
import { fmtValue, LevelTag } from './labels';
import {
  INSTALLATION_KINDS,
  useCreateGateway,
  useCreateInstallation,
  useCreatePoint,
  useGateways,
  useInstallations,
  usePoints,
  useRevokeGateway,
  type Gateway,
  type GatewayCredentials,
  type Installation,
  type InstallationKind,
  type MonitoringPoint,
} from './monitoring.api';
import {
  AssessmentView,
  emptySubstanceRow,
  SubstanceRows,
  useMajorHazardOutcome,
  type SubstanceRow,
} from './MajorHazardInputs';

const POINT_KINDS = [
  'temperature',
  'pressure',
  'level',
  'flow',
  'combustible_gas',
  'toxic_gas',
  'oxygen',
  'methane',
  'carbon_monoxide',
  'dust',
  'cooling_water_pressure',
  'cooling_water_flow',
  'power_load',
  'other',
] as const;

interface PointFormValues {
  tag: string;
  kind: string;
  unit: string;
  zone?: string;
  installationId?: string;
  thresholds: { lowLow?: number | null; low?: number | null; high?: number | null; highHigh?: number | null };
  deadband?: number | null;
  delayOnSec?: number | null;
  staleTimeoutSec?: number | null;
  repeatSuppressSec?: number | null;
}

const orUndef = (v: number | null | undefined) => (v === null ? undefined : v);

function PointModal({
  enterpriseId,
  open,
  onClose,
}: {
  enterpriseId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PointFormValues>();
  const create = useCreatePoint();
  const installations = useInstallations(enterpriseId);
  const num = (
    name: (string | number)[],
    label: string,
    opts: { precision?: number; min?: number; max?: number; help?: string; testId?: string } = {},
  ) => {
    const { help, testId, ...input } = opts;
    return (
      <Form.Item name={name} label={label} extra={help} style={{ marginBottom: 12 }}>
        <InputNumber
          style={{ width: '100%' }}
          inputMode={input.precision === 0 ? 'numeric' : 'decimal'}
          data-testid={testId}
          {...input}
        />
      </Form.Item>
    );
  };

  const submit = (v: PointFormValues) => {
    const cfg = alarmConfigSchema.safeParse({
      thresholds: v.thresholds ?? {},
      deadband: orUndef(v.deadband),
      delayOnSec: orUndef(v.delayOnSec),
      staleTimeoutSec: orUndef(v.staleTimeoutSec),
    });
    if (!cfg.success) {
      applyZodIssues(form, cfg.error.issues);
      return;
    }
    create.mutate(
      {
        enterpriseId,
        tag: v.tag.trim(),
        kind: v.kind,
        unit: v.unit.trim(),
        zone: v.zone?.trim() || null,
        installationId: v.installationId ?? null,
        // Empty: the server's default (300 s).
        ...(typeof v.repeatSuppressSec === 'number' ? { repeatSuppressSec: v.repeatSuppressSec } : {}),
        ...cfg.data,
      },
      {
        onSuccess: () => {
          notifySuccess(t('monitor.config.pointCreated'));
          onClose();
        },
        onError: (e) => showApiError(e, form),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('monitor.config.addPoint')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          kind: 'temperature',
          deadband: 0,
          delayOnSec: 0,
          staleTimeoutSec: 300,
          repeatSuppressSec: 300,
          thresholds: {},
        }}
        onFinish={submit}
        data-testid="point-form"
      >
        <Row gutter={8}>
          <Col xs={12} md={8}>
            <Form.Item
              name="tag"
              label={t('monitor.config.tag')}
              rules={[
                { required: true, message: t('monitor.config.tagRequired') },
                { pattern: TELEMETRY_TAG_PATTERN, message: t('monitor.config.tagPattern') },
              ]}
            >
              <Input placeholder="TI-101" data-testid="point-tag" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="kind" label={t('monitor.config.kind')} rules={[{ required: true }]}>
              <Select options={POINT_KINDS.map((k) => ({ value: k, label: t(`monitor.kind.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="unit"
              label={t('monitor.config.unit')}
              rules={[
                { required: true, whitespace: true, message: t('monitor.config.unitRequired') },
                { max: 20 },
              ]}
            >
              <Input placeholder="°C / MPa / %LEL" data-testid="point-unit" />
            </Form.Item>
          </Col>
          <Col xs={12} md={12}>
            <Form.Item name="zone" label={t('monitor.config.zone')} rules={[{ max: 100 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="installationId" label={t('monitor.config.installation')}>
              <Select
                allowClear
                loading={installations.isLoading}
                options={(installations.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
              {t('monitor.config.thresholdsHint')}
            </Typography.Paragraph>
          </Col>
          <Col xs={12} md={6}>
            {num(['thresholds', 'lowLow'], t('monitor.config.lowLow'))}
          </Col>
          <Col xs={12} md={6}>
            {num(['thresholds', 'low'], t('monitor.config.low'))}
          </Col>
          <Col xs={12} md={6}>
            {num(['thresholds', 'high'], t('monitor.config.high'))}
          </Col>
          <Col xs={12} md={6}>
            {num(['thresholds', 'highHigh'], t('monitor.config.highHigh'))}
          </Col>
          <Col xs={24} md={12}>
            {num(['deadband'], t('monitor.config.deadband'), {
              min: 0,
              help: t('monitor.config.deadbandHint'),
            })}
          </Col>
          <Col xs={24} md={12}>
            {num(['delayOnSec'], t('monitor.config.delayOnSec'), {
              min: 0,
              precision: 0,
              help: t('monitor.config.delayOnHint'),
            })}
          </Col>
          <Col xs={24} md={12}>
            {num(['staleTimeoutSec'], t('monitor.config.staleTimeoutSec'), {
              min: 1,
              precision: 0,
              help: t('monitor.config.staleHint'),
            })}
          </Col>
          <Col xs={24} md={12}>
            {num(['repeatSuppressSec'], t('monitor.config.repeatSuppressSec'), {
              min: 0,
              max: 86400,
              precision: 0,
              help: t('monitor.config.repeatSuppressHint'),
              testId: 'point-repeat-suppress',
            })}
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

function CredentialsModal({ creds, onClose }: { creds: GatewayCredentials | null; onClose: () => void }) {
  const { t } = useTranslation();
  const payload = JSON.stringify({ ts: Date.now(), points: [{ tag: 'TI-101', value: 85.2 }] }, null, 2);
  const row = (label: string, value: string, testId: string) => (
    <div style={{ marginBottom: 8 }}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Typography.Paragraph
        copyable={{ text: value }}
        code
        style={{ marginBottom: 0, wordBreak: 'break-all' }}
        data-testid={testId}
      >
        {value}
      </Typography.Paragraph>
    </div>
  );
  return (
    <Modal
      open={!!creds}
      title={t('monitor.config.credentials')}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('common.close')}
        </Button>
      }
      width={640}
    >
      {creds && (
        <>
          <Alert
            type="warning"
            showIcon
            title={t('monitor.config.onceWarning')}
            style={{ marginBottom: 12 }}
          />
          {row(t('monitor.config.username'), creds.username, 'gw-username')}
          {row(t('monitor.config.token'), creds.token, 'gw-token')}
          {row(t('monitor.config.topic'), creds.topic, 'gw-topic')}
          <Typography.Text type="secondary">{t('monitor.config.payload')}</Typography.Text>
          <Typography.Paragraph copyable={{ text: payload }}>
            <pre style={{ margin: 0, fontSize: 12 }}>{payload}</pre>
          </Typography.Paragraph>
        </>
      )}
    </Modal>
  );
}

function PointsTab({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const points = usePoints(enterpriseId);
  const th = (p: MonitoringPoint) =>
    [p.thresholds.lowLow, p.thresholds.low, p.thresholds.high, p.thresholds.highHigh]
      .map((v) => (v ?? '—').toString())
      .join(' / ');
  const columns: TableProps<MonitoringPoint>['columns'] = [
    {
      title: t('monitor.config.tag'),
      dataIndex: 'tag',
      render: (tag: string, p) => <Link to={`/monitoring/points/${p.id}`}>{tag}</Link>,
    },
    {
      title: t('monitor.config.kind'),
      dataIndex: 'kind',
      render: (k: string) => t(`monitor.kind.${k as 'other'}`),
    },
    {
      title: t('monitor.series.lastValue'),
      key: 'v',
      align: 'right',
      render: (_: unknown, p) => fmtValue(p.lastValue, p.unit),
    },
    { title: t('monitor.alarms.level'), dataIndex: 'level', render: (l: string) => <LevelTag level={l} /> },
    {
      title: `${t('monitor.config.lowLow')}/${t('monitor.config.low')}/${t('monitor.config.high')}/${t('monitor.config.highHigh')}`,
      key: 'th',
      render: (_: unknown, p) => th(p),
    },
    { title: t('monitor.config.deadband'), dataIndex: 'deadband', align: 'right' },
    { title: t('monitor.config.delayOnSec'), dataIndex: 'delayOnSec', align: 'right' },
    { title: t('monitor.config.staleTimeoutSec'), dataIndex: 'staleTimeoutSec', align: 'right' },
    {
      title: t('monitor.config.repeatSuppressSec'),
      dataIndex: 'repeatSuppressSec',
      align: 'right',
      render: (n: number) => (n === 0 ? t('monitor.config.off') : n),
    },
  ];
  return (
    <>
      <Button
        type="primary"
        icon={<PlusOutlined />}
        onClick={() => setOpen(true)}
        style={{ marginBottom: 12 }}
        data-testid="add-point"
      >
        {t('monitor.config.addPoint')}
      </Button>
      <Table<MonitoringPoint>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={points.data?.items ?? []}
        loading={points.isLoading}
        scroll={{ x: 900 }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
      />
      <PointModal enterpriseId={enterpriseId} open={open} onClose={() => setOpen(false)} />
    </>
  );
}

function GatewaysTab({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string }>();
  const [creds, setCreds] = useState<GatewayCredentials | null>(null);
  const gateways = useGateways(enterpriseId);
  const create = useCreateGateway();
  const revoke = useRevokeGateway();
  const columns: TableProps<Gateway>['columns'] = [
    { title: t('monitor.config.gatewayName'), dataIndex: 'name' },
    {
      title: t('monitor.config.username'),
      dataIndex: 'id',
      width: 200,
      render: (id: string) => (
        <Typography.Text code copyable>
          {id}
        </Typography.Text>
      ),
    },
    {
      title: t('monitor.alarms.status'),
      key: 's',
      render: (_: unknown, g) =>
        g.revokedAt ? (
          <Tag>{t('monitor.config.revoked')}</Tag>
        ) : (
          <Tag color="green">{t('monitor.config.active')}</Tag>
        ),
    },
    { title: t('monitor.config.accepted'), dataIndex: 'accepted', align: 'right' },
    {
      title: t('monitor.config.rejected'),
      dataIndex: 'rejected',
      align: 'right',
      render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
    },
    {
      title: t('monitor.config.lastError'),
      dataIndex: 'lastError',
      ellipsis: true,
      render: (e: string | null) =>
        e ? (
          <Typography.Text type="danger" title={e}>
            {e}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: t('monitor.config.lastSeenAt'),
      dataIndex: 'lastSeenAt',
      render: (v: string | null) => fmtTime(v, 'MM-DD HH:mm:ss'),
    },
    {
      title: t('common.actions'),
      key: 'a',
      render: (_: unknown, g) =>
        !g.revokedAt && (
          <Popconfirm
            title={t('monitor.config.revokeConfirm')}
            onConfirm={() => revoke.mutate(g.id, { onError: (e) => showApiError(e) })}
          >
            <Button size="small" danger>
              {t('monitor.config.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];
  return (
    <>
      <Form
        form={form}
        layout="inline"
        style={{ marginBottom: 12, rowGap: 8 }}
        onFinish={(v) =>
          create.mutate(
            { enterpriseId, name: v.name.trim() },
            {
              onSuccess: (c) => {
                form.resetFields();
                notifySuccess(t('monitor.config.gatewayCreated'));
                setCreds(c);
              },
              onError: (e) => showApiError(e, form),
            },
          )
        }
      >
        <Form.Item
          name="name"
          rules={[
            { required: true, whitespace: true, message: t('monitor.config.gatewayNameRequired') },
            { max: 100 },
          ]}
        >
          <Input placeholder={t('monitor.config.gatewayName')} data-testid="gateway-name" />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          icon={<PlusOutlined />}
          loading={create.isPending}
          data-testid="add-gateway"
        >
          {t('monitor.config.addGateway')}
        </Button>
      </Form>
      <Table<Gateway>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={gateways.data?.items ?? []}
        loading={gateways.isLoading}
        scroll={{ x: 900 }}
        pagination={false}
      />
      <CredentialsModal creds={creds} onClose={() => setCreds(null)} />
    </>
  );
}

/** 登记危险源/单元: name, kind and, for a hazardous-chemicals unit, its GB 18218 inventory graded as typed. */
function InstallationModal({
  enterpriseId,
  open,
  onClose,
}: {
  enterpriseId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string; kind: InstallationKind }>();
  const [rows, setRows] = useState<SubstanceRow[]>(() => [emptySubstanceRow()]);
  const [people, setPeople] = useState<number | null>(0);
  const outcome = useMajorHazardOutcome(rows, people);
  const create = useCreateInstallation();
  return (
    <Modal
      open={open}
      title={t('monitor.config.addInstallation')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={create.isPending}
      destroyOnHidden
      afterOpenChange={(o) => {
        // Cleared once closed, not when opened: what is typed during the opening animation stays.
        if (o) return;
        setRows([emptySubstanceRow()]);
        setPeople(0);
      }}
      width={820}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ kind: 'hazmat_major_hazard' }}
        data-testid="installation-form"
        onFinish={(v) => {
          // An inventory half filled in is an error to fix; one not started is no inventory.
          if (!outcome.untouched && !outcome.input) return;
          create.mutate(
            {
              enterpriseId,
              name: v.name.trim(),
              kind: v.kind,
              ...(outcome.input
                ? { substances: outcome.input.substances, peopleWithin500m: outcome.input.peopleWithin500m }
                : {}),
            },
            {
              onSuccess: () => {
                notifySuccess(t('monitor.config.installationCreated'));
                onClose();
              },
              onError: (e) => showApiError(e, form),
            },
          );
        }}
      >
        <Row gutter={8}>
          <Col xs={24} md={14}>
            <Form.Item
              name="name"
              label={t('monitor.config.installationName')}
              rules={[
                { required: true, whitespace: true, message: t('monitor.config.installationNameRequired') },
                { min: 2, message: t('monitor.config.installationNameRequired') },
                { max: 100 },
              ]}
            >
              <Input placeholder={t('monitor.config.installationNamePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="kind" label={t('monitor.config.installationKind')} rules={[{ required: true }]}>
              <Select
                options={INSTALLATION_KINDS.map((k) => ({
                  value: k,
                  label: t(`monitor.installationKind.${k}`),
                }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('monitor.config.inventoryHint')}
        </Typography.Paragraph>
        <SubstanceRows rows={rows} onChange={setRows} />
        <Form.Item label={t('monitor.calc.people')} style={{ marginTop: 12 }}>
          <InputNumber
            min={0}
            precision={0}
            value={people}
            onChange={setPeople}
            style={{ width: 200 }}
            inputMode="numeric"
            data-testid="installation-people"
          />
        </Form.Item>
        <Card size="small" data-testid="installation-assessment">
          <AssessmentView
            result={outcome.result}
            problem={outcome.untouched ? t('monitor.config.noInventory') : outcome.problem}
            compact
          />
        </Card>
      </Form>
    </Modal>
  );
}

function InstallationsTab({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const list = useInstallations(enterpriseId);
  const columns: TableProps<Installation>['columns'] = [
    { title: t('monitor.config.installationName'), dataIndex: 'name' },
    {
      title: t('monitor.config.installationKind'),
      dataIndex: 'kind',
      render: (k: InstallationKind) => t(`monitor.installationKind.${k}`, { defaultValue: k }),
    },
    {
      title: t('monitor.config.assessment'),
      key: 'assessment',
      render: (_: unknown, i) =>
        !i.assessment ? (
          <Typography.Text type="secondary">{t('monitor.config.noInventory')}</Typography.Text>
        ) : i.assessment.grade ? (
          <Tag color="red">
            {majorHazardGradeName(i.assessment.grade)}
            {t('monitor.config.majorSuffix')}
          </Tag>
        ) : (
          <Tag color="green">{t('monitor.calc.notMajor')}</Tag>
        ),
    },
    {
      title: 'S',
      key: 'S',
      align: 'right',
      render: (_: unknown, i) => (i.assessment ? i.assessment.S.toFixed(4) : '—'),
    },
    {
      title: 'R',
      key: 'R',
      align: 'right',
      render: (_: unknown, i) => (i.assessment ? i.assessment.R.toFixed(4) : '—'),
    },
    {
      title: t('monitor.config.substances'),
      key: 'substances',
      ellipsis: true,
      render: (_: unknown, i) =>
        i.substances.length ? i.substances.map((x) => `${x.name ?? '—'} ${x.q} t`).join('、') : '—',
    },
    {
      title: t('monitor.config.people'),
      dataIndex: 'peopleWithin500m',
      align: 'right',
      render: (n: number | null) => n ?? '—',
    },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setOpen(true)}
          data-testid="add-installation"
        >
          {t('monitor.config.addInstallation')}
        </Button>
        <Typography.Text type="secondary">{t('monitor.config.installationsHint')}</Typography.Text>
      </Space>
      <Table<Installation>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isLoading}
        scroll={{ x: 900 }}
        pagination={false}
        locale={{ emptyText: t('monitor.config.noInstallations') }}
        data-testid="installation-table"
      />
      <InstallationModal enterpriseId={enterpriseId} open={open} onClose={() => setOpen(false)} />
    </>
  );
}

const TABS = ['points', 'installations', 'gateways'] as const;

export default function MonitorConfigPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [sp, setSp] = useSearchParams();
  const [picked, setPicked] = useState<string | undefined>();
  const enterpriseId = me.enterpriseId ?? picked;
  const tab = (TABS as readonly string[]).includes(sp.get('tab') ?? '') ? sp.get('tab')! : 'points';
  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('monitor.config.title')}
        </Typography.Title>
        {me.enterpriseName && <Typography.Text type="secondary">{me.enterpriseName}</Typography.Text>}
      </div>
      {!me.enterpriseId && (
        <Space style={{ marginBottom: 12, width: '100%' }} wrap>
          <span>{t('monitor.config.enterprise')}</span>
          <div style={{ minWidth: 280 }}>
            <EnterprisePicker value={picked} onChange={setPicked} />
          </div>
        </Space>
      )}
      {enterpriseId ? (
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            const next = new URLSearchParams(sp);
            if (k === 'points') next.delete('tab');
            else next.set('tab', k);
            setSp(next, { replace: true });
          }}
          items={[
            {
              key: 'points',
              label: t('monitor.config.points'),
              children: <PointsTab enterpriseId={enterpriseId} />,
            },
            {
              key: 'installations',
              label: t('monitor.config.installations'),
              children: <InstallationsTab enterpriseId={enterpriseId} />,
            },
            {
              key: 'gateways',
              label: t('monitor.config.gateways'),
              children: <GatewaysTab enterpriseId={enterpriseId} />,
            },
          ]}
        />
      ) : (
        <Alert type="info" showIcon title={t('monitor.config.pickEnterprise')} />
      )}
    </Card>
  );
}
