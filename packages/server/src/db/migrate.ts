import { Migrator, type Kysely } from 'kysely';
import { migrations } from './migrations/index';
import type { DB } from './types';

/** Runs pending migrations; throws with the failing migration's name. */
export async function migrate(db: Kysely<DB>): Promise<string[]> {
  // Unordered: a migration merged later with an earlier timestamp still runs on existing databases.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(
      `数据库迁移失败 (migration failed)${failed ? `: ${failed.migrationName}` : ''}: ${String(error)}`,
      {
        cause: error,
      },
    );
  }
  return (results ?? []).map((r) => r.migrationName);
}
