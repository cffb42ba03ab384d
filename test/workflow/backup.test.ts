import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import Database from "better-sqlite3";
import { runCli } from "../../src/cli/main.ts";
import { openStore } from "../../src/store/index.ts";
import { fileAdmission } from "../../src/workflow/admission.ts";
import { appendAudit, verifyAudit } from "../../src/workflow/audit.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { workflowDb } from "../../src/workflow/schema.ts";
import { addUser, principalOf } from "../../src/workflow/users.ts";
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
        await appendAudit(db, { actor: "t", action: "tick", subject: `t:${i}` });
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
