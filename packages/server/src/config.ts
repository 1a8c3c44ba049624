import { z } from 'zod';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hostname } from 'node:os';

const VERSION: string = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8'),
).version;

const port = (name: string) =>
  z.coerce
    .number({ error: `${name} 必须是端口号 (1–65535)` })
    .int(`${name} 必须是整数`)
    .min(1, `${name} 必须在 1–65535 之间`)
    .max(65535, `${name} 必须在 1–65535 之间`);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port('PORT').default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL 必须以 postgres:// 或 postgresql:// 开头')
    .optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'DATABASE_SCHEMA 只能包含小写字母、数字和下划线')
    .optional(),
  MQTT_PORT: port('MQTT_PORT').default(1883),
  MQTT_URL: z
    .string()
    .regex(/^(mqtts?|wss?|tcp):\/\//, 'MQTT_URL 必须以 mqtt://、mqtts://、ws:// 或 wss:// 开头')
    .optional(),
  /**
   * This instance's MQTT client id at the external broker: unique per instance and stable across its
   * restarts, so a restarted instance resumes its persistent session (messages queued or unacknowledged
   * for it). Default zhiben-<hostname>-<PORT>.
   */
  MQTT_CLIENT_ID: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,128}$/, 'MQTT_CLIENT_ID 只能由字母、数字和 . _ : - 组成，长度 1–128')
    .optional(),
  /** How long the broker keeps this instance's session (and queues its share of telemetry) while it is away. */
  MQTT_SESSION_EXPIRY_SEC: z.coerce
    .number({ error: 'MQTT_SESSION_EXPIRY_SEC 必须是秒数（整数）' })
    .int('MQTT_SESSION_EXPIRY_SEC 必须是整数')
    .min(60, 'MQTT_SESSION_EXPIRY_SEC 至少为 60 秒')
    .max(4_294_967_295, 'MQTT_SESSION_EXPIRY_SEC 不超过 4294967295 秒')
    .default(86_400),
  /**
   * Connections per instance in the share group (ids MQTT_CLIENT_ID, MQTT_CLIENT_ID-1 …): each takes one
   * message at a time, so this many messages share a group commit. Lowering it drains the sessions dropped.
   */
  MQTT_SUBSCRIBERS: z.coerce
    .number({ error: 'MQTT_SUBSCRIBERS 必须是整数' })
    .int('MQTT_SUBSCRIBERS 必须是整数')
    .min(1, 'MQTT_SUBSCRIBERS 至少为 1')
    .max(16, 'MQTT_SUBSCRIBERS 不超过 16')
    .default(4),
  SECRET: z.string().min(32, 'SECRET 至少 32 个字符').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  DEMO_ENTERPRISES: z.coerce.number().int().min(0).max(100_000).default(2000),
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'], { error: 'TRUST_PROXY 必须是 true 或 false' })
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** SMS gateway for notifications (HTTP adapter); without it SMS are logged (demo). */
  SMS_GATEWAY_URL: z.string().url('SMS_GATEWAY_URL 必须是 URL').optional(),
  SMS_GATEWAY_TOKEN: z.string().optional(),
  /** Days raw readings are kept (daily partitions); 1-minute aggregates are kept long. */
  READINGS_RETENTION_DAYS: z.coerce
    .number({ error: 'READINGS_RETENTION_DAYS 必须是天数（整数）' })
    .int('READINGS_RETENTION_DAYS 必须是整数')
    .min(1, 'READINGS_RETENTION_DAYS 至少为 1 天')
    .max(3650, 'READINGS_RETENTION_DAYS 不超过 3650 天')
    .default(7),
  /** Set to "0" to skip the embedded broker and jobs (tests that do not need them). */
  ZHIBEN_BACKGROUND: z.enum(['0', '1']).default('1'),
});

export type Config = Omit<z.infer<typeof schema>, 'MQTT_CLIENT_ID'> & {
  MQTT_CLIENT_ID: string;
  version: string;
  demo: boolean;
};

/** zhiben-<hostname>-<PORT>: stable across restarts, distinct for instances on other hosts or ports. */
export function defaultMqttClientId(port: number, host = hostname()): string {
  const h = host.replace(/[^A-Za-z0-9._:-]/g, '-') || 'host';
  return `zhiben-${h}-${port}`.slice(0, 128);
}

export class ConfigError extends Error {}

/** Reads and validates configuration from the environment; throws ConfigError with every problem listed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const r = schema.safeParse(cleaned);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置错误 (configuration error):\n${lines.join('\n')}`);
  }
  const c = r.data;
  if (c.NODE_ENV === 'production' && !c.SECRET) {
    throw new ConfigError('配置错误: 生产模式 (NODE_ENV=production) 必须设置 SECRET（至少 32 个字符）');
  }
  return {
    ...c,
    MQTT_CLIENT_ID: c.MQTT_CLIENT_ID ?? defaultMqttClientId(c.PORT),
    version: VERSION,
    demo: c.NODE_ENV !== 'production',
  };
}
