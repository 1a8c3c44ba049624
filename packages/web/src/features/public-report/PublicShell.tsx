import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import { Button, Space, Typography } from 'antd';
import { LoginOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LangSwitch } from '../layout/LangSwitch';
import './public-report.css';

/** The frame of the public reporting pages: title, language, sign-in, and the three public links. */
export function PublicShell({
  title,
  children,
  nav = true,
}: {
  title: string;
  children: ReactNode;
  nav?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="public-page">
      <header className="public-header report-header no-print">
        <Space align="center">
          <SafetyCertificateOutlined style={{ fontSize: 26 }} />
          <div>
            <Typography.Title level={3} style={{ color: '#fff', margin: 0 }}>
              {title}
            </Typography.Title>
            <Typography.Text style={{ color: 'rgba(255,255,255,.85)', fontSize: 12 }}>
              {t('common.appFullName')}
            </Typography.Text>
          </div>
        </Space>
        <Space size={4}>
          <LangSwitch compact />
          <Link to="/login">
            <Button ghost size="small" icon={<LoginOutlined />}>
              {t('report.toLogin')}
            </Button>
          </Link>
        </Space>
      </header>
      {nav && (
        <nav className="report-nav no-print" data-testid="report-nav">
          <NavLink to="/public/report" end>
            {t('report.linkReport')}
          </NavLink>
          <NavLink to="/public/report/status">{t('report.linkStatus')}</NavLink>
          <NavLink to="/public/reward-calculator">{t('report.linkCalculator')}</NavLink>
          <NavLink to="/public/exposures">{t('exposure.title')}</NavLink>
        </nav>
      )}
      <main className="report-main">{children}</main>
    </div>
  );
}
