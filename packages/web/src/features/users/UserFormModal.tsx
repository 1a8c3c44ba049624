import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Form, Input, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  canManageUser,
  passwordProblems,
  phoneSchema,
  ROLES,
  roleOrgKind,
  type Actor,
  type Role,
} from '@zhiben/domain';
import { api } from '../../api/client';
import { notifySuccess } from '../../api/feedback';
import { useOrganizations } from '../../api/organizations';
import type { Enterprise, Me, Page, User } from '../../api/types';
import { useLabels } from '../../lib/labels';
import { emptyToUndefined, zodRule } from '../../lib/zod-form';
import { useMe } from '../auth/session';
import { useCreateUser, useUpdateUser, type UserCreate, type UserPatch } from './users.api';

interface Values {
  username?: string;
  displayName?: string;
  role?: Role;
  orgId?: string;
  enterpriseId?: string;
  phone?: string;
  password?: string;
}

const actorOf = (me: Me): Actor => ({
  userId: me.id,
  username: me.username,
  displayName: me.displayName,
  role: me.role as Role,
  orgId: me.orgId,
  regionCode: me.regionCode,
  enterpriseId: me.enterpriseId,
});

/** Roles the current user may hand out, by the same policy the server applies. */
function assignableRoles(me: Me): Role[] {
  const actor = actorOf(me);
  return ROLES.map((r) => r.code).filter((role) =>
    canManageUser(actor, { role, regionCode: me.regionCode, enterpriseId: me.enterpriseId ?? 'any' }),
  );
}

function EnterprisePicker({
  value,
  onChange,
  initialLabel,
}: {
  value?: string;
  onChange?: (v: string) => void;
  initialLabel?: string | null;
}) {
  const { t } = useTranslation();
  const [keyword, setKeyword] = useState('');
  const q = useQuery({
    queryKey: ['enterprises', 'pick', keyword],
    queryFn: () =>
      api.get<Page<Enterprise>>('/api/enterprises', { keyword: keyword || undefined, pageSize: 20 }),
    staleTime: 30_000,
  });
  const options = (q.data?.items ?? []).map((e) => ({
    value: e.id,
    label: `${e.name}（${e.districtName}）`,
  }));
  if (value && initialLabel && !options.some((o) => o.value === value))
    options.unshift({ value, label: initialLabel });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setKeyword }}
      value={value}
      onChange={onChange}
      options={options}
      loading={q.isFetching}
      placeholder={t('users.enterpriseSearch')}
    />
  );
}

export function UserFormModal({
  open,
  user,
  onClose,
}: {
  open: boolean;
  user: User | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const l = useLabels();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser(form);
  const update = useUpdateUser(form);
  const orgs = useOrganizations();
  const role = Form.useWatch('role', form);
  const username = Form.useWatch('username', form);
  const editing = !!user;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (user)
      form.setFieldsValue({
        username: user.username,
        displayName: user.displayName,
        role: user.role as Role,
        orgId: user.orgId ?? undefined,
        enterpriseId: user.enterpriseId ?? undefined,
        phone: user.phone ?? undefined,
      });
    else if (me.role === 'enterprise_principal' && me.enterpriseId)
      form.setFieldsValue({ enterpriseId: me.enterpriseId });
  }, [open, user, form, me]);

  const roles = useMemo(() => {
    const allowed = assignableRoles(me);
    if (user && !allowed.includes(user.role as Role)) allowed.push(user.role as Role);
    return allowed.map((r) => ({ value: r, label: l.role(r) }));
  }, [me, user, l]);

  const orgKind = role ? roleOrgKind(role) : 'none';
  const orgOptions = useMemo(() => {
    const inRegion = (regionCode: string) =>
      me.role === 'sysadmin' || me.regionCode === '150600' || regionCode === me.regionCode;
    return (orgs.data ?? [])
      .filter((o) => {
        if (!inRegion(o.regionCode)) return false;
        if (orgKind === 'city_office') return o.kind === 'office' && o.level === 'city';
        if (orgKind === 'district_office') return o.kind === 'office' && o.level === 'district';
        if (orgKind === 'department') return o.kind === 'department';
        return false;
      })
      .map((o) => ({ value: o.id, label: l.en ? o.nameEn : o.name }));
  }, [orgs.data, orgKind, me, l.en]);

  const required = (field: string) => ({ required: true, message: t('users.required', { field }) });

  const submit = (v: Values) => {
    const common = {
      displayName: v.displayName!.trim(),
      role: v.role!,
      orgId:
        orgKind === 'city_office' || orgKind === 'district_office' || orgKind === 'department'
          ? v.orgId
          : undefined,
      enterpriseId: orgKind === 'enterprise' ? v.enterpriseId : undefined,
      phone: v.phone?.trim() || undefined,
    };
    const done = (text: string) => () => {
      notifySuccess(text);
      onClose();
    };
    if (user) {
      const body: UserPatch = { ...common };
      if (v.password) body.password = v.password;
      update.mutate({ id: user.id, body }, { onSuccess: done(t('users.updated')) });
    } else {
      const body: UserCreate = { ...common, username: v.username!.trim(), password: v.password! };
      create.mutate(body, { onSuccess: done(t('users.created')) });
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? t('users.editTitle') : t('users.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="user-form">
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={
            editing
              ? []
              : [
                  required(t('users.username')),
                  { pattern: /^[A-Za-z0-9._-]{3,32}$/, message: t('users.usernameRule') },
                ]
          }
        >
          <Input disabled={editing} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[required(t('users.displayName')), { max: 50 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[required(t('users.role'))]}>
          <Select options={roles} />
        </Form.Item>
        {(orgKind === 'city_office' || orgKind === 'district_office' || orgKind === 'department') && (
          <Form.Item name="orgId" label={t('users.org')} rules={[required(t('users.org'))]}>
            <Select
              options={orgOptions}
              showSearch={{ optionFilterProp: 'label' }}
              loading={orgs.isPending}
            />
          </Form.Item>
        )}
        {orgKind === 'enterprise' && (
          <Form.Item
            name="enterpriseId"
            label={t('users.enterprise')}
            rules={[required(t('users.enterprise'))]}
          >
            <EnterprisePicker initialLabel={user?.enterpriseName ?? me.enterpriseName} />
          </Form.Item>
        )}
        <Form.Item
          name="phone"
          label={t('users.phone')}
          rules={[zodRule(phoneSchema.optional(), emptyToUndefined)]}
        >
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item
          name="password"
          label={editing ? t('users.resetPassword') : t('users.password')}
          extra={<Typography.Text type="secondary">{t('auth.passwordHint')}</Typography.Text>}
          dependencies={['username']}
          rules={[
            {
              validator: async (_r, value: string | undefined) => {
                if (editing && !value) return;
                const problems = passwordProblems(value ?? '', username ?? user?.username);
                if (problems.length) throw new Error(problems.join('；'));
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
