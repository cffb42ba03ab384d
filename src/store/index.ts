/**
 * The storage layer's public surface: `openStore` gives a DutyStore over Kysely. Other layers import from
 * here (and from ./types.ts), never from the files behind it.
 */
import { type Kysely, sql } from "kysely";
import type { EditionDraft } from "../domain/edition.ts";
import { saveEditionsIn } from "./bulk-save.ts";
import { countyEditions, countySignature, listCounties } from "./counties.ts";
import { departmentUse, listDepartments } from "./departments.ts";
import {
  connectPostgres,
  connectSqlite,
  ensureSchema,
  postgresClientIn,
  sqliteDatabaseOf,
  withBulkCache,
} from "./dialect.ts";
import { getEdition, getEditionById, listEditions, listEditionsOf } from "./editions.ts";
import { type DatabaseLocation, type DatabaseTarget, databaseTarget } from "./location.ts";
import { migrateToLatest } from "./migrate.ts";
import { readableEditions } from "./readable.ts";
import { editionsVersion } from "./revision.ts";
import { saveEditionIn } from "./save.ts";
import type { Database } from "./schema.ts";
import { listTownships, townshipCatalog } from "./townships.ts";
import { withTransaction } from "./transaction.ts";
import type {
  CatalogEntry,
  CountyRow,
  DepartmentUse,
  DutyStore,
  EditionReader,
  EditionRow,
  ReadableEditions,
  SaveOptions,
  StoredEdition,
  TownshipRow,
} from "./types.ts";
import { unreachableMessage } from "./unreachable.ts";

export {
  type DatabaseLocation,
  type DatabaseTarget,
  DEFAULT_DATABASE,
  databasePath,
  databaseTarget,
} from "./location.ts";
export { AmbiguousTownshipError } from "./townships.ts";
export { withTransaction } from "./transaction.ts";
export * from "./types.ts";

/**
 * `path`: SQLite file or ":memory:". `databaseUrl`: postgres://… (PostgreSQL). With neither, $DATABASE_URL
 * chooses PostgreSQL, else $LVZHI_DB or var/lvzhi.db under the project root (see databaseTarget).
 */
export interface OpenOptions extends DatabaseLocation {}

/** The DutyStore over one Kysely instance; `db` is open for layers that add their own tables and queries. */
export class SqlDutyStore implements DutyStore {
  constructor(
    readonly db: Kysely<Database>,
    /** Which engine and where; for messages and for layers that tune per engine. */
    readonly target?: DatabaseTarget,
  ) {}

  saveEdition(draft: EditionDraft, options: SaveOptions = {}): Promise<number> {
    return withTransaction(this.db, (trx) => saveEditionIn(trx, draft, options));
  }

  /** Many editions in one transaction with a few large statements (all stored, or none). */
  saveEditions(drafts: readonly EditionDraft[], options: SaveOptions = {}): Promise<number[]> {
    const sqlite = sqliteDatabaseOf(this.db);
    return withBulkCache(sqlite, () =>
      withTransaction(this.db, async (trx) =>
        saveEditionsIn(trx, drafts, options, { sqlite, postgres: await postgresClientIn(this.db, trx) }),
      ),
    );
  }

  listTownships(): Promise<TownshipRow[]> {
    return listTownships(this.db);
  }

  townshipCatalog(): Promise<CatalogEntry[]> {
    return townshipCatalog(this.db);
  }

  editionsOf(townshipIds: readonly number[]): Promise<EditionRow[]> {
    return listEditionsOf(this.db, townshipIds);
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

  readableEditions(
    township: string,
    date: string | null,
    reader: EditionReader,
  ): Promise<ReadableEditions | undefined> {
    return readableEditions(this.db, township, date, reader);
  }

  listDepartments(county?: string): Promise<{ name: string; county: string; items: number }[]> {
    return listDepartments(this.db, county);
  }

  departmentUse(name: string, county?: string): Promise<DepartmentUse> {
    return departmentUse(this.db, name, county);
  }

  listCounties(): Promise<CountyRow[]> {
    return listCounties(this.db);
  }

  countyEditions(county: string): Promise<StoredEdition[]> {
    return countyEditions(this.db, county);
  }

  countySignature(county: string): Promise<string> {
    return countySignature(this.db, county);
  }

  editionsVersion(): Promise<number> {
    return editionsVersion(this.db);
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}

/**
 * Opens (creating if needed) the database and brings its schema up to date. A PostgreSQL server that
 * cannot be reached gives one plain sentence naming host and port.
 */
export async function openStore(options: OpenOptions = {}): Promise<SqlDutyStore> {
  const target = databaseTarget(options);
  if (target.kind === "sqlite") {
    const db = connectSqlite(target.path);
    try {
      await migrateToLatest(db);
    } catch (error) {
      await db.destroy();
      throw new Error(`${target.path}：${messageOf(error)}`);
    }
    return new SqlDutyStore(db, target);
  }
  const db = connectPostgres(target);
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    throw new Error(unreachableMessage(target, error) ?? `${target.label}：${messageOf(error)}`);
  }
  try {
    await ensureSchema(db, target.schema);
    await migrateToLatest(db, target.schema);
  } catch (error) {
    await db.destroy();
    throw new Error(`${target.label}：${messageOf(error)}`);
  }
  return new SqlDutyStore(db, target);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
