import { createHash } from 'node:crypto';

/** Canonical JSON: keys sorted at every level, undefined dropped, so a record hashes the same after a jsonb round trip. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(JSON.parse(JSON.stringify(value ?? null))));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

export interface ChainedFields {
  seq: string;
  at: Date;
  actorId: string | null;
  actorName: string;
  orgId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

/** hash = SHA-256(prev_hash + canonical record); the sequence number is part of the record, so deletions show. */
export function chainHash(prevHash: string, f: ChainedFields): string {
  const body = canonicalJson({
    seq: String(f.seq),
    at: f.at.toISOString(),
    actorId: f.actorId,
    actorName: f.actorName,
    orgId: f.orgId,
    action: f.action,
    entityType: f.entityType,
    entityId: f.entityId,
    before: f.before ?? null,
    after: f.after ?? null,
    ip: f.ip,
  });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}
