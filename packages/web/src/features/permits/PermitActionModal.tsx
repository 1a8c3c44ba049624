import { useEffect } from 'react';
import { Checkbox, DatePicker, Form, Input, InputNumber, Modal, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { permitActionName, type PermitAction } from '@zhiben/domain';
import { notifySuccess } from '../../api/feedback';
import { dayjs } from '../../lib/time';
import { useMe } from '../auth/session';
import { toShanghaiIso } from '../hazards/time';
import { usePermitAction, type PermitDetail } from './permits.api';

/** Actions that need input open this modal; the others are sent at once. */
export const ACTIONS_WITH_INPUT: PermitAction[] = [
  'submit-measures',
  'record-gas',
  'sign',
  'suspend',
  'cancel',
  'accept',
];

export function GasFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="sampledAt" label={t('permit.gas.sampledAt')} rules={[{ required: true }]}>
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          style={{ width: '100%' }}
          data-testid="gas-sampledAt"
        />
      </Form.Item>
      <Form.Item name="gas" label={t('permit.gas.gas')}>
        <Input placeholder="如：甲烷" />
      </Form.Item>
      <Form.Item name="lelPercent" label={t('permit.gas.lel')} rules={[{ required: true }]}>
        <InputNumber min={0.01} max={100} step={0.1} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="concentrationPercent"
        label={t('permit.gas.concentration')}
        rules={[{ required: true }]}
      >
        <InputNumber min={0} max={100} step={0.01} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="oxygenPercent" label={t('permit.gas.oxygen')}>
        <InputNumber min={0} max={100} step={0.1} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="point" label={t('permit.gas.point')}>
        <Input />
      </Form.Item>
      <Form.Item name="analyst" label={t('permit.gas.analyst')}>
        <Input />
      </Form.Item>
    </>
  );
}

export function gasBody(v: Record<string, unknown>) {
  const out: Record<string, unknown> = { ...v, sampledAt: toShanghaiIso(v.sampledAt as dayjs.Dayjs) };
  for (const k of Object.keys(out))
    if (out[k] === undefined || out[k] === null || out[k] === '') delete out[k];
  return out;
}

export function PermitActionModal({
  permit,
  action,
  onClose,
}: {
  permit: PermitDetail;
  action: PermitAction | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm();
  const run = usePermitAction(permit.id, form);
  useEffect(() => {
    if (!action) return;
    form.resetFields();
    if (action === 'record-gas')
      form.setFieldsValue({ sampledAt: dayjs(), lelPercent: 5, analyst: me.displayName });
    if (action === 'sign') form.setFieldsValue({ name: me.displayName });
    if (action === 'accept') form.setFieldsValue({ name: me.displayName });
    if (action === 'submit-measures')
      form.setFieldsValue({
        riskIdentification: permit.riskIdentification,
        measures: permit.checklist.items.map((i) => {
          const m = permit.measures.find((x) => x.code === i.code);
          return { applies: m?.applies ?? false, confirmer: m?.confirmer ?? '' };
        }),
      });
  }, [action, form, me.displayName, permit]);
  if (!action) return null;

  const submit = async () => {
    const v = await form.validateFields();
    let body: Record<string, unknown> = v;
    if (action === 'record-gas') body = gasBody(v);
    if (action === 'sign')
      body = {
        step: permit.nextSignatureStep,
        name: v.name,
        ...(v.opinion ? { opinion: v.opinion } : {}),
        ...(v.recipient ? { recipient: v.recipient } : {}),
        ...(permit.nextSignatureStep === 'approver' && permit.approverLevel
          ? { level: permit.approverLevel }
          : {}),
        ...(v.departments
          ? {
              departments: String(v.departments)
                .split(/[,，、]/)
                .map((s) => s.trim())
                .filter(Boolean),
            }
          : {}),
      };
    if (action === 'submit-measures')
      body = {
        riskIdentification: v.riskIdentification,
        measures: permit.checklist.items.map((i, k) => ({
          code: i.code,
          applies: !!v.measures?.[k]?.applies,
          ...(v.measures?.[k]?.confirmer ? { confirmer: v.measures[k].confirmer } : {}),
        })),
      };
    await run.mutateAsync({ action, body });
    notifySuccess(t('permit.action.done', { action: permitActionName(action) }));
    onClose();
  };

  const title =
    action === 'sign'
      ? `${permitActionName(action)}：${permit.nextSignatureStepName ?? ''}`
      : permitActionName(action);
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={submit}
      okText={t('permit.action.confirm')}
      confirmLoading={run.isPending}
      width={action === 'submit-measures' ? 760 : 480}
      okButtonProps={{ 'data-testid': 'action-ok' } as never}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        {action === 'record-gas' && <GasFields />}
        {action === 'sign' && (
          <>
            <Form.Item name="name" label={t('permit.action.signer')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            {permit.nextSignatureStep === 'briefing' && (
              <Form.Item name="recipient" label={t('permit.action.recipient')}>
                <Input />
              </Form.Item>
            )}
            {permit.nextSignatureStep === 'countersign' && (
              <Form.Item name="departments" label={t('permit.action.departments')}>
                <Input />
              </Form.Item>
            )}
            {permit.nextSignatureStep === 'approver' && (
              <p>{t('permit.detail.approverLevel', { level: permit.approverLevelName ?? '—' })}</p>
            )}
            <Form.Item name="opinion" label={t('permit.action.opinion')}>
              <Input.TextArea autoSize />
            </Form.Item>
          </>
        )}
        {(action === 'suspend' || action === 'cancel') && (
          <Form.Item name="reason" label={t('permit.action.reason')} rules={[{ required: true }]}>
            <Input.TextArea autoSize />
          </Form.Item>
        )}
        {action === 'accept' && (
          <>
            <Form.Item name="name" label={t('permit.action.acceptor')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="opinion" label={t('permit.action.opinion')}>
              <Input.TextArea autoSize />
            </Form.Item>
          </>
        )}
        {action === 'submit-measures' && (
          <>
            <Form.Item name="riskIdentification" label={t('permit.field.riskIdentification')}>
              <Input.TextArea autoSize />
            </Form.Item>
            <Table
              size="small"
              pagination={false}
              rowKey="code"
              dataSource={permit.checklist.items.map((i, k) => ({ ...i, k }))}
              columns={[
                { title: t('permit.field.measures'), dataIndex: 'text' },
                {
                  title: t('permit.field.applies'),
                  width: 70,
                  render: (_, r) => (
                    <Form.Item name={['measures', r.k, 'applies']} valuePropName="checked" noStyle>
                      <Checkbox data-testid="measure-applies" />
                    </Form.Item>
                  ),
                },
                {
                  title: t('permit.field.confirmer'),
                  width: 120,
                  render: (_, r) => (
                    <Form.Item name={['measures', r.k, 'confirmer']} noStyle>
                      <Input size="small" data-testid="measure-confirmer" />
                    </Form.Item>
                  ),
                },
              ]}
            />
          </>
        )}
      </Form>
    </Modal>
  );
}
