import { useState } from 'react';
import {
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CERTIFICATE_TYPES } from '@zhiben/domain';
import { notifySuccess } from '../../api/feedback';
import { dayjs } from '../../lib/time';
import { useMe } from '../auth/session';
import { useArchiveWorker, useSaveWorker, useWorkers, type PermitWorker } from './permits.api';
import { api } from '../../api/client';

/** The registry of people who may be named on permits, with certificates and guardian training. */
export default function PermitWorkersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const q = useWorkers();
  const [editing, setEditing] = useState<PermitWorker | 'new' | null>(null);
  const [form] = Form.useForm();
  const save = useSaveWorker(editing && editing !== 'new' ? editing.id : null, form);
  const archive = useArchiveWorker();
  const manager = !!me.enterpriseId && me.role !== 'enterprise_staff';

  const open = async (w: PermitWorker | 'new') => {
    form.resetFields();
    if (w !== 'new') {
      const full = await api.get<PermitWorker>(`/api/permits/workers/${w.id}`);
      form.setFieldsValue({
        ...full,
        idNumber: full.idNumber ?? undefined,
        phone: full.phone ?? undefined,
        certificates: full.certificates.map((c) => ({ ...c, validUntil: dayjs(c.validUntil) })),
      });
    } else form.setFieldsValue({ certificates: [], guardianTrained: false });
    setEditing(w);
  };
  const submit = async () => {
    const v = await form.validateFields();
    await save.mutateAsync({
      name: v.name,
      ...(v.idNumber ? { idNumber: v.idNumber } : {}),
      ...(v.phone ? { phone: v.phone } : {}),
      guardianTrained: !!v.guardianTrained,
      certificates: (v.certificates ?? []).map(
        (c: { type: string; number: string; validUntil: dayjs.Dayjs }) => ({
          type: c.type,
          number: c.number,
          validUntil: c.validUntil.format('YYYY-MM-DD'),
        }),
      ),
    });
    notifySuccess(t('permit.workers.saved'));
    setEditing(null);
  };

  return (
    <Card
      title={t('permit.workers.title')}
      extra={
        manager && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => void open('new')}
            data-testid="worker-add"
          >
            {t('permit.workers.add')}
          </Button>
        )
      }
    >
      <Table
        rowKey="id"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        scroll={{ x: true }}
        columns={[
          { title: t('permit.workers.name'), dataIndex: 'name' },
          { title: t('permit.workers.idNumber'), dataIndex: 'idNumber' },
          { title: t('permit.workers.phone'), dataIndex: 'phone' },
          {
            title: t('permit.workers.certificates'),
            render: (_, w) => (
              <Space wrap size={4}>
                {w.certificates.map((c, i) => (
                  <Tag key={i} color={c.valid ? 'blue' : 'red'}>
                    {c.typeName} {c.number} ≤{c.validUntil}
                    {!c.valid && ` ${t('permit.workers.expired')}`}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('permit.workers.guardianTrained'),
            render: (_, w) => (w.guardianTrained ? <Tag color="green">✓</Tag> : '—'),
          },
          ...(manager
            ? [
                {
                  title: '',
                  render: (_: unknown, w: PermitWorker) => (
                    <Space>
                      <Button size="small" onClick={() => void open(w)}>
                        {t('permit.workers.edit')}
                      </Button>
                      <Popconfirm
                        title={t('permit.workers.archiveConfirm')}
                        onConfirm={() => archive.mutate(w.id)}
                      >
                        <Button size="small" danger>
                          {t('permit.workers.archive')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={!!editing}
        title={editing === 'new' ? t('permit.workers.add') : t('permit.workers.edit')}
        onCancel={() => setEditing(null)}
        onOk={submit}
        confirmLoading={save.isPending}
        width={640}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('permit.workers.name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Space wrap>
            <Form.Item name="idNumber" label={t('permit.workers.idNumber')}>
              <Input style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="phone" label={t('permit.workers.phone')}>
              <Input style={{ width: 160 }} />
            </Form.Item>
          </Space>
          <Form.Item name="guardianTrained" valuePropName="checked">
            <Checkbox>{t('permit.workers.guardianTrained')}</Checkbox>
          </Form.Item>
          <Form.List name="certificates">
            {(fields, { add, remove }) => (
              <Form.Item label={t('permit.workers.certificates')}>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'type']} rules={[{ required: true }]}>
                      <Select
                        style={{ width: 180 }}
                        placeholder={t('permit.workers.certType')}
                        options={CERTIFICATE_TYPES.map((c) => ({ value: c.code, label: c.name }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'number']} rules={[{ required: true }]}>
                      <Input placeholder={t('permit.workers.certNumber')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'validUntil']} rules={[{ required: true }]}>
                      <DatePicker placeholder={t('permit.workers.validUntil')} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                  {t('permit.workers.addCert')}
                </Button>
              </Form.Item>
            )}
          </Form.List>
        </Form>
      </Modal>
    </Card>
  );
}
