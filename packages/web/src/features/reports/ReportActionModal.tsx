import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Typography,
  type FormInstance,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { criteriaSectorForEnterprise, REPORT_ACTION_SCHEMAS, type ReportAction } from '@zhiben/domain';
import { notifySuccess } from '../../api/feedback';
import type { Enterprise } from '../../api/types';
import { dayjs } from '../../lib/time';
import { applyZodIssues } from '../../lib/zod-form';
import { useCriteria } from '../criteria/criteria.api';
import { EnterprisePicker } from '../hazards/EnterprisePicker';
import { useHazardList } from '../hazards/hazards.api';
import { useHazardLabels } from '../hazards/labels';
import { shanghaiDay, shanghaiDeadline } from '../hazards/time';
import { useReportAction, type ReportDetail } from './reports.api';
import { useReportLabels, yuan } from './labels';

interface Values {
  note?: string;
  reason?: string;
  summary?: string;
  comment?: string;
  paymentRef?: string;
  paidAt?: Dayjs | null;
  outcome?: 'true' | 'false';
  fine?: number | null;
  deaths?: number | null;
  accidentGrade?: string;
  hazardMode?: 'create' | 'link';
  hazardId?: string;
  criteriaSector?: string;
  hazard?: {
    enterpriseId?: string;
    grade?: 'major' | 'general';
    criterionId?: string;
    title?: string;
    deadline?: Dayjs | null;
  };
}

const DANGER: ReportAction[] = ['decline'];

function toInput(action: ReportAction, v: Values, r: ReportDetail): Record<string, unknown> {
  const text = (s: string | undefined) => (s && s.trim() ? s : undefined);
  switch (action) {
    case 'accept':
    case 'close':
    case 'compute-reward':
      return { note: text(v.note) };
    case 'decline':
    case 'extend':
      return { reason: v.reason ?? '' };
    case 'feedback':
      return { summary: v.summary ?? '' };
    case 'approve-reward':
      return { comment: text(v.comment) };
    case 'pay':
      return {
        paymentRef: v.paymentRef ?? '',
        // Today means now (the server's clock); an earlier day is recorded at noon Beijing time.
        paidAt:
          v.paidAt && !v.paidAt.isSame(dayjs(), 'day')
            ? `${v.paidAt.format('YYYY-MM-DD')}T12:00:00+08:00`
            : undefined,
      };
    case 'verify': {
      const yes = v.outcome === 'true';
      const concealed = r.category === 'concealed_accident';
      const base = {
        outcome: v.outcome,
        summary: v.summary ?? '',
        fine: !concealed && v.fine !== null && v.fine !== undefined ? v.fine : undefined,
        deaths: concealed && v.deaths !== null && v.deaths !== undefined ? v.deaths : undefined,
        accidentGrade: concealed ? v.accidentGrade : undefined,
      };
      if (!yes) return base;
      if (v.hazardMode === 'link') return { ...base, hazardId: v.hazardId };
      const h = v.hazard ?? {};
      return {
        ...base,
        hazard: {
          enterpriseId: h.enterpriseId,
          grade: h.grade,
          criterionId: h.criterionId ?? null,
          title: h.title ?? '',
          deadline: h.deadline ? shanghaiDeadline(h.deadline) : undefined,
        },
      };
    }
  }
}

/** Picks an existing hazard by code or title (hazards in the official's scope). */
function HazardSelect({ value, onChange }: { value?: string; onChange?: (v?: string) => void }) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const [keyword, setKeyword] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setKeyword(input.trim()), 300);
    return () => clearTimeout(h);
  }, [input]);
  const q = useHazardList({ keyword: keyword || undefined, page: 1, pageSize: 20 });
  return (
    <Select
      allowClear
      showSearch={{ filterOption: false, onSearch: setInput }}
      value={value}
      onChange={onChange}
      loading={q.isFetching}
      placeholder={t('report.fields.hazardSearch')}
      options={(q.data?.items ?? []).map((h) => ({
        value: h.id,
        label: `${h.code} ${h.title}（${h.enterpriseName}）`,
      }))}
      optionRender={(o) => <div style={{ whiteSpace: 'normal' }}>{o.label}</div>}
      data-testid="hazard-select"
    />
  );
}

/** The hazard a confirmed report creates: enterprise, grade, criterion (major), title, deadline. */
function NewHazardFields({ form }: { form: ReturnType<typeof Form.useForm<Values>>[0] }) {
  const { t } = useTranslation();
  const h = useHazardLabels();
  const [picked, setPicked] = useState<Enterprise | null>(null);
  const grade = Form.useWatch(['hazard', 'grade'], form);
  const sector = Form.useWatch('criteriaSector', form);
  const today = shanghaiDay(dayjs());
  const applicable = useMemo(
    () => (picked ? criteriaSectorForEnterprise(picked.industryCode, picked.sectors, picked.categories) : []),
    [picked],
  );
  useEffect(() => {
    if (applicable.length)
      form.setFieldsValue({ criteriaSector: applicable[0], hazard: { criterionId: undefined } });
  }, [applicable, form]);
  const criteria = useCriteria({ sector, inForceOn: today }, grade === 'major' && !!sector);
  return (
    <>
      <Form.Item name={['hazard', 'enterpriseId']} label={t('report.fields.hazardEnterprise')} required>
        <EnterprisePicker onPicked={setPicked} />
      </Form.Item>
      <Form.Item name={['hazard', 'grade']} label={t('report.fields.hazardGrade')} required>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={h.gradeOptions}
          data-testid="verify-grade"
        />
      </Form.Item>
      {grade === 'major' && (
        <>
          <Form.Item name="criteriaSector" label={t('report.fields.criteriaSector')}>
            <Select
              options={h.criteriaSectorOptions.map((o) => ({
                ...o,
                label: applicable.includes(o.value as never) ? `${o.label} ✓` : o.label,
              }))}
              onChange={() => form.setFieldsValue({ hazard: { criterionId: undefined } })}
            />
          </Form.Item>
          <Form.Item name={['hazard', 'criterionId']} label={t('report.fields.criterion')} required>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'search' }}
              loading={criteria.isFetching}
              options={(criteria.data?.items ?? []).map((i) => ({
                value: i.id,
                label: `${i.code} ${i.name}`,
                search: `${i.code} ${i.name} ${i.description}`,
              }))}
              optionRender={(o) => <div style={{ whiteSpace: 'normal' }}>{o.label}</div>}
              data-testid="verify-criterion"
            />
          </Form.Item>
        </>
      )}
      <Form.Item name={['hazard', 'title']} label={t('report.fields.hazardTitle')} required>
        <Input maxLength={100} data-testid="verify-hazard-title" />
      </Form.Item>
      <Form.Item name={['hazard', 'deadline']} label={t('report.fields.hazardDeadline')} required>
        <DatePicker
          style={{ width: '100%' }}
          disabledDate={(d) => d.isBefore(dayjs(), 'day')}
          data-testid="verify-hazard-deadline"
        />
      </Form.Item>
    </>
  );
}

interface Props {
  report: ReportDetail;
  action: ReportAction | null;
  onClose: () => void;
}

export function ReportActionModal({ report, action, onClose }: Props) {
  const { t } = useTranslation();
  const rl = useReportLabels();
  const [form] = Form.useForm<Values>();
  const mutation = useReportAction(report.id, form);
  const outcome = Form.useWatch('outcome', form);
  const hazardMode = Form.useWatch('hazardMode', form);

  useEffect(() => {
    if (!action) return;
    form.resetFields();
    if (action === 'verify')
      form.setFieldsValue({
        outcome: 'true',
        hazardMode: 'create',
        accidentGrade: 'general',
        hazard: {
          enterpriseId: report.enterpriseId ?? undefined,
          grade: report.category === 'major_hazard' ? 'major' : 'general',
          title: report.description.replace(/\s+/g, ' ').slice(0, 40),
          deadline: dayjs().add(30, 'day'),
        },
      });
    if (action === 'pay') form.setFieldsValue({ paidAt: dayjs() });
  }, [action, form, report]);

  if (!action) return null;

  const area = (name: keyof Values, label: string, required: boolean, extra?: string) => (
    <Form.Item name={name} label={label} required={required} extra={extra}>
      <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} data-testid={`report-${name}`} />
    </Form.Item>
  );

  const fields = () => {
    switch (action) {
      case 'accept':
      case 'close':
        return area('note', t('report.fields.note'), false);
      case 'compute-reward':
        return (
          <>
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('report.computeHint')} />
            {area('note', t('report.fields.note'), false)}
          </>
        );
      case 'decline':
        return area('reason', t('report.fields.reason'), true);
      case 'extend':
        return (
          <>
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('report.extendHint')} />
            {area('reason', t('report.fields.reason'), true)}
          </>
        );
      case 'feedback':
        return area('summary', t('report.fields.feedbackSummary'), true, t('report.fields.feedbackHint'));
      case 'approve-reward':
        return (
          <>
            <Typography.Paragraph>
              {t('report.rewardAmount')}：<b>{yuan(report.rewardAmount)}</b>
              <br />
              <Typography.Text type="secondary">{report.rewardBasis}</Typography.Text>
            </Typography.Paragraph>
            {area('comment', t('report.fields.comment'), false)}
          </>
        );
      case 'pay':
        return (
          <>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={`${t('report.rewardAmount')}：${yuan(report.rewardAmount)}`}
              description={t('report.payHint')}
            />
            <Form.Item name="paymentRef" label={t('report.fields.paymentRef')} required>
              <Input maxLength={100} data-testid="report-paymentRef" />
            </Form.Item>
            <Form.Item name="paidAt" label={t('report.fields.paidAt')}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </>
        );
      case 'verify': {
        const concealed = report.category === 'concealed_accident';
        return (
          <>
            <Form.Item name="outcome" label={t('report.fields.outcome')} required>
              <Radio.Group optionType="button" buttonStyle="solid" data-testid="verify-outcome">
                <Radio.Button value="true">{t('report.outcomeTrue')}</Radio.Button>
                <Radio.Button value="false">{t('report.outcomeFalse')}</Radio.Button>
              </Radio.Group>
            </Form.Item>
            {area('summary', t('report.fields.summary'), true)}
            {outcome === 'true' && !concealed && (
              <Form.Item name="fine" label={t('report.fine')}>
                <InputNumber style={{ width: '100%' }} min={0} step={10000} data-testid="verify-fine" />
              </Form.Item>
            )}
            {outcome === 'true' && concealed && (
              <>
                <Form.Item name="deaths" label={t('report.deaths')}>
                  <InputNumber style={{ width: '100%' }} min={0} precision={0} />
                </Form.Item>
                <Form.Item name="accidentGrade" label={t('report.accidentGrade')}>
                  <Select options={rl.accidentGradeOptions} />
                </Form.Item>
              </>
            )}
            {outcome === 'true' && (
              <>
                <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('report.verifyTrueHint')} />
                <Form.Item name="hazardMode" label={t('report.fields.hazardMode')}>
                  <Radio.Group>
                    <Radio value="create">{t('report.fields.hazardCreate')}</Radio>
                    <Radio value="link">{t('report.fields.hazardLink')}</Radio>
                  </Radio.Group>
                </Form.Item>
                {hazardMode === 'link' ? (
                  <Form.Item name="hazardId" label={t('report.fields.hazardPick')} required>
                    <HazardSelect />
                  </Form.Item>
                ) : (
                  <NewHazardFields form={form} />
                )}
              </>
            )}
          </>
        );
      }
    }
  };

  const onOk = () => {
    const v = form.getFieldsValue(true) as Values;
    const input = toInput(action, v, report);
    if (action === 'verify' && v.outcome === 'true') {
      const errs: { name: (string | number)[]; errors: string[] }[] = [];
      if (v.hazardMode === 'link' && !v.hazardId)
        errs.push({ name: ['hazardId'], errors: [t('report.fields.hazardRequired')] });
      if (v.hazardMode !== 'link') {
        if (!v.hazard?.enterpriseId)
          errs.push({ name: ['hazard', 'enterpriseId'], errors: [t('report.fields.enterpriseRequired')] });
        if (!v.hazard?.deadline)
          errs.push({ name: ['hazard', 'deadline'], errors: [t('report.fields.deadlineRequired')] });
        if (v.hazard?.grade === 'major' && !v.hazard.criterionId)
          errs.push({ name: ['hazard', 'criterionId'], errors: [t('report.fields.criterionRequired')] });
      }
      if (errs.length) {
        (form as unknown as FormInstance).setFields(errs);
        return;
      }
    }
    const parsed = REPORT_ACTION_SCHEMAS[action].safeParse(input);
    if (!parsed.success) {
      applyZodIssues(form, parsed.error.issues);
      return;
    }
    mutation.mutate(
      { action, input: parsed.data as Record<string, unknown> },
      {
        onSuccess: () => {
          notifySuccess(t('report.actionDone', { action: t(`report.actions.${action}`) }));
          onClose();
        },
        onError: (e) => {
          if ('status' in e && (e.status === 409 || e.status === 403)) onClose();
        },
      },
    );
  };

  return (
    <Modal
      open={!!action}
      title={`${t(`report.actions.${action}`)} · ${report.trackingCode}`}
      onCancel={onClose}
      onOk={onOk}
      okText={t(`report.actions.${action}`)}
      okButtonProps={{ danger: DANGER.includes(action), 'data-testid': 'report-action-ok' }}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      data-testid="report-action-modal"
    >
      <Form<Values> form={form} layout="vertical" preserve={false}>
        {fields()}
      </Form>
    </Modal>
  );
}
