import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { runCli } from "../../src/cli/main.ts";
import { openStore } from "../../src/store/index.ts";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import { appendAudit, entryHash, GENESIS, listAudit, verifyAudit } from "../../src/workflow/audit.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { craftedDraft } from "../store/drafts.ts";
import { describeEachBackend } from "../support/stores.ts";
import { captureIO } from "./helpers.ts";

describeEachBackend("audit log", (backend) => {
  const memoryFixture = async () => {
    const store = await backend.open();
    return { store, db: workflowDb(store.db) };
  };
  async function chainOf(n: number) {
    const f = await memoryFixture();
    for (let i = 1; i <= n; i++) {
      await appendAudit(f.db, {
        actor: "tester",
        action: "review.comment",
        subject: `thing:${i}`,
        after: { i, b: [1, 2] },
      });
    }
    return f;
  }

  test("entries chain: each stores the previous hash, and the chain verifies", async () => {
    const { store, db } = await chainOf(5);
    const rows = (await listAudit(db)).reverse();
    assert.equal(rows.length, 5);
    assert.equal(rows[0]!.prev_hash, GENESIS);
    for (let i = 1; i < rows.length; i++) assert.equal(rows[i]!.prev_hash, rows[i - 1]!.hash);
    for (const r of rows) assert.equal(entryHash(r), r.hash);
    // Canonical JSON: keys sorted whatever order they were given in.
    assert.equal(rows[0]!.after, '{"b":[1,2],"i":1}');
    assert.deepEqual(await verifyAudit(db), { ok: true, entries: 5, head: rows[4]!.hash });
    await store.close();
  });

  test("an altered entry is named as the first broken one", async () => {
    const { store, db } = await chainOf(6);
    await db.updateTable("audit_log").set({ after: '{"i":99}' }).where("id", "=", 4).execute();
    const v = await verifyAudit(db);
    assert.equal(v.ok, false);
    assert.equal(v.broken?.id, 4);
    assert.equal(v.entries, 3);
    await store.close();
  });

  test("a deleted entry breaks the chain at the entry after it; a changed actor too", async () => {
    const { store, db } = await chainOf(6);
    await db.deleteFrom("audit_log").where("id", "=", 3).execute();
    assert.equal((await verifyAudit(db)).broken?.id, 4);
    const again = await chainOf(3);
    await again.db.updateTable("audit_log").set({ actor: "someone-else" }).where("id", "=", 1).execute();
    assert.equal((await verifyAudit(again.db)).broken?.id, 1);
    await store.close();
    await again.store.close();
  });

  test("recomputing a forged entry's own hash still breaks the next link", async () => {
    const { store, db } = await chainOf(4);
    const row = await db.selectFrom("audit_log").selectAll().where("id", "=", 2).executeTakeFirstOrThrow();
    const forged = { ...row, after: '{"i":"forged"}' };
    await db
      .updateTable("audit_log")
      .set({ after: forged.after, hash: entryHash(forged) })
      .where("id", "=", 2)
      .execute();
    assert.equal((await verifyAudit(db)).broken?.id, 3);
    await store.close();
  });

  test("the chain cannot fork: a second entry after the same head is refused", async () => {
    const { store, db } = await chainOf(2);
    const head = (await listAudit(db, { limit: 1 }))[0]!;
    const fork = {
      at: head.at,
      actor: "x",
      action: "y",
      subject: "z",
      before: null,
      after: null,
      prev_hash: head.prev_hash,
    };
    await assert.rejects(
      db
        .insertInto("audit_log")
        .values({ ...fork, hash: entryHash(fork) })
        .execute(),
    );
    await store.close();
  });

  test("an import is recorded with the edition, and a refused import records nothing", async () => {
    const { store, db } = await memoryFixture();
    const id = await importEdition(store, craftedDraft(), "cli:test", { sourceFile: "x.txt" });
    assert.equal((await store.getEditionById(id))?.status, "draft");
    const [entry] = await listAudit(db);
    assert.equal(entry?.action, "edition.import");
    assert.equal(entry?.subject, "edition:测试乡/2025-07");
    assert.equal(JSON.parse(entry!.after!).editionId, id);
    await assert.rejects(importEdition(store, craftedDraft(), "cli:test"));
    assert.equal((await listAudit(db)).length, 1);
    await store.close();
  });
});

describe("lvzhi audit", () => {
  test("lvzhi audit verify / list / export", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lvzhi-audit-"));
    const path = join(dir, "a.db");
    const store = await openStore({ path });
    for (let i = 0; i < 3; i++)
      await appendAudit(workflowDb(store.db), { actor: "t", action: "auth.logout", subject: `s:${i}` });
    await store.close();

    let io = captureIO();
    assert.equal(await runCli(["audit", "verify", "--db", path], io), 0);
    assert.match(io.stdout, /审计链完好：共 3 条记录/);
    io = captureIO();
    assert.equal(await runCli(["audit", "export", "--out", join(dir, "a.jsonl"), "--db", path], io), 0);
    const lines = readFileSync(join(dir, "a.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.map((l) => l.id),
      [1, 2, 3],
    );
    io = captureIO();
    assert.equal(await runCli(["audit", "list", "--subject", "s:1", "--json", "--db", path], io), 0);
    assert.deepEqual(
      JSON.parse(io.stdout).map((e: { subject: string }) => e.subject),
      ["s:1"],
    );

    const tamper = await openStore({ path });
    await workflowDb(tamper.db)
      .updateTable("audit_log")
      .set({ subject: "s:x" })
      .where("id", "=", 2)
      .execute();
    await tamper.close();
    io = captureIO();
    assert.equal(await runCli(["audit", "verify", "--db", path], io), 1);
    assert.match(io.stdout, /审计链在第 2 条记录处断裂/);
    io = captureIO();
    assert.equal(await runCli(["audit", "nonsense", "--db", path], io), 2);
  });
});
