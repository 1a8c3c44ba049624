import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { parseTelemetryTopic } from '@zhiben/domain';
import type { DB } from '../db/types';
import { sha256 } from '../auth/crypto';
import type { Ingest } from './ingest';

export interface KnownGateway {
  id: string;
  enterpriseId: string;
  uscc: string;
}

/**
 * Gateway credentials: username = gateway id, password = a token shown once and stored hashed.
 * Lookups are cached for `ttlMs` (30 s), revoked and unknown gateways too; `forget` drops an entry at
 * once (the revoking instance), other instances notice a revocation within the TTL.
 */
export class GatewayDirectory {
  private cache = new Map<string, { hit: { gw: KnownGateway; hash: string } | undefined; at: number }>();
  private readonly ttlMs: number;
  constructor(
    private readonly db: Kysely<DB>,
    opts: { ttlMs?: number } = {},
  ) {
    this.ttlMs = opts.ttlMs ?? 30_000;
  }

  static newCredentials() {
    const id = `gw${randomBytes(6).toString('hex')}`;
    const token = `zgw_${randomBytes(24).toString('base64url')}`;
    return { id, token, hash: sha256(token) };
  }

  private async load(id: string) {
    const cached = this.cache.get(id);
    if (cached && Date.now() - cached.at < this.ttlMs) return cached.hit;
    const row = await this.db
      .selectFrom('gateways')
      .innerJoin('enterprises', 'enterprises.id', 'gateways.enterprise_id')
      .select([
        'gateways.id',
        'gateways.enterprise_id',
        'gateways.token_hash',
        'gateways.revoked_at',
        'enterprises.uscc',
      ])
      .where('gateways.id', '=', id)
      .executeTakeFirst();
    const hit =
      !row || row.revoked_at
        ? undefined
        : { gw: { id: row.id, enterpriseId: row.enterprise_id, uscc: row.uscc }, hash: row.token_hash };
    if (this.cache.size >= 100_000) this.cache.clear();
    this.cache.set(id, { hit, at: Date.now() });
    return hit;
  }

  /** The gateway with this id unless unknown or revoked (cached, see the class comment). */
  async lookup(id: string): Promise<KnownGateway | undefined> {
    return (await this.load(id))?.gw;
  }

  async authenticate(id: string, token: string): Promise<KnownGateway | undefined> {
    const g = await this.load(id);
    return g && g.hash === sha256(token) ? g.gw : undefined;
  }

  async byToken(token: string): Promise<KnownGateway | undefined> {
    const row = await this.db
      .selectFrom('gateways')
      .select('id')
      .where('token_hash', '=', sha256(token))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return row ? this.authenticate(row.id, token) : undefined;
  }

  forget(id: string) {
    this.cache.delete(id);
  }

  /**
   * One MQTT publish: the topic must be this gateway's own (zhiben/v1/<its uscc>/<its id>/telemetry),
   * else it is refused (ACL). A malformed payload is counted against the gateway and not refused, so a
   * bad message never disconnects a gateway or blocks the readings behind it.
   */
  async handlePublish(ingest: Ingest, username: string, topic: string, payload: Buffer) {
    const g = await this.load(username);
    if (!g) throw new Error('unknown gateway');
    const t = parseTelemetryTopic(topic);
    if (!t || t.gatewayId !== g.gw.id || t.uscc !== g.gw.uscc) {
      await ingest.countRejected(g.gw.id, `无权发布到主题 ${topic}`);
      throw new Error('topic not allowed for this gateway');
    }
    let body: unknown;
    try {
      body = JSON.parse(payload.toString('utf8'));
    } catch {
      await ingest.countRejected(g.gw.id, '消息不是有效的 JSON');
      return;
    }
    await ingest.ingest({ id: g.gw.id, enterpriseId: g.gw.enterpriseId }, body);
  }
}
