import mqtt from 'mqtt';
import type { Logger } from 'pino';
import { parseTelemetryTopic, sharedTelemetrySubscription } from '@zhiben/domain';
import type { GatewayDirectory } from './gateways';
import type { Ingest } from './ingest';

export interface ExternalBrokerOptions {
  /** Unique per instance and stable across its restarts (MQTT_CLIENT_ID): the broker keeps its session. */
  clientId: string;
  /** How long the broker keeps the session while the instance is away (MQTT_SESSION_EXPIRY_SEC). */
  sessionExpirySec: number;
  /** Shared-subscription group; every instance of one installation uses the same (default `zhiben`). */
  group?: string;
  reconnectPeriodMs?: number;
}

export interface ExternalSubscription {
  client: mqtt.MqttClient;
  close(): Promise<void>;
}

/**
 * With an external broker (MQTT_URL), the server subscribes with a shared subscription so several
 * instances split the stream, and acknowledges each QoS 1 message only after it is persisted.
 *
 * - MQTT 5: mqtt.js honours `customHandleAcks` only on protocol version 5 (on 3.1.1 it acknowledges
 *   every message before the handler runs).
 * - A persistent session under a stable client id (clean start off, session expiry): messages in
 *   flight or queued for this instance when it crashes wait in its session at the broker and are
 *   redelivered when it reconnects under the same id. Mosquitto 2 does not hand them to the other
 *   members of the group, and keeps assigning an absent member its round-robin share until the
 *   session expires (see README, "PostgreSQL and an external MQTT broker").
 * - A message that could not be persisted is not acknowledged: the connection is dropped, so the broker
 *   redelivers it, and everything after it, on the reconnect.
 * - Gateways are looked up through the GatewayDirectory (cached 30 s, dropped at once on revoke by this
 *   instance). Gateway ACLs are the broker's job here (topic per gateway username).
 */
export async function subscribeExternal(
  url: string,
  gateways: GatewayDirectory,
  ingest: Ingest,
  logger: Logger,
  opts: ExternalBrokerOptions,
): Promise<ExternalSubscription> {
  const handle = async (topic: string, message: Buffer) => {
    const t = parseTelemetryTopic(topic);
    if (!t) return;
    const g = await gateways.lookup(t.gatewayId);
    if (!g) return;
    if (g.uscc !== t.uscc) {
      await ingest.countRejected(g.id, `无权发布到主题 ${topic}`);
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(message.toString('utf8'));
    } catch {
      await ingest.countRejected(g.id, '消息不是有效的 JSON');
      return;
    }
    await ingest.ingest({ id: g.id, enterpriseId: g.enterpriseId }, body);
  };

  const client = mqtt.connect(url, {
    clientId: opts.clientId,
    protocolVersion: 5,
    clean: false,
    properties: { sessionExpiryInterval: opts.sessionExpirySec },
    reconnectPeriod: opts.reconnectPeriodMs ?? 2000,
    // mqtt.js hands over one message at a time and sends its PUBACK when `done` is called.
    customHandleAcks: (topic, message, _packet, done) => {
      handle(topic, message).then(
        () => done(0),
        (err: unknown) => {
          logger.error({ err, topic }, 'external MQTT ingest failed; reconnecting so the broker redelivers');
          client.stream?.destroy();
        },
      );
    },
  });
  client.on('error', (err) => logger.error({ err }, 'external MQTT broker connection error'));
  client.on('reconnect', () => logger.warn({ url }, 'reconnecting to the external MQTT broker'));
  try {
    await new Promise<void>((resolve, reject) => {
      const ok = () => {
        client.off('error', fail);
        resolve();
      };
      const fail = (e: Error) => {
        client.off('connect', ok);
        reject(e);
      };
      client.once('connect', ok);
      client.once('error', fail);
    });
    const group = opts.group ?? 'zhiben';
    await client.subscribeAsync(sharedTelemetrySubscription(group), { qos: 1 });
    logger.info({ url, clientId: opts.clientId, group }, 'subscribed to the external MQTT broker');
  } catch (e) {
    await client.endAsync(true).catch(() => {});
    throw e;
  }
  return { client, close: () => client.endAsync() };
}
