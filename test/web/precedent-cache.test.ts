/** Issue 13 row 3: a check reads its county's precedents from memory until a precedent is added. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { countyOfEdition, insertPrecedents } from "../../src/store/precedents.ts";
import { PrecedentCache } from "../../src/web/precedent-cache.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { craftedDraft } from "../store/drafts.ts";
import { describeEachBackend } from "../support/stores.ts";

describeEachBackend("precedents cached per county", (backend) => {
  test("read once, shared by the county's townships, read again only after one is added", async () => {
    const store = await backend.open();
    try {
      const a = await importEdition(store, craftedDraft({ township: "甲乡" }), "test", {
        status: "published",
      });
      const b = await importEdition(store, craftedDraft({ township: "乙乡" }), "test", {
        status: "published",
      });
      const [ea, eb] = [(await store.getEditionById(a))!, (await store.getEditionById(b))!];
      const cache = new PrecedentCache(store.db);
      assert.deepEqual(await cache.forEdition(ea), []);
      assert.deepEqual(await cache.forEdition(eb), []);
      assert.equal(cache.loads, 1, "one read for the county");
      const countyId = (await countyOfEdition(store.db, a))!;
      await insertPrecedents(store.db, [
        {
          countyId,
          text: "组织石榴节筹备工作",
          verdict: "basic",
          item: { list: "basic", number: 2, name: "举办石榴节" },
          source: "confirmation",
          decidedBy: "test",
          decidedAt: "2025-08-01T00:00:00.000Z",
        },
      ]);
      const after = await cache.forEdition(eb);
      assert.equal(after.length, 1);
      assert.equal(after[0]!.text, "组织石榴节筹备工作");
      assert.equal(cache.loads, 2);
      await cache.forEdition(ea);
      assert.equal(cache.loads, 2);
    } finally {
      await store.close();
    }
  });
});
