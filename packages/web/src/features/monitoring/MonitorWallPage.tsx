import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Badge, Card, Col, Empty, Row, Space, Spin, Switch, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fmtTime } from '../../lib/time';
import { fmtValue, LEVEL_COLORS } from './labels';
import { useAlarmStream, usePoints, type Level, type MonitoringPoint } from './monitoring.api';

const SEVERITY: Record<Level, number> = { high_high: 5, low_low: 4, high: 3, low: 2, offline: 1, normal: 0 };

/** Time of the last reading; with the date when it is not from today (Beijing time). */
const lastSeen = (ts: string) =>
  fmtTime(ts, 'YYYY-MM-DD') === fmtTime(new Date().toISOString(), 'YYYY-MM-DD')
    ? fmtTime(ts, 'HH:mm:ss')
    : fmtTime(ts, 'MM-DD HH:mm');

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
          {p.lastTs ? ` · ${lastSeen(p.lastTs)}` : ''}
        </Typography.Text>
      </div>
    </Link>
  );
}

export default function MonitorWallPage() {
  const { t } = useTranslation();
  const [sp, setSp] = useSearchParams();
  const onlyAbnormal = sp.get('abnormal') === '1';
  const live = useAlarmStream();
  const points = usePoints(undefined, live);

  const all = useMemo(() => points.data?.items ?? [], [points.data]);
  const counts = useMemo(
    () => ({
      points: all.length,
      alarming: all.filter((p) => p.level !== 'normal' && p.level !== 'offline').length,
      offline: all.filter((p) => p.level === 'offline').length,
    }),
    [all],
  );
  const groups = useMemo(() => {
    const by = new Map<string, MonitoringPoint[]>();
    for (const p of all) by.set(p.enterpriseId, [...(by.get(p.enterpriseId) ?? []), p]);
    return [...by.entries()]
      .map(([id, ps]) => {
        const abnormal = ps.filter((p) => p.level !== 'normal');
        return {
          id,
          name: ps[0]?.enterpriseName ?? '',
          total: ps.length,
          points: (onlyAbnormal ? abnormal : ps).sort(
            (a, b) => SEVERITY[b.level] - SEVERITY[a.level] || a.tag.localeCompare(b.tag),
          ),
          alarming: abnormal.length,
          worst: Math.max(0, ...abnormal.map((p) => SEVERITY[p.level])),
        };
      })
      .filter((g) => g.points.length > 0)
      .sort((a, b) => b.worst - a.worst || b.alarming - a.alarming || a.name.localeCompare(b.name, 'zh-CN'));
  }, [all, onlyAbnormal]);

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
      {all.length > 0 && (
        <Space wrap size={[16, 8]} data-testid="wall-summary">
          <Typography.Text>{t('monitor.wall.points', { count: counts.points })}</Typography.Text>
          <Typography.Text type={counts.alarming ? 'danger' : 'secondary'}>
            {t('monitor.wall.alarmingPoints', { count: counts.alarming })}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('monitor.wall.offlinePoints', { count: counts.offline })}
          </Typography.Text>
          <Space size={6}>
            <Switch
              size="small"
              checked={onlyAbnormal}
              onChange={(on) => {
                const next = new URLSearchParams(sp);
                if (on) next.set('abnormal', '1');
                else next.delete('abnormal');
                setSp(next, { replace: true });
              }}
              data-testid="wall-only-abnormal"
            />
            <span>{t('monitor.wall.onlyAbnormal')}</span>
          </Space>
        </Space>
      )}
      {points.isLoading ? (
        <Card>
          <Spin />
        </Card>
      ) : groups.length === 0 ? (
        <Card>
          <Empty
            description={onlyAbnormal && all.length ? t('monitor.wall.allNormal') : t('monitor.wall.empty')}
          />
        </Card>
      ) : (
        groups.map((g) => (
          <Card
            key={g.id}
            size="small"
            data-testid="wall-enterprise"
            title={
              <Space wrap>
                <span>{g.name}</span>
                <Typography.Text type="secondary">
                  {t('monitor.wall.points', { count: g.total })}
                </Typography.Text>
                {g.alarming > 0 && <Tag color="red">{t('monitor.wall.abnormal', { count: g.alarming })}</Tag>}
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
