import mqtt from 'mqtt';
import type { Logger } from 'pino';
import { parseTelemetryTopic, sharedTelemetrySubscription } from '@zhiben/domain';
import type { GatewayDirectory } from './gateways';
import type { Ingest } from './ingest';

/** Upper bound of MQTT_SUBSCRIBERS; also how far a start looks for sessions of connections since retired. */
export const MAX_SUBSCRIBERS = 16;

export interface ExternalBrokerOptions {
  /** Unique per instance and stable across its restarts (MQTT_CLIENT_ID): the broker keeps its session. */
  clientId: string;
  /** How long the broker keeps the session while the instance is away (MQTT_SESSION_EXPIRY_SEC). */
  sessionExpirySec: number;
  /** Shared-subscription group; every instance of one installation uses the same (default `zhiben`). */
  group?: string;
  /**
   * Connections in the share group (MQTT_SUBSCRIBERS, default 1 here): mqtt.js works through one message
   * at a time per connection, so this is how many messages wait for the same group commit at once.
   */
  subscribers?: number;
  reconnectPeriodMs?: number;
}

export interface ExternalSubscription {
  /** The subscriber connections, in the order of `clientIds`. */
  clients: mqtt.MqttClient[];
  clientIds: string[];
  /** Settles once the sessions of retired connections (see below) are drained and removed, or left. */
  drained: Promise<void>;
  close(): Promise<void>;
}

/** Connection 0 keeps the instance's own id (the session it had with one connection), the others `<id>-<i>`. */
export function subscriberClientIds(clientId: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => (i === 0 ? clientId : `${clientId}-${i}`));
}

/**
 * With an external broker (MQTT_URL), the server subscribes with a shared subscription so several
 * instances split the stream, and acknowledges each QoS 1 message only after it is persisted.
 *
 * - MQTT 5: mqtt.js honours `customHandleAcks` only on protocol version 5 (on 3.1.1 it acknowledges
 *   every message before the handler runs).
 * - mqtt.js hands a connection's messages over one at a time: the next packet is parsed only once the
 *   previous one's `done` has sent its PUBACK (and the socket is paused meanwhile), so one connection
 *   commits about one message per group commit. Each instance therefore opens `subscribers` connections
 *   in the same share group (stable ids, see subscriberClientIds); their messages meet in Ingest's group
 *   commit. A point's readings may then be committed out of order within one instance too, which the
 *   shared-mode Ingest handles like readings split across instances (late readings: stepLate).
 * - A persistent session per connection under a stable client id (clean start off, session expiry):
 *   messages in flight or queued for it when the instance crashes wait in its session at the broker and
 *   are redelivered when it reconnects under the same id. Mosquitto 2 does not hand them to the other
 *   members of the group, and keeps assigning an absent member its round-robin share until the session
 *   expires (see README, "PostgreSQL and an external MQTT broker"). So when `subscribers` was lowered,
 *   the sessions of the connections no longer opened (`<id>-<i>`, i < MAX_SUBSCRIBERS) are resumed once,
 *   unsubscribed, drained through the same path and deleted (DISCONNECT with session expiry 0).
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
  const n = Math.max(1, Math.min(MAX_SUBSCRIBERS, Math.floor(opts.subscribers ?? 1)));
  const group = opts.group ?? 'zhiben';
  const filter = sharedTelemetrySubscription(group);

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

  /** One connection of the share group; `track` is told when a message starts, and called back when done. */
  const connect = (clientId: string, reconnect: boolean, track?: () => (ok: boolean) => void) => {
    const client: mqtt.MqttClient = mqtt.connect(url, {
      clientId,
      protocolVersion: 5,
      clean: false,
      properties: { sessionExpiryInterval: opts.sessionExpirySec },
      reconnectPeriod: reconnect ? (opts.reconnectPeriodMs ?? 2000) : 0,
      // PUBACK when `done` is called, i.e. after the commit; the connection's next message waits until then.
      customHandleAcks: (topic, message, _packet, done) => {
        const finish = track?.();
        handle(topic, message).then(
          () => {
            done(0);
            finish?.(true);
          },
          (err: unknown) => {
            logger.error(
              { err, topic, clientId },
              'external MQTT ingest failed; reconnecting so the broker redelivers',
            );
            client.stream?.destroy();
            finish?.(false);
          },
        );
      },
    });
    client.on('error', (err) => logger.error({ err, clientId }, 'external MQTT broker connection error'));
    client.on('reconnect', () => logger.warn({ url, clientId }, 'reconnecting to the external MQTT broker'));
    const connack = new Promise<mqtt.IConnackPacket>((resolve, reject) => {
      const ok = (p: mqtt.IConnackPacket) => {
        client.off('error', fail);
        resolve(p);
      };
      const fail = (e: Error) => {
        client.off('connect', ok);
        reject(e);
      };
      client.once('connect', ok);
      client.once('error', fail);
    });
    return { client, connack };
  };

  const clientIds = subscriberClientIds(opts.clientId, n);
  const clients: mqtt.MqttClient[] = [];
  try {
    await Promise.all(
      clientIds.map(async (id) => {
        const c = connect(id, true);
        clients.push(c.client);
        await c.connack;
        await c.client.subscribeAsync(filter, { qos: 1 });
      }),
    );
    clients.sort((x, y) => clientIds.indexOf(x.options.clientId!) - clientIds.indexOf(y.options.clientId!));
    logger.info({ url, clientIds, group }, 'subscribed to the external MQTT broker');
  } catch (e) {
    await Promise.all(clients.map((c) => c.endAsync(true).catch(() => {})));
    throw e;
  }

  // Sessions of connections retired by a lower MQTT_SUBSCRIBERS: resumed, unsubscribed, drained, deleted.
  let closing = false;
  const drain = async (id: string) => {
    let last = Date.now();
    let busy = 0;
    let handled = 0;
    let failed = false;
    const c = connect(id, false, () => {
      busy++;
      last = Date.now();
      return (ok) => {
        busy--;
        last = Date.now();
        if (ok) handled++;
        else failed = true;
      };
    });
    try {
      const ack = await c.connack;
      if (ack.sessionPresent) {
        // No new share for it; what is queued for it still comes, one message after another.
        await c.client.unsubscribeAsync(filter);
        while (!closing && !failed && (busy > 0 || Date.now() - last < 1000))
          await new Promise((r) => setTimeout(r, 100));
      }
      if (closing || failed) {
        // Kept at the broker (its expiry as configured): the next start drains it again.
        await c.client.endAsync(true);
        if (failed)
          logger.warn({ clientId: id }, 'retired subscriber session not drained; retried at next start');
        return;
      }
      await c.client.endAsync({ properties: { sessionExpiryInterval: 0 } });
      if (ack.sessionPresent)
        logger.info({ clientId: id, messages: handled }, 'drained and removed a retired subscriber session');
    } catch (err) {
      logger.warn(
        { err, clientId: id },
        'could not drain a retired subscriber session; retried at next start',
      );
      await c.client.endAsync(true).catch(() => {});
    }
  };
  const drained = Promise.all(
    Array.from({ length: MAX_SUBSCRIBERS - n }, (_, k) => drain(`${opts.clientId}-${n + k}`)),
  ).then(() => {});

  return {
    clients,
    clientIds,
    drained,
    close: async () => {
      closing = true;
      await drained;
      await Promise.all(clients.map((c) => c.endAsync()));
    },
  };
}
