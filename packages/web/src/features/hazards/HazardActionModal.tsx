import { useEffect } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Radio, Select, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { HAZARD_ACTION_SCHEMAS, type HazardAction } from '@zhiben/domain';
import { notifySuccess } from '../../api/feedback';
import { dayjs } from '../../lib/time';
import { applyZodIssues } from '../../lib/zod-form';
import { useMe } from '../auth/session';
import { PhotoUpload, uploadedIds, uploadsPending } from './PhotoUpload';
import { useHazardLabels } from './labels';
import { useHazardAction, type HazardDetail, type UploadedFile } from './hazards.api';
import { shanghaiDeadline } from './time';

interface Values {
  comment?: string;
  reason?: string;
  description?: string;
  attachmentIds?: UploadFile<UploadedFile>[];
  deadline?: Dayjs | null;
  newDeadline?: Dayjs | null;
  supervisingBody?: string;
  note?: string;
  result?: 'confirmed' | 'fake_rectification';
  accountability?: { persons?: string[]; measures?: string };
}

const DANGER: HazardAction[] = ['dismiss', 'reject', 'deny-extension'];

/** The input an action takes, from the modal's values (zod then checks it, as the server will). */
function toInput(action: HazardAction, v: Values): Record<string, unknown> {
  const day = (d: Dayjs | null | undefined) => (d ? shanghaiDeadline(d) : undefined);
  const text = (s: string | undefined) => (s && s.trim() ? s : undefined);
  switch (action) {
    case 'confirm':
      return { comment: text(v.comment), deadline: day(v.deadline) };
    case 'dismiss':
      return { reason: v.reason ?? '' };
    case 'submit':
      return { description: v.description ?? '', attachmentIds: uploadedIds(v.attachmentIds) };
    case 'accept':
    case 'approve-extension':
      return { comment: text(v.comment) };
    case 'reject':
      return { reason: v.reason ?? '', deadline: day(v.deadline) };
    case 'request-extension':
      return { newDeadline: day(v.newDeadline), reason: v.reason ?? '' };
    case 'deny-extension':
      return { reason: v.reason ?? '' };
    case 'supervise':
      return { supervisingBody: v.supervisingBody ?? '', deadline: day(v.deadline), note: text(v.note) };
    case 'recheck':
      return {
        result: v.result,
        note: v.note ?? '',
        accountability:
          v.result === 'fake_rectification'
            ? { persons: v.accountability?.persons ?? [], measures: v.accountability?.measures ?? '' }
            : undefined,
        deadline: v.result === 'fake_rectification' ? day(v.deadline) : undefined,
      };
  }
}

interface Props {
  hazard: HazardDetail;
  action: HazardAction | null;
  onClose: () => void;
}

export function HazardActionModal({ hazard, action, onClose }: Props) {
  const { t } = useTranslation();
  const l = useHazardLabels();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const mutation = useHazardAction(hazard.id, form);
  const result = Form.useWatch('result', form);

  useEffect(() => {
    if (!action) return;
    form.resetFields();
    if (action === 'supervise') {
      form.setFieldsValue({ supervisingBody: me.orgName ?? '', deadline: dayjs().add(30, 'day') });
    }
    if (action === 'recheck') form.setFieldsValue({ result: 'confirmed' });
  }, [action, form, me.orgName]);

  if (!action) return null;

  const future = (d: Dayjs) => d.isBefore(dayjs(), 'day');
  const textArea = (name: keyof Values, label: string, required: boolean) => (
    <Form.Item name={name} label={label} required={required}>
      <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} data-testid={`action-${name}`} />
    </Form.Item>
  );
  const dayField = (name: 'deadline' | 'newDeadline', label: string, required: boolean, extra?: string) => (
    <Form.Item name={name} label={label} required={required} extra={extra}>
      <DatePicker style={{ width: '100%' }} disabledDate={future} data-testid={`action-${name}`} />
    </Form.Item>
  );

  const fields = () => {
    switch (action) {
      case 'confirm':
        return (
          <>
            {dayField(
              'deadline',
              t('hazard.deadline'),
              !hazard.deadline,
              hazard.deadline ? t('hazard.keepDeadline') : t('hazard.deadlineNeeded'),
            )}
            {textArea('comment', t('hazard.fields.comment'), false)}
          </>
        );
      case 'dismiss':
      case 'deny-extension':
        return textArea('reason', t('hazard.fields.reason'), true);
      case 'submit':
        return (
          <>
            {textArea('description', t('hazard.fields.description'), true)}
            <Form.Item
              name="attachmentIds"
              label={t('hazard.evidence')}
              required
              extra={t('hazard.evidenceHint')}
            >
              <PhotoUpload documents testId="evidence-upload" />
            </Form.Item>
          </>
        );
      case 'accept':
      case 'approve-extension':
        return textArea('comment', t('hazard.fields.comment'), false);
      case 'reject':
        return (
          <>
            {textArea('reason', t('hazard.fields.reason'), true)}
            {dayField('deadline', t('hazard.fields.newRectDeadline'), false)}
          </>
        );
      case 'request-extension':
        return (
          <>
            {dayField('newDeadline', t('hazard.fields.newDeadline'), true)}
            {textArea('reason', t('hazard.fields.reason'), true)}
          </>
        );
      case 'supervise':
        return (
          <>
            <Form.Item name="supervisingBody" label={t('hazard.fields.supervisingBody')} required>
              <Input maxLength={100} />
            </Form.Item>
            {dayField('deadline', t('hazard.fields.superviseDeadline'), true)}
            {textArea('note', t('hazard.fields.note'), false)}
          </>
        );
      case 'recheck':
        return (
          <>
            <Form.Item name="result" label={t('hazard.fields.result')} required>
              <Radio.Group>
                <Radio value="confirmed">{t('hazard.recheckConfirmed')}</Radio>
                <Radio value="fake_rectification">{t('hazard.recheckFake')}</Radio>
              </Radio.Group>
            </Form.Item>
            {textArea('note', t('hazard.fields.recheckNote'), true)}
            {result === 'fake_rectification' && (
              <>
                <Alert
                  type="error"
                  showIcon
                  style={{ marginBottom: 12 }}
                  title={t('hazard.recheckFakeHint')}
                />
                <Form.Item
                  name={['accountability', 'persons']}
                  label={t('hazard.fields.accountablePersons')}
                  required
                  extra={t('hazard.fields.accountablePersonsHint')}
                >
                  <Select
                    mode="tags"
                    open={false}
                    suffixIcon={null}
                    tokenSeparators={[',', '，', '、', ' ']}
                  />
                </Form.Item>
                <Form.Item
                  name={['accountability', 'measures']}
                  label={t('hazard.fields.accountabilityMeasures')}
                  required
                >
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
                </Form.Item>
                {dayField('deadline', t('hazard.fields.newRectDeadline'), false)}
              </>
            )}
          </>
        );
    }
  };

  const onOk = async () => {
    const v = form.getFieldsValue(true) as Values;
    if (action === 'submit' && uploadsPending(v.attachmentIds)) {
      form.setFields([{ name: 'attachmentIds', errors: [t('hazard.uploadsPending')] }]);
      return;
    }
    const input = toInput(action, v);
    const parsed = HAZARD_ACTION_SCHEMAS[action].safeParse(input);
    if (!parsed.success) {
      applyZodIssues(form, parsed.error.issues);
      return;
    }
    if (action === 'confirm' && !hazard.deadline && !input.deadline) {
      form.setFields([{ name: 'deadline', errors: [t('hazard.deadlineNeeded')] }]);
      return;
    }
    mutation.mutate(
      { action, input: parsed.data as Record<string, unknown> },
      {
        onSuccess: () => {
          notifySuccess(t('hazard.actionDone', { action: l.action(action) }));
          onClose();
        },
        onError: (e) => {
          // The state moved on under us: the fresh detail shows what is possible now.
          if ('status' in e && (e.status === 409 || e.status === 403)) onClose();
        },
      },
    );
  };

  return (
    <Modal
      open={!!action}
      title={`${l.action(action)} · ${hazard.code}`}
      onCancel={onClose}
      onOk={onOk}
      okText={l.action(action)}
      okButtonProps={{ danger: DANGER.includes(action), 'data-testid': 'action-ok' }}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      data-testid="action-modal"
    >
      <Form<Values> form={form} layout="vertical" preserve={false}>
        {fields()}
      </Form>
    </Modal>
  );
}
