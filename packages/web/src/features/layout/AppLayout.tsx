import { Suspense, useState, type ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { Avatar, Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Tag, Typography } from 'antd';
import {
  AlertOutlined,
  ApiOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  DashboardOutlined,
  OrderedListOutlined,
  PlusCircleOutlined,
  WarningOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  MenuUnfoldOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Permission } from '@zhiben/domain';
import { notifySuccess } from '../../api/feedback';
import { useLogout } from '../auth/auth.api';
import { ChangePasswordModal } from '../auth/ChangePasswordModal';
import { FullPageSpin, useCan, useMe } from '../auth/session';
import { useLabels } from '../../lib/labels';
import { LangSwitch } from './LangSwitch';
import { NotificationBell } from '../notifications/NotificationBell';
import { canReport, canSupervise } from '../hazards/roles';
import { useReportNav } from '../reports/nav';
import { usePermitNav } from '../permits/nav';
import { useMonitorNav } from '../monitoring/nav';
import type { Me } from '../../api/types';

const { Header, Sider, Content } = Layout;

interface NavItem {
  key: string;
  icon: ReactNode;
  label: string;
  permission?: Permission;
  /** Role-gated features (the hazard workflow has no permission keys). */
  show?: (me: Me) => boolean;
  children?: NavItem[];
}

function useNavItems(): NavItem[] {
  const { t } = useTranslation();
  const can = useCan();
  const me = useMe();
  const reportNav = useReportNav();
  const permitNav = usePermitNav();
  const monitorNav = useMonitorNav();
  const all: NavItem[] = [
    { key: '/', icon: <DashboardOutlined />, label: t('nav.overview') },
    {
      key: 'hazards-group',
      icon: <WarningOutlined />,
      label: t('nav.hazards'),
      children: [
        { key: '/hazards', icon: <OrderedListOutlined />, label: t('nav.hazardList') },
        {
          key: '/hazards/new',
          icon: <PlusCircleOutlined />,
          label: t('nav.hazardReport'),
          show: (m) => canReport(m.role),
        },
      ],
    },
    {
      key: '/supervision',
      icon: <AlertOutlined />,
      label: t('nav.supervision'),
      show: (m) => canSupervise(m.role),
    },
    ...reportNav,
    ...permitNav,
    ...monitorNav,
    { key: '/dashboard', icon: <BarChartOutlined />, label: t('nav.dashboard') },
    { key: '/criteria', icon: <BookOutlined />, label: t('nav.criteria') },
    {
      key: '/enterprises',
      icon: <ShopOutlined />,
      label: t('nav.enterprises'),
      permission: 'enterprises:read',
    },
    { key: '/users', icon: <TeamOutlined />, label: t('nav.users'), permission: 'users:read' },
    { key: '/tokens', icon: <ApiOutlined />, label: t('nav.tokens'), permission: 'tokens:manage' },
    { key: '/audit', icon: <AuditOutlined />, label: t('nav.audit'), permission: 'audit:read' },
  ];
  const visible = (i: NavItem) => (!i.permission || can(i.permission)) && (!i.show || i.show(me));
  return all.filter(visible).map((i) => (i.children ? { ...i, children: i.children.filter(visible) } : i));
}

const leafKeys = (items: NavItem[]): string[] =>
  items.flatMap((i) => (i.children ? leafKeys(i.children) : [i.key]));

function Brand({ collapsed }: { collapsed: boolean }) {
  const { t } = useTranslation();
  return (
    <Link to="/" className="brand">
      <SafetyCertificateOutlined className="brand-logo" />
      {!collapsed && (
        <span className="brand-text">
          <span className="brand-name">{t('common.appName')}</span>
          <span className="brand-sub">{t('common.appFullName')}</span>
        </span>
      )}
    </Link>
  );
}

export default function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const labels = useLabels();
  const screens = Grid.useBreakpoint();
  const mobile = !screens.md;
  const [collapsed, setCollapsed] = useState(false);
  const [drawer, setDrawer] = useState(false);
  const [pwOpen, setPwOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const items = useNavItems();

  // Pages without a menu entry of their own light up the entry they are reached from.
  const path = location.pathname.startsWith('/monitoring/points/') ? '/monitoring/wall' : location.pathname;
  const selected =
    leafKeys(items)
      .filter((k) => k !== '/hazards' || !path.startsWith('/hazards/new'))
      .filter((k) => (k === '/' ? path === '/' : path.startsWith(k)))
      .sort((a, b) => b.length - a.length)[0] ?? '/';

  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={[selected]}
      defaultOpenKeys={['hazards-group', 'reports-group', 'permits-group', 'monitor-group']}
      items={items.map(({ key, icon, label, children }) => ({
        key,
        icon,
        label,
        children: children?.map((c) => ({ key: c.key, icon: c.icon, label: c.label })),
      }))}
      onClick={({ key }) => {
        setDrawer(false);
        navigate(key);
      }}
      data-testid="side-menu"
    />
  );

  const orgName = me.enterpriseName ?? me.orgName;
  const roleLabel = labels.role(me.role, me.roleName);
  const doLogout = () =>
    logout.mutate(undefined, {
      onSettled: () => {
        notifySuccess(t('auth.loggedOut'));
        navigate('/login', { replace: true });
      },
    });

  return (
    <Layout className="app-layout">
      {!mobile && (
        <Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          trigger={null}
          width={232}
          breakpoint="lg"
          onBreakpoint={(broken) => setCollapsed(broken)}
          className="app-sider"
        >
          <Brand collapsed={collapsed} />
          {menu}
        </Sider>
      )}
      {mobile && (
        <Drawer
          placement="left"
          open={drawer}
          onClose={() => setDrawer(false)}
          size={240}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' } }}
        >
          <Brand collapsed={false} />
          {menu}
        </Drawer>
      )}
      <Layout>
        <Header className="app-header">
          <Space size={4}>
            <Button
              type="text"
              aria-label={t('common.menu')}
              icon={mobile ? <MenuOutlined /> : collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => (mobile ? setDrawer(true) : setCollapsed(!collapsed))}
              data-testid="menu-toggle"
            />
            {mobile && <Typography.Text strong>{t('common.appName')}</Typography.Text>}
          </Space>
          <Space size={mobile ? 0 : 8} className="app-header-right">
            <NotificationBell />
            <LangSwitch compact={mobile} />
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  {
                    key: 'who',
                    disabled: true,
                    label: (
                      <div className="user-card">
                        <div>
                          <b>{me.displayName}</b>{' '}
                          <Typography.Text type="secondary">({me.username})</Typography.Text>
                        </div>
                        <div>
                          {t('auth.role')}：{roleLabel}
                        </div>
                        {orgName && (
                          <div>
                            {t('auth.organization')}：{orgName}
                          </div>
                        )}
                      </div>
                    ),
                  },
                  { type: 'divider' },
                  { key: 'password', icon: <KeyOutlined />, label: t('auth.changePassword') },
                  { key: 'logout', icon: <LogoutOutlined />, label: t('auth.logout'), danger: true },
                ],
                onClick: ({ key }) =>
                  key === 'password' ? setPwOpen(true) : key === 'logout' ? doLogout() : undefined,
              }}
            >
              <Button type="text" className="user-button" data-testid="user-menu">
                <Avatar size="small" icon={<UserOutlined />} />
                {!mobile && (
                  <span className="user-meta">
                    <span data-testid="user-name">{me.displayName}</span>
                    <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                      {roleLabel}
                    </Tag>
                    {screens.lg && orgName && <Typography.Text type="secondary">{orgName}</Typography.Text>}
                  </span>
                )}
              </Button>
            </Dropdown>
          </Space>
        </Header>
        <Content className="app-content">
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
      <ChangePasswordModal open={pwOpen} onClose={() => setPwOpen(false)} />
    </Layout>
  );
}
