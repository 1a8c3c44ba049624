import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Result, Spin, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { fmtTime } from '../../lib/time';
import { PermitStatusTag } from './labels';
import type { PublicPermit } from './permits.api';

/** What the QR code on a printed permit opens: names only, no other personal data. */
export default function PublicPermitPage() {
  const { t } = useTranslation();
  const { number } = useParams();
  const [sp] = useSearchParams();
  const v = sp.get('v') ?? '';
  const q = useQuery({
    queryKey: ['public-permit', number, v],
    queryFn: () => api.get<PublicPermit>(`/api/public/permits/${encodeURIComponent(number!)}`, { v }),
    meta: { silent: true },
    retry: false,
  });
  return (
    <div style={{ maxWidth: 560, margin: '0 auto', padding: 12 }} data-testid="public-permit">
      <Typography.Title level={4} style={{ textAlign: 'center' }}>
        {t('permit.public.title')}
      </Typography.Title>
      {q.isPending ? (
        <Spin />
      ) : !q.data ? (
        <Result status="warning" title={t('permit.public.notFound')} />
      ) : (
        <Card>
          <div style={{ textAlign: 'center', marginBottom: 12 }}>
            {q.data.valid ? (
              <Tag icon={<CheckCircleFilled />} color="success" style={{ fontSize: 18, padding: 8 }}>
                {t('permit.public.valid')}
              </Tag>
            ) : (
              <Tag icon={<CloseCircleFilled />} color="error" style={{ fontSize: 18, padding: 8 }}>
                {t('permit.public.invalid')}
              </Tag>
            )}
          </div>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('permit.field.number')}>{q.data.number}</Descriptions.Item>
            <Descriptions.Item label={t('permit.field.type')}>{q.data.typeName}</Descriptions.Item>
            <Descriptions.Item label={t('permit.field.grade')}>{q.data.gradeName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('permit.field.status')}>
              <PermitStatusTag status={q.data.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('permit.field.planned')}>
              {fmtTime(q.data.plannedStart)} — {fmtTime(q.data.plannedEnd)}
            </Descriptions.Item>
            <Descriptions.Item label={t('permit.field.validUntil')}>
              {fmtTime(q.data.validUntil)}
            </Descriptions.Item>
            <Descriptions.Item label={t('permit.field.enterprise')}>
              {q.data.enterpriseName}
            </Descriptions.Item>
            <Descriptions.Item label={t('permit.field.location')}>{q.data.location}</Descriptions.Item>
            <Descriptions.Item label={t('permit.field.workUnit')}>{q.data.workUnit}</Descriptions.Item>
            <Descriptions.Item label={t('permit.field.workLeader')}>{q.data.workLeader}</Descriptions.Item>
            <Descriptions.Item label={t('permit.field.workers')}>
              {q.data.workers.join('、') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('permit.field.guardians')}>
              {q.data.guardians.join('、')}
            </Descriptions.Item>
            <Descriptions.Item label={t('permit.public.approvedBy')}>
              {q.data.approvedBy ? `${q.data.approvedBy}（${fmtTime(q.data.approvedAt)}）` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('permit.public.checkedAt')}>
              {fmtTime(q.data.checkedAt, 'YYYY-MM-DD HH:mm:ss')}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12 }}>
            {t('permit.public.disclaimer')}
          </Typography.Paragraph>
          <Link to={`/permits/scan?number=${encodeURIComponent(q.data.number)}`}>
            <Button block>{t('permit.public.operate')}</Button>
          </Link>
        </Card>
      )}
    </div>
  );
}
