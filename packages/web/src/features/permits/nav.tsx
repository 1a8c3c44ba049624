import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AppstoreOutlined,
  BarChartOutlined,
  FileProtectOutlined,
  InboxOutlined,
  IdcardOutlined,
} from '@ant-design/icons';
import type { Me } from '../../api/types';
import { isEnterpriseRole } from '../hazards/roles';

interface PermitNavItem {
  key: string;
  icon: ReactNode;
  label: string;
  show?: (me: Me) => boolean;
  children?: PermitNavItem[];
}

/** Enterprise users and regulators; experts have no permit work. */
export const canSeePermits = (role: string) => role !== 'expert';

/** Menu entries of the permits module (作业票), merged into the side menu by AppLayout. */
export function usePermitNav(): PermitNavItem[] {
  const { t } = useTranslation();
  return [
    {
      key: 'permits-group',
      icon: <FileProtectOutlined />,
      label: t('permit.nav.group'),
      show: (m) => canSeePermits(m.role),
      children: [
        { key: '/permits', icon: <AppstoreOutlined />, label: t('permit.nav.board') },
        {
          key: '/permits/inbox',
          icon: <InboxOutlined />,
          label: t('permit.nav.inbox'),
          show: (m) => isEnterpriseRole(m.role),
        },
        { key: '/permits/workers', icon: <IdcardOutlined />, label: t('permit.nav.workers') },
        { key: '/permits/stats', icon: <BarChartOutlined />, label: t('permit.nav.stats') },
      ],
    },
  ];
}
