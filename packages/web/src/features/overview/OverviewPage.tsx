import { Link } from 'react-router';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, List, Progress, Row, Skeleton, Statistic, Typography } from 'antd';
import { ShopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { DISTRICTS, ENTERPRISE_STATUSES, isDistrictCode } from '@zhiben/domain';
import { STATUS_COLORS, useLabels } from '../../lib/labels';
import { useCan, useMe } from '../auth/session';
import { fetchEnterprises, type ListParams } from '../enterprises/enterprises.api';

const BAR_COLORS: Record<string, string> = { green: '#52c41a', orange: '#fa8c16', default: '#8c8c8c' };

// Counts come from list totals with pageSize=1: cheap, and always within the user's scope.
const countQuery = (p: ListParams) => ({
  queryKey: ['enterprises', 'count', p],
  queryFn: async () => (await fetchEnterprises({ ...p, page: 1, pageSize: 1 })).total,
  staleTime: 60_000,
});

function Breakdown({
  title,
  rows,
  total,
}: {
  title: string;
  rows: { key: string; label: string; count: number | undefined; to: string; color?: string }[];
  total: number;
}) {
  return (
    <Card title={title} size="small">
      <List
        className="stat-list"
        dataSource={rows}
        renderItem={(r) => (
          <List.Item>
            <div style={{ width: '100%' }}>
              <div style={{ display: 'flex', justifyContent: 'space-between' }}>
                <Link to={r.to}>{r.label}</Link>
                <b data-testid={`count-${r.key}`}>{r.count ?? '…'}</b>
              </div>
              <Progress
                percent={total && r.count !== undefined ? Math.round((r.count / total) * 100) : 0}
                showInfo={false}
                size="small"
                strokeColor={r.color}
              />
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}

function Counts() {
  const { t } = useTranslation();
  const l = useLabels();
  const me = useMe();
  const districts =
    me.regionCode && isDistrictCode(me.regionCode)
      ? DISTRICTS.filter((d) => d.code === me.regionCode)
      : DISTRICTS;
  const total = useQuery(countQuery({}));
  const byDistrict = useQueries({ queries: districts.map((d) => countQuery({ district: d.code })) });
  const byStatus = useQueries({ queries: ENTERPRISE_STATUSES.map((s) => countQuery({ status: s.code })) });
  const scope =
    me.enterpriseName ??
    (me.regionCode && isDistrictCode(me.regionCode) ? l.district(me.regionCode) : t('overview.scopeAll'));

  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} lg={8}>
        <Card>
          {total.isPending ? (
            <Skeleton active paragraph={{ rows: 1 }} />
          ) : (
            <Statistic
              title={t('overview.total')}
              value={total.data ?? 0}
              prefix={<ShopOutlined />}
              valueStyle={{ color: '#1f4e9c' }}
            />
          )}
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('overview.scope', { scope })}
          </Typography.Paragraph>
          <Link to="/enterprises">
            <Button type="primary">{t('overview.goEnterprises')}</Button>
          </Link>
        </Card>
      </Col>
      <Col xs={24} md={12} lg={8}>
        <Breakdown
          title={t('overview.byDistrict')}
          total={total.data ?? 0}
          rows={districts.map((d, i) => ({
            key: d.code,
            label: l.district(d.code),
            count: byDistrict[i]?.data,
            to: `/enterprises?district=${d.code}`,
          }))}
        />
      </Col>
      <Col xs={24} md={12} lg={8}>
        <Breakdown
          title={t('overview.byStatus')}
          total={total.data ?? 0}
          rows={ENTERPRISE_STATUSES.map((s, i) => ({
            key: s.code,
            label: l.status(s.code),
            count: byStatus[i]?.data,
            to: `/enterprises?status=${s.code}`,
            color: BAR_COLORS[STATUS_COLORS[s.code] ?? 'default'],
          }))}
        />
      </Col>
    </Row>
  );
}

export default function OverviewPage() {
  const { t } = useTranslation();
  const me = useMe();
  const can = useCan();
  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('overview.welcome', { name: me.displayName })}
      </Typography.Title>
      {can('enterprises:read') ? <Counts /> : null}
    </div>
  );
}
