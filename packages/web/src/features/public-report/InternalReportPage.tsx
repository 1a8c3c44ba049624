import { useState } from 'react';
import { useParams } from 'react-router';
import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  Input,
  Radio,
  Result,
  Row,
  Spin,
  Typography,
  type UploadFile,
} from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PublicShell } from './PublicShell';
import { ReceiptCard } from './ReceiptCard';
import { PublicPhotoUpload, publicUploadedIds, publicUploadsPending } from './PublicPhotoUpload';
import {
  useInternalChannelInfo,
  useSubmitInternalReport,
  type PublicUpload,
  type Receipt,
} from './public.api';

interface Values {
  location?: string;
  description?: string;
  photos?: UploadFile<PublicUpload>[];
  anonymous: boolean;
  reporter?: { name?: string; phone?: string };
}

/** /r/:token — an employee reports a hazard to the own enterprise from the QR code posted on site. */
export default function InternalReportPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const info = useInternalChannelInfo(token);
  const [form] = Form.useForm<Values>();
  const submit = useSubmitInternalReport(token, form);
  const anonymous = Form.useWatch('anonymous', form);
  const [receipt, setReceipt] = useState<Receipt | null>(null);

  const onFinish = (v: Values) => {
    if (publicUploadsPending(v.photos)) {
      form.setFields([{ name: 'photos', errors: [t('report.uploadsPending')] }]);
      return;
    }
    submit.mutate(
      {
        location: (v.location ?? '').trim(),
        description: (v.description ?? '').trim(),
        attachmentIds: publicUploadedIds(v.photos),
        anonymous: v.anonymous,
        reporter: v.anonymous
          ? null
          : { name: (v.reporter?.name ?? '').trim(), phone: (v.reporter?.phone ?? '').trim() },
      },
      {
        onSuccess: (r) => {
          setReceipt(r);
          form.resetFields();
          window.scrollTo(0, 0);
        },
      },
    );
  };

  const body = () => {
    if (info.isPending) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
    if (info.isError || !info.data)
      return <Result status="404" title="404" subTitle={t('report.internalUnavailable')} />;
    if (receipt)
      return (
        <ReceiptCard
          receipt={receipt}
          title={t('report.internalReceipt')}
          note={t('report.internalReceiptNote')}
          withStatusQr={false}
          warning={t('report.internalReceiptWarning')}
          onDone={() => setReceipt(null)}
        />
      );
    return (
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="internal-enterprise">
          {info.data.enterpriseName}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {t('report.internalIntro', { name: info.data.enterpriseName })}
        </Typography.Paragraph>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('report.internalRules')}
          description={
            <span style={{ whiteSpace: 'pre-wrap' }} data-testid="internal-rules">
              {info.data.rewardRules || t('report.internalNoRules')}
            </span>
          }
        />
        <Form<Values>
          form={form}
          layout="vertical"
          className="report-form"
          initialValues={{ anonymous: true }}
          onFinish={onFinish}
          scrollToFirstError={{ block: 'center' }}
          data-testid="internal-report-form"
        >
          <Form.Item
            name="location"
            label={t('report.location')}
            rules={[{ required: true, min: 2, whitespace: true, message: t('report.locationRequired') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('report.description')}
            rules={[{ required: true, min: 5, whitespace: true, message: t('report.descriptionMin5') }]}
          >
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={4000} showCount />
          </Form.Item>
          <Form.Item name="photos" label={t('report.photos')} extra={t('report.photosHint')}>
            <PublicPhotoUpload />
          </Form.Item>
          <Form.Item name="anonymous" label={t('report.identity')}>
            <Radio.Group optionType="button" buttonStyle="solid">
              <Radio.Button value={true}>{t('report.anonymous')}</Radio.Button>
              <Radio.Button value={false}>{t('report.realName')}</Radio.Button>
            </Radio.Group>
          </Form.Item>
          {anonymous === false && (
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item
                  name={['reporter', 'name']}
                  label={t('report.reporterName')}
                  rules={[{ required: true, whitespace: true, message: t('report.nameRequired') }]}
                >
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item
                  name={['reporter', 'phone']}
                  label={t('report.reporterPhone')}
                  rules={[{ required: true, pattern: /^1\d{10}$/, message: t('report.phoneInvalid') }]}
                >
                  <Input maxLength={11} inputMode="tel" />
                </Form.Item>
              </Col>
            </Row>
          )}
          <Button
            type="primary"
            size="large"
            block
            htmlType="submit"
            icon={<SendOutlined />}
            loading={submit.isPending}
            data-testid="internal-submit"
          >
            {t('report.submit')}
          </Button>
        </Form>
      </Card>
    );
  };

  return (
    <PublicShell title={t('report.internalTitle')} nav={false}>
      {body()}
    </PublicShell>
  );
}
