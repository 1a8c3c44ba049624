import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BarChartOutlined,
  FormOutlined,
  InboxOutlined,
  NotificationOutlined,
  QrcodeOutlined,
} from '@ant-design/icons';
import type { Me } from '../../api/types';
import { canHandleReports, canManageInternal } from './roles';

interface ReportNavItem {
  key: string;
  icon: ReactNode;
  label: string;
  show?: (me: Me) => boolean;
  children?: ReportNavItem[];
}

/** Menu entries of the reporting module, merged into the side menu by AppLayout. */
export function useReportNav(): ReportNavItem[] {
  const { t } = useTranslation();
  return [
    {
      key: 'reports-group',
      icon: <NotificationOutlined />,
      label: t('report.nav.group'),
      show: (m) => canHandleReports(m.role),
      children: [
        { key: '/reports', icon: <InboxOutlined />, label: t('report.nav.inbox') },
        { key: '/reports/new', icon: <FormOutlined />, label: t('report.nav.register') },
        { key: '/reports/stats', icon: <BarChartOutlined />, label: t('report.nav.stats') },
      ],
    },
    {
      key: '/internal-reports',
      icon: <QrcodeOutlined />,
      label: t('report.nav.internal'),
      show: (m) => canManageInternal(m.role) && !!m.enterpriseId,
    },
  ];
}
