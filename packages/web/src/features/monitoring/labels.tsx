import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AlarmStatus, Level } from './monitoring.api';

/** One colour per level, shared by tags, wall tiles and chart threshold lines. */
export const LEVEL_COLORS: Record<Level, string> = {
  normal: '#52c41a',
  high: '#fa8c16',
  high_high: '#f5222d',
  low: '#1677ff',
  low_low: '#722ed1',
  offline: '#8c8c8c',
};

const LEVEL_TAG: Record<Level, string> = {
  normal: 'green',
  high: 'orange',
  high_high: 'red',
  low: 'blue',
  low_low: 'purple',
  offline: 'default',
};

const STATUS_TAG: Record<AlarmStatus, string> = {
  active: 'red',
  acknowledged: 'gold',
  closed: 'default',
};

const TIER_TAG: Record<string, string> = { enterprise: 'blue', district: 'orange', city: 'red' };

export const ALARM_LEVEL_KEYS = ['high_high', 'high', 'low', 'low_low', 'offline'] as const;
export const ALARM_STATUS_KEYS = ['active', 'acknowledged', 'closed'] as const;
export const TIER_KEYS = ['enterprise', 'district', 'city'] as const;

export function LevelTag({ level }: { level: string }) {
  const { t } = useTranslation();
  const l = (level in LEVEL_TAG ? level : 'normal') as Level;
  return (
    <Tag color={LEVEL_TAG[l]} data-testid="level-tag">
      {t(`monitor.level.${l}`)}
    </Tag>
  );
}

export function AlarmStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  const s = (status in STATUS_TAG ? status : 'closed') as AlarmStatus;
  return <Tag color={STATUS_TAG[s]}>{t(`monitor.status.${s}`)}</Tag>;
}

export function TierTag({ tier }: { tier: string | null }) {
  const { t } = useTranslation();
  if (!tier || !(tier in TIER_TAG)) return <>—</>;
  return <Tag color={TIER_TAG[tier]}>{t(`monitor.tier.${tier as (typeof TIER_KEYS)[number]}`)}</Tag>;
}

/**
 * A unit as shown: the one-character degree signs (℃ U+2103, ℉ U+2109) as °C / °F, which every font
 * draws (some CJK fonts common on Linux desktops, e.g. WenQuanYi Micro Hei, draw ℃ as a blank).
 */
export function displayUnit(unit: string | null | undefined): string {
  return (unit ?? '').replace(/\u2103/g, '°C').replace(/\u2109/g, '°F');
}

/** A reading with its unit, trimmed to a sensible precision. */
export function fmtValue(v: number | null | undefined, unit?: string | null): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const s = Math.abs(v) >= 1000 ? v.toFixed(0) : Number(v.toPrecision(4)).toString();
  return unit ? `${s} ${displayUnit(unit)}` : s;
}
