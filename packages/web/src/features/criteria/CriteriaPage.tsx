import { useEffect, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Grid,
  Input,
  List,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { BookOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../api/feedback';
import { dayjs } from '../../lib/time';
import { useMe } from '../auth/session';
import { useHazardLabels } from '../hazards/labels';
import { isCityAdmin } from '../hazards/roles';
import {
  useCreateCriterion,
  useCriteria,
  usePatchCriterion,
  type CriteriaItem,
  type CriteriaItemInput,
  type CriteriaSectorInfo,
} from './criteria.api';

interface AddValues extends Omit<CriteriaItemInput, 'effectiveFrom' | 'effectiveTo'> {
  effectiveFrom?: Dayjs | null;
  effectiveTo?: Dayjs | null;
}

function AddModal({ open, sector, onClose }: { open: boolean; sector?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const h = useHazardLabels();
  const [form] = Form.useForm<AddValues>();
  const create = useCreateCriterion(form);
  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ sector, effectiveFrom: dayjs() });
    }
  }, [open, sector, form]);
  const submit = (v: AddValues) =>
    create.mutate(
      {
        ...v,
        code: (v.code ?? '').trim().toUpperCase(),
        effectiveFrom: v.effectiveFrom ? v.effectiveFrom.format('YYYY-MM-DD') : '',
        effectiveTo: v.effectiveTo ? v.effectiveTo.format('YYYY-MM-DD') : null,
      },
      {
        onSuccess: () => {
          notifySuccess(t('criteria.added'));
          onClose();
        },
      },
    );
  const req = (field: string) => [{ required: true, message: t('criteria.required', { field }) }];
  return (
    <Modal
      open={open}
      title={t('criteria.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      width={720}
      forceRender
    >
      <Form<AddValues> form={form} layout="vertical" onFinish={submit} data-testid="criteria-form">
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="sector" label={t('criteria.sector')} rules={req(t('criteria.sector'))}>
              <Select options={h.criteriaSectorOptions} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="code"
              label={t('criteria.code')}
              rules={req(t('criteria.code'))}
              extra={t('criteria.codeHint')}
            >
              <Input maxLength={32} style={{ textTransform: 'uppercase' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="version" label={t('criteria.version')} rules={req(t('criteria.version'))}>
              <Input maxLength={20} placeholder="2026" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="name" label={t('criteria.name')} rules={req(t('criteria.name'))}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="description" label={t('criteria.description')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="source" label={t('criteria.source')} rules={req(t('criteria.source'))}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="article" label={t('criteria.article')}>
              <Input maxLength={100} placeholder="第四条第（一）项" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              name="effectiveFrom"
              label={t('criteria.effectiveFrom')}
              rules={req(t('criteria.effectiveFrom'))}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="effectiveTo" label={t('criteria.effectiveTo')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

function RetireModal({ item, onClose }: { item: CriteriaItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const patch = usePatchCriterion();
  const [day, setDay] = useState<Dayjs | null>(dayjs());
  useEffect(() => setDay(dayjs()), [item]);
  return (
    <Modal
      open={!!item}
      title={t('criteria.retireTitle', { code: item?.code ?? '' })}
      onCancel={onClose}
      okButtonProps={{ danger: true, disabled: !day }}
      okText={t('criteria.retire')}
      confirmLoading={patch.isPending}
      onOk={() =>
        item &&
        day &&
        patch.mutate(
          { id: item.id, body: { effectiveTo: day.format('YYYY-MM-DD') } },
          {
            onSuccess: () => {
              notifySuccess(t('criteria.retired'));
              onClose();
            },
          },
        )
      }
    >
      <Typography.Paragraph>{item?.name}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('criteria.retireHint')}</Typography.Paragraph>
      <DatePicker value={day} onChange={setDay} style={{ width: '100%' }} />
    </Modal>
  );
}

function SectorList({
  sectors,
  value,
  onChange,
}: {
  sectors: CriteriaSectorInfo[];
  value?: string;
  onChange: (s?: string) => void;
}) {
  const { t } = useTranslation();
  const h = useHazardLabels();
  return (
    <List
      size="small"
      data-testid="criteria-sectors"
      dataSource={[{ code: undefined } as unknown as CriteriaSectorInfo, ...sectors]}
      renderItem={(s) => {
        const active = value === s.code;
        return (
          <List.Item
            onClick={() => onChange(s.code)}
            className={active ? 'sector-item sector-item-active' : 'sector-item'}
            data-testid={s.code ? `sector-${s.code}` : 'sector-all'}
          >
            {s.code ? (
              <div style={{ width: '100%' }}>
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                  <b>{h.criteriaSector(s.code)}</b>
                  <Badge
                    count={s.items}
                    showZero
                    color={s.items ? '#1f4e9c' : '#d9d9d9'}
                    overflowCount={999}
                  />
                </div>
                {s.pendingText ? (
                  <Tag color="warning" style={{ marginTop: 4 }} data-testid="pending-text">
                    {s.pendingText}
                  </Tag>
                ) : (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {s.documentNo ?? s.document}
                  </Typography.Text>
                )}
              </div>
            ) : (
              <b>{t('criteria.allSectors')}</b>
            )}
          </List.Item>
        );
      }}
    />
  );
}

export default function CriteriaPage() {
  const { t } = useTranslation();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const admin = isCityAdmin(me.role, me.regionCode);
  const [sector, setSector] = useState<string | undefined>();
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  const [inForce, setInForce] = useState<Dayjs | null>(null);
  const [adding, setAdding] = useState(false);
  const [retiring, setRetiring] = useState<CriteriaItem | null>(null);
  const list = useCriteria({ sector, q: q || undefined, inForceOn: inForce?.format('YYYY-MM-DD') });
  const sectors = list.data?.sectors ?? [];
  const current = sectors.find((s) => s.code === sector);
  const today = dayjs().format('YYYY-MM-DD');

  const columns: TableProps<CriteriaItem>['columns'] = [
    { title: t('criteria.code'), dataIndex: 'code', width: 110, render: (c: string) => <Tag>{c}</Tag> },
    {
      title: t('criteria.name'),
      dataIndex: 'name',
      width: 260,
      render: (n: string, r) => (
        <span>
          {n}
          {!r.builtin && (
            <Tag color="cyan" style={{ marginInlineStart: 6 }}>
              {t('criteria.local')}
            </Tag>
          )}
        </span>
      ),
    },
    { title: t('criteria.sector'), dataIndex: 'sectorName', width: 150, responsive: ['lg'] },
    { title: t('criteria.version'), dataIndex: 'version', width: 70 },
    {
      title: t('criteria.source'),
      key: 'source',
      width: 280,
      responsive: ['md'],
      render: (_: unknown, r) => (
        <Typography.Text type="secondary">
          {r.source}
          {r.article}
        </Typography.Text>
      ),
    },
    {
      title: t('criteria.effective'),
      key: 'effective',
      width: 190,
      render: (_: unknown, r) => {
        const retired = r.effectiveTo !== null && r.effectiveTo < today;
        const future = r.effectiveFrom > today;
        return (
          <Space orientation="vertical" size={0}>
            <span>
              {r.effectiveFrom} ~ {r.effectiveTo ?? t('criteria.open')}
            </span>
            {retired && <Tag>{t('criteria.retiredTag')}</Tag>}
            {future && <Tag color="blue">{t('criteria.futureTag')}</Tag>}
          </Space>
        );
      },
    },
    ...(admin
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_: unknown, r: CriteriaItem) =>
              r.effectiveTo === null || r.effectiveTo >= today ? (
                <Button size="small" danger icon={<StopOutlined />} onClick={() => setRetiring(r)}>
                  {t('criteria.retire')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <Card>
      <div className="page-header">
        <Typography.Title level={4}>
          <BookOutlined /> {t('criteria.title')}
        </Typography.Title>
        {admin && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="criteria-add"
          >
            {t('criteria.add')}
          </Button>
        )}
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={7} xl={6}>
          {screens.lg ? (
            <Card size="small" styles={{ body: { padding: 0 } }}>
              <SectorList sectors={sectors} value={sector} onChange={setSector} />
            </Card>
          ) : (
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('criteria.allSectors')}
              value={sector}
              onChange={setSector}
              options={sectors.map((s) => ({
                value: s.code,
                label: `${s.name}（${s.items}）${s.pendingText ? ' · ' + s.pendingText : ''}`,
              }))}
            />
          )}
        </Col>
        <Col xs={24} lg={17} xl={18}>
          {current && (
            <Descriptions size="small" column={1} style={{ marginBottom: 8 }}>
              <Descriptions.Item label={t('criteria.document')}>
                {current.document}
                {current.documentNo ? `（${current.documentNo}）` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('criteria.versions')}>
                <Space wrap>
                  {current.versions.map((v) => (
                    <Tag key={v.version}>
                      {v.version}：{v.effectiveFrom} ~ {v.effectiveTo ?? t('criteria.open')}
                    </Tag>
                  ))}
                </Space>
              </Descriptions.Item>
            </Descriptions>
          )}
          {current?.pendingText && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={current.pendingText}
              description={
                <>
                  <div>{t('criteria.pendingHint')}</div>
                  {current.structure?.length ? (
                    <ul style={{ margin: '6px 0 0', paddingInlineStart: 18 }}>
                      {current.structure.map((s) => (
                        <li key={s}>{s}</li>
                      ))}
                    </ul>
                  ) : null}
                </>
              }
              data-testid="sector-pending"
            />
          )}
          <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
            <Col xs={24} md={14}>
              <Input.Search
                allowClear
                placeholder={t('criteria.search')}
                value={input}
                onChange={(e) => setInput(e.target.value)}
                onSearch={(v) => setQ(v.trim())}
                enterButton={t('common.search')}
                data-testid="criteria-search"
              />
            </Col>
            <Col xs={24} md={10}>
              <DatePicker
                style={{ width: '100%' }}
                placeholder={t('criteria.inForceOn')}
                value={inForce}
                onChange={setInForce}
              />
            </Col>
          </Row>
          <Table<CriteriaItem>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching}
            scroll={{ x: 'max-content' }}
            data-testid="criteria-table"
            expandable={{
              expandedRowRender: (r) => (
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                  {r.description || '—'}
                </Typography.Paragraph>
              ),
            }}
            pagination={{
              pageSize: 20,
              showTotal: (n) => t('common.total', { count: n }),
              simple: !screens.md,
            }}
          />
        </Col>
      </Row>
      <AddModal open={adding} sector={sector} onClose={() => setAdding(false)} />
      <RetireModal item={retiring} onClose={() => setRetiring(null)} />
    </Card>
  );
}
