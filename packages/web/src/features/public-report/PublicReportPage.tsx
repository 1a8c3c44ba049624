import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Form, Typography } from 'antd';
import { PhoneOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PublicShell } from './PublicShell';
import { ReceiptCard } from './ReceiptCard';
import { parseReport, ReportFields, type ReportFormValues } from './ReportFields';
import { publicUploadsPending } from './PublicPhotoUpload';
import { useSubmitPublicReport, type Receipt } from './public.api';

/** 我要举报: the public intake form (no login), then the receipt shown once. */
export default function PublicReportPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<ReportFormValues>();
  const submit = useSubmitPublicReport(form);
  const [receipt, setReceipt] = useState<Receipt | null>(null);

  const onFinish = (v: ReportFormValues) => {
    if (publicUploadsPending(v.photos)) {
      form.setFields([{ name: 'photos', errors: [t('report.uploadsPending')] }]);
      return;
    }
    const body = parseReport(form, v);
    if (!body) return;
    submit.mutate(body, {
      onSuccess: (r) => {
        setReceipt(r);
        form.resetFields();
        window.scrollTo(0, 0);
      },
    });
  };

  return (
    <PublicShell title={t('report.publicTitle')}>
      {receipt ? (
        <ReceiptCard
          receipt={receipt}
          title={t('report.receiptTitle')}
          note={t('report.receiptSub')}
          onDone={() => setReceipt(null)}
        />
      ) : (
        <Card>
          <Typography.Paragraph>{t('report.publicIntro')}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">
            <PhoneOutlined /> {t('report.hotline')} ·{' '}
            <Link to="/public/reward-calculator">{t('report.linkCalculator')}</Link>
          </Typography.Paragraph>
          <Form<ReportFormValues>
            form={form}
            layout="vertical"
            className="report-form"
            initialValues={{ anonymous: true }}
            onFinish={onFinish}
            scrollToFirstError={{ block: 'center' }}
            data-testid="public-report-form"
          >
            <ReportFields />
            <Button
              type="primary"
              size="large"
              block
              htmlType="submit"
              icon={<SendOutlined />}
              loading={submit.isPending}
              data-testid="report-submit"
            >
              {t('report.submit')}
            </Button>
          </Form>
        </Card>
      )}
    </PublicShell>
  );
}
