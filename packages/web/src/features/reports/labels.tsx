import { Badge, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ACCIDENT_GRADES, REPORT_CATEGORIES, REPORT_CHANNELS, REPORT_STATES } from '@zhiben/domain';

// The domain lists carry Chinese names (categories also English); English names for the rest here.
const STATE_EN: Record<string, string> = {
  received: 'Received',
  not_accepted: 'Not accepted',
  verifying: 'Verifying',
  verified_true: 'Confirmed',
  verified_false: 'Not confirmed',
  reward_pending: 'Reward pending',
  reward_approved: 'Reward approved',
  reward_paid: 'Reward paid',
  closed: 'Closed',
};
const CHANNEL_EN: Record<string, string> = {
  web: 'Online',
  hotline: '12350 hotline',
  letter: 'Letter',
  email: 'E-mail',
  visit: 'Visit',
};
const GRADE_EN: Record<string, string> = {
  general: 'General accident',
  larger: 'Larger accident',
  major: 'Major accident',
  especially_major: 'Especially major accident',
};

export const REPORT_STATE_COLORS: Record<string, string> = {
  received: 'gold',
  not_accepted: 'default',
  verifying: 'processing',
  verified_true: 'red',
  verified_false: 'default',
  reward_pending: 'purple',
  reward_approved: 'cyan',
  reward_paid: 'green',
  closed: 'success',
};

export const CATEGORY_COLORS: Record<string, string> = {
  major_hazard: 'red',
  illegal_operation: 'volcano',
  concealed_accident: 'magenta',
  other: 'default',
};

interface Item {
  code: string;
  name: string;
}

/** Report reference names in the current language. */
export function useReportLabels() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  const named = (list: readonly Item[], english: (c: string) => string | undefined) => {
    const map = new Map(list.map((x) => [x.code, x.name]));
    return (c: string | null | undefined) => {
      if (!c) return '—';
      return (en ? english(c) : undefined) ?? map.get(c) ?? c;
    };
  };
  const category = named(REPORT_CATEGORIES, (c) => REPORT_CATEGORIES.find((x) => x.code === c)?.nameEn);
  const state = named(REPORT_STATES, (c) => STATE_EN[c]);
  const channel = named(REPORT_CHANNELS, (c) => CHANNEL_EN[c]);
  const accidentGrade = named(ACCIDENT_GRADES, (c) => GRADE_EN[c]);
  const opts = (list: readonly Item[], label: (c: string) => string) =>
    list.map((x) => ({ value: x.code, label: label(x.code) }));
  return {
    en,
    category,
    state,
    channel,
    accidentGrade,
    categoryOptions: opts(REPORT_CATEGORIES, category),
    stateOptions: opts(REPORT_STATES, state),
    channelOptions: opts(REPORT_CHANNELS, channel),
    accidentGradeOptions: opts(ACCIDENT_GRADES, accidentGrade),
  };
}

export function ReportStatusTag({ status }: { status: string }) {
  const l = useReportLabels();
  return (
    <Tag color={REPORT_STATE_COLORS[status]} data-testid="report-status">
      {l.state(status)}
    </Tag>
  );
}

export function CategoryTag({ category }: { category: string }) {
  const l = useReportLabels();
  return <Tag color={CATEGORY_COLORS[category]}>{l.category(category)}</Tag>;
}

/** Red badges for a verification past its due date and an answer owed to the reporter past 10 days. */
export function OverdueBadges({
  r,
}: {
  r: { verifyOverdue: boolean; feedbackDueAt: string | null; feedbackAt: string | null };
}) {
  const { t } = useTranslation();
  const feedbackLate = !!r.feedbackDueAt && !r.feedbackAt && new Date(r.feedbackDueAt).getTime() < Date.now();
  return (
    <>
      {r.verifyOverdue && (
        <Badge status="error" text={t('report.verifyOverdue')} data-testid="verify-overdue" />
      )}
      {feedbackLate && (
        <Badge status="warning" text={t('report.feedbackOverdue')} data-testid="feedback-overdue" />
      )}
    </>
  );
}

export const yuan = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : `¥${Number(n).toLocaleString('zh-CN')}`;
