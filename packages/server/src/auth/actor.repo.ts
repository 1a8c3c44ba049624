import { sql, type Kysely } from 'kysely';
import type { Actor, Role } from '@zhiben/domain';
import type { DB } from '../db/types';

/** One query: session or token → user → organisation region, as an Actor. */
export async function actorBySession(db: Kysely<DB>, sessionHash: string, idleMinutes: number) {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('organizations as o', 'o.id', 'u.org_id')
    .select([
      's.last_seen_at',
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.org_id',
      'u.enterprise_id',
      'u.status',
      'o.region_code',
    ])
    .where('s.id', '=', sessionHash)
    .where('s.last_seen_at', '>', sql<Date>`now() - make_interval(mins => ${idleMinutes})`)
    .executeTakeFirst();
  if (!row || row.status !== 'active') return null;
  return { actor: toActor(row), lastSeenAt: row.last_seen_at };
}

export async function actorByToken(db: Kysely<DB>, tokenHash: string) {
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .leftJoin('organizations as o', 'o.id', 'u.org_id')
    .select([
      't.id as token_id',
      't.scopes',
      't.last_used_at',
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.org_id',
      'u.enterprise_id',
      'u.status',
      'o.region_code',
    ])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', sql<Date>`now()`)]))
    .executeTakeFirst();
  if (!row || row.status !== 'active') return null;
  return {
    actor: { ...toActor(row), tokenScopes: row.scopes },
    tokenId: row.token_id,
    lastUsedAt: row.last_used_at,
  };
}

function toActor(row: {
  id: string;
  username: string;
  display_name: string;
  role: string;
  org_id: string | null;
  enterprise_id: string | null;
  region_code: string | null;
}): Actor {
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    orgId: row.org_id,
    regionCode: row.region_code,
    enterpriseId: row.enterprise_id,
  };
}

export async function touchSession(db: Kysely<DB>, sessionHash: string) {
  await db.updateTable('sessions').set({ last_seen_at: new Date() }).where('id', '=', sessionHash).execute();
}

export async function touchToken(db: Kysely<DB>, tokenId: string) {
  await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', tokenId).execute();
}
