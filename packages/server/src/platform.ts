import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import type { Config } from './config';
import { openDatabase, type Database } from './db/connect';
import { migrate } from './db/migrate';
import { buildApp } from './app';
import { lockDataDir } from './lock';
import { demoAccountsExist, isDemoSeeded, seedDemo } from './demo/seed';
import { seedDemoHazards } from './demo/hazards';
import { Jobs } from './jobs/jobs';
import { sweepSessions } from './jobs/sweeps';
import { foldHazardStats } from './stats/hazard-stats';
import { syncBuiltinCriteria } from './criteria/criteria.sync';
import { runEscalations, sendDeadlineReminders } from './supervision/escalation.service';
import { drawRechecks } from './supervision/recheck.service';
import { dispatchPending, HttpSmsSender, LoggingSmsSender } from './notifications/outbox';
import { OrgDirectory } from './organizations/directory';
import { subscribeExternal } from './monitoring/external';
import { escalateAlarms } from './monitoring/alarm-escalation.service';
import { startEmbeddedBroker, type EmbeddedBroker } from './mqtt/broker';
import { expireDuePermits } from './permits/permits.service';
import { runPowerAnalysis } from './monitoring/power.service';
import { maintainReadingsPartitions } from './monitoring/retention';

export interface Platform {
  app: FastifyInstance;
  database: Database;
  logger: Logger;
  url: string;
  mqttPort: number | null;
  close(): Promise<void>;
}

export class StartupError extends Error {}

/** Opens the database, migrates, seeds demo data on first start, starts HTTP, MQTT and jobs. */
export async function startPlatform(
  config: Config,
  logger: Logger = pino({ level: config.LOG_LEVEL }),
): Promise<Platform> {
  const unlock = config.DATABASE_URL ? () => {} : lockDataDir(config.DATA_DIR);
  const cleanups: Array<() => Promise<void> | void> = [unlock];
  const closeAll = async () => {
    for (const c of cleanups.reverse()) await c();
  };
  try {
    const database = await openDatabase({
      databaseUrl: config.DATABASE_URL,
      schema: config.DATABASE_SCHEMA,
      dataDir: config.DATA_DIR,
      onIdleError: (err) =>
        logger.warn({ err }, 'an idle database connection broke; the pool opens a new one when needed'),
    });
    cleanups.push(() => database.close());
    const applied = await migrate(database.db);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    await syncBuiltinCriteria(database.db);

    if (config.demo) {
      if (!(await isDemoSeeded(database.db))) {
        const t0 = Date.now();
        const r = await seedDemo(database.db, config.DEMO_ENTERPRISES);
        const hazards = await seedDemoHazards(database.db);
        logger.info({ ...r, hazards, ms: Date.now() - t0 }, 'demo data seeded');
      }
    } else {
      const demo = await demoAccountsExist(database.db);
      if (demo.length) {
        throw new StartupError(
          `生产模式拒绝启动：数据库中仍有演示账号 (${demo.join(', ')})。请删除这些账号或修改其密码后再启动。` +
            `\nProduction mode refuses to start while demo accounts exist (${demo.join(', ')}).`,
        );
      }
    }

    const app = await buildApp({ config, database, logger });
    cleanups.push(() => app.close());

    let broker: EmbeddedBroker | null = null;
    if (config.ZHIBEN_BACKGROUND === '1' && !config.MQTT_URL) {
      broker = await startEmbeddedBroker({
        port: config.MQTT_PORT,
        host: config.HOST,
        demo: config.demo,
        logger,
        authenticate: async (username, password) => !!(await app.gateways.authenticate(username, password)),
        onPublish: (username, topic, payload) =>
          app.gateways.handlePublish(app.ingest, username, topic, payload),
      });
      cleanups.push(() => broker!.close());
    }
    if (config.ZHIBEN_BACKGROUND === '1' && config.MQTT_URL) {
      const ext = await subscribeExternal(config.MQTT_URL, app.gateways, app.ingest, logger, {
        clientId: config.MQTT_CLIENT_ID,
        sessionExpirySec: config.MQTT_SESSION_EXPIRY_SEC,
        subscribers: config.MQTT_SUBSCRIBERS,
      });
      cleanups.push(() => ext.close());
    }
    if (config.ZHIBEN_BACKGROUND === '1') {
      const jobs = await Jobs.start(database, logger);
      // Points that stopped reporting go offline (exactly once across instances, minute resolution).
      await jobs.register(
        'monitoring.tick',
        async () => {
          await app.ingest.tick();
        },
        '* * * * *',
      );
      // Unacknowledged alarms climb the ladder (enterprise → district → city), each tier notified once.
      await jobs.register(
        'monitoring.escalate',
        async () => {
          await escalateAlarms(database.db, new Date());
        },
        '* * * * *',
      );
      cleanups.push(() => jobs.stop());
      // Every minute: pending hazard-statistics deltas folded into the rollup (readers are exact either way).
      await jobs.register(
        'stats.hazards.fold',
        async () => {
          await foldHazardStats(database.db);
        },
        '* * * * *',
      );
      // Every 5 minutes: power-load analysis (suspected illegal production, outside declared hours), as of now.
      await jobs.register(
        'monitoring.power',
        async () => {
          await runPowerAnalysis(database.db, new Date());
        },
        '*/5 * * * *',
      );
      // Daily at 00:10 Asia/Shanghai, and once now: readings partitions ahead, raw readings past retention dropped.
      const partitions = async () => {
        const r = await maintainReadingsPartitions(database.db, new Date(), {
          retentionDays: config.READINGS_RETENTION_DAYS,
        });
        if (r.created.length || r.dropped.length || r.deleted)
          logger.info(r, 'readings partitions maintained');
      };
      await partitions().catch((err) => logger.error({ err }, 'readings partitions: maintenance failed'));
      await jobs.register('monitoring.partitions', partitions, '10 16 * * *');
      await jobs.register(
        'sessions.sweep',
        async () => {
          await sweepSessions(database.db, config.SESSION_IDLE_MINUTES);
        },
        '*/10 * * * *',
      );
      const orgs = await OrgDirectory.load(database.db);
      const system = { actorId: null, actorName: '系统(定时任务)', orgId: null, ip: null };
      // 09:00 Asia/Shanghai every day: escalation ladder and deadline reminders, as of now.
      await jobs.register(
        'hazards.escalate',
        async () => {
          await runEscalations(database.db, orgs, new Date(), system);
        },
        '0 1 * * *',
      );
      await jobs.register(
        'hazards.remind',
        async () => {
          await sendDeadlineReminders(database.db, new Date());
        },
        '5 1 * * *',
      );
      // The 1st of each month: 回头看 draw for the previous month.
      await jobs.register(
        'hazards.recheck-draw',
        async () => {
          const d = new Date(Date.now() + 8 * 3_600_000);
          d.setUTCDate(0);
          await drawRechecks(database.db, d.toISOString().slice(0, 7), 0.1, system);
        },
        '0 2 1 * *',
      );
      // Every minute: permits past the end of their validity become expired (also applied on read).
      await jobs.register(
        'permits.expire',
        async () => {
          await expireDuePermits(database.db, new Date());
        },
        '* * * * *',
      );
      const sms = config.SMS_GATEWAY_URL
        ? new HttpSmsSender(config.SMS_GATEWAY_URL, config.SMS_GATEWAY_TOKEN)
        : new LoggingSmsSender(logger);
      await jobs.register(
        'notifications.dispatch',
        async () => {
          await dispatchPending(database.db, sms);
        },
        '* * * * *',
      );
    }

    const url = await app.listen({ port: config.PORT, host: config.HOST });
    return {
      app,
      database,
      logger,
      url,
      mqttPort: broker?.port ?? null,
      close: closeAll,
    };
  } catch (e) {
    await closeAll().catch(() => {});
    throw e;
  }
}
