import mqtt from 'mqtt';
import type { Logger } from 'pino';
import { parseTelemetryTopic, sharedTelemetrySubscription } from '@zhiben/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types';
import type { Ingest } from './ingest';

/**
 * With an external broker (MQTT_URL), the server subscribes with a shared subscription so several
 * instances split the stream, and acknowledges each QoS 1 message only after it is persisted
 * (customHandleAcks). Gateway ACLs are the broker's job there (topic per gateway username).
 */
export async function subscribeExternal(url: string, db: Kysely<DB>, ingest: Ingest, logger: Logger) {
  const gatewayOf = new Map<string, { enterpriseId: string; uscc: string } | null>();
  const client = await mqtt.connectAsync(url, {
    clientId: `zhiben-server-${process.pid}-${Math.random().toString(16).slice(2, 8)}`,
    clean: false,
    reconnectPeriod: 2000,
    customHandleAcks: (topic, message, _packet, done) => {
      void (async () => {
        const t = parseTelemetryTopic(topic);
        if (!t) return done(0);
        if (!gatewayOf.has(t.gatewayId)) {
          const g = await db
            .selectFrom('gateways')
            .innerJoin('enterprises', 'enterprises.id', 'gateways.enterprise_id')
            .select(['gateways.enterprise_id', 'enterprises.uscc'])
            .where('gateways.id', '=', t.gatewayId)
            .where('gateways.revoked_at', 'is', null)
            .executeTakeFirst();
          gatewayOf.set(t.gatewayId, g ? { enterpriseId: g.enterprise_id, uscc: g.uscc } : null);
        }
        const g = gatewayOf.get(t.gatewayId);
        if (!g || g.uscc !== t.uscc) return done(0);
        let body: unknown;
        try {
          body = JSON.parse(message.toString('utf8'));
        } catch {
          await ingest.countRejected(t.gatewayId, '消息不是有效的 JSON');
          return done(0);
        }
        await ingest.ingest({ id: t.gatewayId, enterpriseId: g.enterpriseId }, body);
        done(0);
      })().catch((e) => {
        // Not persisted: no PUBACK, the broker redelivers.
        logger.error({ err: e }, 'external MQTT ingest failed');
      });
    },
  });
  await client.subscribeAsync(sharedTelemetrySubscription(), { qos: 1 });
  logger.info({ url }, 'subscribed to the external MQTT broker');
  return { close: () => client.endAsync() };
}
