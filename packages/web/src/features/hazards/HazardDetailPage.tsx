import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Modal,
  Result,
  Row,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { ArrowLeftOutlined, EditOutlined, FlagOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { rectificationPlanSchema, type HazardAction } from '@zhiben/domain';
import { api, ApiError } from '../../api/client';
import { notifySuccess } from '../../api/feedback';
import { useOrganizations } from '../../api/organizations';
import type { Page } from '../../api/types';
import { useLabels } from '../../lib/labels';
import { fmtTime } from '../../lib/time';
import { applyZodIssues } from '../../lib/zod-form';
import { useMe } from '../auth/session';
import { Attachments } from './Attachments';
import { HazardActionModal } from './HazardActionModal';
import { PlanFields, planInput } from './HazardFormPage';
import { Deadline, GradeTag, RungTag, StateFlow, StatusTag, useHazardLabels } from './labels';
import { useHazard, useUpdatePlan, type HazardDetail, type TimelineEntry } from './hazards.api';
import { shanghaiWallClock } from './time';
import type { Escalation } from '../supervision/supervision.api';

const PRIMARY: HazardAction[] = ['confirm', 'submit', 'accept', 'approve-extension'];
const DANGER: HazardAction[] = ['dismiss', 'reject', 'deny-extension'];
const TIMELINE_COLORS: Record<string, string> = {
  report: 'blue',
  confirm: 'blue',
  submit: 'purple',
  accept: 'green',
  reject: 'red',
  dismiss: 'gray',
  supervise: 'red',
  recheck: 'orange',
};

/** Readable lines for an event's data (reasons, deadlines, accountability …). */
function EventData({ e }: { e: TimelineEntry }) {
  const { t } = useTranslation();
  const l = useHazardLabels();
  const d = (e.data ?? {}) as Record<string, unknown>;
  const rows: [string, ReactNode][] = [];
  const time = (v: unknown) => (typeof v === 'string' ? fmtTime(v) : '—');
  const push = (label: string, v: ReactNode) => rows.push([label, v]);
  for (const [k, v] of Object.entries(d)) {
    if (v === undefined || v === null || v === '' || k === 'attachmentIds') continue;
    switch (k) {
      case 'source':
        push(t('hazard.source'), l.source(String(v)));
        break;
      case 'grade':
        push(t('hazard.grade'), l.grade(String(v)));
        break;
      case 'comment':
        push(t('hazard.fields.comment'), String(v));
        break;
      case 'reason':
        push(t('hazard.fields.reason'), String(v));
        break;
      case 'description':
        push(t('hazard.fields.description'), String(v));
        break;
      case 'note':
        push(t('hazard.fields.note'), String(v));
        break;
      case 'supervisingBody':
        push(t('hazard.fields.supervisingBody'), String(v));
        break;
      case 'deadline':
        push(e.action === 'supervise' ? t('hazard.fields.superviseDeadline') : t('hazard.deadline'), time(v));
        break;
      case 'newDeadline':
        push(t('hazard.fields.newDeadline'), time(v));
        break;
      case 'currentDeadline':
      case 'previousDeadline':
        push(t('hazard.fields.previousDeadline'), time(v));
        break;
      case 'requestedDeadline':
        push(t('hazard.fields.requestedDeadline'), time(v));
        break;
      case 'rejections':
        push(t('hazard.fields.rejections'), String(v));
        break;
      case 'result':
        push(
          t('hazard.fields.result'),
          v === 'confirmed' ? t('hazard.recheckConfirmed') : t('hazard.recheckFake'),
        );
        break;
      case 'accountability': {
        const a = v as { persons?: string[]; measures?: string };
        push(t('hazard.fields.accountablePersons'), (a.persons ?? []).join('、'));
        push(t('hazard.fields.accountabilityMeasures'), a.measures ?? '');
        break;
      }
      case 'plan': {
        const p = v as { responsible?: string; deadline?: string; funds?: number };
        push(t('hazard.planResponsible'), p.responsible ?? '');
        push(t('hazard.planDeadline'), time(p.deadline));
        push(
          t('hazard.planFunds'),
          p.funds !== undefined ? `${p.funds.toLocaleString()} ${t('hazard.yuan')}` : '',
        );
        break;
      }
      case 'relisted':
        if (v) push(t('hazard.fields.relisted'), t('common.yes'));
        break;
      case 'reopened':
      case 'reopens':
      case 'extensionWithdrawn':
        if (k === 'extensionWithdrawn' && v) push(t('hazard.fields.extensionWithdrawn'), t('common.yes'));
        if (k === 'reopens') push(t('hazard.fields.reopens'), String(v));
        break;
      default:
        push(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
    }
  }
  if (!rows.length && !e.attachments.length) return null;
  return (
    <div className="timeline-data">
      {rows.map(([k, v], i) => (
        <div key={i}>
          <Typography.Text type="secondary">{k}：</Typography.Text>
          <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span>
        </div>
      ))}
      {e.attachments.length > 0 && (
        <div style={{ marginTop: 6 }}>
          <Attachments files={e.attachments} size={64} />
        </div>
      )}
    </div>
  );
}

function HazardTimeline({ h }: { h: HazardDetail }) {
  const { t } = useTranslation();
  const l = useHazardLabels();
  return (
    <Timeline
      data-testid="hazard-timeline"
      items={h.timeline.map((e) => ({
        key: e.id,
        color: TIMELINE_COLORS[e.action] ?? 'blue',
        content: (
          <div data-testid="timeline-item" data-action={e.action}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {fmtTime(e.at)}
            </Typography.Text>
            <br />
            <Space size={4} wrap>
              <b>
                {e.action === 'report'
                  ? t('hazard.reportAction')
                  : e.action === 'plan'
                    ? t('hazard.planAction')
                    : l.action(e.action)}
              </b>
              <Typography.Text type="secondary">{e.actorName ?? t('hazard.system')}</Typography.Text>
              {e.from && e.from !== e.to && (
                <span className="state-change">
                  {l.state(e.from)} → {l.state(e.to)}
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

function PlanCard({ h, editable }: { h: HazardDetail; editable: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const update = useUpdatePlan(h.id, form);
  const p = h.plan;
  const save = () => {
    const input = planInput(form.getFieldValue('plan'));
    const parsed = rectificationPlanSchema.safeParse(input);
    if (!parsed.success) {
      applyZodIssues(
        form,
        parsed.error.issues.map((i) => ({ ...i, path: ['plan', ...i.path] })),
      );
      return;
    }
    update.mutate(parsed.data, {
      onSuccess: () => {
        notifySuccess(t('hazard.planSaved'));
        setOpen(false);
      },
    });
  };
  return (
    <Card
      size="small"
      title={t('hazard.plan')}
      data-testid="plan-card"
      extra={
        editable && (
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => {
              form.setFieldsValue({
                plan: p
                  ? { ...p, deadline: shanghaiWallClock(p.deadline) }
                  : { responsible: undefined, measures: undefined, funds: undefined, deadline: undefined },
              });
              setOpen(true);
            }}
            data-testid="plan-edit"
          >
            {p ? t('common.edit') : t('hazard.planFill')}
          </Button>
        )
      }
    >
      {p ? (
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('hazard.planResponsible')}>{p.responsible}</Descriptions.Item>
          <Descriptions.Item label={t('hazard.planFunds')}>
            {p.funds.toLocaleString()} {t('hazard.yuan')}
          </Descriptions.Item>
          <Descriptions.Item label={t('hazard.planDeadline')}>{fmtTime(p.deadline)}</Descriptions.Item>
          <Descriptions.Item label={t('hazard.planMeasures')} span={2}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{p.measures}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('hazard.planEmergency')} span={2}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{p.emergencyPlan}</span>
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Alert type="warning" showIcon title={t('hazard.planMissing')} />
      )}
      <Modal
        open={open}
        title={t('hazard.plan')}
        onCancel={() => setOpen(false)}
        onOk={save}
        confirmLoading={update.isPending}
        width={720}
        forceRender
      >
        <Form form={form} layout="vertical">
          <PlanFields />
        </Form>
      </Modal>
    </Card>
  );
}

export default function HazardDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const l = useHazardLabels();
  const labels = useLabels();
  const me = useMe();
  const navigate = useNavigate();
  const q = useHazard(id);
  const orgs = useOrganizations();
  const [action, setAction] = useState<HazardAction | null>(null);
  const escalations = useQuery({
    queryKey: ['escalations', 'hazard', id],
    queryFn: () => api.get<Page<Escalation>>('/api/supervision/escalations', { hazardId: id, pageSize: 50 }),
    enabled: !!id,
    meta: { silent: true },
  });

  if (q.isPending) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (q.isError || !q.data) {
    const status = q.error instanceof ApiError && q.error.status === 403 ? '403' : '404';
    return (
      <Result
        status={status}
        title={status}
        subTitle={t('hazard.notFound')}
        extra={<Button onClick={() => navigate('/hazards')}>{t('common.back')}</Button>}
      />
    );
  }
  const h = q.data;
  const deptName =
    orgs.data?.find(
      (o) => o.kind === 'department' && o.deptCode === h.departmentCode && o.level === 'city',
    )?.[labels.en ? 'nameEn' : 'name'] ?? h.departmentCode;
  const planEditable =
    me.enterpriseId === h.enterpriseId &&
    me.role !== 'enterprise_staff' &&
    ['reported', 'rectifying'].includes(h.status);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card>
        <div className="page-header">
          <Space wrap>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
            <Typography.Title level={4} data-testid="hazard-code">
              {h.code}
            </Typography.Title>
            <GradeTag grade={h.grade} />
            <StatusTag status={h.status} />
            {h.supervised && (
              <Tag color="red" icon={<FlagOutlined />}>
                {t('hazard.supervisedTag')}
              </Tag>
            )}
          </Space>
          <Space wrap data-testid="hazard-actions">
            {h.allowedActions.map((a) => (
              <Button
                key={a}
                type={PRIMARY.includes(a) ? 'primary' : 'default'}
                danger={DANGER.includes(a)}
                onClick={() => setAction(a)}
                data-testid={`action-${a}`}
              >
                {l.action(a)}
              </Button>
            ))}
          </Space>
        </div>
        <Typography.Title level={5} style={{ marginTop: 0 }} data-testid="hazard-title">
          {h.title}
        </Typography.Title>
        <StateFlow status={h.status} />
        {h.pendingExtension && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('hazard.pendingExtension', {
              deadline: fmtTime(h.pendingExtension.newDeadline),
              reason: h.pendingExtension.reason,
            })}
          />
        )}
        {h.supervision && (
          <Alert
            type="error"
            showIcon
            icon={<FlagOutlined />}
            style={{ marginBottom: 12 }}
            title={t('hazard.supervisionInfo', {
              body: h.supervision.body,
              deadline: fmtTime(h.supervision.deadline),
            })}
            description={h.supervision.note}
          />
        )}
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 2, xl: 3 }}
          data-testid="hazard-descriptions"
          styles={{ label: { whiteSpace: 'nowrap' } }}
        >
          <Descriptions.Item label={t('hazard.enterprise')}>
            <Link to={`/enterprises/${h.enterpriseId}`}>{h.enterpriseName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('enterprise.district')}>
            {labels.district(h.districtCode, h.districtName)}
          </Descriptions.Item>
          <Descriptions.Item label={t('hazard.source')}>{l.source(h.source)}</Descriptions.Item>
          <Descriptions.Item label={t('hazard.criterion')} span={{ xs: 1, md: 2, xl: 3 }}>
            {h.criterion ? (
              <span>
                <Tag>{h.criterion.code}</Tag>
                {h.criterion.name}
                {h.criterion.source && (
                  <Typography.Text type="secondary">
                    {' '}
                    （{h.criterion.source}
                    {h.criterion.article}）
                  </Typography.Text>
                )}
              </span>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('hazard.discoveredAt')}>{fmtTime(h.discoveredAt)}</Descriptions.Item>
          <Descriptions.Item label={t('hazard.discoveredBy')}>{h.discoveredBy ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('hazard.deadline')}>
            <Deadline deadline={h.deadline} overdue={h.overdue} days={h.daysOverdue} />
          </Descriptions.Item>
          <Descriptions.Item label={t('hazard.department')}>{deptName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('hazard.location')}>{h.location || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('hazard.rejections')}>{h.rejections}</Descriptions.Item>
          {h.closedAt && (
            <Descriptions.Item label={t('hazard.closedAt')}>
              {fmtTime(h.closedAt)}
              {h.acceptedBy ? `（${h.acceptedBy}）` : ''}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('hazard.description')} span={{ xs: 1, md: 2, xl: 3 }}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{h.description || '—'}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            {h.grade === 'major' && <PlanCard h={h} editable={planEditable} />}
            <Card size="small" title={t('hazard.attachments')}>
              <Attachments files={h.attachments} />
            </Card>
            {(escalations.data?.items.length ?? 0) > 0 && (
              <Card size="small" title={t('supervision.escalations')}>
                <Space orientation="vertical" style={{ width: '100%' }}>
                  {escalations.data!.items.map((e) => (
                    <div key={e.id}>
                      <RungTag rung={e.rung} /> {e.title}{' '}
                      <Typography.Text type="secondary">{fmtTime(e.asOf)}</Typography.Text>
                    </div>
                  ))}
                </Space>
              </Card>
            )}
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('hazard.timeline')}>
            {h.timeline.length ? <HazardTimeline h={h} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          </Card>
        </Col>
      </Row>
      <HazardActionModal hazard={h} action={action} onClose={() => setAction(null)} />
    </Space>
  );
}
