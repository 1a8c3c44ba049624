import { Badge, Grid, Steps, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  CRITERIA_SECTORS,
  ESCALATION_RUNGS,
  HAZARD_ACTIONS,
  HAZARD_GRADES,
  HAZARD_SOURCES,
  HAZARD_STATES,
} from '@zhiben/domain';
import { fmtTime } from '../../lib/time';

interface Named {
  code: string;
  name: string;
  nameEn: string;
}

const finder = (list: readonly Named[]) => {
  const map = new Map(list.map((x) => [x.code, x]));
  return (code: string | null | undefined, en: boolean) => {
    if (!code) return '—';
    const x = map.get(code);
    return x ? (en ? x.nameEn : x.name) : code;
  };
};

const state = finder(HAZARD_STATES);
const grade = finder(HAZARD_GRADES);
const source = finder(HAZARD_SOURCES);
const action = finder(HAZARD_ACTIONS);
const rung = finder(ESCALATION_RUNGS);
const criteriaSector = finder(CRITERIA_SECTORS);

export const STATE_COLORS: Record<string, string> = {
  reported: 'gold',
  rectifying: 'processing',
  pending_acceptance: 'purple',
  closed: 'success',
  dismissed: 'default',
};
export const RUNG_COLORS: Record<string, string> = {
  letter: 'blue',
  circular: 'orange',
  interview: 'volcano',
  exposure: 'red',
};

/** Hazard reference names in the current language (the domain lists carry both). */
export function useHazardLabels() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  const options = (list: readonly Named[]) =>
    list.map((x) => ({ value: x.code, label: en ? x.nameEn : x.name }));
  return {
    en,
    state: (c: string | null | undefined) => state(c, en),
    grade: (c: string | null | undefined) => grade(c, en),
    source: (c: string | null | undefined) => source(c, en),
    action: (c: string | null | undefined) => action(c, en),
    rung: (c: string | null | undefined) => rung(c, en),
    criteriaSector: (c: string | null | undefined) => criteriaSector(c, en),
    stateOptions: options(HAZARD_STATES),
    gradeOptions: options(HAZARD_GRADES),
    sourceOptions: options(HAZARD_SOURCES),
    rungOptions: options(ESCALATION_RUNGS),
    criteriaSectorOptions: options(CRITERIA_SECTORS),
  };
}

export function GradeTag({ grade }: { grade: string }) {
  const l = useHazardLabels();
  return (
    <Tag color={grade === 'major' ? 'red' : 'blue'} data-testid="grade-tag">
      {l.grade(grade)}
    </Tag>
  );
}

export function StatusTag({ status }: { status: string }) {
  const l = useHazardLabels();
  return (
    <Tag color={STATE_COLORS[status]} data-testid="status-tag">
      {l.state(status)}
    </Tag>
  );
}

export function RungTag({ rung }: { rung: string }) {
  const l = useHazardLabels();
  return <Tag color={RUNG_COLORS[rung]}>{l.rung(rung)}</Tag>;
}

/** "逾期 N 天" in red, or nothing. */
export function OverdueBadge({ overdue, days }: { overdue: boolean; days: number }) {
  const { t } = useTranslation();
  if (!overdue) return null;
  return <Badge status="error" text={t('hazard.overdueDays', { count: days })} data-testid="overdue-badge" />;
}

/** Deadline in Beijing time, with the overdue badge under it. */
export function Deadline({
  deadline,
  overdue,
  days,
}: {
  deadline: string | null;
  overdue: boolean;
  days: number;
}) {
  const { t } = useTranslation();
  if (!deadline) return <span>—</span>;
  return (
    <span style={{ display: 'inline-flex', flexDirection: 'column' }}>
      <Tooltip title={t('hazard.beijingTime')}>
        <span style={overdue ? { color: '#cf1322' } : undefined}>{fmtTime(deadline)}</span>
      </Tooltip>
      <OverdueBadge overdue={overdue} days={days} />
    </span>
  );
}

/** Where the hazard is on its way: 待确认 → 整改中 → 待验收 → 已销号 (or 不予认定). */
export function StateFlow({ status }: { status: string }) {
  const l = useHazardLabels();
  const screens = Grid.useBreakpoint();
  const path =
    status === 'dismissed'
      ? ['reported', 'dismissed']
      : ['reported', 'rectifying', 'pending_acceptance', 'closed'];
  const current = path.indexOf(status);
  return (
    <Steps
      size="small"
      current={current}
      status={status === 'dismissed' ? 'error' : status === 'closed' ? 'finish' : 'process'}
      responsive={false}
      titlePlacement={screens.md ? undefined : 'vertical'}
      style={{ marginBottom: 16, maxWidth: 720 }}
      items={path.map((s) => ({ title: l.state(s) }))}
      data-testid="state-flow"
    />
  );
}
