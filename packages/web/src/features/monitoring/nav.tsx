import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AlertOutlined,
  ApiOutlined,
  CalculatorOutlined,
  FundProjectionScreenOutlined,
  MonitorOutlined,
  PieChartOutlined,
  ThunderboltOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { Me } from '../../api/types';
import { canConfigureMonitoring } from './roles';
import { isRegulatorRole } from './coverage.api';

interface MonitorNavItem {
  key: string;
  icon: ReactNode;
  label: string;
  show?: (me: Me) => boolean;
  children?: MonitorNavItem[];
}

/** Menu entries of the monitoring module (监测预警), merged into the side menu by AppLayout. */
export function useMonitorNav(): MonitorNavItem[] {
  const { t } = useTranslation();
  return [
    {
      key: 'monitor-group',
      icon: <MonitorOutlined />,
      label: t('monitor.nav.group'),
      children: [
        { key: '/monitoring/alarms', icon: <AlertOutlined />, label: t('monitor.nav.alarms') },
        { key: '/monitoring/wall', icon: <FundProjectionScreenOutlined />, label: t('monitor.nav.wall') },
        {
          key: '/monitoring/config',
          icon: <ApiOutlined />,
          label: t('monitor.nav.config'),
          show: canConfigureMonitoring,
        },
        { key: '/monitoring/major-hazard', icon: <CalculatorOutlined />, label: t('monitor.nav.calculator') },
        {
          key: '/monitoring/power',
          icon: <ThunderboltOutlined />,
          label: t('monitor.nav.power'),
          show: (me) => me.role !== 'expert',
        },
        {
          key: '/monitoring/coverage',
          icon: <PieChartOutlined />,
          label: t('monitor.nav.coverage'),
          show: (me) => isRegulatorRole(me.role),
        },
        {
          key: '/monitoring/alarm-quality',
          icon: <TrophyOutlined />,
          label: t('monitor.nav.quality'),
          show: (me) => isRegulatorRole(me.role),
        },
      ],
    },
  ];
}
