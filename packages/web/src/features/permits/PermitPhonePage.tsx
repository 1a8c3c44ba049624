import { useEffect } from 'react';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { Badge, Button, Card, Form, Result, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../api/feedback';
import { dayjs, fmtTime } from '../../lib/time';
import { useMe } from '../auth/session';
import { GradeMark, PermitStatusTag, ViolationList } from './labels';
import { GasFields, gasBody } from './PermitActionModal';
import { ActionBar, GasTable } from './PermitDetailPage';
import { usePermit, usePermitAction, usePermitList } from './permits.api';

/** The guardian's and analyst's phone view: confirm presence, record a gas analysis, big buttons. */
export default function PermitPhonePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useMe();
  const q = usePermit(id, 15_000);
  const run = usePermitAction(id ?? '');
  const [form] = Form.useForm();
  useEffect(() => {
    form.setFieldsValue({ sampledAt: dayjs(), lelPercent: 5, analyst: me.displayName });
  }, [form, me.displayName]);
  if (q.isPending) return <Spin />;
  if (!q.data) return <Result status="404" title={t('permit.phone.notFound')} />;
  const p = q.data;
  const can = (a: string) => p.allowedActions.includes(a as never);
  const recordGas = async () => {
    const v = await form.validateFields();
    await run.mutateAsync({ action: 'record-gas', body: gasBody(v) });
    notifySuccess(t('permit.action.done', { action: t('permit.phone.recordGas') }));
    form.setFieldsValue({ sampledAt: dayjs() });
  };
  return (
    <Space
      orientation="vertical"
      size={12}
      style={{ width: '100%', maxWidth: 520 }}
      data-testid="permit-phone"
    >
      <Card size="small">
        <Space wrap>
          <b>{p.typeName}</b>
          <GradeMark name={p.gradeName} />
          <PermitStatusTag status={p.status} />
        </Space>
        <div>
          <Typography.Text code>{p.number}</Typography.Text>
        </div>
        <div>{p.location}</div>
        <div style={{ fontSize: 12 }}>
          {fmtTime(p.plannedStart)} — {fmtTime(p.plannedEnd)}
        </div>
        <Badge
          status={p.guardianOnSite ? 'success' : 'default'}
          text={p.guardianOnSite ? t('permit.detail.guardianOnSite') : t('permit.detail.guardianAway')}
        />
      </Card>
      {can('guardian-arrive') && (
        <Button
          type="primary"
          block
          className="phone-action"
          loading={run.isPending}
          onClick={() => run.mutate({ action: 'guardian-arrive' })}
          data-testid="phone-arrive"
        >
          {t('permit.phone.arrive')}
        </Button>
      )}
      {can('guardian-leave') && (
        <Button
          danger
          block
          className="phone-action"
          onClick={() => run.mutate({ action: 'guardian-leave' })}
        >
          {t('permit.phone.leave')}
        </Button>
      )}
      {can('record-gas') && (
        <Card size="small" title={t('permit.phone.recordGas')}>
          <Form form={form} layout="vertical">
            <GasFields />
          </Form>
          <Button
            type="primary"
            block
            className="phone-action"
            onClick={recordGas}
            loading={run.isPending}
            data-testid="phone-gas"
          >
            {t('permit.phone.recordGas')}
          </Button>
        </Card>
      )}
      <ActionBar p={p} size="large" />
      <ViolationList items={p.violations} emptyText={t('permit.detail.noViolations')} />
      <Card size="small" title={t('permit.detail.gas')}>
        <GasTable p={p} />
      </Card>
    </Space>
  );
}

/** Where the public page's "act on site" button lands: number → the phone view of that permit. */
export function PermitScanPage() {
  const { t } = useTranslation();
  const [sp] = useSearchParams();
  const number = sp.get('number') ?? '';
  const navigate = useNavigate();
  const q = usePermitList({ keyword: number, pageSize: 5 });
  const hit = q.data?.items.find((p) => p.number === number);
  useEffect(() => {
    if (hit) navigate(`/permits/${hit.id}/phone`, { replace: true });
  }, [hit, navigate]);
  if (!number) return <Navigate to="/permits" replace />;
  if (q.isPending || hit) return <Spin />;
  return <Result status="404" title={t('permit.phone.notFound')} subTitle={t('permit.phone.scanHint')} />;
}
