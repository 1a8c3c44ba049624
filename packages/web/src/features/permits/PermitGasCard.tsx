import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Badge, Card, Col, Empty, Row, Space, Tag, Tooltip, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { fmtTime } from '../../lib/time';
import { LEVEL_COLORS, fmtValue } from '../monitoring/labels';
import { useAlarmStream, type AlarmChange } from '../monitoring/monitoring.api';
import { GasSparkline, type SparkLine } from './GasSparkline';
import {
  permitKeys,
  usePermitGasReadings,
  type GasLevel,
  type PermitGasPoint,
  type PermitGasReadings,
} from './permits.api';
import './permits.css';

const POLL_MS = 10_000;
const THRESHOLD_ORDER = ['lowLow', 'low', 'high', 'highHigh'] as const;
const THRESHOLD_LEVEL: Record<(typeof THRESHOLD_ORDER)[number], GasLevel> = {
  lowLow: 'low_low',
  low: 'low',
  high: 'high',
  highHigh: 'high_high',
};
/** A readable green for a normal value (the level colour itself is for borders and tags). */
const NORMAL_TEXT = '#389e0d';

/** Milliseconds since epoch, ticking every `ms`, for "x 秒前". */
function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const h = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(h);
  }, [ms]);
  return now;
}

/** "12 秒前", "3 分钟前", … from an age in milliseconds. */
export function ago(t: TFunction, ageMs: number): string {
  const s = Math.max(0, Math.floor(ageMs / 1000));
  if (s < 3) return t('permit.gasLive.ago.justNow');
  if (s < 60) return t('permit.gasLive.ago.seconds', { n: s });
  if (s < 3600) return t('permit.gasLive.ago.minutes', { n: Math.floor(s / 60) });
  if (s < 86_400) return t('permit.gasLive.ago.hours', { n: Math.floor(s / 3600) });
  return t('permit.gasLive.ago.days', { n: Math.floor(s / 86_400) });
}

/** What a tile shows as its state: no data yet, offline, stale, an alarm level, or normal. */
function tileState(p: PermitGasPoint, serverNow: number) {
  const noData = p.lastValue === null || !p.lastTs;
  const offline = p.level === 'offline';
  const stale = !noData && serverNow - Date.parse(p.lastTs!) > p.staleTimeoutSec * 1000;
  const alarming = p.level !== 'normal' && !offline;
  const grey = LEVEL_COLORS.offline;
  const accent = alarming ? LEVEL_COLORS[p.level] : noData || offline || stale ? grey : LEVEL_COLORS.normal;
  const valueColor = alarming ? LEVEL_COLORS[p.level] : offline || stale ? grey : NORMAL_TEXT;
  return { noData, offline, stale, alarming, accent, valueColor };
}

function GasTile({
  p,
  serverNow,
  from,
  to,
  windowMinutes,
}: {
  p: PermitGasPoint;
  serverNow: number;
  from: number;
  to: number;
  windowMinutes: number;
}) {
  const { t } = useTranslation();
  const s = tileState(p, serverNow);
  const format = useCallback((v: number) => fmtValue(v, p.unit), [p.unit]);
  const lines = useMemo<SparkLine[]>(
    () =>
      THRESHOLD_ORDER.filter((k) => p.thresholds[k] !== undefined).map((k) => ({
        value: p.thresholds[k]!,
        color: LEVEL_COLORS[THRESHOLD_LEVEL[k]],
      })),
    [p.thresholds],
  );
  // A point alarming only on the high side is watched for its peaks; others (oxygen) by the last value.
  const highOnly = p.thresholds.low === undefined && p.thresholds.lowLow === undefined;
  const data = useMemo<Array<[number, number]>>(
    () => p.series.map((b) => [Date.parse(b.ts), highOnly ? b.max : b.last]),
    [p.series, highOnly],
  );
  const thresholds = THRESHOLD_ORDER.filter((k) => p.thresholds[k] !== undefined)
    .map((k) => `${t(`permit.gasLive.threshold.${k}`)} ${fmtValue(p.thresholds[k], '')}`)
    .join(' · ');
  const stateTag = s.noData ? (
    <Tag style={{ marginInlineEnd: 0 }}>{t('permit.gasLive.noData')}</Tag>
  ) : s.offline ? (
    <Tag color="default" style={{ marginInlineEnd: 0 }}>
      {t('monitor.level.offline')}
    </Tag>
  ) : s.alarming ? (
    <Tag color={LEVEL_COLORS[p.level]} style={{ marginInlineEnd: 0 }}>
      {t(`monitor.level.${p.level}`)}
    </Tag>
  ) : s.stale ? (
    <Tag color="default" style={{ marginInlineEnd: 0 }}>
      {t('permit.gasLive.stale')}
    </Tag>
  ) : (
    <Tag color="green" style={{ marginInlineEnd: 0 }}>
      {t('permit.gasLive.normal')}
    </Tag>
  );
  return (
    <div
      className="gas-tile"
      data-testid="gas-tile"
      data-tag={p.tag}
      data-level={p.level}
      data-stale={s.stale || s.noData ? 'true' : 'false'}
      style={{
        borderColor: s.accent,
        borderLeftColor: s.accent,
        background: s.alarming ? `${s.accent}12` : '#fff',
      }}
    >
      <div className="gas-tile-head">
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong ellipsis>
            {p.tag}
          </Typography.Text>{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`monitor.kind.${p.kind as 'other'}`, { defaultValue: p.kind })}
          </Typography.Text>
        </div>
        {s.stale && s.alarming ? (
          <Space size={4}>
            {stateTag}
            <Tag style={{ marginInlineEnd: 0 }}>{t('permit.gasLive.stale')}</Tag>
          </Space>
        ) : (
          stateTag
        )}
      </div>
      <div className="gas-tile-value" data-testid="gas-value" style={{ color: s.valueColor }}>
        {s.noData ? (
          <span className="gas-tile-none">—</span>
        ) : (
          <>
            {fmtValue(p.lastValue, '')}
            <span className="gas-tile-unit">{p.unit}</span>
          </>
        )}
      </div>
      {thresholds && (
        <Typography.Text type="secondary" className="gas-tile-line">
          {thresholds}
        </Typography.Text>
      )}
      {p.alarm && (
        <Typography.Text
          className="gas-tile-line"
          data-testid="gas-alarm"
          style={{ color: LEVEL_COLORS[p.alarm.level as GasLevel] ?? LEVEL_COLORS.high_high }}
        >
          {t('permit.gasLive.alarm', {
            level: t(`monitor.level.${p.alarm.level as 'high'}`, { defaultValue: p.alarm.level }),
            status: t(`monitor.status.${p.alarm.status as 'active'}`, { defaultValue: p.alarm.status }),
            since: fmtTime(p.alarm.openedAt, 'HH:mm:ss'),
          })}
          {p.alarm.peak !== null &&
            p.alarm.level !== 'offline' &&
            t('permit.gasLive.peak', { peak: fmtValue(p.alarm.peak, p.unit) })}
        </Typography.Text>
      )}
      <div className="gas-tile-spark">
        {data.length > 0 ? (
          <GasSparkline data={data} color={s.accent} lines={lines} from={from} to={to} format={format} />
        ) : (
          <div className="gas-tile-spark-empty">{t('permit.gasLive.noData')}</div>
        )}
      </div>
      <div className="gas-tile-foot">
        <Typography.Text type="secondary" className="gas-tile-line" data-testid="gas-time">
          {p.lastTs ? (
            <Tooltip title={t('permit.gasLive.lastReading')}>
              <span>
                {ago(t, serverNow - Date.parse(p.lastTs))} · {fmtTime(p.lastTs, 'YYYY-MM-DD HH:mm:ss')}
              </span>
            </Tooltip>
          ) : (
            t('permit.gasLive.noReading')
          )}
        </Typography.Text>
        <Typography.Text type="secondary" className="gas-tile-line">
          {t('permit.gasLive.sparkline', { hours: Math.round(windowMinutes / 6) / 10 })}
        </Typography.Text>
      </div>
    </div>
  );
}

/**
 * Refetches the readings when the alarm stream reports a change of one of these points (or of the
 * enterprise's points: a new gas point may have appeared), and the permit a moment later, since a gas
 * alarm suspends it right after the alarm is committed.
 */
function LiveSubscription({
  permitId,
  data,
  onOpen,
}: {
  permitId: string;
  data: PermitGasReadings | undefined;
  onOpen: (open: boolean) => void;
}) {
  const qc = useQueryClient();
  const ids = useMemo(() => new Set(data?.items.map((p) => p.id) ?? []), [data]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  const open = useAlarmStream((c: AlarmChange) => {
    if (!ids.has(c.pointId)) return;
    void qc.invalidateQueries({ queryKey: permitKeys.gas(permitId) });
    if (c.kind === 'open' || c.kind === 'escalate_level') {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(
        () => void qc.invalidateQueries({ queryKey: permitKeys.one(permitId) }),
        1500,
      );
    }
  });
  useEffect(() => onOpen(open), [open, onOpen]);
  return null;
}

/** 作业区域气体实时监测: one tile per gas point of the permit's zone or installation. */
export function PermitGasCard({ permitId, live }: { permitId: string; live: boolean }) {
  const { t } = useTranslation();
  const q = usePermitGasReadings(permitId, live ? POLL_MS : undefined);
  const [streamOpen, setStreamOpen] = useState(false);
  const now = useNow(1000);
  const d = q.data;
  // Server time now: the answer's asOf plus the time since it arrived (the browser clock may be off).
  const serverNow = d ? Date.parse(d.asOf) + (now - q.dataUpdatedAt) : now;
  const to = d ? Date.parse(d.asOf) : now;
  const from = to - (d?.windowMinutes ?? 120) * 60_000;
  const alarming = d?.items.some((p) => p.level !== 'normal' && p.level !== 'offline') ?? false;
  return (
    <Card
      size="small"
      data-testid="permit-gas-card"
      title={t('permit.gasLive.title')}
      extra={
        <Space size={8} wrap>
          {d?.zone && <Tag>{t('permit.gasLive.scope', { zone: d.zone })}</Tag>}
          {d?.installationName && <Tag>{t('permit.gasLive.installation', { name: d.installationName })}</Tag>}
          {live && (
            <Badge
              status={streamOpen ? 'processing' : 'default'}
              text={
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {streamOpen ? t('permit.gasLive.live') : t('permit.gasLive.polling')}
                </Typography.Text>
              }
            />
          )}
        </Space>
      }
    >
      {live && <LiveSubscription permitId={permitId} data={d} onOpen={setStreamOpen} />}
      {q.isError && (
        <Alert type="warning" showIcon title={t('permit.gasLive.loadFailed')} style={{ marginBottom: 8 }} />
      )}
      {alarming && (
        <Alert
          type="error"
          showIcon
          title={t('permit.gasLive.alarming')}
          style={{ marginBottom: 8 }}
          data-testid="gas-alarming"
        />
      )}
      {d && d.items.length === 0 && (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={!d.zone && !d.installationId ? t('permit.gasLive.noPlace') : t('permit.gasLive.empty')}
          data-testid="gas-empty"
          style={{ margin: '8px 0' }}
        />
      )}
      {d && d.items.length > 0 && (
        <Row gutter={[12, 12]}>
          {d.items.map((p) => (
            <Col key={p.id} xs={24} sm={12} xl={8} xxl={6}>
              <GasTile p={p} serverNow={serverNow} from={from} to={to} windowMinutes={d.windowMinutes} />
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}
