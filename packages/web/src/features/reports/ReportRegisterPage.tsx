import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Card, Form, Space, Typography } from 'antd';
import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../api/feedback';
import { useMe } from '../auth/session';
import { parseReport, ReportFields, type ReportFormValues } from '../public-report/ReportFields';
import { publicUploadsPending } from '../public-report/PublicPhotoUpload';
import { ReceiptCard } from '../public-report/ReceiptCard';
import '../public-report/public-report.css';
import { useRegisterReport, type Report } from './reports.api';

/** 登记举报: an official records a report received by the 12350 hotline, letter, e-mail or visit. */
export default function ReportRegisterPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [form] = Form.useForm<ReportFormValues>();
  const register = useRegisterReport(form);
  const [done, setDone] = useState<(Report & { accessKey: string }) | null>(null);

  const onFinish = (v: ReportFormValues) => {
    if (publicUploadsPending(v.photos)) {
      form.setFields([{ name: 'photos', errors: [t('report.uploadsPending')] }]);
      return;
    }
    const body = parseReport(form, v);
    if (!body) return;
    register.mutate(
      { ...body, channel: v.channel ?? 'hotline' },
      {
        onSuccess: (r) => {
          notifySuccess(t('report.registered', { code: r.trackingCode }));
          setDone(r);
        },
      },
    );
  };

  if (done)
    return (
      <ReceiptCard
        receipt={{ trackingCode: done.trackingCode, accessKey: done.accessKey, receivedAt: done.createdAt }}
        title={t('report.registered', { code: done.trackingCode })}
        note={t('report.registerKey', { code: done.trackingCode, key: done.accessKey })}
        onDone={() => navigate(`/reports/${done.id}`)}
      />
    );

  return (
    <Card>
      <div className="page-header">
        <Space>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
          <Typography.Title level={4}>{t('report.registerTitle')}</Typography.Title>
        </Space>
      </div>
      <Form<ReportFormValues>
        form={form}
        layout="vertical"
        className="report-form"
        style={{ maxWidth: 760 }}
        initialValues={{
          anonymous: true,
          channel: 'hotline',
          districtCode: me.regionCode && me.regionCode !== '150600' ? me.regionCode : undefined,
        }}
        onFinish={onFinish}
        scrollToFirstError={{ block: 'center' }}
        data-testid="register-form"
      >
        <ReportFields channel />
        <Space>
          <Button
            type="primary"
            htmlType="submit"
            icon={<SaveOutlined />}
            loading={register.isPending}
            data-testid="register-submit"
          >
            {t('common.save')}
          </Button>
          <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
