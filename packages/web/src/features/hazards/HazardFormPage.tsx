import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Typography,
  type UploadFile,
} from 'antd';
import { ArrowLeftOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { criteriaSectorForEnterprise, hazardCreateSchema, rectificationPlanSchema } from '@zhiben/domain';
import { notifySuccess } from '../../api/feedback';
import type { Enterprise } from '../../api/types';
import { dayjs } from '../../lib/time';
import { applyZodIssues, emptyToUndefined, zodRule } from '../../lib/zod-form';
import { useMe } from '../auth/session';
import { useEnterprise } from '../enterprises/enterprises.api';
import { useCriteria } from '../criteria/criteria.api';
import { EnterprisePicker } from './EnterprisePicker';
import { PhotoUpload, uploadedIds, uploadsPending } from './PhotoUpload';
import { useHazardLabels } from './labels';
import { useCreateHazard, type UploadedFile } from './hazards.api';
import { canReport, isEnterpriseRole, sourcesFor } from './roles';
import { shanghaiDay, shanghaiDeadline, toShanghaiIso } from './time';

const S = hazardCreateSchema.shape;
const P = rectificationPlanSchema.shape;

interface PlanValues {
  responsible?: string;
  measures?: string;
  funds?: number | null;
  deadline?: Dayjs | null;
  emergencyPlan?: string;
}

export interface HazardFormValues {
  enterpriseId?: string;
  grade: 'major' | 'general';
  criteriaSector?: string;
  criterionId?: string;
  title?: string;
  description?: string;
  location?: string;
  source?: string;
  discoveredAt?: Dayjs | null;
  deadline?: Dayjs | null;
  plan?: PlanValues;
  attachmentIds?: UploadFile<UploadedFile>[];
}

export function planInput(p: PlanValues | undefined): Record<string, unknown> {
  return {
    responsible: p?.responsible,
    measures: p?.measures,
    funds: p?.funds ?? undefined,
    deadline: p?.deadline ? shanghaiDeadline(p.deadline) : undefined,
    emergencyPlan: p?.emergencyPlan,
  };
}

/** The plan fields (责任人、措施、资金、时限、应急预案), also used on the detail page. */
export function PlanFields() {
  const { t } = useTranslation();
  return (
    <Row gutter={12}>
      <Col xs={24} md={8}>
        <Form.Item
          name={['plan', 'responsible']}
          label={t('hazard.planResponsible')}
          rules={[zodRule(P.responsible)]}
          required
        >
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      <Col xs={12} md={8}>
        <Form.Item
          name={['plan', 'funds']}
          label={t('hazard.planFunds')}
          rules={[zodRule(P.funds, emptyToUndefined)]}
          required
        >
          <InputNumber style={{ width: '100%' }} min={0} step={1000} inputMode="decimal" />
        </Form.Item>
      </Col>
      <Col xs={12} md={8}>
        <Form.Item
          name={['plan', 'deadline']}
          label={t('hazard.planDeadline')}
          rules={[{ required: true, message: t('hazard.planDeadlineRequired') }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={['plan', 'measures']}
          label={t('hazard.planMeasures')}
          rules={[zodRule(P.measures)]}
          required
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={['plan', 'emergencyPlan']}
          label={t('hazard.planEmergency')}
          rules={[zodRule(P.emergencyPlan)]}
          required
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} />
        </Form.Item>
      </Col>
    </Row>
  );
}

export default function HazardFormPage() {
  const { t } = useTranslation();
  const h = useHazardLabels();
  const me = useMe();
  const navigate = useNavigate();
  const [form] = Form.useForm<HazardFormValues>();
  const create = useCreateHazard(form);
  const enterpriseUser = isEnterpriseRole(me.role);
  const own = useEnterprise(enterpriseUser ? (me.enterpriseId ?? undefined) : undefined);
  const [picked, setPicked] = useState<Enterprise | null>(null);
  const enterprise = enterpriseUser ? (own.data ?? null) : picked;
  const sources = sourcesFor(me.role);

  const grade = Form.useWatch('grade', form);
  const sector = Form.useWatch('criteriaSector', form);
  const discoveredAt = Form.useWatch('discoveredAt', form);
  const discoveryDay = discoveredAt ? shanghaiDay(discoveredAt) : shanghaiDay(dayjs());

  const applicable = useMemo(
    () =>
      enterprise
        ? criteriaSectorForEnterprise(enterprise.industryCode, enterprise.sectors, enterprise.categories)
        : [],
    [enterprise],
  );
  // The first specific sector that applies to the enterprise (fire applies to all, so it comes last).
  useEffect(() => {
    if (!applicable.length) return;
    const current = form.getFieldValue('criteriaSector') as string | undefined;
    if (!current || !applicable.includes(current as never)) {
      form.setFieldsValue({ criteriaSector: applicable[0], criterionId: undefined });
    }
  }, [applicable, form]);
  useEffect(() => {
    if (enterpriseUser && me.enterpriseId) form.setFieldsValue({ enterpriseId: me.enterpriseId });
  }, [enterpriseUser, me.enterpriseId, form]);

  const criteria = useCriteria({ sector, inForceOn: discoveryDay }, !!sector);
  const sectorInfo = criteria.data?.sectors.find((s) => s.code === sector);
  // A picked item no longer in force on the (changed) discovery day is cleared.
  const criterionId = Form.useWatch('criterionId', form);
  useEffect(() => {
    if (
      criterionId &&
      criteria.data &&
      !criteria.isPlaceholderData &&
      !criteria.data.items.some((i) => i.id === criterionId)
    )
      form.setFieldsValue({ criterionId: undefined });
  }, [criteria.data, criteria.isPlaceholderData, criterionId, form]);

  if (!canReport(me.role)) return <Result status="403" title="403" subTitle={t('hazard.cannotReport')} />;

  const withPlan = grade === 'major' && enterpriseUser;

  const submit = (v: HazardFormValues) => {
    if (uploadsPending(v.attachmentIds)) {
      form.setFields([{ name: 'attachmentIds', errors: [t('hazard.uploadsPending')] }]);
      return;
    }
    const input = {
      enterpriseId: v.enterpriseId,
      grade: v.grade,
      criterionId: v.criterionId ?? null,
      title: v.title,
      description: v.description ?? '',
      location: v.location ?? '',
      source: v.source,
      discoveredAt: v.discoveredAt ? toShanghaiIso(v.discoveredAt) : undefined,
      deadline: v.deadline ? shanghaiDeadline(v.deadline) : null,
      plan: withPlan ? planInput(v.plan) : null,
      attachmentIds: uploadedIds(v.attachmentIds),
    };
    const parsed = hazardCreateSchema.safeParse(input);
    if (!parsed.success) {
      applyZodIssues(form, parsed.error.issues);
      return;
    }
    create.mutate(parsed.data, {
      onSuccess: (created) => {
        notifySuccess(t('hazard.created', { code: created.code }));
        navigate(`/hazards/${created.id}`);
      },
    });
  };

  return (
    <Card>
      <div className="page-header">
        <Space>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
          <Typography.Title level={4}>{t('hazard.newTitle')}</Typography.Title>
        </Space>
      </div>
      <Form<HazardFormValues>
        form={form}
        layout="vertical"
        initialValues={{
          grade: 'general',
          source: sources[0],
          discoveredAt: dayjs().second(0),
          enterpriseId: me.enterpriseId ?? undefined,
        }}
        onFinish={submit}
        scrollToFirstError={{ block: 'center' }}
        data-testid="hazard-form"
      >
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Card size="small" title={t('hazard.basic')}>
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item
                  name="enterpriseId"
                  label={t('hazard.enterprise')}
                  rules={[zodRule(S.enterpriseId)]}
                  required
                >
                  {enterpriseUser ? (
                    <Select
                      disabled
                      options={[{ value: me.enterpriseId ?? '', label: me.enterpriseName ?? '' }]}
                    />
                  ) : (
                    <EnterprisePicker onPicked={setPicked} />
                  )}
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="grade" label={t('hazard.grade')} required>
                  <Radio.Group optionType="button" buttonStyle="solid" data-testid="grade-radio">
                    {h.gradeOptions.map((o) => (
                      <Radio.Button key={o.value} value={o.value}>
                        {o.label}
                        {t('hazard.gradeSuffix')}
                      </Radio.Button>
                    ))}
                  </Radio.Group>
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="criteriaSector" label={t('hazard.criteriaSector')}>
                  <Select
                    options={h.criteriaSectorOptions.map((o) => ({
                      ...o,
                      label: applicable.includes(o.value as never) ? `${o.label} ✓` : o.label,
                    }))}
                    onChange={() => form.setFieldsValue({ criterionId: undefined })}
                    data-testid="criteria-sector"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={16}>
                <Form.Item
                  name="criterionId"
                  label={t('hazard.criterion')}
                  required={grade === 'major'}
                  rules={[
                    {
                      required: grade === 'major',
                      message: t('hazard.criterionRequired'),
                    },
                  ]}
                  extra={t('hazard.criterionHint', { day: discoveryDay })}
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
                    data-testid="criterion-picker"
                    popupMatchSelectWidth={false}
                  />
                </Form.Item>
                {sectorInfo?.pendingText && (
                  <Alert
                    type="warning"
                    showIcon
                    style={{ marginTop: -12, marginBottom: 12 }}
                    title={sectorInfo.pendingText}
                  />
                )}
              </Col>
              <Col xs={24}>
                <Form.Item name="title" label={t('hazard.title')} rules={[zodRule(S.title)]} required>
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="description"
                  label={t('hazard.description')}
                  rules={[zodRule(S.description, emptyToUndefined)]}
                >
                  <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="location"
                  label={t('hazard.location')}
                  rules={[zodRule(S.location, emptyToUndefined)]}
                >
                  <Input maxLength={200} placeholder={t('hazard.locationPlaceholder')} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="source" label={t('hazard.source')} rules={[zodRule(S.source)]} required>
                  <Select
                    disabled={sources.length === 1}
                    options={h.sourceOptions.filter((o) => sources.includes(o.value as never))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12} md={8}>
                <Form.Item
                  name="discoveredAt"
                  label={t('hazard.discoveredAt')}
                  rules={[{ required: true, message: t('hazard.discoveredAtRequired') }]}
                >
                  <DatePicker
                    showTime={{ format: 'HH:mm' }}
                    format="YYYY-MM-DD HH:mm"
                    style={{ width: '100%' }}

                    disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12} md={8}>
                <Form.Item name="deadline" label={t('hazard.deadline')} extra={t('hazard.deadlineHint')}>
                  <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item name="attachmentIds" label={t('hazard.photos')} extra={t('hazard.photosHint')}>
                  <PhotoUpload />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          {withPlan && (
            <Card size="small" title={t('hazard.plan')} data-testid="plan-section">
              <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('hazard.planHint')} />
              <PlanFields />
            </Card>
          )}
          {grade === 'major' && !enterpriseUser && (
            <Alert type="info" showIcon title={t('hazard.planByEnterprise')} />
          )}
        </Space>
      </Form>
      <Space style={{ marginTop: 16 }} wrap>
        <Button
          type="primary"
          icon={<SendOutlined />}
          loading={create.isPending}
          onClick={() => form.submit()}
          data-testid="hazard-save"
        >
          {t('hazard.submitReport')}
        </Button>
        <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
      </Space>
    </Card>
  );
}
