import { useMemo } from 'react';
import { Link } from 'react-router';
import { Badge, Card, Col, Empty, Row, Space, Spin, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fmtTime } from '../../lib/time';
import { fetchEnterprises } from '../enterprises/enterprises.api';
import { useMe } from '../auth/session';
import { fmtValue, LEVEL_COLORS } from './labels';
import { useAlarmStream, usePoints, type Level, type MonitoringPoint } from './monitoring.api';

const SEVERITY: Record<Level, number> = { high_high: 5, low_low: 4, high: 3, low: 2, offline: 1, normal: 0 };

function PointTile({ p }: { p: MonitoringPoint }) {
  const { t } = useTranslation();
  const color = LEVEL_COLORS[p.level] ?? LEVEL_COLORS.normal;
  return (
    <Link to={`/monitoring/points/${p.id}`} data-testid="wall-tile">
      <div
        className="monitor-tile"
        style={{
          border: `1px solid ${color}`,
          borderLeft: `6px solid ${color}`,
          borderRadius: 8,
          padding: '8px 10px',
          background: p.level === 'normal' ? '#fff' : `${color}14`,
          minHeight: 88,
        }}
      >
        <Space size={4} style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Text strong ellipsis style={{ maxWidth: 110 }}>
            {p.tag}
          </Typography.Text>
          {p.level !== 'normal' && (
            <Tag color={color} style={{ marginInlineEnd: 0 }}>
              {t(`monitor.level.${p.level}`)}
            </Tag>
          )}
        </Space>
        <div style={{ fontSize: 22, fontWeight: 600, color: p.level === 'normal' ? undefined : color }}>
          {p.lastValue === null ? (
            <Typography.Text type="secondary" style={{ fontSize: 14 }}>
              {t('monitor.wall.noData')}
            </Typography.Text>
          ) : (
            fmtValue(p.lastValue, p.unit)
          )}
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(`monitor.kind.${p.kind as 'other'}`, { defaultValue: p.kind })}
          {p.lastTs ? ` · ${fmtTime(p.lastTs, 'HH:mm:ss')}` : ''}
        </Typography.Text>
      </div>
    </Link>
  );
}

export default function MonitorWallPage() {
  const { t } = useTranslation();
  const me = useMe();
  const live = useAlarmStream();
  const points = usePoints(undefined, live);
  const names = useQuery({
    queryKey: ['enterprises', 'wall-names'],
    enabled: !me.enterpriseId,
    queryFn: () => fetchEnterprises({ page: 1, pageSize: 200 }),
    staleTime: 300_000,
    meta: { silent: true },
  });
  const nameOf = useMemo(() => {
    const m = new Map((names.data?.items ?? []).map((e) => [e.id, e.name]));
    return (id: string) => (id === me.enterpriseId ? me.enterpriseName : m.get(id)) ?? id.slice(0, 8);
  }, [names.data, me.enterpriseId, me.enterpriseName]);

  const groups = useMemo(() => {
    const by = new Map<string, MonitoringPoint[]>();
    for (const p of points.data?.items ?? []) by.set(p.enterpriseId, [...(by.get(p.enterpriseId) ?? []), p]);
    return [...by.entries()]
      .map(([id, ps]) => ({
        id,
        points: ps.sort((a, b) => SEVERITY[b.level] - SEVERITY[a.level] || a.tag.localeCompare(b.tag)),
        alarming: ps.filter((p) => p.level !== 'normal').length,
      }))
      .sort((a, b) => b.alarming - a.alarming);
  }, [points.data]);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <div className="page-header">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('monitor.wall.title')}
        </Typography.Title>
        <Badge
          status={live ? 'processing' : 'default'}
          text={live ? t('monitor.alarms.live') : t('monitor.alarms.offline')}
        />
      </div>
      {points.isLoading ? (
        <Spin />
      ) : groups.length === 0 ? (
        <Card>
          <Empty description={t('monitor.wall.empty')} />
        </Card>
      ) : (
        groups.map((g) => (
          <Card
            key={g.id}
            size="small"
            data-testid="wall-enterprise"
            title={
              <Space wrap>
                <span>{nameOf(g.id)}</span>
                <Typography.Text type="secondary">
                  {t('monitor.wall.points', { count: g.points.length })}
                </Typography.Text>
                {g.alarming > 0 && <Tag color="red">{t('monitor.wall.alarming', { count: g.alarming })}</Tag>}
              </Space>
            }
          >
            <Row gutter={[8, 8]}>
              {g.points.map((p) => (
                <Col key={p.id} xs={12} sm={8} md={6} lg={4}>
                  <PointTile p={p} />
                </Col>
              ))}
            </Row>
          </Card>
        ))
      )}
    </Space>
  );
}
