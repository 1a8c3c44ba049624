import { useEffect, useState } from 'react';
import {
  Button,
  Card,
  Col,
  Form,
  Grid,
  Image,
  Input,
  InputNumber,
  List,
  Modal,
  Result,
  Row,
  Space,
  Spin,
  Statistic,
  Switch,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { LinkOutlined, PrinterOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../api/feedback';
import { fmtTime } from '../../lib/time';
import { useMe } from '../auth/session';
import '../public-report/public-report.css';
import { yuan } from './labels';
import {
  useInternalAction,
  useInternalChannel,
  useInternalReports,
  useSaveInternalChannel,
  type InternalReport,
} from './reports.api';
import { canManageInternal } from './roles';

const STATUS_COLORS: Record<string, string> = { received: 'gold', resolved: 'green', rejected: 'default' };

function HandleModal({
  report,
  action,
  onClose,
}: {
  report: InternalReport | null;
  action: 'resolve' | 'reject';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ resolution: string; rewardAmount?: number | null }>();
  const mutate = useInternalAction(form);
  const submit = async () => {
    const v = await form.validateFields();
    mutate.mutate(
      {
        id: report!.id,
        action,
        input: {
          resolution: v.resolution.trim(),
          rewardAmount: action === 'resolve' && v.rewardAmount ? v.rewardAmount : undefined,
        },
      },
      {
        onSuccess: () => {
          notifySuccess(t('report.actionDone', { action: t(`report.${action}`) }));
          onClose();
        },
      },
    );
  };
  return (
    <Modal
      open={!!report}
      title={`${t(`report.${action}`)} · ${report?.trackingCode ?? ''}`}
      onCancel={onClose}
      onOk={submit}
      okButtonProps={{ danger: action === 'reject', 'data-testid': 'internal-ok' }}
      confirmLoading={mutate.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="resolution"
          label={t('report.resolution')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('report.resolutionRequired') }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
        {action === 'resolve' && (
          <Form.Item name="rewardAmount" label={t('report.internalReward')}>
            <InputNumber style={{ width: '100%' }} min={0} max={1_000_000} precision={0} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** 内部举报: the enterprise's on-site QR poster, its reward rules, the reports received and their handling. */
export default function InternalReportingPage() {
  const { t } = useTranslation();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const manager = canManageInternal(me.role) && !!me.enterpriseId;
  const channel = useInternalChannel(manager ? me.enterpriseId : null);
  const reports = useInternalReports();
  const [form] = Form.useForm<{ enabled: boolean; rewardRules: string }>();
  const save = useSaveInternalChannel(me.enterpriseId ?? '', form);
  const [handling, setHandling] = useState<{ r: InternalReport; action: 'resolve' | 'reject' } | null>(null);

  useEffect(() => {
    if (channel.data)
      form.setFieldsValue({ enabled: channel.data.enabled, rewardRules: channel.data.rewardRules });
  }, [channel.data, form]);

  if (!manager) return <Result status="403" title="403" subTitle={t('report.internalOnlyManagers')} />;
  if (channel.isPending) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  const ch = channel.data;
  const link = ch ? `${window.location.origin}${ch.path}` : '';
  const stats = reports.data?.stats;

  const actionButtons = (r: InternalReport) =>
    r.status === 'received' ? (
      <Space size={4}>
        <Button
          size="small"
          type="primary"
          onClick={() => setHandling({ r, action: 'resolve' })}
          data-testid="internal-resolve"
        >
          {t('report.resolve')}
        </Button>
        <Button size="small" danger onClick={() => setHandling({ r, action: 'reject' })}>
          {t('report.reject')}
        </Button>
      </Space>
    ) : null;

  const photos = (ids: string[]) =>
    ids.length ? (
      <Image.PreviewGroup>
        <Space size={4} wrap className="report-photos">
          {ids.map((id) => (
            <Image
              key={id}
              width={48}
              height={48}
              src={`/api/files/${id}/thumbnail`}
              preview={{ src: `/api/files/${id}` }}
              alt=""
            />
          ))}
        </Space>
      </Image.PreviewGroup>
    ) : null;

  const columns: TableColumnsType<InternalReport> = [
    { title: t('report.trackingCode'), dataIndex: 'trackingCode' },
    { title: t('report.receivedCol'), dataIndex: 'createdAt', render: (v: string) => fmtTime(v) },
    { title: t('report.location'), dataIndex: 'location' },
    {
      title: t('report.description'),
      dataIndex: 'description',
      render: (d: string, r) => (
        <Space orientation="vertical" size={4}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{d}</span>
          {photos(r.attachmentIds)}
        </Space>
      ),
    },
    {
      title: t('report.identity'),
      dataIndex: 'anonymous',
      render: (a: boolean) => (a ? t('report.anonymousTag') : t('report.realNameTag')),
    },
    {
      title: t('report.status'),
      dataIndex: 'status',
      render: (s: InternalReport['status'], r) => (
        <Space orientation="vertical" size={0}>
          <Tag color={STATUS_COLORS[s]}>{t(`report.internalStatus.${s}`)}</Tag>
          {r.resolution && <Typography.Text type="secondary">{r.resolution}</Typography.Text>}
          {r.rewardAmount ? <span>{yuan(r.rewardAmount)}</span> : null}
          {r.handledBy && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('report.handledBy')}：{r.handledBy}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('common.actions'), key: 'actions', render: (_, r) => actionButtons(r) },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={10}>
          <Card
            size="small"
            title={t('report.poster')}
            extra={
              <Button
                size="small"
                icon={<PrinterOutlined />}
                onClick={() => window.print()}
                data-testid="poster-print"
              >
                {t('report.printPoster')}
              </Button>
            }
          >
            <div className="poster printable" data-testid="poster">
              <Typography.Text strong>{me.enterpriseName}</Typography.Text>
              <h2>{t('report.posterTitle')}</h2>
              {ch?.qrUrl && <img src={ch.qrUrl} alt={link} className="poster-qr" data-testid="poster-qr" />}
              <div>{t('report.posterScan')}</div>
              <Typography.Text type="secondary">{t('report.posterNote')}</Typography.Text>
              {ch?.rewardRules && (
                <div className="poster-rules">
                  <b>{t('report.internalRules')}</b>
                  <br />
                  {ch.rewardRules}
                </div>
              )}
            </div>
            <Space wrap style={{ marginTop: 8 }}>
              <Typography.Text copyable={{ text: link }} style={{ fontSize: 12 }} data-testid="internal-link">
                {link}
              </Typography.Text>
              <a href={ch?.path} target="_blank" rel="noreferrer">
                <LinkOutlined /> {t('report.openLink')}
              </a>
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Card size="small" title={t('report.internalStats')}>
              <Row gutter={[12, 12]}>
                <Col xs={12} md={6}>
                  <Statistic title={t('report.statTotal')} value={stats?.total ?? 0} />
                </Col>
                <Col xs={12} md={6}>
                  <Statistic
                    title={t('report.statOpen')}
                    value={stats?.open ?? 0}
                    styles={{ content: stats?.open ? { color: '#d48806' } : undefined }}
                  />
                </Col>
                <Col xs={12} md={6}>
                  <Statistic title={t('report.statResolved')} value={stats?.resolved ?? 0} />
                </Col>
                <Col xs={12} md={6}>
                  <Statistic title={t('report.statRewards')} value={stats?.rewards ?? 0} prefix="¥" />
                </Col>
              </Row>
            </Card>
            <Card size="small" title={t('report.rulesEditor')}>
              <Form
                form={form}
                layout="vertical"
                onFinish={(v) =>
                  save.mutate(
                    { enabled: v.enabled, rewardRules: v.rewardRules ?? '' },
                    { onSuccess: () => notifySuccess(t('report.rulesSaved')) },
                  )
                }
                data-testid="rules-form"
              >
                <Form.Item name="enabled" label={t('report.enabled')} valuePropName="checked">
                  <Switch />
                </Form.Item>
                <Form.Item name="rewardRules" label={t('report.rulesEditor')}>
                  <Input.TextArea
                    autoSize={{ minRows: 4, maxRows: 12 }}
                    maxLength={4000}
                    showCount
                    placeholder={t('report.rulesPlaceholder')}
                    data-testid="rules-text"
                  />
                </Form.Item>
                <Button
                  type="primary"
                  htmlType="submit"
                  icon={<SaveOutlined />}
                  loading={save.isPending}
                  data-testid="rules-save"
                >
                  {t('common.save')}
                </Button>
              </Form>
            </Card>
          </Space>
        </Col>
      </Row>
      <Card size="small" title={t('report.internalList')}>
        {screens.md ? (
          <Table<InternalReport>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={reports.data?.items}
            loading={reports.isFetching}
            scroll={{ x: 'max-content' }}
            data-testid="internal-table"
          />
        ) : (
          <List<InternalReport>
            loading={reports.isFetching}
            dataSource={reports.data?.items}
            data-testid="internal-table"
            renderItem={(r) => (
              <List.Item>
                <div style={{ width: '100%' }}>
                  <Space size={4} wrap>
                    <Tag color={STATUS_COLORS[r.status]}>{t(`report.internalStatus.${r.status}`)}</Tag>
                    <Typography.Text type="secondary">
                      {r.trackingCode} · {fmtTime(r.createdAt)}
                    </Typography.Text>
                  </Space>
                  <div className="hazard-card-title">{r.location}</div>
                  <div style={{ whiteSpace: 'pre-wrap' }}>{r.description}</div>
                  {photos(r.attachmentIds)}
                  {r.resolution && <Typography.Text type="secondary">{r.resolution}</Typography.Text>}
                  <div style={{ marginTop: 6 }}>{actionButtons(r)}</div>
                </div>
              </List.Item>
            )}
          />
        )}
      </Card>
      <HandleModal
        report={handling?.r ?? null}
        action={handling?.action ?? 'resolve'}
        onClose={() => setHandling(null)}
      />
    </Space>
  );
}
