import { z } from 'zod';
import { isValidUscc } from '../codes/uscc';

/**
 * Telemetry from enterprise gateways (issue 4 §3): the payload published over MQTT to
 * `zhiben/v1/<uscc>/<gatewayId>/telemetry` and posted to `POST /api/telemetry`. A point's own `ts`
 * overrides the message's. Timestamps are epoch milliseconds or ISO 8601 with an offset (a local time
 * without one is ambiguous and refused).
 */

export const TELEMETRY_TAG_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
export const TELEMETRY_MAX_POINTS = 1000;

const instantSchema = z.union([z.number().int().min(0), z.iso.datetime({ offset: true })], {
  error: '时间必须是毫秒时间戳或带时区的 ISO 8601 时间，例如 2025-04-01T08:00:00+08:00',
});

export const telemetryPointSchema = z.object({
  tag: z
    .string({ error: '位号必须是文本' })
    .regex(TELEMETRY_TAG_PATTERN, '位号只能由字母、数字和 _ . : - 组成，长度1–64'),
  value: z.number({ error: '测量值必须是有限数' }),
  ts: instantSchema.optional(),
});

/** The whole message; per-point problems are reported by normalizeTelemetry instead of failing the message. */
export const telemetryPayloadSchema = z.object({
  ts: instantSchema,
  points: z
    .array(z.unknown(), { error: 'points 必须是数组' })
    .max(TELEMETRY_MAX_POINTS, `每条消息最多${TELEMETRY_MAX_POINTS}个测点`),
});

export interface TelemetryReading {
  tag: string;
  value: number;
  ts: Date;
}

export interface TelemetryRejection {
  /** Index in `points`; null when the whole message is rejected. */
  index: number | null;
  tag?: string;
  code: 'future' | 'too_old' | 'invalid';
  reason: string;
}

export interface TelemetryLimits {
  /** How far ahead of `now` a timestamp may be; strictly more is rejected. */
  maxFutureSec?: number;
  /** How far behind `now` a timestamp may be; strictly more is rejected. */
  maxAgeSec?: number;
}

const toMs = (v: number | string) => (typeof v === 'number' ? v : Date.parse(v));

/** Validates a decoded payload and splits it into readings and per-point rejections; never throws. */
export function normalizeTelemetry(
  payload: unknown,
  now: Date | number,
  { maxFutureSec = 300, maxAgeSec = 7 * 86400 }: TelemetryLimits = {},
): { readings: TelemetryReading[]; rejected: TelemetryRejection[] } {
  const envelope = telemetryPayloadSchema.safeParse(payload);
  if (!envelope.success) {
    const reason = envelope.error.issues
      .map((i) => (i.path.length ? `${i.path.join('.')}：` : '') + i.message)
      .join('；');
    return { readings: [], rejected: [{ index: null, code: 'invalid', reason: reason || '消息格式不正确' }] };
  }
  const nowMs = +now;
  const readings: TelemetryReading[] = [];
  const rejected: TelemetryRejection[] = [];
  envelope.data.points.forEach((raw, index) => {
    const p = telemetryPointSchema.safeParse(raw);
    if (!p.success) {
      const tag = (raw as { tag?: unknown } | null)?.tag;
      rejected.push({
        index,
        ...(typeof tag === 'string' ? { tag: tag.slice(0, 64) } : {}),
        code: 'invalid',
        reason: p.error.issues.map((i) => i.message).join('；'),
      });
      return;
    }
    const given = p.data.ts ?? envelope.data.ts;
    const ts = toMs(given);
    if (ts - nowMs > maxFutureSec * 1000)
      rejected.push({
        index,
        tag: p.data.tag,
        code: 'future',
        reason: `时间超前当前时间超过${maxFutureSec}秒`,
      });
    else if (nowMs - ts > maxAgeSec * 1000)
      rejected.push({
        index,
        tag: p.data.tag,
        code: 'too_old',
        reason:
          `时间早于当前时间超过${maxAgeSec}秒` +
          (typeof given === 'number' && given < 1e11 ? '（时间戳应为毫秒，疑似按秒发送）' : ''),
      });
    else readings.push({ tag: p.data.tag, value: p.data.value, ts: new Date(ts) });
  });
  return { readings, rejected };
}

const TOPIC = /^zhiben\/v1\/([^/]+)\/([^/]+)\/telemetry$/;
/** Gateway ids travel in topics: no MQTT wildcards or separators. */
export const GATEWAY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** The filter a server subscribes to; prefix `$share/<group>/` to split the stream between instances. */
export const TELEMETRY_TOPIC_FILTER = 'zhiben/v1/+/+/telemetry';

/** The shared subscription several server instances use to split telemetry between them. */
export function sharedTelemetrySubscription(group = 'zhiben'): string {
  return `$share/${group}/${TELEMETRY_TOPIC_FILTER}`;
}

/** The topic a gateway publishes to; throws RangeError on an invalid USCC or gateway id. */
export function telemetryTopic(uscc: string, gatewayId: string): string {
  const code = uscc.trim().toUpperCase();
  if (!isValidUscc(code)) throw new RangeError(`统一社会信用代码无效：${uscc}`);
  if (!GATEWAY_ID_PATTERN.test(gatewayId)) throw new RangeError(`网关编号无效：${gatewayId}`);
  return `zhiben/v1/${code}/${gatewayId}/telemetry`;
}

/** The USCC and gateway id of a telemetry topic, or null when the topic is not one (exact case: it is the ACL key). */
export function parseTelemetryTopic(topic: string): { uscc: string; gatewayId: string } | null {
  const m = TOPIC.exec(topic);
  if (!m) return null;
  const [, uscc, gatewayId] = m;
  if (!isValidUscc(uscc!) || uscc !== uscc!.toUpperCase() || !GATEWAY_ID_PATTERN.test(gatewayId!))
    return null;
  return { uscc: uscc!, gatewayId: gatewayId! };
}
