/**
 * Everything that differs between the SQL engines lives here, so queries and migrations stay shared.
 * Today: SQLite through better-sqlite3 (the embedded default). PostgreSQL (a later issue) adds a branch to
 * `connect`, and the helpers below already answer for it.
 */
import Database from "better-sqlite3";
import {
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  Kysely,
  PostgresAdapter,
  SqliteAdapter,
  SqliteDialect,
} from "kysely";
import type { Database as Schema } from "./schema.ts";

export type DialectName = "sqlite" | "postgres";

/** Bound parameters one statement may carry: SQLite's SQLITE_MAX_VARIABLE_NUMBER, PostgreSQL's wire limit. */
export const MAX_PARAMETERS: Record<DialectName, number> = { sqlite: 32766, postgres: 65535 };

/** Which engine a Kysely instance (or transaction) talks to. */
export function dialectOf<DB>(db: Kysely<DB>): DialectName {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof SqliteAdapter) return "sqlite";
  if (adapter instanceof PostgresAdapter) return "postgres";
  throw new Error(`unsupported database adapter: ${adapter.constructor.name}`);
}

/** Adds an auto-numbered integer primary key `id`: SQLite's rowid alias, or a PostgreSQL identity column. */
export function withIdColumn<DB, T extends string>(
  db: Kysely<DB>,
  table: CreateTableBuilder<T, never>,
): CreateTableBuilder<T, "id"> {
  const sqlite = dialectOf(db) === "sqlite";
  return table.addColumn("id", "integer", (col: ColumnDefinitionBuilder) =>
    sqlite ? col.primaryKey().autoIncrement() : col.primaryKey().generatedByDefaultAsIdentity(),
  );
}

/** Opens an SQLite file (or ":memory:") with the settings every connection needs. */
export function connectSqlite(path: string): Kysely<Schema> {
  let database: Database.Database | undefined;
  try {
    database = new Database(path);
    // WAL lets `lvzhi serve` read while an import writes; foreign keys make deletes cascade as declared.
    if (path !== ":memory:") database.pragma("journal_mode = WAL");
    database.pragma("foreign_keys = ON");
  } catch (error) {
    database?.close();
    throw new Error(`无法打开数据库 ${path}：${error instanceof Error ? error.message : String(error)}`);
  }
  return new Kysely<Schema>({ dialect: new SqliteDialect({ database }) });
}
