/**
 * The storage layer's public surface: `openStore` gives a DutyStore over Kysely. Other layers import from
 * here (and from ./types.ts), never from the files behind it.
 */
import type { Kysely } from "kysely";
import type { EditionDraft } from "../domain/edition.ts";
import { departmentUse, listDepartments } from "./departments.ts";
import { connectSqlite } from "./dialect.ts";
import { getEdition, getEditionById, listEditions } from "./editions.ts";
import { databasePath } from "./location.ts";
import { migrateToLatest } from "./migrate.ts";
import { saveEditionIn } from "./save.ts";
import type { Database } from "./schema.ts";
import { listTownships } from "./townships.ts";
import { withTransaction } from "./transaction.ts";
import type {
  DepartmentUse,
  DutyStore,
  EditionRow,
  SaveOptions,
  StoredEdition,
  TownshipRow,
} from "./types.ts";

export { DEFAULT_DATABASE, databasePath } from "./location.ts";
export { AmbiguousTownshipError } from "./townships.ts";
export { withTransaction } from "./transaction.ts";
export * from "./types.ts";

export interface OpenOptions {
  /** SQLite file, or ":memory:"; default $LVZHI_DB, else var/lvzhi.db under the project root. */
  path?: string;
}

/** The DutyStore over one Kysely instance; `db` is open for layers that add their own tables and queries. */
export class SqlDutyStore implements DutyStore {
  constructor(readonly db: Kysely<Database>) {}

  saveEdition(draft: EditionDraft, options: SaveOptions = {}): Promise<number> {
    return withTransaction(this.db, (trx) => saveEditionIn(trx, draft, options));
  }

  listTownships(): Promise<TownshipRow[]> {
    return listTownships(this.db);
  }

  listEditions(township?: string): Promise<EditionRow[]> {
    return listEditions(this.db, township);
  }

  getEdition(township: string, date?: string): Promise<StoredEdition | undefined> {
    return getEdition(this.db, township, date);
  }

  getEditionById(id: number): Promise<StoredEdition | undefined> {
    return getEditionById(this.db, id);
  }

  listDepartments(county?: string): Promise<{ name: string; county: string; items: number }[]> {
    return listDepartments(this.db, county);
  }

  departmentUse(name: string, county?: string): Promise<DepartmentUse> {
    return departmentUse(this.db, name, county);
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}

/** Opens (creating if needed) the database and brings its schema up to date. */
export async function openStore(options: OpenOptions = {}): Promise<SqlDutyStore> {
  const path = databasePath(options.path);
  const db = connectSqlite(path);
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw new Error(`${path}：${error instanceof Error ? error.message : String(error)}`);
  }
  return new SqlDutyStore(db);
}
