import { EventEmitter } from 'node:events';
import { createHash, randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Database } from '../db/connect';
import type { DB } from '../db/types';
import type { Ingest } from './ingest';
import type { AlarmStreamEvent } from './alarm-events';

declare module 'fastify' {
  interface FastifyInstance {
    alarmFeed: AlarmFeed;
  }
}

/** NOTIFY payloads must stay below 8000 bytes; events are packed into payloads up to this size. */
export const NOTIFY_PAYLOAD_LIMIT = 7900;

/** The NOTIFY channel: per schema, since channels are per database and DATABASE_SCHEMA shares one. */
export function alarmChannel(schema?: string): string {
  return schema
    ? `zhiben_alarms_${createHash('sha256').update(schema).digest('hex').slice(0, 16)}`
    : 'zhiben_alarms';
}

/**
 * Packs events into NOTIFY payloads `{"o":<origin>,"e":[…events]}` of at most `limit` bytes each
 * (an event is a few hundred bytes: ids, a tag of ≤ 64 characters, level, status, value, time).
 */
export function alarmPayloads(
  origin: string,
  events: AlarmStreamEvent[],
  limit = NOTIFY_PAYLOAD_LIMIT,
): string[] {
  const head = `{"o":${JSON.stringify(origin)},"e":[`;
  const out: string[] = [];
  let parts: string[] = [];
  let size = Buffer.byteLength(head) + 2;
  for (const e of events) {
    const j = JSON.stringify(e);
    const n = Buffer.byteLength(j) + 1;
    if (Buffer.byteLength(head) + 2 + n > limit) throw new RangeError('alarm event too large for NOTIFY');
    if (parts.length && size + n > limit) {
      out.push(`${head}${parts.join(',')}]}`);
      parts = [];
      size = Buffer.byteLength(head) + 2;
    }
    parts.push(j);
    size += n;
  }
  if (parts.length) out.push(`${head}${parts.join(',')}]}`);
  return out;
}

const isEvent = (e: unknown): e is AlarmStreamEvent => {
  const x = e as Partial<Record<keyof AlarmStreamEvent, unknown>> | null;
  return (
    !!x &&
    typeof x.alarmId === 'string' &&
    typeof x.pointId === 'string' &&
    typeof x.enterpriseId === 'string' &&
    typeof x.districtCode === 'string' &&
    typeof x.kind === 'string'
  );
};

/**
 * The alarm changes the live stream (`GET /api/alarms/stream`) pushes, as `alarm` events: this instance's
 * own (the Ingest's `alarm` events: engine changes after their commit, and people's actions, which the
 * routes emit there after theirs) and, on PostgreSQL, every other instance's.
 *
 * Across instances: whoever commits an alarm change calls `notify(trx, events)` inside that transaction,
 * which is `pg_notify` on the installation's channel, so PostgreSQL delivers it only if and when the
 * transaction commits. Every instance LISTENs on a connection of its own (reconnecting with back-off when
 * it is lost; what was notified meanwhile is not pushed, the pages catch up at their next refetch) and
 * re-emits what other instances sent; its own notifications come back too and are dropped by origin, since
 * it already emitted them locally. On PGlite (one instance per data directory) `notify` does nothing.
 */
export class AlarmFeed extends EventEmitter {
  /** Tells this instance's notifications from the others' (per app, not per process: tests run two). */
  readonly origin = randomUUID();
  readonly channel: string;
  private client: pg.Client | null = null;
  private closed = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private backoffMs = 0;

  constructor(
    private readonly database: Database,
    ingest: Ingest,
    private readonly logger?: Logger,
  ) {
    super();
    this.setMaxListeners(0);
    this.channel = alarmChannel(database.schema);
    ingest.on('alarm', (e: AlarmStreamEvent) => this.emit('alarm', e));
  }

  /** Whether alarm changes go through PostgreSQL (several instances may share the database). */
  get crossInstance(): boolean {
    return this.database.kind === 'postgres' && !!this.database.newClient;
  }

  /** Inside the transaction that makes the changes: other instances hear of them when it commits. */
  async notify(trx: Transaction<DB>, events: AlarmStreamEvent[]): Promise<void> {
    if (!this.crossInstance || !events.length) return;
    const payloads = alarmPayloads(this.origin, events);
    await sql`SELECT pg_notify(${this.channel}, p) FROM unnest(${payloads}::text[]) AS p`.execute(trx);
  }

  /** Starts listening (PostgreSQL); a failed first attempt is logged and retried in the background. */
  async start(): Promise<void> {
    if (!this.crossInstance) return;
    await this.connect().catch((err: unknown) => this.retry(err));
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => {});
  }

  private async connect() {
    const client = this.database.newClient!('zhiben-alarm-feed');
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    client.on('notification', (m) => {
      if (m.channel === this.channel && m.payload) this.receive(m.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
    } catch (err) {
      await client.end().catch(() => {});
      throw err;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    if (this.backoffMs) this.logger?.info({ channel: this.channel }, 'alarm feed: listening again');
    this.backoffMs = 0;
    // A connection dropped without a word (NAT, failover) shows up here rather than never.
    this.pingTimer = setInterval(() => {
      client.query('SELECT 1').catch((err: unknown) => this.lost(client, err));
    }, 30_000);
    this.pingTimer.unref();
  }

  private lost(client: pg.Client, err?: unknown) {
    if (this.client !== client) return;
    this.client = null;
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
    client.end().catch(() => {});
    if (this.closed) return;
    this.retry(err ?? new Error('connection ended'));
  }

  private retry(err: unknown) {
    if (this.closed || this.retryTimer) return;
    this.backoffMs = Math.min(30_000, this.backoffMs ? this.backoffMs * 2 : 1000);
    this.logger?.warn(
      { err, retryInMs: this.backoffMs },
      'alarm feed: LISTEN connection lost; other instances’ alarm changes are not pushed until it is back',
    );
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.closed) return;
      this.connect().catch((e: unknown) => this.retry(e));
    }, this.backoffMs);
    this.retryTimer.unref();
  }

  private receive(payload: string) {
    let m: { o?: unknown; e?: unknown };
    try {
      m = JSON.parse(payload) as { o?: unknown; e?: unknown };
    } catch {
      this.logger?.warn({ channel: this.channel }, 'alarm feed: a notification that is not JSON, ignored');
      return;
    }
    if (m.o === this.origin || !Array.isArray(m.e)) return;
    for (const e of m.e) if (isEvent(e)) this.emit('alarm', e);
  }
}
