/**
 * Issue 13 row 4: many editions stored in one transaction with a few large statements give back exactly
 * what one-by-one saving does — items, order, departments, links — and store nothing when one is refused.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { EditionDraft } from "../../src/domain/edition.ts";
import type { SqlDutyStore } from "../../src/store/index.ts";
import { describeEachBackend } from "../support/stores.ts";
import { bundledDraft } from "../workflow/helpers.ts";
import { craftedDraft } from "./drafts.ts";
import { tableCounts } from "./helpers.ts";

function variants(base: EditionDraft): EditionDraft[] {
  return [
    { ...base },
    { ...base, township: "乙乡", county: "策勒县" },
    { ...base, township: "甲乡", county: "于田县" },
    { ...base, date: "2026-01" },
  ];
}

async function snapshot(store: SqlDutyStore, drafts: EditionDraft[]) {
  const editions = [];
  for (const d of drafts) editions.push((await store.getEdition(`${d.county}/${d.township}`, d.date))?.draft);
  const use = await store.departmentUse("县水利局");
  return {
    editions,
    counts: await tableCounts(store),
    water: use,
    revisionMoved: (await store.editionsVersion()) > 0,
  };
}

describeEachBackend("editions stored in bulk", (backend) => {
  test("a bulk save stores what saving one by one stores", async () => {
    const drafts = variants(await bundledDraft());
    const bulk = await backend.open();
    const single = await backend.open();
    try {
      const ids = await bulk.saveEditions(drafts, { sourceFile: "bulk", status: "published" });
      assert.equal(ids.length, drafts.length);
      assert.equal(new Set(ids).size, drafts.length);
      for (const d of drafts) await single.saveEdition(d, { sourceFile: "bulk", status: "published" });
      const [a, b] = [await snapshot(bulk, drafts), await snapshot(single, drafts)];
      assert.deepEqual(a.editions, b.editions);
      assert.deepEqual(a.editions[0], drafts[0]);
      assert.deepEqual(a.counts, b.counts);
      assert.deepEqual(a.water, b.water);
      assert.ok(a.revisionMoved, "readers see the write through the revision counter");
      // Ids keep working after a bulk save: a later single save gets fresh ones.
      await bulk.saveEdition(craftedDraft({ township: "后来乡" }));
      assert.equal((await bulk.getEdition("后来乡"))?.draft.items.length, craftedDraft().items.length);
    } finally {
      await bulk.close();
      await single.close();
    }
  });

  test("an edition that exists already refuses the whole batch, unless replacing", async () => {
    const store = await backend.open();
    try {
      const first = craftedDraft({ township: "甲乡" });
      await store.saveEditions([first]);
      const before = await tableCounts(store);
      const batch = [craftedDraft({ township: "丙乡" }), craftedDraft({ township: "甲乡" })];
      await assert.rejects(store.saveEditions(batch), /甲乡/);
      assert.deepEqual(await tableCounts(store), before, "nothing of the batch stored");
      await assert.rejects(
        store.saveEditions([craftedDraft({ township: "丁乡" }), craftedDraft({ township: "丁乡" })]),
        /重复/,
      );
      const renamed = craftedDraft({ township: "甲乡", title: "甲乡新标题" });
      await store.saveEditions([renamed, craftedDraft({ township: "丙乡" })], { replace: true });
      assert.equal((await store.getEdition("甲乡"))?.draft.title, "甲乡新标题");
      const counts = await tableCounts(store);
      assert.equal(counts.items, 2 * craftedDraft().items.length);
    } finally {
      await store.close();
    }
  });

  test("texts with backslashes, tabs and line breaks come back as written (COPY's escapes)", async () => {
    const store = await backend.open();
    try {
      const base = craftedDraft({ township: "转义乡" });
      const items = base.items.map((item, i) =>
        i === 0
          ? { ...item, name: "路径 C:\\清单\\N\t第一栏\n第二行\r\n完", remark: "" }
          : i === 1
            ? { ...item, category: "\\N", remark: "反斜杠\\" }
            : item,
      );
      const draft = { ...base, items };
      await store.saveEditions([draft]);
      assert.deepEqual((await store.getEdition("转义乡"))?.draft, draft);
    } finally {
      await store.close();
    }
  });

  test("a row the database refuses in the middle of the items stores nothing, and the store goes on", async () => {
    const store = await backend.open();
    try {
      const before = await tableCounts(store);
      const bad = craftedDraft({ township: "坏乡" });
      const items = bad.items.map((item, i) => (i === 3 ? { ...item, list: "other" } : item));
      await assert.rejects(
        store.saveEditions([craftedDraft({ township: "好乡" }), { ...bad, items } as typeof bad]),
      );
      assert.deepEqual(await tableCounts(store), before, "nothing of the batch stored");
      await store.saveEditions([craftedDraft({ township: "好乡" })]);
      assert.equal((await store.getEdition("好乡"))?.draft.items.length, craftedDraft().items.length);
    } finally {
      await store.close();
    }
  });
});
