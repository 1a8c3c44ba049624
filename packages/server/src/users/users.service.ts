import { sql, type Kysely, type Transaction } from 'kysely';
import {
  canManageUser,
  passwordProblems,
  roleName,
  roleOrgKind,
  ROLE_CODES,
  type Actor,
  type ManagedUser,
  type Role,
} from '@zhiben/domain';
import { z } from 'zod';
import type { DB } from '../db/types';
import { conflict, forbidden, invalid, notFound, type FieldError } from '../http/errors';
import { appendAudit, type AuditContext } from '../audit/audit.repo';
import { hashPassword } from '../auth/crypto';
import type { OrgDirectory } from '../organizations/directory';
import { containsPattern } from '../db/like';

export const userCreateSchema = z.object({
  username: z
    .string({ error: '请填写用户名' })
    .trim()
    .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{2,31}$/, '用户名为3–32位字母、数字、点、下划线或连字符'),
  displayName: z.string({ error: '请填写姓名' }).trim().min(1, '请填写姓名').max(50, '姓名不超过50个字符'),
  role: z.enum(ROLE_CODES, { error: '角色无效' }),
  orgId: z.string().min(1).nullish(),
  enterpriseId: z.string().uuid('企业编号格式不正确').nullish(),
  phone: z
    .string()
    .trim()
    .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '电话格式不正确')
    .nullish(),
  password: z.string({ error: '请填写初始密码' }).min(1, '请填写初始密码').max(128),
});
export type UserCreate = z.infer<typeof userCreateSchema>;

export const userPatchSchema = userCreateSchema
  .omit({ username: true })
  .extend({ status: z.enum(['active', 'disabled'], { error: '状态必须是 active 或 disabled' }) })
  .partial();
export type UserPatch = z.infer<typeof userPatchSchema>;

export const userListQuerySchema = z.object({
  keyword: z.string().trim().max(64).optional(),
  role: z.enum(ROLE_CODES, { error: '角色无效' }).optional(),
  orgId: z.string().optional(),
  enterpriseId: z.string().uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

const ENTERPRISE_ROLES = ['enterprise_principal', 'enterprise_safety', 'enterprise_staff'];

function userBase(db: Kysely<DB> | Transaction<DB>) {
  return db
    .selectFrom('users as u')
    .leftJoin('organizations as o', 'o.id', 'u.org_id')
    .leftJoin('enterprises as e', 'e.id', 'u.enterprise_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.org_id',
      'o.name as org_name',
      'u.enterprise_id',
      'e.name as enterprise_name',
      'u.phone',
      'u.status',
      'u.locked_until',
      'u.last_login_at',
      'u.created_at',
      sql<string | null>`coalesce(o.region_code, e.district_code)`.as('region_code'),
    ]);
}
type UserView = Awaited<ReturnType<ReturnType<typeof userBase>['executeTakeFirstOrThrow']>>;

/** SQL form of canManageUser for lists. */
function scoped(q: ReturnType<typeof userBase>, actor: Actor) {
  switch (actor.role) {
    case 'sysadmin':
      return q;
    case 'city_office':
      return actor.regionCode === '150600'
        ? q.where('u.role', '!=', 'sysadmin')
        : q.where(sql<boolean>`false`);
    case 'district_office':
      return q.where((eb) =>
        eb.or([
          eb.and([
            eb('o.region_code', '=', actor.regionCode),
            eb('u.role', 'in', ['district_office', 'inspector']),
          ]),
          eb.and([eb('e.district_code', '=', actor.regionCode), eb('u.role', 'in', ENTERPRISE_ROLES)]),
        ]),
      );
    case 'enterprise_principal':
      return q
        .where('u.enterprise_id', '=', actor.enterpriseId)
        .where('u.role', 'in', ['enterprise_safety', 'enterprise_staff']);
    default:
      return q.where(sql<boolean>`false`);
  }
}

export function presentUser(u: UserView) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    roleName: roleName(u.role),
    orgId: u.org_id,
    orgName: u.org_name,
    enterpriseId: u.enterprise_id,
    enterpriseName: u.enterprise_name,
    phone: u.phone,
    status: u.status,
    lockedUntil:
      u.locked_until && u.locked_until.getTime() > Date.now() ? u.locked_until.toISOString() : null,
    lastLoginAt: u.last_login_at?.toISOString() ?? null,
    createdAt: u.created_at.toISOString(),
  };
}

export async function listUsers(db: Kysely<DB>, actor: Actor, q: z.infer<typeof userListQuerySchema>) {
  let base = scoped(userBase(db), actor);
  if (q.keyword) {
    const like = containsPattern(q.keyword);
    base = base.where((eb) => eb.or([eb('u.username', 'ilike', like), eb('u.display_name', 'ilike', like)]));
  }
  if (q.role) base = base.where('u.role', '=', q.role);
  if (q.orgId) base = base.where('u.org_id', '=', q.orgId);
  if (q.enterpriseId) base = base.where('u.enterprise_id', '=', q.enterpriseId);
  const [rows, count] = await Promise.all([
    base
      .orderBy('u.username')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(presentUser), total: Number(count.n), page: q.page, pageSize: q.pageSize };
}

/** Checks role ↔ organisation consistency and returns the managed-user view for the policy. */
async function resolveTarget(
  db: Kysely<DB> | Transaction<DB>,
  orgs: OrgDirectory,
  role: Role,
  orgId: string | null | undefined,
  enterpriseId: string | null | undefined,
): Promise<{ target: ManagedUser; orgId: string | null; enterpriseId: string | null }> {
  const need = roleOrgKind(role);
  const errors: FieldError[] = [];
  let region: string | null = null;
  if (need === 'enterprise') {
    if (!enterpriseId) errors.push({ path: 'enterpriseId', message: '企业角色必须选择所属企业' });
    else {
      const e = await db
        .selectFrom('enterprises')
        .select('district_code')
        .where('id', '=', enterpriseId)
        .executeTakeFirst();
      if (!e) errors.push({ path: 'enterpriseId', message: '企业不存在' });
      else region = e.district_code;
    }
    if (errors.length) throw invalid(errors);
    return {
      target: { role, regionCode: region, enterpriseId: enterpriseId! },
      orgId: null,
      enterpriseId: enterpriseId!,
    };
  }
  if (need === 'none')
    return { target: { role, regionCode: null, enterpriseId: null }, orgId: null, enterpriseId: null };
  const o = orgId ? orgs.get(orgId) : undefined;
  const ok =
    o &&
    ((need === 'department' && o.kind === 'department') ||
      (need === 'city_office' && o.kind === 'office' && o.level === 'city') ||
      (need === 'district_office' && o.kind === 'office' && o.level === 'district'));
  if (!ok) {
    const what = need === 'department' ? '行业监管部门' : need === 'city_office' ? '市安委办' : '旗区安委办';
    throw invalid([{ path: 'orgId', message: `该角色的所属组织必须是${what}` }]);
  }
  return { target: { role, regionCode: o.regionCode, enterpriseId: null }, orgId: o.id, enterpriseId: null };
}

export async function createUser(
  db: Kysely<DB>,
  orgs: OrgDirectory,
  actor: Actor,
  input: UserCreate,
  ctx: AuditContext,
) {
  const { target, orgId, enterpriseId } = await resolveTarget(
    db,
    orgs,
    input.role,
    input.orgId,
    input.enterpriseId,
  );
  if (!canManageUser(actor, target)) throw forbidden('无权创建该角色或该组织的用户');
  const problems = passwordProblems(input.password, input.username);
  if (problems.length) throw invalid(problems.map((message) => ({ path: 'password', message })));
  const hash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom('users')
      .select('id')
      .where('username', '=', input.username)
      .executeTakeFirst();
    if (exists) throw conflict('用户名已存在', [{ path: 'username', message: '用户名已被使用' }]);
    const { id } = await trx
      .insertInto('users')
      .values({
        username: input.username,
        display_name: input.displayName,
        role: input.role,
        org_id: orgId,
        enterprise_id: enterpriseId,
        phone: input.phone ?? null,
        password_hash: hash,
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = presentUser(await userBase(trx).where('u.id', '=', id).executeTakeFirstOrThrow());
    await appendAudit(trx, ctx, [{ action: 'user.create', entityType: 'user', entityId: id, after: user }]);
    return user;
  });
}

async function loadManaged(trx: Transaction<DB>, actor: Actor, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('用户');
  const u = await userBase(trx).where('u.id', '=', id).executeTakeFirst();
  if (!u) throw notFound('用户');
  const managed: ManagedUser = {
    role: u.role as Role,
    regionCode: u.region_code,
    enterpriseId: u.enterprise_id,
  };
  if (!canManageUser(actor, managed)) throw notFound('用户');
  return u;
}

export async function patchUser(
  db: Kysely<DB>,
  orgs: OrgDirectory,
  actor: Actor,
  id: string,
  p: UserPatch,
  ctx: AuditContext,
) {
  return db.transaction().execute(async (trx) => {
    const before = await loadManaged(trx, actor, id);
    if (id === actor.userId && (p.role !== undefined || p.status === 'disabled')) {
      throw forbidden('不能修改自己的角色或停用自己');
    }
    const set: Record<string, unknown> = { updated_at: new Date() };
    if (p.role !== undefined || p.orgId !== undefined || p.enterpriseId !== undefined) {
      const role = (p.role ?? before.role) as Role;
      const r = await resolveTarget(
        trx,
        orgs,
        role,
        p.orgId !== undefined ? p.orgId : before.org_id,
        p.enterpriseId !== undefined ? p.enterpriseId : before.enterprise_id,
      );
      if (!canManageUser(actor, r.target)) throw forbidden('无权设置该角色或该组织');
      Object.assign(set, { role, org_id: r.orgId, enterprise_id: r.enterpriseId });
    }
    if (p.displayName !== undefined) set.display_name = p.displayName;
    if (p.phone !== undefined) set.phone = p.phone;
    if (p.status !== undefined) set.status = p.status;
    if (p.password !== undefined) {
      const problems = passwordProblems(p.password, before.username);
      if (problems.length) throw invalid(problems.map((message) => ({ path: 'password', message })));
      set.password_hash = await hashPassword(p.password);
      set.demo = false;
    }
    await trx.updateTable('users').set(set).where('id', '=', id).execute();
    if (p.status === 'disabled' || p.password !== undefined) {
      await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    }
    const after = presentUser(await userBase(trx).where('u.id', '=', id).executeTakeFirstOrThrow());
    await appendAudit(trx, ctx, [
      { action: 'user.update', entityType: 'user', entityId: id, before: presentUser(before), after },
    ]);
    return after;
  });
}

export async function unlockUser(db: Kysely<DB>, actor: Actor, id: string, ctx: AuditContext) {
  return db.transaction().execute(async (trx) => {
    await loadManaged(trx, actor, id);
    await trx
      .updateTable('users')
      .set({ locked_until: null, failed_logins: 0 })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, ctx, [{ action: 'user.unlock', entityType: 'user', entityId: id }]);
    return presentUser(await userBase(trx).where('u.id', '=', id).executeTakeFirstOrThrow());
  });
}

export async function getUser(db: Kysely<DB>, actor: Actor, id: string) {
  return db.transaction().execute(async (trx) => presentUser(await loadManaged(trx, actor, id)));
}
