/** Opening the store from the CLI's shared --db / --database-url options. */
import { openStore, type SqlDutyStore } from "../store/index.ts";

/** Opens the store the options name (PostgreSQL when --database-url or $DATABASE_URL is given). */
export function openFromOptions(values: { db?: string; "database-url"?: string }): Promise<SqlDutyStore> {
  const location: Record<string, string> = {};
  if (values.db) location.path = values.db;
  if (values["database-url"]) location.databaseUrl = values["database-url"];
  return openStore(location as Parameters<typeof openStore>[0]);
}
