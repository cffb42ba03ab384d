import assert from "node:assert/strict";
import { test } from "node:test";
import type { Item } from "../../src/domain/edition.ts";
import { EditionExistsError, withTransaction } from "../../src/store/index.ts";
import { saveEditionIn } from "../../src/store/save.ts";
import { describeEachBackend } from "../support/stores.ts";
import { craftedDraft } from "./drafts.ts";
import { tableCounts } from "./helpers.ts";

describeEachBackend("store transactions", (backend) => {
  test("the same township and date is refused without replace, and nothing changes", async () => {
    const store = await backend.open();
    await store.saveEdition(craftedDraft());
    const before = await tableCounts(store);
    const error = await store.saveEdition(craftedDraft({ title: "又一次" })).catch((e: unknown) => e);
    assert.ok(error instanceof EditionExistsError);
    assert.match(error.message, /测试乡 的 2025-07 版清单已存在/);
    assert.deepEqual(await tableCounts(store), before);
    assert.equal((await store.getEdition("测试乡"))?.draft.title, "测试乡履职事项清单");
    await store.close();
  });

  test("replace swaps the old edition and its items for the new one", async () => {
    const store = await backend.open();
    const oldId = await store.saveEdition(craftedDraft());
    const smaller = craftedDraft({ title: "修订版" });
    smaller.items = smaller.items.filter((i) => i.list !== "reclaimed");
    const newId = await store.saveEdition(smaller, { replace: true });
    assert.notEqual(newId, oldId);
    assert.equal(await store.getEditionById(oldId), undefined);
    assert.deepEqual((await store.getEdition("测试乡"))?.draft, smaller);
    const counts = await tableCounts(store);
    assert.equal(counts.editions, 1);
    assert.equal(counts.items, 4);
    // Links of the deleted reclaimed items are gone with them.
    assert.equal(counts.item_departments, 3);
    assert.deepEqual((await store.departmentUse("县水利局")).items, []);
    await store.close();
  });

  test("repeated item numbers are refused with a clear message, storing nothing", async () => {
    const store = await backend.open();
    const draft = craftedDraft();
    draft.items.push({ ...(draft.items[2] as Item), name: "重复序号的事项" });
    const before = await tableCounts(store);
    await assert.rejects(store.saveEdition(draft), /序号重复.*cooperative:1/);
    assert.deepEqual(await tableCounts(store), before);
    await store.close();
  });

  test("a database error after the edition row is written rolls everything back", async () => {
    const store = await backend.open();
    const draft = craftedDraft();
    // An invalid list kind passes the draft checks but fails the table's CHECK constraint on insert.
    draft.items.push({ ...(draft.items[0] as Item), number: 99, list: "unknown" as Item["list"] } as Item);
    await assert.rejects(store.saveEdition(draft), /check constraint/i);
    assert.deepEqual(await tableCounts(store), {
      counties: 0,
      townships: 0,
      editions: 0,
      items: 0,
      item_details: 0,
      departments: 0,
      item_departments: 0,
    });
    await store.close();
  });

  test("a failed replace keeps the old edition exactly as it was", async () => {
    const store = await backend.open();
    await store.saveEdition(craftedDraft());
    const before = await tableCounts(store);
    const original = await store.getEdition("测试乡");
    const broken = craftedDraft({ title: "坏的修订版" });
    broken.items.push({ ...(broken.items[0] as Item), number: 99, list: "unknown" as Item["list"] } as Item);
    await assert.rejects(store.saveEdition(broken, { replace: true }));
    assert.deepEqual(await tableCounts(store), before);
    assert.deepEqual(await store.getEdition("测试乡"), original);
    await store.close();
  });

  test("a throw after a whole edition was written inside withTransaction leaves the database as before", async () => {
    const store = await backend.open();
    await store.saveEdition(craftedDraft({ township: "甲乡" }));
    const before = await tableCounts(store);
    await assert.rejects(
      withTransaction(store.db, async (trx) => {
        await saveEditionIn(trx, craftedDraft({ township: "乙乡", county: "新县" }));
        await saveEditionIn(trx, craftedDraft({ township: "甲乡" }), { replace: true });
        // Inside the transaction the writes are visible…
        const inside = await trx.selectFrom("editions").select("id").execute();
        assert.equal(inside.length, 2);
        throw new Error("injected");
      }),
      /injected/,
    );
    assert.deepEqual(await tableCounts(store), before);
    assert.deepEqual(
      (await store.listTownships()).map((t) => t.name),
      ["甲乡"],
    );
    await store.close();
  });

  test("withTransaction commits when the work resolves, and nested calls join the outer transaction", async () => {
    const store = await backend.open();
    const ids = await withTransaction(store.db, async (trx) => {
      const a = await saveEditionIn(trx, craftedDraft({ township: "甲乡" }));
      const b = await withTransaction(trx, (inner) =>
        saveEditionIn(inner, craftedDraft({ township: "乙乡" })),
      );
      return [a, b];
    });
    assert.equal(ids.length, 2);
    assert.equal((await tableCounts(store)).editions, 2);
    await store.close();
  });

  test("an unknown status is refused before anything is written", async () => {
    const store = await backend.open();
    await assert.rejects(
      store.saveEdition(craftedDraft(), { status: "archived" as "draft" }),
      /未知的清单状态 "archived"/,
    );
    assert.equal((await tableCounts(store)).counties, 0);
    await store.close();
  });
});
