import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Badge,
  Button,
  Card,
  Col,
  Descriptions,
  Result,
  Row,
  Space,
  Spin,
  Steps,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { MobileOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  analysisFailures,
  permitActionName,
  permitContext,
  permitStateName,
  SIGNATURE_STEP_NAMES,
  type SignatureStep,
  type GasAnalysis,
  type Permit,
  type PermitAction,
} from '@zhiben/domain';
import { notifySuccess } from '../../api/feedback';
import { fmtTime } from '../../lib/time';
import { GradeMark, PermitStatusTag, ViolationList } from './labels';
import { ACTIONS_WITH_INPUT, PermitActionModal } from './PermitActionModal';
import { usePermit, usePermitAction, type PermitDetail } from './permits.api';
import { PermitGasCard } from './PermitGasCard';

const DANGER: PermitAction[] = ['cancel', 'guardian-leave', 'suspend'];
/** States after which the workplace's gas readings are no longer followed live. */
const FINISHED = ['closed', 'cancelled', 'expired'];

/** Whether an analysis passes its criteria, judged in the browser by the same domain function. */
export function gasPassed(p: PermitDetail, a: GasAnalysis): boolean {
  return analysisFailures(a, permitContext(p as unknown as Permit, new Date(), {}, 'none')).length === 0;
}

export function GasTable({ p }: { p: PermitDetail }) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      pagination={false}
      rowKey={(_, i) => String(i)}
      locale={{ emptyText: t('permit.detail.gasEmpty') }}
      dataSource={p.gasAnalyses}
      scroll={{ x: true }}
      data-testid="gas-table"
      columns={[
        { title: t('permit.gas.sampledAt'), render: (_, a) => fmtTime(a.sampledAt) },
        { title: t('permit.gas.gas'), dataIndex: 'gas' },
        { title: 'LEL%', dataIndex: 'lelPercent' },
        { title: t('permit.gas.concentration'), dataIndex: 'concentrationPercent' },
        { title: 'O₂%', dataIndex: 'oxygenPercent' },
        { title: t('permit.gas.point'), dataIndex: 'point' },
        { title: t('permit.gas.analyst'), dataIndex: 'analyst' },
        {
          title: '',
          render: (_, a) =>
            gasPassed(p, a) ? (
              <Tag color="green">{t('permit.gas.passed')}</Tag>
            ) : (
              <Tag color="red">{t('permit.gas.failed')}</Tag>
            ),
        },
      ]}
    />
  );
}

/** Buttons for exactly the actions the server says this user may take now. */
export function ActionBar({ p, size }: { p: PermitDetail; size?: 'large' }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<PermitAction | null>(null);
  const run = usePermitAction(p.id);
  const press = async (a: PermitAction) => {
    if (ACTIONS_WITH_INPUT.includes(a)) return setOpen(a);
    await run.mutateAsync({ action: a });
    notifySuccess(t('permit.action.done', { action: permitActionName(a) }));
  };
  return (
    <>
      <Space wrap data-testid="permit-actions">
        {p.allowedActions.map((a) => (
          <Button
            key={a}
            size={size}
            danger={DANGER.includes(a)}
            type={a === 'sign' || a === 'start' || a === 'close' ? 'primary' : 'default'}
            onClick={() => void press(a)}
            loading={run.isPending && run.variables?.action === a}
            data-action={a}
          >
            {a === 'sign' && p.nextSignatureStepName
              ? `签字：${p.nextSignatureStepName}`
              : permitActionName(a)}
          </Button>
        ))}
      </Space>
      <PermitActionModal permit={p} action={open} onClose={() => setOpen(null)} />
    </>
  );
}

export default function PermitDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const q = usePermit(id, 20_000);
  if (q.isPending) return <Spin />;
  if (!q.data) return <Result status="404" title="404" />;
  const p = q.data;
  const signedCount = p.signatureChain.filter((s) => s.signature).length;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="permit-detail">
      <Row justify="space-between" gutter={[8, 8]}>
        <Col>
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {p.typeName}
            </Typography.Title>
            <GradeMark name={p.gradeName} />
            <PermitStatusTag status={p.status} />
            <Typography.Text code data-testid="permit-number">
              {p.number}
            </Typography.Text>
          </Space>
        </Col>
        <Col>
          <Space wrap>
            <Link to={`/permits/${p.id}/print`} target="_blank">
              <Button icon={<PrinterOutlined />}>{t('permit.detail.print')}</Button>
            </Link>
            <Link to={`/permits/${p.id}/phone`}>
              <Button icon={<MobileOutlined />}>{t('permit.detail.phone')}</Button>
            </Link>
          </Space>
        </Col>
      </Row>
      <Card size="small" title={t('permit.detail.actions')}>
        <ActionBar p={p} />
        {p.nextSignatureStepName && (
          <div style={{ marginTop: 8 }}>
            <Typography.Text type="secondary">
              {t('permit.detail.nextStep', { step: p.nextSignatureStepName })}
              {p.approverLevelName &&
                ` · ${t('permit.detail.approverLevel', { level: p.approverLevelName })}`}
            </Typography.Text>
          </div>
        )}
      </Card>
      <ViolationList items={p.violations} emptyText={t('permit.detail.noViolations')} />
      <PermitGasCard permitId={p.id} live={!FINISHED.includes(p.status)} />
      <Row gutter={12}>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Card size="small">
              <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label={t('permit.field.enterprise')}>{p.enterpriseName}</Descriptions.Item>
                <Descriptions.Item label={t('permit.field.applyingUnit')}>{p.applyingUnit}</Descriptions.Item>
                <Descriptions.Item label={t('permit.field.location')}>{p.location}</Descriptions.Item>
                <Descriptions.Item label={t('permit.field.zone')}>{p.zone ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('permit.field.content')} span={2}>
                  {p.content}
                </Descriptions.Item>
                <Descriptions.Item label={t('permit.field.planned')} span={2}>
                  {fmtTime(p.plannedStart)} — {fmtTime(p.plannedEnd)}
                </Descriptions.Item>
                <Descriptions.Item label={t('permit.field.validUntil')}>
                  {fmtTime(p.validUntil)}
                </Descriptions.Item>
                <Descriptions.Item label={t('permit.field.workLeader')}>{p.workLeader}</Descriptions.Item>
                <Descriptions.Item label={t('permit.field.workers')}>
                  {p.workers.map((w) => w.name).join('、') || '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('permit.field.guardians')}>
                  <Space>
                    {p.guardians.map((g) => g.name).join('、')}
                    <Badge
                      status={p.guardianOnSite ? 'success' : 'default'}
                      text={
                        p.guardianOnSite ? t('permit.detail.guardianOnSite') : t('permit.detail.guardianAway')
                      }
                    />
                  </Space>
                </Descriptions.Item>
                <Descriptions.Item label={t('permit.detail.started')}>
                  {fmtTime(p.startedAt)}
                </Descriptions.Item>
                <Descriptions.Item label={t('permit.detail.completed')}>
                  {fmtTime(p.completedAt)}
                </Descriptions.Item>
                <Descriptions.Item label={t('permit.field.riskIdentification')} span={2}>
                  {p.riskIdentification}
                </Descriptions.Item>
                {p.relatedPermits.length > 0 && (
                  <Descriptions.Item label={t('permit.field.relatedPermits')} span={2}>
                    {p.relatedPermits.map((r) => r.number).join('、')}
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
            <Card size="small" title={t('permit.detail.gas')}>
              <GasTable p={p} />
            </Card>
            <Card size="small" title={t('permit.detail.signatures')}>
              <Steps
                orientation="vertical"
                size="small"
                current={signedCount}
                items={p.signatureChain.map((s) => ({
                  title: s.name,
                  status: s.signature ? 'finish' : 'wait',
                  content: s.signature
                    ? `${s.signature.name} · ${fmtTime(s.signature.at)}${s.signature.opinion ? ` · ${s.signature.opinion}` : ''}`
                    : undefined,
                }))}
              />
            </Card>
            <Card size="small" title={t('permit.field.measures')}>
              <Table
                size="small"
                pagination={false}
                rowKey="code"
                dataSource={p.checklist.items.map((i) => ({
                  ...i,
                  m: p.measures.find((m) => m.code === i.code),
                }))}
                columns={[
                  { title: t('permit.field.measures'), dataIndex: 'text' },
                  {
                    title: t('permit.field.applies'),
                    width: 70,
                    render: (_, r) => (r.m?.applies ? '是' : '否'),
                  },
                  { title: t('permit.field.confirmer'), width: 90, render: (_, r) => r.m?.confirmer ?? '' },
                ]}
              />
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('permit.detail.timeline')}>
            <Timeline
              data-testid="permit-timeline"
              items={p.timeline.map((e) => ({
                key: e.id,
                color: e.action === 'expire' ? 'red' : e.data?.gasAlarm ? 'red' : 'blue',
                content: (
                  <div data-action={e.action}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {fmtTime(e.at, 'YYYY-MM-DD HH:mm:ss')}
                    </Typography.Text>
                    <br />
                    <b>{e.actionName}</b> <Typography.Text type="secondary">{e.actorName}</Typography.Text>
                    {e.from && e.from !== e.to && (
                      <span className="state-change">
                        {' '}
                        {permitStateName(e.from)} → {permitStateName(e.to)}
                      </span>
                    )}
                    {typeof e.data?.step === 'string' && (
                      <div>{SIGNATURE_STEP_NAMES[e.data.step as SignatureStep] ?? e.data.step}</div>
                    )}
                    {typeof e.data?.sampledAt === 'string' && (
                      <div>
                        {t('permit.gas.sampledAt')} {fmtTime(e.data.sampledAt)} ·{' '}
                        {e.data.passed ? t('permit.gas.passed') : t('permit.gas.failed')}
                      </div>
                    )}
                    {typeof e.data?.reason === 'string' && <div>{e.data.reason}</div>}
                    {typeof e.data?.name === 'string' && <div>{e.data.name}</div>}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
