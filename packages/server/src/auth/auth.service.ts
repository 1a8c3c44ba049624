import type { Kysely } from 'kysely';
import { LOCKOUT_MINUTES, LOCKOUT_THRESHOLD, passwordProblems } from '@zhiben/domain';
import type { DB } from '../db/types';
import { AppError, invalid, unauthenticated } from '../http/errors';
import { appendAudit, type AuditContext } from '../audit/audit.repo';
import { hashPassword, randomToken, sha256, verifyPassword } from './crypto';

const BAD_CREDENTIALS = '用户名或密码错误';
// Verifying against a fixed hash when the user is unknown keeps timing alike for both cases.
let dummyHash: Promise<string> | undefined;

/** Checks credentials with lockout: 5 consecutive failures lock the account for 15 minutes. Returns a new session id. */
export async function login(
  db: Kysely<DB>,
  input: { username: string; password: string },
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ sessionId: string; userId: string }> {
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', input.username)
    .executeTakeFirst();
  if (!user) {
    await verifyPassword(input.password, await (dummyHash ??= hashPassword('x-not-a-password-1')));
    throw unauthenticated(BAD_CREDENTIALS);
  }
  const ctx: AuditContext = {
    actorId: user.id,
    actorName: `${user.display_name}(${user.username})`,
    orgId: user.org_id ?? user.enterprise_id,
    ip: meta.ip,
  };
  if (user.locked_until && user.locked_until.getTime() > Date.now()) {
    throw new AppError('locked', `连续登录失败次数过多，账号已锁定至 ${fmt(user.locked_until)}`, [], {
      lockedUntil: user.locked_until.toISOString(),
    });
  }
  if (user.status !== 'active') throw unauthenticated('账号已停用，请联系管理员');
  const ok = await verifyPassword(input.password, user.password_hash);
  if (!ok) {
    const failures = user.failed_logins + 1;
    const lock = failures >= LOCKOUT_THRESHOLD ? new Date(Date.now() + LOCKOUT_MINUTES * 60_000) : null;
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ failed_logins: lock ? 0 : failures, locked_until: lock, updated_at: new Date() })
        .where('id', '=', user.id)
        .execute();
      await appendAudit(trx, ctx, [
        {
          action: lock ? 'auth.locked' : 'auth.login_failed',
          entityType: 'user',
          entityId: user.id,
          after: { failures },
        },
      ]);
    });
    if (lock) {
      throw new AppError(
        'locked',
        `连续 ${LOCKOUT_THRESHOLD} 次登录失败，账号已锁定 ${LOCKOUT_MINUTES} 分钟`,
        [],
        {
          lockedUntil: lock.toISOString(),
        },
      );
    }
    throw unauthenticated(BAD_CREDENTIALS);
  }
  const sessionId = randomToken();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null, last_login_at: new Date() })
      .where('id', '=', user.id)
      .execute();
    await trx
      .insertInto('sessions')
      .values({
        id: sha256(sessionId),
        user_id: user.id,
        last_seen_at: new Date(),
        ip: meta.ip,
        user_agent: meta.userAgent,
      })
      .execute();
    await appendAudit(trx, ctx, [{ action: 'auth.login', entityType: 'user', entityId: user.id }]);
  });
  return { sessionId, userId: user.id };
}

export async function logout(db: Kysely<DB>, sessionId: string, ctx: AuditContext) {
  await db.transaction().execute(async (trx) => {
    const r = await trx.deleteFrom('sessions').where('id', '=', sha256(sessionId)).executeTakeFirst();
    if (Number(r.numDeletedRows) > 0)
      await appendAudit(trx, ctx, [{ action: 'auth.logout', entityType: 'user', entityId: ctx.actorId }]);
  });
}

export async function changePassword(
  db: Kysely<DB>,
  userId: string,
  input: { currentPassword: string; newPassword: string },
  ctx: AuditContext,
) {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(input.currentPassword, user.password_hash))) {
    throw invalid([{ path: 'currentPassword', message: '当前密码不正确' }]);
  }
  const problems = passwordProblems(input.newPassword, user.username);
  if (problems.length) throw invalid(problems.map((message) => ({ path: 'newPassword', message })));
  const hash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash, demo: false, updated_at: new Date() })
      .where('id', '=', userId)
      .execute();
    await appendAudit(trx, ctx, [{ action: 'user.password_changed', entityType: 'user', entityId: userId }]);
  });
}

function fmt(d: Date) {
  return d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}
