// Operator commands: `npm run zhiben -- <command>`: audit:verify, admin:create, escalate --as-of.
import { loadConfig } from './config';
import { openDatabase } from './db/connect';
import { migrate } from './db/migrate';
import { verifyAudit, appendAudit } from './audit/audit.repo';
import { hashPassword } from './auth/crypto';
import { passwordProblems } from '@zhiben/domain';
import { lockDataDir } from './lock';
import { OrgDirectory } from './organizations/directory';
import { runEscalations } from './supervision/escalation.service';

const [cmd, ...rest] = process.argv.slice(2);
const config = loadConfig({ ...process.env, ZHIBEN_BACKGROUND: '0' });
const unlock = config.DATABASE_URL ? () => {} : lockDataDir(config.DATA_DIR);
const database = await openDatabase({
  databaseUrl: config.DATABASE_URL,
  schema: config.DATABASE_SCHEMA,
  dataDir: config.DATA_DIR,
});
let code = 0;
try {
  await migrate(database.db);
  switch (cmd) {
    case 'audit:verify': {
      const r = await verifyAudit(database.db);
      if (r.ok)
        console.log(`审计链完整 (audit chain intact): ${r.count} 条记录, head ${r.lastHash.slice(0, 16)}…`);
      else {
        console.error(`审计链断裂 (audit chain broken) at #${r.brokenAt}: ${r.reason}`);
        code = 1;
      }
      break;
    }
    case 'admin:create': {
      const username = rest[0];
      const password = process.env.ZHIBEN_ADMIN_PASSWORD ?? '';
      const problems = passwordProblems(password, username);
      if (!username || problems.length) {
        console.error('用法: ZHIBEN_ADMIN_PASSWORD=… npm run admin:create -- <username>');
        for (const p of problems) console.error(`  - ${p}`);
        code = 2;
        break;
      }
      const hash = await hashPassword(password);
      await database.db.transaction().execute(async (trx) => {
        const { id } = await trx
          .insertInto('users')
          .values({
            username,
            display_name: '系统管理员',
            role: 'sysadmin',
            password_hash: hash,
            updated_at: new Date(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(trx, { actorId: null, actorName: '命令行 (CLI)', orgId: null, ip: null }, [
          { action: 'user.create', entityType: 'user', entityId: id, after: { username, role: 'sysadmin' } },
        ]);
      });
      console.log(`已创建系统管理员 ${username}`);
      break;
    }
    case 'escalate': {
      const i = rest.indexOf('--as-of');
      const raw = i >= 0 ? rest[i + 1] : undefined;
      const asOf = raw
        ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T23:59:59+08:00` : raw)
        : new Date();
      if (Number.isNaN(asOf.getTime())) {
        console.error(`--as-of 日期无效: ${raw}（例如 2025-06-30 或 2025-06-30T09:00:00+08:00）`);
        code = 2;
        break;
      }
      const orgs = await OrgDirectory.load(database.db);
      const r = await runEscalations(database.db, orgs, asOf, {
        actorId: null,
        actorName: '命令行 (CLI)',
        orgId: null,
        ip: null,
      });
      console.log(
        `督办升级 as of ${r.asOf}: 检查逾期隐患 ${r.hazardsChecked} 项，新增记录 ${r.created} 条 ${JSON.stringify(r.byRung)}`,
      );
      break;
    }
    default:
      console.error('commands: audit:verify | admin:create <username> | escalate [--as-of <date>]');
      code = 2;
  }
} finally {
  await database.close();
  unlock();
}
process.exit(code);
