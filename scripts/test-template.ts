// Builds the database template every test file clones: migrated and seeded with a small demo set.
import { writeFileSync } from 'node:fs';
import pg from 'pg';
import { openDatabase } from '../packages/server/src/db/connect';
import { migrate } from '../packages/server/src/db/migrate';
import { seedDemo } from '../packages/server/src/demo/seed';
import { syncBuiltinCriteria } from '../packages/server/src/criteria/criteria.sync';

const [, , target, pgUrl, templateName] = process.argv;
const COUNT = 300;

if (pgUrl && templateName) {
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${templateName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${templateName}`);
  await admin.end();
  const url = new URL(pgUrl);
  url.pathname = `/${templateName}`;
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: '.' });
  await migrate(db.db);
  await syncBuiltinCriteria(db.db);
  await seedDemo(db.db, COUNT);
  await db.close();
} else {
  const db = await openDatabase({ dataDir: '.', memory: true });
  await migrate(db.db);
  await syncBuiltinCriteria(db.db);
  await seedDemo(db.db, COUNT);
  const blob = await db.dumpDataDir!();
  writeFileSync(target!, Buffer.from(await blob.arrayBuffer()));
  await db.close();
}
