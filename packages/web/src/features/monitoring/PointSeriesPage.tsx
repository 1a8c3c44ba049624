import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Button, Card, Descriptions, Empty, Segmented, Space, Spin, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { fmtTime } from '../../lib/time';
import { displayUnit, fmtValue, LEVEL_COLORS, LevelTag } from './labels';
import { LineChart, shanghaiAxisTooltip, shanghaiTimeAxis, type LineOption } from './LineChart';
import { usePoints, useSeries, type MonitoringPoint, type SeriesBucket } from './monitoring.api';

const THRESHOLD_LEVEL = { highHigh: 'high_high', high: 'high', low: 'low', lowLow: 'low_low' } as const;

function buildOption(
  point: MonitoringPoint,
  data: SeriesBucket[],
  hours: number,
  text: { avg: string; band: string; names: Record<keyof typeof THRESHOLD_LEVEL, string> },
): LineOption {
  const xs = data.map((d) => new Date(d.ts).getTime());
  const markLines = (Object.keys(THRESHOLD_LEVEL) as (keyof typeof THRESHOLD_LEVEL)[])
    .filter((k) => point.thresholds[k] !== undefined && point.thresholds[k] !== null)
    .map((k) => ({
      yAxis: point.thresholds[k]!,
      name: text.names[k],
      lineStyle: { color: LEVEL_COLORS[THRESHOLD_LEVEL[k]], type: 'dashed' as const },
      label: { formatter: `${text.names[k]} ${point.thresholds[k]}`, position: 'insideEndTop' as const },
    }));
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 36, bottom: 56 },
    legend: { data: [text.avg, text.band], top: 0 },
    tooltip: shanghaiAxisTooltip(
      (v) => fmtValue(v, point.unit),
      (i) => {
        const d = data[i];
        return d ? [`${text.band} ${fmtValue(d.min)} – ${fmtValue(d.max, point.unit)}`] : [];
      },
    ),
    xAxis: shanghaiTimeAxis(hours),
    yAxis: { type: 'value', scale: true, name: displayUnit(point.unit) },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
    series: [
      {
        name: 'min',
        type: 'line',
        stack: 'band',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        data: data.map((d, i) => [xs[i], d.min]),
        tooltip: { show: false },
        silent: true,
      },
      {
        name: text.band,
        type: 'line',
        stack: 'band',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        areaStyle: { color: 'rgba(22,119,255,0.18)' },
        itemStyle: { color: 'rgba(22,119,255,0.35)' },
        data: data.map((d, i) => [xs[i], d.max - d.min]),
        tooltip: { show: false },
      },
      {
        name: text.avg,
        type: 'line',
        symbol: 'none',
        lineStyle: { width: 1.5, color: '#1677ff' },
        itemStyle: { color: '#1677ff' },
        data: data.map((d, i) => [xs[i], Number(d.avg.toPrecision(6))]),
        markLine: { symbol: 'none', silent: true, data: markLines },
      },
    ],
  } as LineOption;
}

export default function PointSeriesPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const [hours, setHours] = useState(24);
  const points = usePoints();
  const point = points.data?.items.find((p) => p.id === id);
  const series = useSeries(id, hours);

  const option = useMemo(
    () =>
      point && series.data
        ? buildOption(point, series.data.points, hours, {
            avg: t('monitor.series.avg'),
            band: t('monitor.series.band'),
            names: {
              highHigh: t('monitor.config.highHigh'),
              high: t('monitor.config.high'),
              low: t('monitor.config.low'),
              lowLow: t('monitor.config.lowLow'),
            },
          })
        : null,
    [point, series.data, hours, t],
  );

  if (points.isLoading)
    return (
      <Card>
        <Spin />
      </Card>
    );
  if (!point)
    return (
      <Card>
        <Empty description={t('monitor.series.notFound')}>
          <Button onClick={() => navigate('/monitoring/wall')}>{t('monitor.nav.wall')}</Button>
        </Empty>
      </Card>
    );
  const th = point.thresholds;
  // Only the levels set, each named: "高报 80 · 高高报 100".
  const thresholdText = (['lowLow', 'low', 'high', 'highHigh'] as const)
    .filter((k) => th[k] !== undefined && th[k] !== null)
    .map((k) => `${t(`monitor.level.${THRESHOLD_LEVEL[k]}`)} ${th[k]}`)
    .join(' · ');
  return (
    <Card
      title={
        <Space wrap>
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            onClick={() => navigate(-1)}
            aria-label={t('common.back')}
          />
          <span>
            {t('monitor.series.title')} · {point.tag}
          </span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {point.enterpriseName}
          </Typography.Text>
          <LevelTag level={point.level} />
        </Space>
      }
      extra={
        <Segmented
          value={hours}
          onChange={(v) => setHours(Number(v))}
          options={[
            { value: 24, label: t('monitor.series.h24') },
            { value: 24 * 7, label: t('monitor.series.d7') },
          ]}
          data-testid="series-range"
        />
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('monitor.config.kind')}>
          {t(`monitor.kind.${point.kind as 'other'}`, { defaultValue: point.kind })}
        </Descriptions.Item>
        <Descriptions.Item label={t('monitor.series.lastValue')}>
          {fmtValue(point.lastValue, point.unit)}
          <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
            {fmtTime(point.lastTs, 'MM-DD HH:mm:ss')}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('monitor.series.thresholds')}>{thresholdText || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('monitor.config.zone')}>{point.zone ?? '—'}</Descriptions.Item>
      </Descriptions>
      {series.isLoading ? (
        <Spin />
      ) : !series.data?.points.length ? (
        <Empty description={t('monitor.series.noData')} />
      ) : (
        option && <LineChart option={option} />
      )}
    </Card>
  );
}
