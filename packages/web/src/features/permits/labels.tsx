import './permits.css';
import { Alert, Space, Tag, Typography } from 'antd';
import { permitStateName, type PermitViolation } from '@zhiben/domain';
import { useTranslation } from 'react-i18next';

/** Status colours: the board's cards and tags share them. */
export const STATUS_COLORS: Record<string, string> = {
  draft: '#8c8c8c',
  measures_confirmed: '#597ef7',
  gas_analysed: '#2f54eb',
  approving: '#722ed1',
  issued: '#13c2c2',
  in_progress: '#52c41a',
  suspended: '#fa8c16',
  completed: '#1677ff',
  accepted: '#1677ff',
  closed: '#595959',
  cancelled: '#bfbfbf',
  expired: '#f5222d',
};

export function PermitStatusTag({ status }: { status: string }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="permit-status" data-status={status}>
      {permitStateName(status)}
    </Tag>
  );
}

/** The conspicuous grade mark Appendix B asks for. */
export function GradeMark({ name }: { name: string | null }) {
  if (!name) return null;
  return (
    <Tag color="red" style={{ fontWeight: 600 }}>
      {name}
    </Tag>
  );
}

/** Violations with their clause, or a green line when there are none. */
export function ViolationList({
  items,
  title,
  emptyText,
}: {
  items: PermitViolation[];
  title?: string;
  emptyText?: string;
}) {
  const { t } = useTranslation();
  if (!items.length)
    return (
      <Alert
        type="success"
        showIcon
        title={emptyText ?? t('permit.form.noViolation')}
        data-testid="violations-none"
      />
    );
  return (
    <Alert
      type="error"
      showIcon
      title={title ?? t('permit.detail.violations')}
      data-testid="violations"
      description={
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          {items.map((v, i) => (
            <div key={i} data-code={v.code} className="permit-violation">
              <Typography.Text>{v.message}</Typography.Text>{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                〔{v.clause}〕
              </Typography.Text>
            </div>
          ))}
        </Space>
      }
    />
  );
}
