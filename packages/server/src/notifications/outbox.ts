import { sql, type Kysely, type Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../db/types';

export interface OutgoingNotification {
  /** Same key twice → one notification (reminders and notices are idempotent). */
  dedupeKey: string;
  channel: 'sms' | 'inapp';
  userId?: string | null;
  recipientName: string;
  phone?: string | null;
  kind: string;
  title: string;
  body: string;
  hazardId?: string | null;
  enterpriseId?: string | null;
}

/** Adds notifications to the outbox inside the caller's transaction; in-app ones are delivered at once. */
export async function enqueue(
  trx: Transaction<DB> | Kysely<DB>,
  items: OutgoingNotification[],
): Promise<number> {
  if (items.length === 0) return 0;
  const r = await trx
    .insertInto('notifications')
    .values(
      items.map((n) => ({
        dedupe_key: n.dedupeKey,
        channel: n.channel,
        user_id: n.userId ?? null,
        recipient_name: n.recipientName,
        phone: n.phone ?? null,
        kind: n.kind,
        title: n.title,
        body: n.body,
        hazard_id: n.hazardId ?? null,
        enterprise_id: n.enterpriseId ?? null,
        status: n.channel === 'inapp' ? 'sent' : 'pending',
        sent_at: n.channel === 'inapp' ? new Date() : null,
      })),
    )
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

/** Where SMS go. Production plugs in a gateway adapter; demo mode logs. */
export interface SmsSender {
  readonly name: string;
  send(phone: string, text: string): Promise<void>;
}

export class LoggingSmsSender implements SmsSender {
  readonly name = 'log';
  readonly sent: Array<{ phone: string; text: string }> = [];
  constructor(private readonly logger?: Logger) {}
  async send(phone: string, text: string) {
    this.sent.push({ phone, text });
    this.logger?.info({ phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`, text }, 'SMS (logging sender)');
  }
}

/**
 * A generic HTTP SMS gateway: POSTs `{ phone, text }` as JSON with a bearer token. Gateways of the
 * Chinese carriers and cloud vendors differ; an adapter of this shape wraps each one.
 */
export class HttpSmsSender implements SmsSender {
  readonly name = 'http';
  constructor(
    private readonly url: string,
    private readonly token: string | undefined,
  ) {}
  async send(phone: string, text: string) {
    const r = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: JSON.stringify({ phone, text }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!r.ok) throw new Error(`SMS gateway answered ${r.status}`);
  }
}

const MAX_ATTEMPTS = 5;

/** Sends pending SMS, claiming rows with SKIP LOCKED so several instances never send one twice. */
export async function dispatchPending(
  db: Kysely<DB>,
  sender: SmsSender,
  batch = 50,
): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  await db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('notifications')
      .select(['id', 'phone', 'title', 'body', 'attempts'])
      .where('status', '=', 'pending')
      .where('channel', '=', 'sms')
      .orderBy('created_at')
      .limit(batch)
      .forUpdate()
      .skipLocked()
      .execute();
    for (const n of rows) {
      try {
        if (!n.phone) throw new Error('no phone number');
        await sender.send(n.phone, `【治本平台】${n.title}：${n.body}`);
        await trx
          .updateTable('notifications')
          .set({ status: 'sent', sent_at: new Date(), attempts: sql`attempts + 1`, last_error: null })
          .where('id', '=', n.id)
          .execute();
        sent++;
      } catch (e) {
        const attempts = n.attempts + 1;
        await trx
          .updateTable('notifications')
          .set({
            status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
            attempts,
            last_error: String((e as Error).message).slice(0, 500),
          })
          .where('id', '=', n.id)
          .execute();
        failed++;
      }
    }
  });
  return { sent, failed };
}
