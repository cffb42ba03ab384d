/**
 * Backup and restore. SQLite: better-sqlite3's online backup API copies a consistent snapshot page by
 * page while the server keeps running (WAL readers do not block it). PostgreSQL: pg_dump / pg_restore in
 * their custom format. Restore goes only into an empty database.
 */
import { execFile } from "node:child_process";
import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, statSync } from "node:fs";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseTarget } from "./index.ts";

const run = promisify(execFile);

/** Thrown for a backup or restore that cannot be done, with a message for the operator. */
export class BackupError extends Error {
  override name = "BackupError";
}

/** Tables Kysely's migrator keeps; they say which schema a file has, not what it holds. */
const BOOKKEEPING = new Set(["kysely_migration", "kysely_migration_lock", "sqlite_sequence"]);

/** Writes a consistent snapshot of the database to `out` (which must not exist). Returns its size in bytes. */
export async function backupDatabase(target: DatabaseTarget, out: string): Promise<number> {
  if (existsSync(out)) throw new BackupError(`${out} 已存在：请换一个文件名`);
  if (target.kind === "sqlite") {
    if (target.path === ":memory:") throw new BackupError("内存数据库无法备份");
    if (!existsSync(target.path)) throw new BackupError(`数据库文件不存在：${target.path}`);
    const source = new Database(target.path, { readonly: true, fileMustExist: true });
    const partial = `${out}.partial`;
    try {
      await source.backup(partial);
    } catch (error) {
      rmSync(partial, { force: true });
      throw error;
    } finally {
      source.close();
    }
    renameSync(partial, out);
  } else {
    const args = ["--format=custom", "--no-owner", "--no-privileges", `--file=${out}`];
    if (target.schema) args.push(`--schema=${target.schema}`);
    await runTool("pg_dump", [...args, target.connectionString]);
  }
  return statSync(out).size;
}

async function runTool(tool: string, args: string[]): Promise<void> {
  try {
    await run(tool, args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === "ENOENT")
      throw new BackupError(`找不到 ${tool}：请安装 PostgreSQL 客户端（Debian: postgresql-client）`);
    throw new BackupError(`${tool} 失败：${(e.stderr ?? e.message).trim()}`);
  }
}

function isSqliteFile(path: string): boolean {
  const fd = openSync(path, "r");
  try {
    const header = Buffer.alloc(16);
    return readSync(fd, header, 0, 16, 0) === 16 && header.toString("latin1") === "SQLite format 3\u0000";
  } finally {
    closeSync(fd);
  }
}

/** Rows per table of an SQLite file (bookkeeping tables left out). */
export function sqliteTableCounts(path: string): Record<string, number> {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
      )
      .all() as { name: string }[];
    const out: Record<string, number> = {};
    for (const { name } of tables) {
      if (BOOKKEEPING.has(name)) continue;
      out[name] = (db.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n;
    }
    return out;
  } finally {
    db.close();
  }
}

/** Restores a backup into an empty database (a missing file, or one whose tables hold no rows). */
export async function restoreDatabase(target: DatabaseTarget, file: string): Promise<void> {
  if (!existsSync(file)) throw new BackupError(`备份文件不存在：${file}`);
  if (target.kind === "sqlite") {
    if (!isSqliteFile(file)) throw new BackupError(`${file} 不是 SQLite 备份文件`);
    const check = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const result = check.pragma("integrity_check", { simple: true });
      if (result !== "ok") throw new BackupError(`${file} 已损坏：${String(result)}`);
      const lvzhi = check.prepare("select 1 from sqlite_master where name = 'kysely_migration'").get();
      if (!lvzhi) throw new BackupError(`${file} 不是 lvzhi 的数据库备份`);
    } finally {
      check.close();
    }
    if (existsSync(target.path) && statSync(target.path).size > 0) {
      const held = Object.entries(sqliteTableCounts(target.path)).filter(([, n]) => n > 0);
      if (held.length > 0) {
        throw new BackupError(
          `目标数据库 ${target.path} 不是空的（${held.map(([t, n]) => `${t} ${n} 行`).join("、")}）：只能恢复到空数据库`,
        );
      }
    }
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${target.path}${suffix}`, { force: true });
    const source = new Database(file, { readonly: true, fileMustExist: true });
    try {
      await source.backup(target.path);
    } finally {
      source.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: target.connectionString });
  await client.connect();
  try {
    const { rows } = await client.query(
      "select count(*)::int as n from information_schema.tables where table_schema = $1",
      [target.schema ?? "public"],
    );
    if (rows[0].n > 0)
      throw new BackupError(`目标数据库的 ${target.schema ?? "public"} 模式中已有表：只能恢复到空数据库`);
  } finally {
    await client.end();
  }
  await runTool("pg_restore", [
    "--no-owner",
    "--no-privileges",
    "--exit-on-error",
    `--dbname=${target.connectionString}`,
    file,
  ]);
}
