import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/types';
import { chainHash, GENESIS_HASH } from './chain';

export interface AuditContext {
  actorId: string | null;
  actorName: string;
  orgId: string | null;
  ip: string | null;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

const AUDIT_LOCK = 7_420_001;

/**
 * Appends entries to the hash chain inside the caller's transaction. An advisory transaction lock
 * serialises appenders so the chain stays linear across connections and server instances.
 */
export async function appendAudit(
  trx: Transaction<DB>,
  ctx: AuditContext,
  entries: AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(trx);
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let prev = last?.hash ?? GENESIS_HASH;
  let seq = BigInt(last?.seq ?? 0);
  // Millisecond precision so the stored timestamp round-trips exactly.
  const at = new Date(Math.floor(Date.now()));
  const rows = entries.map((e) => {
    seq += 1n;
    const fields = {
      seq: seq.toString(),
      at,
      actorId: ctx.actorId,
      actorName: ctx.actorName,
      orgId: ctx.orgId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      before: e.before ?? null,
      after: e.after ?? null,
      ip: ctx.ip,
    };
    const hash = chainHash(prev, fields);
    const row = { ...fields, prevHash: prev, hash };
    prev = hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await sql`
      INSERT INTO audit_log (seq, at, actor_id, actor_name, org_id, action, entity_type, entity_id, before, after, ip, prev_hash, hash)
      OVERRIDING SYSTEM VALUE
      SELECT * FROM unnest(
        ${chunk.map((r) => r.seq)}::bigint[], ${chunk.map((r) => r.at)}::timestamptz[],
        ${chunk.map((r) => r.actorId)}::uuid[], ${chunk.map((r) => r.actorName)}::text[],
        ${chunk.map((r) => r.orgId)}::text[], ${chunk.map((r) => r.action)}::text[],
        ${chunk.map((r) => r.entityType)}::text[], ${chunk.map((r) => r.entityId)}::text[],
        ${chunk.map((r) => JSON.stringify(r.before))}::jsonb[], ${chunk.map((r) => JSON.stringify(r.after))}::jsonb[],
        ${chunk.map((r) => r.ip)}::text[], ${chunk.map((r) => r.prevHash)}::text[], ${chunk.map((r) => r.hash)}::text[]
      )
    `.execute(trx);
  }
  // The head is kept beside the chain so a truncated tail shows too.
  await sql`
    INSERT INTO app_meta (key, value) VALUES ('audit_head', ${JSON.stringify({ seq: seq.toString(), hash: prev })}::jsonb)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value
  `.execute(trx);
}

export type VerifyResult =
  | { ok: true; count: number; lastHash: string }
  | { ok: false; count: number; brokenAt: string; reason: string };

/** Walks the chain in order and names the first broken link (edited, inserted or deleted record). */
export async function verifyAudit(db: Kysely<DB>): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1n;
  let count = 0;
  let after = '0';
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(2000)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const seq = BigInt(r.seq);
      if (seq !== expectedSeq) {
        return {
          ok: false,
          count,
          brokenAt: String(expectedSeq),
          reason: `第 ${expectedSeq} 条记录缺失（已被删除）`,
        };
      }
      if (r.prev_hash !== prev) {
        return { ok: false, count, brokenAt: r.seq, reason: `第 ${r.seq} 条记录的前序哈希与链不符` };
      }
      const h = chainHash(prev, {
        seq: r.seq,
        at: r.at,
        actorId: r.actor_id,
        actorName: r.actor_name,
        orgId: r.org_id,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        before: r.before,
        after: r.after,
        ip: r.ip,
      });
      if (h !== r.hash) {
        return { ok: false, count, brokenAt: r.seq, reason: `第 ${r.seq} 条记录内容被篡改（哈希不符）` };
      }
      prev = r.hash;
      expectedSeq += 1n;
      count++;
    }
    after = rows[rows.length - 1]!.seq;
  }
  const head = await db
    .selectFrom('app_meta')
    .select('value')
    .where('key', '=', 'audit_head')
    .executeTakeFirst();
  const headSeq = (head?.value as { seq?: string } | undefined)?.seq;
  if (headSeq && BigInt(headSeq) >= expectedSeq) {
    return {
      ok: false,
      count,
      brokenAt: String(expectedSeq),
      reason: `第 ${expectedSeq} 条及以后的记录缺失（链尾被截断）`,
    };
  }
  return { ok: true, count, lastHash: prev };
}
