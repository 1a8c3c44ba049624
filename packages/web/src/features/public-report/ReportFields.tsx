import { Alert, Col, Form, Input, Radio, Row, Select, type FormInstance, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import { publicReportSchema, type PublicReport } from '@zhiben/domain';
import { useLabels } from '../../lib/labels';
import { zodRule, emptyToUndefined } from '../../lib/zod-form';
import { useReportLabels } from '../reports/labels';
import { PublicPhotoUpload, publicUploadedIds } from './PublicPhotoUpload';
import type { PublicUpload } from './public.api';

const S = publicReportSchema.shape;

export interface ReportFormValues {
  category?: string;
  districtCode?: string;
  enterpriseName?: string;
  location?: string;
  description?: string;
  photos?: UploadFile<PublicUpload>[];
  anonymous: boolean;
  reporter?: { name?: string; phone?: string; idNumber?: string };
  channel?: string;
}

/** The values as the API takes them (publicReportSchema then checks them, as the server will). */
export function toPublicReport(v: ReportFormValues): Record<string, unknown> {
  const trim = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);
  return {
    category: v.category,
    enterpriseName: trim(v.enterpriseName),
    districtCode: v.districtCode,
    location: v.location ?? '',
    description: v.description ?? '',
    attachmentIds: publicUploadedIds(v.photos),
    anonymous: v.anonymous,
    reporter: v.anonymous
      ? undefined
      : {
          name: v.reporter?.name ?? '',
          phone: (v.reporter?.phone ?? '').trim(),
          idNumber: trim(v.reporter?.idNumber),
        },
  };
}

export function parseReport(form: FormInstance, v: ReportFormValues): PublicReport | null {
  const r = publicReportSchema.safeParse(toPublicReport(v));
  if (r.success) return r.data;
  form.setFields(
    r.error.issues.map((i) => ({
      name: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      errors: [i.message],
    })),
  );
  const first = r.error.issues[0];
  if (first) form.scrollToField(first.path as (string | number)[], { block: 'center' });
  return null;
}

/**
 * The report form: category, district, enterprise (free text: there is no public enterprise search),
 * location, description, photos, anonymous or real name. Shared by the public page and the officials'
 * registration of hotline, letter, e-mail and visit reports.
 */
export function ReportFields({ channel = false }: { channel?: boolean }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const rl = useReportLabels();
  const anonymous = Form.useWatch('anonymous') as boolean | undefined;
  return (
    <>
      {channel && (
        <Form.Item name="channel" label={t('report.channel')} required>
          <Select options={rl.channelOptions.filter((o) => o.value !== 'web')} data-testid="report-channel" />
        </Form.Item>
      )}
      <Form.Item name="category" label={t('report.category')} rules={[zodRule(S.category)]} required>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          className="category-radios"
          options={rl.categoryOptions}
          data-testid="report-category"
        />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={10}>
          <Form.Item
            name="districtCode"
            label={t('report.district')}
            rules={[zodRule(S.districtCode)]}
            required
          >
            <Select
              options={labels.districtOptions}
              placeholder={t('report.district')}
              data-testid="report-district"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={14}>
          <Form.Item
            name="enterpriseName"
            label={t('report.enterpriseName')}
            rules={[zodRule(S.enterpriseName, emptyToUndefined)]}
            required
          >
            <Input maxLength={100} placeholder={t('report.enterpriseNamePlaceholder')} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="location" label={t('report.location')} rules={[zodRule(S.location)]} required>
        <Input maxLength={200} placeholder={t('report.locationPlaceholder')} />
      </Form.Item>
      <Form.Item name="description" label={t('report.description')} rules={[zodRule(S.description)]} required>
        <Input.TextArea
          autoSize={{ minRows: 4, maxRows: 10 }}
          maxLength={4000}
          showCount
          placeholder={t('report.descriptionPlaceholder')}
        />
      </Form.Item>
      <Form.Item name="photos" label={t('report.photos')} extra={t('report.photosHint')}>
        <PublicPhotoUpload />
      </Form.Item>
      <Form.Item name="anonymous" label={t('report.identity')} required>
        <Radio.Group optionType="button" buttonStyle="solid" data-testid="report-anonymous">
          <Radio.Button value={true}>{t('report.anonymous')}</Radio.Button>
          <Radio.Button value={false}>{t('report.realName')}</Radio.Button>
        </Radio.Group>
      </Form.Item>
      <Alert
        type={anonymous === false ? 'success' : 'info'}
        showIcon
        style={{ marginBottom: 16 }}
        title={anonymous === false ? t('report.realNameHint') : t('report.anonymousHint')}
        data-testid="identity-hint"
      />
      {anonymous === false && (
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name={['reporter', 'name']} label={t('report.reporterName')} required>
              <Input maxLength={50} autoComplete="name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name={['reporter', 'phone']} label={t('report.reporterPhone')} required>
              <Input maxLength={11} inputMode="tel" autoComplete="tel" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name={['reporter', 'idNumber']}
              label={t('report.reporterId')}
              extra={t('report.reporterIdHint')}
            >
              <Input maxLength={18} />
            </Form.Item>
          </Col>
        </Row>
      )}
    </>
  );
}
