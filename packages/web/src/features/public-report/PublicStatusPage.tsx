import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Space, Steps, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { fmtTime } from '../../lib/time';
import { ReportStatusTag, yuan } from '../reports/labels';
import { PublicShell } from './PublicShell';
import { fetchPublicStatus, type PublicStatus } from './public.api';

interface Values {
  code: string;
  key: string;
}

/** Reads `#code=…&key=…` (from the receipt's QR code); the fragment never reaches the server. */
function parseFragment(hash: string): Values | null {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const code = p.get('code');
  const key = p.get('key');
  return code && key ? { code, key } : null;
}

const STEP_OF: Record<string, number> = {
  received: 0,
  not_accepted: 1,
  verifying: 1,
  verified_true: 2,
  verified_false: 2,
  reward_pending: 2,
  reward_approved: 2,
  reward_paid: 3,
  closed: 3,
};

function StatusView({ s }: { s: PublicStatus }) {
  const { t } = useTranslation();
  const reward =
    s.reward.status === 'paid'
      ? t('report.rewardPaid', { amount: s.reward.amount?.toLocaleString('zh-CN') })
      : s.reward.status === 'approved'
        ? t('report.rewardApproved', { amount: s.reward.amount?.toLocaleString('zh-CN') })
        : s.reward.status === 'pending'
          ? t('report.rewardPending')
          : t('report.rewardNone');
  return (
    <Card data-testid="status-result">
      <Steps
        size="small"
        responsive={false}
        titlePlacement="vertical"
        current={STEP_OF[s.status] ?? 0}
        status={s.status === 'not_accepted' || s.verified === false ? 'error' : 'process'}
        items={[
          { title: t('report.actions.receive') },
          { title: t('report.actions.accept') },
          { title: t('report.outcome') },
          { title: t('report.stepDone') },
        ]}
        style={{ marginBottom: 16 }}
      />
      <Descriptions column={1} size="small" bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label={t('report.trackingCode')}>{s.trackingCode}</Descriptions.Item>
        <Descriptions.Item label={t('report.status')}>
          <ReportStatusTag status={s.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('report.receivedAt')}>{fmtTime(s.receivedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('report.acceptedAt')}>{fmtTime(s.acceptedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('report.outcome')}>
          <span data-testid="status-outcome">
            {s.verified === null
              ? t('report.outcomePending')
              : s.verified
                ? t('report.outcomeTrue')
                : t('report.outcomeFalse')}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('report.outcomeSummary')}>
          <span style={{ whiteSpace: 'pre-wrap' }} data-testid="status-summary">
            {s.outcomeSummary ?? '—'}
          </span>
        </Descriptions.Item>
        {s.feedbackAt && (
          <Descriptions.Item label={t('report.feedbackAt')}>{fmtTime(s.feedbackAt)}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('report.reward')}>
          <span data-testid="status-reward">{reward}</span>
          {s.reward.amount !== null && s.reward.status === 'approved' && (
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
              {t('report.rewardClaim')} {yuan(s.reward.amount)}
            </Typography.Paragraph>
          )}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** 举报进度查询: tracking code + access key (typed, or from the receipt's QR code via the URL fragment). */
export default function PublicStatusPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const lookup = useMutation({
    mutationFn: (v: Values) => fetchPublicStatus(v.code, v.key),
    meta: { silent: true },
  });
  const location = useLocation();
  const navigate = useNavigate();
  const { mutate } = lookup;
  useEffect(() => {
    if (!location.hash) return;
    const v = parseFragment(location.hash);
    // Take the key out of the address bar (and history) at once.
    void navigate({ pathname: location.pathname, search: location.search, hash: '' }, { replace: true });
    if (v) {
      form.setFieldsValue(v);
      mutate(v);
    }
  }, [location.hash, location.pathname, location.search, navigate, form, mutate]);

  const err = lookup.error;
  const notFound = err instanceof ApiError && err.status === 404;

  return (
    <PublicShell title={t('report.statusTitle')}>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Card>
          <Typography.Paragraph type="secondary">{t('report.statusIntro')}</Typography.Paragraph>
          <Form<Values>
            form={form}
            layout="vertical"
            onFinish={(v) => lookup.mutate(v)}
            requiredMark={false}
            data-testid="status-form"
          >
            <Form.Item
              name="code"
              label={t('report.trackingCode')}
              rules={[{ required: true, whitespace: true, message: t('report.codeRequired') }]}
            >
              <Input maxLength={20} autoCapitalize="characters" autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="key"
              label={t('report.accessKey')}
              rules={[{ required: true, whitespace: true, message: t('report.keyRequired') }]}
            >
              <Input.Password maxLength={64} autoComplete="off" />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              block
              size="large"
              icon={<SearchOutlined />}
              loading={lookup.isPending}
              data-testid="status-query"
            >
              {t('report.query')}
            </Button>
          </Form>
          {err && (
            <Alert
              type="error"
              showIcon
              style={{ marginTop: 12 }}
              title={
                notFound
                  ? t('report.notFound')
                  : err instanceof ApiError && err.status === 0
                    ? t('errors.network')
                    : err.message || t('errors.unknown')
              }
              data-testid="status-error"
            />
          )}
        </Card>
        {lookup.data && !lookup.isPending && <StatusView s={lookup.data} />}
      </Space>
    </PublicShell>
  );
}
