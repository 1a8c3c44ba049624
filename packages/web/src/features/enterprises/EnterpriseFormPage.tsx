import { useMemo } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Button, Card, Form, Result, Space, Spin, Typography } from 'antd';
import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ENTERPRISE_ROLES, enterpriseCreateSchema, type Role } from '@zhiben/domain';
import { notifySuccess } from '../../api/feedback';
import { applyZodIssues } from '../../lib/zod-form';
import { useMe } from '../auth/session';
import { EnterpriseForm } from './EnterpriseForm';
import {
  EMPTY_FORM,
  fromEnterprise,
  toCreateInput,
  toPatch,
  type EnterpriseFormValues,
} from './enterprise-form-model';
import { useCreateEnterprise, useEnterprise, useUpdateEnterprise } from './enterprises.api';

export default function EnterpriseFormPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const [form] = Form.useForm<EnterpriseFormValues>();
  const existing = useEnterprise(id);
  const create = useCreateEnterprise(form);
  const update = useUpdateEnterprise(id ?? '', form);
  const initial = useMemo(
    () => (existing.data ? fromEnterprise(existing.data) : EMPTY_FORM),
    [existing.data],
  );
  const enterpriseUser = ENTERPRISE_ROLES.includes(me.role as Role);

  if (id && existing.isPending) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (id && !existing.data) return <Result status="404" title="404" subTitle={t('enterprise.notFound')} />;

  const submit = (values: EnterpriseFormValues) => {
    const parsed = enterpriseCreateSchema.safeParse(toCreateInput(values));
    if (!parsed.success) {
      applyZodIssues(form, parsed.error.issues);
      return;
    }
    if (existing.data) {
      const patch = toPatch(parsed.data, values.deptMode, existing.data);
      update.mutate(patch, {
        onSuccess: (e) => {
          notifySuccess(t('enterprise.updated'));
          navigate(`/enterprises/${e?.id ?? id}`);
        },
      });
    } else {
      create.mutate(parsed.data, {
        onSuccess: (e) => {
          notifySuccess(t('enterprise.created'));
          navigate(e?.id ? `/enterprises/${e.id}` : '/enterprises');
        },
      });
    }
  };

  return (
    <Card>
      <div className="page-header">
        <Space>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
          <Typography.Title level={4}>
            {existing.data
              ? `${t('enterprise.editTitle')} · ${existing.data.name}`
              : t('enterprise.newTitle')}
          </Typography.Title>
        </Space>
      </div>
      <EnterpriseForm
        key={existing.data?.version ?? 'new'}
        form={form}
        initialValues={initial}
        onFinish={submit}
        overridden={existing.data?.departmentsOverridden}
        regulatorFieldsLocked={enterpriseUser}
      />
      <Space style={{ marginTop: 16 }}>
        <Button
          type="primary"
          icon={<SaveOutlined />}
          loading={create.isPending || update.isPending}
          onClick={() => form.submit()}
          data-testid="enterprise-save"
        >
          {t('common.save')}
        </Button>
        <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
      </Space>
    </Card>
  );
}
