import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '../db/connect';

export type JobHandler = (data: unknown) => Promise<void>;

/**
 * Background jobs on pg-boss over the platform's own database, so a job runs exactly once across
 * several server instances. Features register queues here; schedules are cron strings in UTC.
 */
export class Jobs {
  private constructor(private readonly boss: PgBoss) {}

  static async start(database: Database, logger: Logger): Promise<Jobs> {
    const boss = new PgBoss({
      db: {
        executeSql: async (text: string, values?: unknown[]) => {
          const r = await database.pool.query(text, values as unknown[]);
          return { rows: r.rows, rowCount: r.rowCount ?? 0 } as never;
        },
      },
      schema: database.schema ? `${database.schema}_pgboss` : 'pgboss',
      supervise: true,
      schedule: true,
    });
    boss.on('error', (err) => logger.error({ err }, 'job queue error'));
    await boss.start();
    return new Jobs(boss);
  }

  async register(name: string, handler: JobHandler, cron?: string): Promise<void> {
    await this.boss.createQueue(name);
    await this.boss.work(name, async (jobs) => {
      for (const j of jobs) await handler(j.data);
    });
    if (cron) await this.boss.schedule(name, cron, {}, { tz: 'UTC' });
  }

  async send(name: string, data: object): Promise<string | null> {
    return this.boss.send(name, data);
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 5000 });
  }
}
