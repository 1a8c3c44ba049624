import pino from 'pino';
import { ConfigError, loadConfig } from './config';
import { DataDirLockedError } from './lock';
import { startPlatform, StartupError } from './platform';

const started = Date.now();
let config;
try {
  config = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(2);
  }
  throw e;
}

const logger = pino({ level: config.LOG_LEVEL });
try {
  const p = await startPlatform(config, logger);
  const mode = config.demo ? '演示模式 demo' : '生产模式 production';
  const shown = p.url.replace('0.0.0.0', 'localhost');
  const lines = [
    '',
    `  治本 zhiben ${config.version} — ${mode}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    `  Web:      ${shown}/`,
    `  API docs: ${shown}/api/docs`,
    `  Database: ${p.database.kind === 'pglite' ? `PGlite (${config.DATA_DIR})` : 'PostgreSQL'}`,
    `  MQTT:     ${p.mqttPort ? `embedded broker on port ${p.mqttPort}${p.mqttPort !== config.MQTT_PORT ? ` (MQTT_PORT ${config.MQTT_PORT} was taken)` : ''}` : (config.MQTT_URL ?? 'off')}`,
    config.demo
      ? '  Demo accounts: sysadmin, city-admin, district-150627, inspector-yjj, enterprise-demo … password zhiben-demo'
      : '',
    '',
  ];
  console.log(lines.filter((l) => l !== undefined).join('\n'));

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      logger.error('shutdown timed out');
      process.exit(1);
    }, 15_000);
    force.unref();
    try {
      await p.close();
      logger.info('shutdown complete');
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
} catch (e) {
  if (e instanceof DataDirLockedError || e instanceof StartupError) {
    console.error(e.message);
    process.exit(3);
  }
  logger.fatal({ err: e }, 'start failed');
  console.error(`启动失败 (start failed): ${(e as Error).message}`);
  process.exit(1);
}
