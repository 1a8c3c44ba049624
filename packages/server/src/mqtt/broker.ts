import { createServer, type Server } from 'node:net';
import { Aedes } from 'aedes';
import type { Logger } from 'pino';

export type MqttAuthenticator = (username: string, password: string) => Promise<boolean>;
/** Handles a publish before it is acknowledged; rejecting refuses it (the client is disconnected). */
export type MqttPublishHandler = (username: string, topic: string, payload: Buffer) => Promise<void>;

export interface EmbeddedBroker {
  port: number;
  broker: Aedes;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/**
 * Starts the embedded MQTT broker (aedes). In demo mode a taken port moves to the next free one;
 * in production it is an error naming MQTT_PORT and MQTT_URL. Clients authenticate through
 * `authenticate` (gateway credentials); until a feature supplies one, every client is refused.
 */
export async function startEmbeddedBroker(opts: {
  port: number;
  host: string;
  demo: boolean;
  logger: Logger;
  authenticate?: MqttAuthenticator;
  onPublish?: MqttPublishHandler;
}): Promise<EmbeddedBroker> {
  const usernames = new WeakMap<object, string>();
  const broker = await Aedes.createBroker({
    authenticate: (client, username, password, done) => {
      if (!opts.authenticate || !username || !password) return done(null, false);
      opts
        .authenticate(username, password.toString('utf8'))
        .then((ok) => {
          if (ok) usernames.set(client, username);
          done(null, ok);
        })
        .catch(() => done(null, false));
    },
    // The PUBACK of a QoS 1 publish goes out only after this callback: the reading is on disk by then.
    authorizePublish: (client, packet, done) => {
      const username = client ? usernames.get(client) : undefined;
      if (!username || !opts.onPublish) return done(new Error('not authorized'));
      opts
        .onPublish(
          username,
          packet.topic,
          Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload),
        )
        .then(() => done(null))
        .catch((e: Error) => done(e));
    },
    // Gateways only publish telemetry; nothing may subscribe through the embedded broker.
    authorizeSubscribe: (_client, _sub, done) => done(new Error('subscriptions are not allowed'), null),
  });
  const server = createServer(broker.handle);
  let port = opts.port;
  for (let tries = 0; ; tries++) {
    try {
      await listen(server, port, opts.host);
      port = (server.address() as { port: number }).port; // port 0 → the one the OS chose
      break;
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code !== 'EADDRINUSE') throw err;
      if (!opts.demo || tries >= 20) {
        broker.close();
        throw new Error(
          `MQTT 端口 ${port} 已被占用。请设置 MQTT_PORT 为空闲端口，或设置 MQTT_URL 使用外部 MQTT 服务器。` +
            `\nMQTT port ${port} is in use: set MQTT_PORT to a free port, or MQTT_URL to use an external broker.`,
        );
      }
      opts.logger.warn({ port }, 'MQTT port in use, trying the next one (demo mode)');
      port += 1;
    }
  }
  return {
    port,
    broker,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        broker.close();
      }),
  };
}
