/**
 * Everything that differs between the SQL engines lives here, so queries and migrations stay shared:
 * SQLite through better-sqlite3 (the embedded default) and PostgreSQL through a `pg` pool.
 */
import Database from "better-sqlite3";
import {
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  sql,
} from "kysely";
import { LRUCache } from "lru-cache";
import pg from "pg";
import type { PostgresTarget } from "./location.ts";
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

/** Page size of a new SQLite database, in bytes. */
const PAGE_BYTES = 16_384;

/** Opens an SQLite file (or ":memory:") with the settings every connection needs. */
export function connectSqlite(path: string): Kysely<Schema> {
  let database: Database.Database | undefined;
  try {
    database = new Database(path);
    // A new database's pages (a no-op on an existing file): items are long rows, and a bulk import of a
    // province writes ~30 % faster on 16 KB pages than on the default 4 KB. Set before WAL, which fixes it.
    database.pragma(`page_size = ${PAGE_BYTES}`);
    // WAL lets `lvzhi serve` read while an import writes; foreign keys make deletes cascade as declared.
    if (path !== ":memory:") database.pragma("journal_mode = WAL");
    database.pragma("foreign_keys = ON");
  } catch (error) {
    database?.close();
    throw new Error(`无法打开数据库 ${path}：${error instanceof Error ? error.message : String(error)}`);
  }
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  sqliteDatabases.set(db, database);
  return db;
}

/** Statements kept per connection, and the longest SQL kept (bulk inserts are long and run once). */
const STATEMENTS_KEPT = 256;
const LONGEST_KEPT_SQL = 4096;

/**
 * The connection as Kysely sees it, with its prepared statements kept by SQL text: Kysely prepares every
 * query anew, which cost a signed-in request (session, user, revision) more than running the queries.
 * Kysely only runs a statement to its end (all/run, never iterate here), so one statement serves any
 * number of queries; SQLite prepares a kept statement again by itself when the schema changes.
 */
export function withStatementCache(database: Database.Database): Database.Database {
  const kept = new LRUCache<string, Database.Statement>({ max: STATEMENTS_KEPT });
  const prepare = (source: string) => {
    if (source.length > LONGEST_KEPT_SQL) return database.prepare(source);
    let statement = kept.get(source);
    if (!statement) {
      statement = database.prepare(source);
      kept.set(source, statement);
    }
    return statement;
  };
  return new Proxy(database, {
    get(target, property) {
      if (property === "prepare") return prepare;
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

const sqliteDatabases = new WeakMap<object, Database.Database>();

/**
 * The better-sqlite3 connection under a Kysely instance opened by connectSqlite (undefined otherwise), for
 * the bulk paths that run one prepared statement many times. Use it only inside a transaction of that
 * instance: the transaction holds the one connection, so its statements join the transaction.
 */
export function sqliteDatabaseOf(db: Kysely<Schema>): Database.Database | undefined {
  return sqliteDatabases.get(db);
}

/**
 * The better-sqlite3 connection to read on directly, bypassing Kysely's driver (its connection mutex and
 * promises cost a hot query more than SQLite's own work): only for the instance connectSqlite returned
 * itself (a transaction, or a view made with a plugin, is another object and gets undefined) and only while
 * no transaction is open on the connection — Kysely would make the read wait for that transaction's end,
 * and read directly now it would see its uncommitted writes.
 */
export function sqliteReadable<DB>(db: Kysely<DB>): Database.Database | undefined {
  const database = sqliteDatabases.get(db);
  return database && !database.inTransaction ? database : undefined;
}

/** SQLite's page cache during a bulk write, in KiB: a batch of 250 townships dirties ~45 MB of pages. */
const BULK_CACHE_KIB = 65_536;

/**
 * Runs `work` (a bulk write on `database`) with a page cache large enough to hold the pages it dirties:
 * with the default 2 MB, SQLite spills them to the WAL mid-transaction and writes index pages again and
 * again. And with its statement journals in memory: each multi-row insert may fail halfway (a constraint)
 * and so keeps the pages it changes to undo itself, which beyond 64 KB went to a temporary file, written
 * and thrown away a few hundred KB per statement (a twentieth of the import's time). SQLite reads
 * temp_store when the transaction begins, hence here. The connection's own settings come back afterwards,
 * and SQLite frees the pages above its cache size.
 */
export async function withBulkCache<T>(
  database: Database.Database | undefined,
  work: () => Promise<T>,
): Promise<T> {
  if (!database) return work();
  const kept = database.pragma("cache_size", { simple: true }) as number;
  const temp = database.pragma("temp_store", { simple: true }) as number;
  database.pragma(`cache_size = ${-BULK_CACHE_KIB}`);
  database.pragma("temp_store = memory");
  try {
    return await work();
  } finally {
    database.pragma(`temp_store = ${temp}`);
    database.pragma(`cache_size = ${kept}`);
  }
}

/** Connections per app process; a provincial deployment sizes this against the server's max_connections. */
function poolSize(): number {
  const n = Number(process.env.LVZHI_PG_POOL ?? 10);
  return Number.isInteger(n) && n > 0 ? n : 10;
}

/**
 * A pooled PostgreSQL connection. Nothing is opened until the first query; `target.schema`, when set,
 * becomes every connection's search_path so the same unqualified queries run inside it.
 */
export function connectPostgres(target: PostgresTarget): Kysely<Schema> {
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    max: poolSize(),
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    application_name: "lvzhi",
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
  });
  // An idle connection dropped by the server (restart, failover) must not crash the process: the pool
  // replaces it on next use, and the failing query reports the error.
  pool.on("error", (error) => {
    process.stderr.write(`lvzhi: PostgreSQL 空闲连接断开：${error.message}\n`);
  });
  // Each connection by its server process id, so a transaction can find its own client (postgresClientIn).
  const clients = new Map<number, pg.PoolClient>();
  pool.on("connect", (client) => {
    const pid = (client as unknown as { processID: number | null }).processID;
    if (pid !== null) clients.set(pid, client);
  });
  pool.on("remove", (client) => {
    const pid = (client as unknown as { processID: number | null }).processID;
    if (pid !== null) clients.delete(pid);
  });
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  postgresClients.set(db, clients);
  return db;
}

const postgresClients = new WeakMap<Kysely<Schema>, Map<number, pg.PoolClient>>();

/**
 * The `pg` client a transaction of a connectPostgres instance holds (undefined for other instances), for
 * COPY, which Kysely cannot send. The transaction keeps the client checked out, so what runs on it joins
 * the transaction. `db`: the instance the transaction was opened on.
 */
export async function postgresClientIn(
  db: Kysely<Schema>,
  trx: Kysely<Schema>,
): Promise<pg.PoolClient | undefined> {
  const clients = postgresClients.get(db);
  if (!clients) return undefined;
  const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
  return clients.get(Number(rows[0]?.pid));
}

/** Creates the schema a PostgreSQL target names, if any (the default `public` always exists). */
export async function ensureSchema<DB>(db: Kysely<DB>, schema: string | undefined): Promise<void> {
  if (schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
}

/** Single-row counters that triggers bump on every write to the tables they watch. */
export type RevisionCounter = "edition_revision" | "precedent_revision";

/** Statements that make every write to `table` bump the single-row `counter`. */
export function revisionTriggers(
  dialect: DialectName,
  table: string,
  counter: RevisionCounter = "edition_revision",
): string[] {
  if (dialect === "postgres") {
    // One bump per statement: a multi-row insert of 250 items costs one update, not 250.
    return [
      `create trigger ${table}_revision after insert or update or delete on ${table} ` +
        `for each statement execute function lvzhi_bump_${counter}()`,
    ];
  }
  // SQLite has row triggers only; a one-row update is microseconds inside the writer's transaction.
  return ["insert", "update", "delete"].map(
    (event) =>
      `create trigger ${table}_revision_${event} after ${event} on ${table} ` +
      `begin update ${counter} set revision = revision + 1 where id = 1; end`,
  );
}

/** What the triggers call; SQLite needs none (its trigger bodies are plain SQL). */
export function revisionFunction(
  dialect: DialectName,
  counter: RevisionCounter = "edition_revision",
): string | null {
  if (dialect !== "postgres") return null;
  return (
    `create or replace function lvzhi_bump_${counter}() returns trigger language plpgsql as $$ ` +
    `begin update ${counter} set revision = revision + 1 where id = 1; return null; end $$`
  );
}
