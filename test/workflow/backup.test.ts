import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import Database from "better-sqlite3";
import { sql } from "kysely";
import pg from "pg";
import { runCli } from "../../src/cli/main.ts";
import { openStore, type SqlDutyStore } from "../../src/store/index.ts";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import { fileAdmission } from "../../src/workflow/admission.ts";
import { appendAudit, verifyAudit } from "../../src/workflow/audit.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { addUser, principalOf } from "../../src/workflow/users.ts";
import { craftedDraft } from "../store/drafts.ts";
import { PG_SKIPPED, PG_TEST_URL } from "../support/stores.ts";
import { bundledDraft, captureIO, TASKS } from "./helpers.ts";

/** Every row of every table of an SQLite file, in rowid order. */
function dump(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true });
  const out: Record<string, unknown[]> = {};
  const tables = db.prepare("select name from sqlite_master where type = 'table' order by name").all() as {
    name: string;
  }[];
  for (const { name } of tables) {
    const withoutRowid = name === "sessions" || name.startsWith("kysely_migration");
    out[name] = db.prepare(`select * from "${name}" order by ${withoutRowid ? "1" : "rowid"}`).all();
  }
  db.close();
  return out;
}

describe("backup and restore (SQLite)", () => {
  test("a backup taken while the server writes restores into an empty database with every table equal", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lvzhi-backup-"));
    const live = join(dir, "live.db");
    const server = await openStore({ path: live });
    const db = workflowDb(server.db);
    await importEdition(server, await bundledDraft(), "test", { status: "published" });
    const { id } = await addUser(
      db,
      { name: "shangwu", role: "department", department: "县商务和工业信息化局" },
      "test",
    );
    await fileAdmission(db, server, await principalOf(db, id), {
      task: TASKS.unlisted,
      reason: "r",
      basis: "b",
      townships: ["策勒乡"],
      durationDays: 30,
    });

    // While the "server" keeps appending, the backup still gets a consistent snapshot.
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing && i < 2000; i++)
        await appendAudit(db, { actor: "t", action: "auth.logout", subject: `t:${i}` });
    })();
    let io = captureIO();
    const during = join(dir, "during.bak");
    assert.equal(await runCli(["backup", "--out", during, "--db", live], io), 0, io.stderr);
    writing = false;
    await writer;
    io = captureIO();
    assert.equal(await runCli(["restore", during, "--db", join(dir, "during.db")], io), 0, io.stderr);
    const restoredDuring = await openStore({ path: join(dir, "during.db") });
    assert.equal((await verifyAudit(workflowDb(restoredDuring.db))).ok, true);
    await restoredDuring.close();

    // Quiet now: backup, restore, and compare every table row by row.
    const quiet = join(dir, "quiet.bak");
    assert.equal(await runCli(["backup", "--out", quiet, "--db", live], captureIO()), 0);
    const target = join(dir, "restored.db");
    io = captureIO();
    assert.equal(await runCli(["restore", quiet, "--db", target], io), 0, io.stderr);
    assert.match(io.stdout, /已从 .* 恢复到/);
    const before = dump(live);
    const after = dump(target);
    assert.deepEqual(Object.keys(after), Object.keys(before));
    for (const table of Object.keys(before)) assert.deepEqual(after[table], before[table], table);
    assert.ok((before.items?.length ?? 0) >= 254 && (before.audit_log?.length ?? 0) > 3);
    await server.close();

    // Refusals: existing output, non-empty target, not a backup.
    io = captureIO();
    assert.equal(await runCli(["backup", "--out", quiet, "--db", live], io), 1);
    assert.match(io.stderr, /已存在/);
    io = captureIO();
    assert.equal(await runCli(["restore", quiet, "--db", target], io), 1);
    assert.match(io.stderr, /不是空的/);
    const junk = join(dir, "junk.bak");
    writeFileSync(junk, "not a database at all");
    io = captureIO();
    assert.equal(await runCli(["restore", junk, "--db", join(dir, "x.db")], io), 1);
    assert.match(io.stderr, /不是 SQLite 备份文件/);
  });
});

describe("backup and restore (PostgreSQL)", { skip: PG_TEST_URL ? false : PG_SKIPPED }, () => {
  test("pg_dump while connected, pg_restore into an empty database, every table equal", async () => {
    const base = PG_TEST_URL!;
    const suffix = `${process.pid}_${Date.now()}`;
    const names = { src: `lvzhi_bk_src_${suffix}`, dst: `lvzhi_bk_dst_${suffix}` };
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    const urlOf = (db: string) => {
      const u = new URL(base);
      u.pathname = `/${db}`;
      return u.toString();
    };
    try {
      for (const db of Object.values(names)) await admin.query(`create database ${db}`);
      const store = await openStore({ databaseUrl: urlOf(names.src) });
      const db = workflowDb(store.db);
      await importEdition(store, craftedDraft(), "test", { status: "published" });
      await addUser(db, { name: "wang", role: "township", township: "测试乡" }, "test");
      const dir = mkdtempSync(join(tmpdir(), "lvzhi-pgbackup-"));
      const file = join(dir, "pg.dump");
      let io = captureIO();
      assert.equal(
        await runCli(["backup", "--out", file, "--database-url", urlOf(names.src)], io),
        0,
        io.stderr,
      );
      io = captureIO();
      assert.equal(await runCli(["restore", file, "--database-url", urlOf(names.dst)], io), 0, io.stderr);
      const restored = await openStore({ databaseUrl: urlOf(names.dst) });
      const tables = (
        await sql<{
          table_name: string;
        }>`select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(
          store.db,
        )
      ).rows.map((r) => r.table_name);
      assert.ok(tables.includes("audit_log") && tables.includes("items"));
      for (const table of tables) {
        const q = (s: SqlDutyStore) => sql`select * from ${sql.table(table)} order by 1`.execute(s.db);
        assert.deepEqual((await q(restored)).rows, (await q(store)).rows, table);
      }
      assert.equal((await verifyAudit(workflowDb(restored.db))).ok, true);
      io = captureIO();
      assert.equal(await runCli(["restore", file, "--database-url", urlOf(names.dst)], io), 1);
      assert.match(io.stderr, /只能恢复到空数据库/);
      await store.close();
      await restored.close();
    } finally {
      for (const db of Object.values(names)) await admin.query(`drop database if exists ${db} with (force)`);
      await admin.end();
    }
  });
});
