import assert from "node:assert/strict";
import { test } from "node:test";
import { sql } from "kysely";
import { describeEachBackend } from "../support/stores.ts";
import { craftedDraft } from "./drafts.ts";

describeEachBackend("edition revision shared across processes", (backend) => {
  test("every write to an edition moves editionsVersion; reads do not", async () => {
    const store = await backend.open();
    const start = await store.editionsVersion();
    await store.listEditions();
    await store.getEdition("测试乡");
    assert.equal(await store.editionsVersion(), start);
    await store.saveEdition(craftedDraft());
    const afterImport = await store.editionsVersion();
    assert.ok(afterImport > start);
    await store.saveEdition(craftedDraft({ title: "修订" }), { replace: true });
    const afterReplace = await store.editionsVersion();
    assert.ok(afterReplace > afterImport);
    // A status change written by another layer (workflow) with plain SQL is seen too.
    await store.db.updateTable("editions").set({ status: "superseded" }).execute();
    assert.ok((await store.editionsVersion()) > afterReplace);
    await store.close();
  });

  test("a failed import leaves the revision where it was", async () => {
    const store = await backend.open();
    await store.saveEdition(craftedDraft());
    const before = await store.editionsVersion();
    await assert.rejects(store.saveEdition(craftedDraft()));
    assert.equal(await store.editionsVersion(), before);
    await store.close();
  });

  test("an edition saved through one connection is seen by another at once", async () => {
    const [a, b] = await backend.openShared();
    const seen = await b.editionsVersion();
    assert.deepEqual(await b.listTownships(), []);
    await a.saveEdition(craftedDraft({ township: "甲乡" }));
    assert.ok((await b.editionsVersion()) > seen);
    assert.deepEqual(
      (await b.listTownships()).map((t) => t.name),
      ["甲乡"],
    );
    assert.equal((await b.getEdition("甲乡"))?.counts.basic, 2);
    await a.close();
    await b.close();
  });

  test("migrations are applied once, whichever process opens the database first", async () => {
    const [a, b] = await backend.openShared();
    const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(a.db);
    assert.deepEqual(rows.rows.map((r) => r.name).slice(0, 2), ["0001_initial", "0002_edition_revision"]);
    assert.equal(await a.editionsVersion(), await b.editionsVersion());
    await a.close();
    await b.close();
  });
});
