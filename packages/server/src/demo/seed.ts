import { sql, type Kysely } from 'kysely';
import { DISTRICTS, orgIds } from '@zhiben/domain';
import type { DB } from '../db/types';
import { appendAudit } from '../audit/audit.repo';
import { hashPassword } from '../auth/crypto';
import { toNewEnterprise } from '../enterprises/enterprises.service';
import { insertEnterprises } from '../enterprises/enterprises.repo';
import { DEMO_ENTERPRISE, generateDemoEnterprises } from './generate';

export const DEMO_PASSWORD = 'zhiben-demo';

export async function isDemoSeeded(db: Kysely<DB>): Promise<boolean> {
  return !!(await db
    .selectFrom('app_meta')
    .select('key')
    .where('key', '=', 'demo_seeded')
    .executeTakeFirst());
}

/** First start in demo mode: synthetic enterprises and the documented demo accounts, in one transaction. */
export async function seedDemo(
  db: Kysely<DB>,
  count: number,
): Promise<{ enterprises: number; users: number }> {
  const enterprises = [DEMO_ENTERPRISE, ...generateDemoEnterprises(Math.max(0, count - 1))];
  const accounts: Array<{
    username: string;
    display: string;
    role: string;
    org?: string;
    enterprise?: true;
  }> = [
    { username: 'sysadmin', display: '系统管理员', role: 'sysadmin' },
    { username: 'city-admin', display: '市安委办值班员', role: 'city_office', org: orgIds.office('150600') },
    ...DISTRICTS.map((d) => ({
      username: `district-${d.code}`,
      display: `${d.name}安委办`,
      role: 'district_office',
      org: orgIds.office(d.code),
    })),
    {
      username: 'inspector-yjj',
      display: '市应急管理局监管员',
      role: 'inspector',
      org: orgIds.department('150600', 'yjj'),
    },
    {
      username: 'inspector-nyj',
      display: '市能源局监管员',
      role: 'inspector',
      org: orgIds.department('150600', 'nyj'),
    },
    {
      username: 'enterprise-demo',
      display: DEMO_ENTERPRISE.principal.name,
      role: 'enterprise_principal',
      enterprise: true,
    },
    { username: 'expert-demo', display: '安全生产专家', role: 'expert' },
  ];
  const hash = await hashPassword(DEMO_PASSWORD);
  const result = await db.transaction().execute(async (trx) => {
    const rows = await insertEnterprises(trx, enterprises.map(toNewEnterprise));
    const demoEnterpriseId = rows[0]!.id;
    await trx
      .insertInto('users')
      .values(
        accounts.map((a) => ({
          username: a.username,
          display_name: a.display,
          role: a.role,
          org_id: a.org ?? null,
          enterprise_id: a.enterprise ? demoEnterpriseId : null,
          password_hash: hash,
          demo: true,
          updated_at: new Date(),
        })),
      )
      .execute();
    // The city and district offices handle public reports (举报受理) in the demo.
    await trx
      .updateTable('users')
      .set({ capabilities: ['report_intake'] })
      .where((eb) => eb.or([eb('username', '=', 'city-admin'), eb('username', 'like', 'district-%')]))
      .execute();
    await trx
      .insertInto('app_meta')
      .values({ key: 'demo_seeded', value: JSON.stringify({ at: new Date() }) })
      .execute();
    await appendAudit(trx, { actorId: null, actorName: '系统(演示数据)', orgId: null, ip: null }, [
      {
        action: 'demo.seed',
        entityType: 'system',
        entityId: null,
        after: { enterprises: rows.length, users: accounts.length },
      },
    ]);
    return { enterprises: rows.length, users: accounts.length };
  });
  // Fresh planner statistics after a bulk load, so the first queries use the indexes well.
  await sql`ANALYZE`.execute(db);
  return result;
}

export async function demoAccountsExist(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom('users').select('username').where('demo', '=', true).execute();
  return rows.map((r) => r.username);
}
