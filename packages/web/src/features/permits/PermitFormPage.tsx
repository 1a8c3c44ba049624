import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import {
  Affix,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Grid,
  Input,
  Result,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  PERMIT_CHECKLISTS,
  PERMIT_TYPE_CODES,
  PERMIT_TYPES,
  hotWorkGradeName,
  heightGradeName,
  liftingGradeName,
  permitDraftSchema,
  type PermitType,
} from '@zhiben/domain';
import { notifySuccess } from '../../api/feedback';
import { dayjs } from '../../lib/time';
import { applyZodIssues } from '../../lib/zod-form';
import { useMe } from '../auth/session';
import { GradeMark, ViolationList } from './labels';
import { PermitTypeFields, typeName } from './PermitTypeFields';
import { useCreatePermit, useWorkers, type PermitWorker } from './permits.api';
import { liveCheck, toDraft, type Values } from './permit-form.logic';

const gradeLabel = (type: string, g?: string) =>
  !g
    ? null
    : type === 'hot_work'
      ? hotWorkGradeName(g)
      : type === 'height'
        ? heightGradeName(g)
        : type === 'lifting'
          ? liftingGradeName(g)
          : g;

function WorkerSelect({
  registry,
  guardian,
  ...field
}: {
  registry: PermitWorker[];
  guardian?: boolean;
  value?: string;
  onChange?: (v: string) => void;
}) {
  return (
    <Select
      {...field}
      showSearch
      optionFilterProp="label"
      placeholder="从人员登记库选择"
      style={{ minWidth: 220 }}
      options={registry.map((w) => ({
        value: w.id,
        label: `${w.name}${
          guardian
            ? w.guardianTrained
              ? '（已培训）'
              : '（未经监护培训）'
            : w.certificates.length
              ? `（${w.certificates.map((c) => `${c.typeName}${c.valid ? '' : '·已过期'}`).join('，')}）`
              : '（无证书）'
        }`,
      }))}
    />
  );
}

export default function PermitFormPage() {
  const { t } = useTranslation();
  const { type: raw } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const screens = Grid.useBreakpoint();
  const create = useCreatePermit(form);
  const workers = useWorkers(me.enterpriseId ?? undefined);
  const registry = useMemo(() => workers.data?.items ?? [], [workers.data]);
  // Every change re-runs the rules on the whole draft (the same functions as the server).
  const [values, setValues] = useState<Values | undefined>(undefined);
  const refresh = () => setValues({ ...(form.getFieldsValue(true) as Values) });
  useEffect(() => {
    setValues({ ...(form.getFieldsValue(true) as Values) });
  }, [form, registry]);
  const type = (PERMIT_TYPE_CODES as readonly string[]).includes(raw ?? '') ? (raw as PermitType) : null;
  const live = useMemo(
    () => (type && values ? liveCheck(type, toDraft(type, values, registry), registry) : null),
    [type, values, registry],
  );
  if (!type) return <Result status="404" title={t('permit.form.chooseType')} />;
  const checklist = PERMIT_CHECKLISTS[type];

  const submit = async () => {
    const v = form.getFieldsValue(true) as Values;
    const draft = toDraft(type, v, registry);
    const parsed = permitDraftSchema.safeParse({
      ...draft,
      number: '—',
      appliedAt: new Date().toISOString(),
    });
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) =>
        i.path[0] === 'plannedStart' || i.path[0] === 'plannedEnd' ? { ...i, path: ['planned'] } : i,
      );
      applyZodIssues(form, issues);
      return;
    }
    const p = await create.mutateAsync(draft);
    notifySuccess(t('permit.form.created', { number: p.number }));
    navigate(`/permits/${p.id}`);
  };

  const now = dayjs();
  return (
    <Form
      form={form}
      layout="vertical"
      data-testid="permit-form"
      onValuesChange={refresh}
      initialValues={{
        applyingUnit: me.enterpriseName ?? '',
        workLeader: me.displayName,
        planned: [now, now.add(4, 'hour')],
        workers: [{}],
        guardians: [{}],
        measures: checklist.items.map(() => ({ applies: false })),
      }}
    >
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('permit.form.title', { type: typeName(type) })}
            </Typography.Title>
            <Select
              value={type}
              style={{ width: 200 }}
              onChange={(v) => navigate(`/permits/new/${v}`)}
              options={PERMIT_TYPES.map((x) => ({ value: x.code, label: x.name }))}
            />
            <Card title={t('permit.form.common')} size="small">
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="applyingUnit"
                    label={t('permit.field.applyingUnit')}
                    rules={[{ required: true }]}
                  >
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="workUnit" label={t('permit.field.workUnit')} rules={[{ required: true }]}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="location" label={t('permit.field.location')} rules={[{ required: true }]}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="zone" label={t('permit.field.zone')} tooltip={t('permit.field.zoneHelp')}>
                    <Input placeholder="如：T-101" />
                  </Form.Item>
                </Col>
                <Col xs={24}>
                  <Form.Item name="content" label={t('permit.field.content')} rules={[{ required: true }]}>
                    <Input.TextArea autoSize={{ minRows: 2 }} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="workLeader"
                    label={t('permit.field.workLeader')}
                    rules={[{ required: true }]}
                  >
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="planned" label={t('permit.field.planned')} rules={[{ required: true }]}>
                    <DatePicker.RangePicker
                      showTime={{ format: 'HH:mm' }}
                      format="YYYY-MM-DD HH:mm"
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24}>
                  <Form.Item
                    name="riskIdentification"
                    label={t('permit.field.riskIdentification')}
                    rules={[{ required: true }]}
                  >
                    <Input.TextArea autoSize={{ minRows: 2 }} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Card title={`${t('permit.form.details')}：${typeName(type)}`} size="small">
              <PermitTypeFields type={type} />
            </Card>
            <Card title={t('permit.form.people')} size="small">
              <Form.List name="workers">
                {(fields, { add, remove }) => (
                  <Form.Item label={t('permit.field.workers')}>
                    {fields.map((f) => (
                      <Space key={f.key} align="baseline" wrap>
                        <Form.Item name={[f.name, 'workerId']}>
                          <WorkerSelect registry={registry} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'noCertificate']} valuePropName="checked">
                          <Checkbox>{t('permit.form.noCertificate')}</Checkbox>
                        </Form.Item>
                        <MinusCircleOutlined onClick={() => remove(f.name)} />
                      </Space>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                      {t('permit.form.addWorker')}
                    </Button>
                  </Form.Item>
                )}
              </Form.List>
              <Form.List name="guardians">
                {(fields, { add, remove }) => (
                  <Form.Item label={t('permit.field.guardians')} required>
                    {fields.map((f) => (
                      <Space key={f.key} align="baseline" wrap>
                        <Form.Item name={[f.name, 'workerId']}>
                          <WorkerSelect registry={registry} guardian />
                        </Form.Item>
                        <MinusCircleOutlined onClick={() => remove(f.name)} />
                      </Space>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                      {t('permit.form.addGuardian')}
                    </Button>
                  </Form.Item>
                )}
              </Form.List>
              <Form.List name="relatedPermits">
                {(fields, { add, remove }) => (
                  <Form.Item label={t('permit.field.relatedPermits')}>
                    {fields.map((f) => (
                      <Space key={f.key} align="baseline" wrap>
                        <Form.Item name={[f.name, 'type']}>
                          <Select
                            style={{ width: 150 }}
                            options={PERMIT_TYPES.map((x) => ({ value: x.code, label: x.name }))}
                          />
                        </Form.Item>
                        <Form.Item name={[f.name, 'number']}>
                          <Input placeholder="ZY-…" />
                        </Form.Item>
                        <MinusCircleOutlined onClick={() => remove(f.name)} />
                      </Space>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} />
                  </Form.Item>
                )}
              </Form.List>
            </Card>
            <Card
              size="small"
              title={t('permit.form.checklist', { n: checklist.items.length, rows: checklist.formRows })}
            >
              <Table
                size="small"
                pagination={false}
                rowKey="code"
                dataSource={checklist.items.map((i, k) => ({ ...i, k }))}
                columns={[
                  { title: '#', width: 40, render: (_, r) => r.k + 1 },
                  { title: t('permit.field.measures'), dataIndex: 'text' },
                  {
                    title: t('permit.field.applies'),
                    width: 80,
                    render: (_, r) => (
                      <Form.Item name={['measures', r.k, 'applies']} valuePropName="checked" noStyle>
                        <Checkbox />
                      </Form.Item>
                    ),
                  },
                  {
                    title: t('permit.field.confirmer'),
                    width: screens.md ? 140 : 100,
                    render: (_, r) => (
                      <Form.Item name={['measures', r.k, 'confirmer']} noStyle>
                        <Input size="small" />
                      </Form.Item>
                    ),
                  },
                ]}
              />
              <Row gutter={12} style={{ marginTop: 12 }}>
                <Col xs={24} md={16}>
                  <Form.Item name={['otherMeasures', 'text']} label={t('permit.field.otherMeasures')}>
                    <Input.TextArea autoSize />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name={['otherMeasures', 'author']} label={t('permit.field.author')}>
                    <Input />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Button
              type="primary"
              size="large"
              onClick={submit}
              loading={create.isPending}
              data-testid="permit-submit"
              block={!screens.md}
            >
              {t('permit.form.submit')}
            </Button>
          </Space>
        </Col>
        <Col xs={24} lg={8}>
          <Affix offsetTop={screens.lg ? 72 : undefined}>
            <Card size="small" title={t('permit.form.live')} data-testid="live-check">
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('permit.form.liveHint')}
              </Typography.Paragraph>
              {live?.grade && (
                <div style={{ marginBottom: 8 }} data-testid="live-grade" data-grade={live.grade}>
                  {t('permit.form.grade', { grade: '' })}
                  <GradeMark name={gradeLabel(type, live.grade)} />
                </div>
              )}
              {live && <ViolationList items={live.violations} />}
              {type === 'hot_work' && (
                <Tag style={{ marginTop: 8, whiteSpace: 'normal' }}>
                  节假日、公休日、夜间（22:00–06:00）及室外5级以上风力动火自动升级管理
                </Tag>
              )}
            </Card>
          </Affix>
        </Col>
      </Row>
    </Form>
  );
}
