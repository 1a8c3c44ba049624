import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { LangSwitch } from '../layout/LangSwitch';
import { useHealth, useLogin } from './auth.api';

interface LoginForm {
  username: string;
  password: string;
}

/** Only paths inside the app, so ?next= cannot send users elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const login = useLogin();
  const health = useHealth();
  // The server says whether demo accounts exist; without that flag only the Vite dev server shows them.
  const showDemo = health.data?.demo ?? (import.meta.env.DEV && !!health.data);
  const error =
    login.error instanceof ApiError ? login.error : login.error ? new ApiError({ status: 0 }) : null;

  const onFinish = (v: LoginForm) =>
    login.mutate(v, { onSuccess: () => navigate(safeNext(params.get('next')), { replace: true }) });

  return (
    <div className="login-page">
      <div className="login-lang">
        <LangSwitch />
      </div>
      <div className="login-brand">
        <SafetyCertificateOutlined className="login-logo" />
        <Typography.Title level={1} className="login-title">
          {t('common.appName')}
        </Typography.Title>
        <Typography.Text className="login-subtitle">{t('common.appFullName')}</Typography.Text>
      </div>
      <Card className="login-card" title={t('auth.title')}>
        {error && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={error.problem.detail || error.problem.title || t('errors.unknown')}
            data-testid="login-error"
          />
        )}
        <Form<LoginForm> layout="vertical" onFinish={onFinish} requiredMark={false} size="large">
          <Form.Item
            name="username"
            label={t('auth.username')}
            rules={[{ required: true, message: t('auth.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('auth.password')}
            rules={[{ required: true, message: t('auth.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('auth.submit')}
          </Button>
        </Form>
        {showDemo && (
          <Alert type="info" style={{ marginTop: 16 }} title={t('auth.demoHint')} data-testid="demo-hint" />
        )}
      </Card>
      <Link to="/public/exposures" className="login-exposure-link" data-testid="exposure-link">
        {t('auth.exposureLink')}
      </Link>
      <Link to="/public/report" className="login-exposure-link" data-testid="public-report-link">
        {t('report.loginLinks')}
      </Link>
      <Typography.Text type="secondary" className="login-footer">
        {t('auth.footer')}
      </Typography.Text>
    </div>
  );
}
