import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can, type Permission } from '@zhiben/domain';
import { forbidden, unauthenticated } from '../http/errors';
import { sha256 } from './crypto';
import { actorBySession, actorByToken, touchSession, touchToken } from './actor.repo';

export const SESSION_COOKIE = 'zb_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Route answers anonymous callers (health, login, public reporting…). */
    public?: boolean;
    /** Permission checked before body validation, so a caller without it gets 403 whatever it sends. */
    permission?: Permission;
  }
}

const PUBLIC_PREFIXES = ['/api/docs', '/api/openapi.json'];
const TOUCH_EVERY_MS = 60_000;

/** Resolves the caller on every API request from the session cookie or a Bearer API token. */
export function registerAuthHook(app: FastifyInstance) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    await resolveActor(req);
    // Refuse anonymous callers before body validation, so they learn nothing about payload shapes.
    if (
      !req.actor &&
      !req.routeOptions.config?.public &&
      !PUBLIC_PREFIXES.some((p) => req.url.startsWith(p))
    ) {
      throw unauthenticated();
    }
    const needed = req.routeOptions.config?.permission;
    if (needed && req.actor && !can(req.actor, needed)) throw forbidden(`当前账号无“${needed}”权限`);
  });

  async function resolveActor(req: FastifyRequest) {
    const { db } = app.deps.database;
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      const token = auth.slice(7).trim();
      if (!token.startsWith('zbt_')) return; // other bearer kinds (gateways) are handled by their routes
      const found = await actorByToken(db, sha256(token));
      if (found) {
        req.actor = found.actor;
        if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
          await touchToken(db, found.tokenId);
        }
      }
      return;
    }
    const sid = req.cookies[SESSION_COOKIE];
    if (!sid) return;
    const hash = sha256(sid);
    const found = await actorBySession(db, hash, app.deps.config.SESSION_IDLE_MINUTES);
    if (!found) return;
    req.actor = found.actor;
    if (Date.now() - found.lastSeenAt.getTime() > TOUCH_EVERY_MS) await touchSession(db, hash);
  }
}
