import type { FastifyRequest } from 'fastify';
import { can, type Actor, type Permission } from '@zhiben/domain';
import { forbidden, unauthenticated } from './errors';
import type { AuditContext } from '../audit/audit.repo';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** The authenticated actor, or 401. */
export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}

/** The authenticated actor holding a permission (role ∩ token scopes), or 401/403. */
export function requirePermission(req: FastifyRequest, p: Permission): Actor {
  const actor = requireActor(req);
  if (!can(actor, p)) throw forbidden(`当前账号无“${p}”权限`);
  return actor;
}

export function auditContext(req: FastifyRequest): AuditContext {
  const a = req.actor;
  return {
    actorId: a?.userId ?? null,
    actorName: a ? `${a.displayName}(${a.username})` : '匿名',
    orgId: a?.orgId ?? a?.enterpriseId ?? null,
    ip: req.ip ?? null,
  };
}
