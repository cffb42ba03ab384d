/** Where the embedded database lives when nobody says otherwise. */
import { mkdirSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root (two levels above this file: src/store/ → ./). */
export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The default database file: var/lvzhi.db under the project root. */
export const DEFAULT_DATABASE = resolve(PROJECT_ROOT, "var", "lvzhi.db");

/**
 * The SQLite path to open: the given one, else $LVZHI_DB, else the default. Relative paths are taken from
 * the working directory; the parent folder is created. ":memory:" is passed through.
 */
export function databasePath(given?: string): string {
  const chosen = given || process.env.LVZHI_DB || DEFAULT_DATABASE;
  if (chosen === ":memory:") return chosen;
  const path = isAbsolute(chosen) ? chosen : resolve(process.cwd(), chosen);
  mkdirSync(dirname(path), { recursive: true });
  return path;
}

/** A PostgreSQL database to connect to, parsed from a postgres:// URL. */
export interface PostgresTarget {
  kind: "postgres";
  /** The URL as `pg` takes it (lvzhi's own `schema` parameter removed). */
  connectionString: string;
  /** Schema for lvzhi's tables (`?schema=`), else the server's default search_path (public). */
  schema?: string;
  host: string;
  port: string;
  database: string;
  /** The URL without its password, for messages. */
  label: string;
}

export type DatabaseTarget = { kind: "sqlite"; path: string; label: string } | PostgresTarget;

/** Where a store opens: an SQLite file, or a PostgreSQL URL. */
export interface DatabaseLocation {
  path?: string;
  databaseUrl?: string;
}

/**
 * Chooses the database: `databaseUrl` (--database-url) → PostgreSQL; `path` (--db) → SQLite; else
 * $DATABASE_URL → PostgreSQL; else $LVZHI_DB or var/lvzhi.db → SQLite. Options given on the command line
 * win over the environment; giving both is an error.
 */
export function databaseTarget(location: DatabaseLocation = {}): DatabaseTarget {
  const { path, databaseUrl } = location;
  if (path && databaseUrl) throw new Error("--db（SQLite 文件）和 --database-url（PostgreSQL）只能选一个");
  const url = databaseUrl || (path ? undefined : process.env.DATABASE_URL?.trim() || undefined);
  if (url) return postgresTarget(url);
  const file = databasePath(path);
  return { kind: "sqlite", path: file, label: file };
}

/** Parses a postgres:// URL; anything else is refused with a message showing the expected shape. */
export function postgresTarget(url: string): PostgresTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(
      `数据库地址无法解析：应为 postgres://用户:密码@主机:端口/数据库（收到 "${redact(url)}"）`,
    );
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    throw new Error(
      `数据库地址应以 postgres:// 开头（收到 "${parsed.protocol}//…"）；SQLite 文件请用 --db 或 LVZHI_DB`,
    );
  }
  const schema = parsed.searchParams.get("schema") ?? undefined;
  if (schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`schema 参数只能由字母、数字和下划线组成：${schema}`);
  }
  parsed.searchParams.delete("schema");
  const host = parsed.hostname || parsed.searchParams.get("host") || "localhost";
  const port = parsed.port || parsed.searchParams.get("port") || "5432";
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, "")) || parsed.username || "postgres";
  const labelled = new URL(parsed.href);
  labelled.password = "";
  return {
    kind: "postgres",
    connectionString: parsed.href,
    ...(schema ? { schema } : {}),
    host,
    port,
    database,
    label: labelled.href.replace("postgresql:", "postgres:"),
  };
}

/** A URL-ish string with anything that looks like a password blanked out. */
function redact(text: string): string {
  return text.replace(/(\/\/[^:/@]*):[^@/]*@/, "$1:***@");
}
