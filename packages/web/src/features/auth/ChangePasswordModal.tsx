import { Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { passwordProblems } from '@zhiben/domain';
import { notifySuccess } from '../../api/feedback';
import { useChangePassword } from './auth.api';
import { useMe } from './session';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword(form);

  const submit = (v: Values) =>
    change.mutate(
      { currentPassword: v.currentPassword, newPassword: v.newPassword },
      {
        onSuccess: () => {
          notifySuccess(t('auth.passwordChanged'));
          form.resetFields();
          onClose();
        },
      },
    );

  return (
    <Modal
      open={open}
      title={t('auth.changePassword')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={change.isPending}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="currentPassword"
          label={t('auth.currentPassword')}
          rules={[{ required: true, message: t('auth.passwordRequired') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('auth.newPassword')}
          extra={<Typography.Text type="secondary">{t('auth.passwordHint')}</Typography.Text>}
          rules={[
            {
              validator: async (_r, value: string | undefined) => {
                const problems = passwordProblems(value ?? '', me.username);
                if (problems.length) throw new Error(problems.join('；'));
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('auth.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_r, value) => {
                if (value !== getFieldValue('newPassword')) throw new Error(t('auth.passwordMismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
