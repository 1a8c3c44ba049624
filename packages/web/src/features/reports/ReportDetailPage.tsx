import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Image,
  Input,
  Modal,
  Result,
  Row,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { ArrowLeftOutlined, EyeOutlined, LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { reportActionsInState, type ReportAction } from '@zhiben/domain';
import { ApiError } from '../../api/client';
import { showApiError } from '../../api/feedback';
import { useLabels } from '../../lib/labels';
import { fmtTime } from '../../lib/time';
import { useMe } from '../auth/session';
import { CategoryTag, OverdueBadges, ReportStatusTag, useReportLabels, yuan } from './labels';
import { ReportActionModal } from './ReportActionModal';
import { useReport, useRevealIdentity, type ReportDetail, type ReportEvent } from './reports.api';
import { mayTakeAction } from './roles';

const PRIMARY: ReportAction[] = ['accept', 'verify', 'feedback', 'compute-reward', 'approve-reward', 'pay'];
const DANGER: ReportAction[] = ['decline'];
const TIMELINE_COLORS: Record<string, string> = {
  receive: 'blue',
  accept: 'blue',
  decline: 'gray',
  extend: 'orange',
  verify: 'red',
  feedback: 'green',
  'compute-reward': 'purple',
  'approve-reward': 'purple',
  pay: 'green',
  close: 'green',
};

function EventData({ e }: { e: ReportEvent }) {
  const { t } = useTranslation();
  const rl = useReportLabels();
  const rows: [string, ReactNode][] = [];
  for (const [k, v] of Object.entries(e.data ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    switch (k) {
      case 'channel':
        rows.push([t('report.channel'), rl.channel(String(v))]);
        break;
      case 'note':
        rows.push([t('report.fields.note'), String(v)]);
        break;
      case 'reason':
        rows.push([t('report.fields.reason'), String(v)]);
        break;
      case 'comment':
        rows.push([t('report.fields.comment'), String(v)]);
        break;
      case 'summary':
        rows.push([
          e.action === 'feedback' ? t('report.fields.feedbackSummary') : t('report.fields.summary'),
          String(v),
        ]);
        break;
      case 'outcome':
        rows.push([t('report.outcome'), v === 'true' ? t('report.outcomeTrue') : t('report.outcomeFalse')]);
        break;
      case 'fine':
        rows.push([t('report.fineImposed'), yuan(Number(v))]);
        break;
      case 'deaths':
        rows.push([t('report.deaths'), String(v)]);
        break;
      case 'accidentGrade':
        rows.push([t('report.accidentGrade'), rl.accidentGrade(String(v))]);
        break;
      case 'amount':
        rows.push([t('report.rewardAmount'), yuan(Number(v))]);
        break;
      case 'basis':
        rows.push([t('report.rewardBasis'), String(v)]);
        break;
      case 'paymentRef':
        rows.push([t('report.paymentRef'), String(v)]);
        break;
      case 'paidAt':
        rows.push([t('report.paidAt'), fmtTime(String(v))]);
        break;
      case 'hazardCode':
        rows.push([t('report.hazard'), String(v)]);
        break;
      case 'hazard': {
        const h = v as { title?: string };
        if (h.title) rows.push([t('report.fields.hazardTitle'), h.title]);
        break;
      }
      case 'hazardId':
        break;
      default:
        rows.push([k, typeof v === 'object' ? JSON.stringify(v) : String(v)]);
    }
  }
  if (!rows.length) return null;
  return (
    <div className="timeline-data">
      {rows.map(([k, v], i) => (
        <div key={i}>
          <Typography.Text type="secondary">{k}：</Typography.Text>
          <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span>
        </div>
      ))}
    </div>
  );
}

function ReportTimeline({ r }: { r: ReportDetail }) {
  const { t } = useTranslation();
  const rl = useReportLabels();
  return (
    <Timeline
      data-testid="report-timeline"
      items={r.timeline.map((e, i) => ({
        key: i,
        color: TIMELINE_COLORS[e.action] ?? 'blue',
        content: (
          <div data-testid="report-timeline-item" data-action={e.action}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {fmtTime(e.at)}
            </Typography.Text>
            <br />
            <Space size={4} wrap>
              <b>{t(`report.actions.${e.action as ReportAction}`, { defaultValue: e.action })}</b>
              <Typography.Text type="secondary">{e.actorName ?? '—'}</Typography.Text>
              {e.from && e.from !== e.to && (
                <span className="state-change">
                  {rl.state(e.from)} → {rl.state(e.to)}
                </span>
              )}
            </Space>
            <EventData e={e} />
          </div>
        ),
      }))}
    />
  );
}

/** The reporter's identity: hidden until a 举报受理 official gives a reason (audited on the server). */
function IdentityPanel({ r }: { r: ReportDetail }) {
  const { t } = useTranslation();
  const reveal = useRevealIdentity(r.id);
  const [open, setOpen] = useState(false);
  const [forbidden, setForbidden] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();

  const submit = async () => {
    const { reason } = await form.validateFields();
    reveal.mutate(reason.trim(), {
      onSuccess: () => setOpen(false),
      onError: (e) => {
        if (e instanceof ApiError && e.status === 403) {
          setForbidden(true);
          setOpen(false);
        } else showApiError(e, form);
      },
    });
  };

  return (
    <Card size="small" title={t('report.identityTitle')} data-testid="identity-panel">
      {!r.hasIdentity ? (
        <Typography.Text type="secondary">{t('report.identityAnonymous')}</Typography.Text>
      ) : reveal.data ? (
        <>
          <Descriptions size="small" column={1} data-testid="identity-revealed">
            <Descriptions.Item label={t('report.identityName')}>{reveal.data.name}</Descriptions.Item>
            <Descriptions.Item label={t('report.identityPhone')}>
              <span data-testid="identity-phone">{reveal.data.phone}</span>
            </Descriptions.Item>
            {reveal.data.idNumber && (
              <Descriptions.Item label={t('report.identityId')}>{reveal.data.idNumber}</Descriptions.Item>
            )}
          </Descriptions>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('report.identityAudited')}
          </Typography.Text>
        </>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            <LockOutlined /> {t('report.identityHidden')}
          </Typography.Text>
          {forbidden ? (
            <Alert
              type="warning"
              showIcon
              title={t('report.identityForbidden')}
              data-testid="identity-forbidden"
            />
          ) : (
            <Button icon={<EyeOutlined />} onClick={() => setOpen(true)} data-testid="identity-show">
              {t('report.identityShow')}
            </Button>
          )}
        </Space>
      )}
      <Modal
        open={open}
        title={t('report.identityShow')}
        onCancel={() => setOpen(false)}
        onOk={submit}
        okText={t('report.identityShow')}
        okButtonProps={{ 'data-testid': 'identity-ok' }}
        confirmLoading={reveal.isPending}
        destroyOnHidden
      >
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('report.identityHidden')} />
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="reason"
            label={t('report.identityReason')}
            extra={t('report.identityReasonHint')}
            rules={[
              { required: true, whitespace: true, min: 4, message: t('report.identityReasonRequired') },
            ]}
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 5 }}
              maxLength={500}
              data-testid="identity-reason"
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function Photos({ ids }: { ids: string[] }) {
  const { t } = useTranslation();
  if (!ids.length) return <Typography.Text type="secondary">{t('report.noPhotos')}</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <Space size={6} wrap className="report-photos" data-testid="report-photos">
        {ids.map((id) => (
          <Image
            key={id}
            width={88}
            height={88}
            src={`/api/files/${id}/thumbnail`}
            preview={{ src: `/api/files/${id}` }}
            alt=""
          />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

/** 举报详情: the case, its history, the actions possible in its state, the identity behind a reason. */
export default function ReportDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const labels = useLabels();
  const rl = useReportLabels();
  const navigate = useNavigate();
  const q = useReport(id);
  const [action, setAction] = useState<ReportAction | null>(null);

  if (q.isPending) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (q.isError || !q.data) {
    const status = q.error instanceof ApiError && q.error.status === 403 ? '403' : '404';
    return (
      <Result
        status={status}
        title={status}
        subTitle={t('report.notFoundCase')}
        extra={<Button onClick={() => navigate('/reports')}>{t('common.back')}</Button>}
      />
    );
  }
  const r = q.data;
  const actions = reportActionsInState(r.status)
    .filter((a) => mayTakeAction(me.role, a))
    .filter((a) => !(a === 'extend' && r.extended))
    // Anonymous reports earn no reward (the server refuses to compute one).
    .filter((a) => !(a === 'compute-reward' && r.anonymous));
  const hazardCode = r.timeline.find((e) => typeof e.data?.hazardCode === 'string')?.data?.hazardCode as
    string | undefined;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card>
        <div className="page-header">
          <Space wrap>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
            <Typography.Title level={4} data-testid="report-code">
              {r.trackingCode}
            </Typography.Title>
            <CategoryTag category={r.category} />
            <ReportStatusTag status={r.status} />
            <OverdueBadges r={r} />
            {r.duplicateOf && (
              <Link to={`/reports/${r.duplicateOf}`}>
                <Tag color="orange">{t('report.duplicateOf')}</Tag>
              </Link>
            )}
          </Space>
          <Space wrap data-testid="report-actions">
            {actions.map((a) => (
              <Button
                key={a}
                type={PRIMARY.includes(a) ? 'primary' : 'default'}
                danger={DANGER.includes(a)}
                onClick={() => setAction(a)}
                data-testid={`report-action-${a}`}
              >
                {t(`report.actions.${a}`)}
              </Button>
            ))}
          </Space>
        </div>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 2, xl: 3 }}
          styles={{ label: { whiteSpace: 'nowrap' } }}
          data-testid="report-descriptions"
        >
          <Descriptions.Item label={t('report.enterpriseName')}>
            {r.enterpriseId ? (
              <Link to={`/enterprises/${r.enterpriseId}`}>{r.enterpriseName}</Link>
            ) : (
              r.enterpriseName || '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('report.district')}>
            {labels.district(r.districtCode)}
          </Descriptions.Item>
          <Descriptions.Item label={t('report.channel')}>{rl.channel(r.channel)}</Descriptions.Item>
          <Descriptions.Item label={t('report.location')}>{r.location}</Descriptions.Item>
          <Descriptions.Item label={t('report.receivedCol')}>{fmtTime(r.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('report.identity')}>
            {r.anonymous ? t('report.anonymousTag') : t('report.realNameTag')}
          </Descriptions.Item>
          <Descriptions.Item label={t('report.description')} span={{ xs: 1, md: 2, xl: 3 }}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{r.description}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('report.photos')} span={{ xs: 1, md: 2, xl: 3 }}>
            <Photos ids={r.attachmentIds} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Card size="small" title={t('report.handling')}>
              <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="report-handling">
                <Descriptions.Item label={t('report.acceptedAt')}>{fmtTime(r.acceptedAt)}</Descriptions.Item>
                <Descriptions.Item label={t('report.verifyDue')}>
                  <span style={r.verifyOverdue ? { color: '#cf1322' } : undefined}>
                    {fmtTime(r.verifyDueAt)}
                    {r.extended ? `（${t('report.extended')}）` : ''}
                  </span>
                </Descriptions.Item>
                <Descriptions.Item label={t('report.outcome')}>
                  {r.outcome === null
                    ? t('report.outcomePending')
                    : r.outcome === 'true'
                      ? t('report.outcomeTrue')
                      : t('report.outcomeFalse')}
                </Descriptions.Item>
                <Descriptions.Item label={t('report.hazard')}>
                  {r.hazardId ? (
                    <Link to={`/hazards/${r.hazardId}`} data-testid="report-hazard-link">
                      {hazardCode ?? t('report.viewHazard')}
                    </Link>
                  ) : (
                    '—'
                  )}
                </Descriptions.Item>
                {r.outcomeSummary && (
                  <Descriptions.Item label={t('report.fields.summary')} span={{ xs: 1, md: 2 }}>
                    <span style={{ whiteSpace: 'pre-wrap' }}>{r.outcomeSummary}</span>
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t('report.fineImposed')}>{yuan(r.fine)}</Descriptions.Item>
                <Descriptions.Item label={t('report.feedbackDue')}>
                  {r.feedbackAt ? fmtTime(r.feedbackAt) : fmtTime(r.feedbackDueAt)}
                </Descriptions.Item>
                {r.feedbackSummary && (
                  <Descriptions.Item label={t('report.fields.feedbackSummary')} span={{ xs: 1, md: 2 }}>
                    <span style={{ whiteSpace: 'pre-wrap' }}>{r.feedbackSummary}</span>
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t('report.rewardAmount')}>
                  <span data-testid="report-reward">{yuan(r.rewardAmount)}</span>
                </Descriptions.Item>
                {r.rewardBasis && (
                  <Descriptions.Item label={t('report.rewardBasis')}>{r.rewardBasis}</Descriptions.Item>
                )}
                {r.paymentRef && (
                  <Descriptions.Item label={t('report.paymentRef')}>
                    {r.paymentRef}（{fmtTime(r.rewardPaidAt)}）
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
            <IdentityPanel r={r} />
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('report.timeline')}>
            {r.timeline.length ? <ReportTimeline r={r} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          </Card>
        </Col>
      </Row>
      <ReportActionModal report={r} action={action} onClose={() => setAction(null)} />
    </Space>
  );
}
