/** Brings a database to the newest schema with Kysely's Migrator over the static migration list. */
import { type Kysely, Migrator } from "kysely";
import { migrationProvider } from "./migrations/index.ts";

/**
 * Runs every pending migration; throws naming the one that failed. Returns the names applied now.
 * `schema` (PostgreSQL) keeps Kysely's bookkeeping tables beside lvzhi's own, so stores in two schemas of
 * one database do not see each other's migration state.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>, schema?: string): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === "Error")?.migrationName ?? "?";
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`数据库迁移失败（${failed}）：${reason}`);
  }
  return results.filter((r) => r.status === "Success").map((r) => r.migrationName);
}
