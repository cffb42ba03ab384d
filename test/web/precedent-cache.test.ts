/**
 * Issue 13 row 3: a check reads its county's precedents from memory until a precedent is added, decided
 * again or deleted (the precedents' revision, migration 0015; the newest id missed the last two).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  countyOfEdition,
  deletePrecedent,
  insertPrecedents,
  redecidePrecedent,
} from "../../src/store/precedents.ts";
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

  test("an older precedent decided again or deleted is seen by the next check", async () => {
    const store = await backend.open();
    try {
      const a = await importEdition(store, craftedDraft({ township: "丙乡" }), "test", {
        status: "published",
      });
      const edition = (await store.getEditionById(a))!;
      const countyId = (await countyOfEdition(store.db, a))!;
      const decided = {
        source: "confirmation" as const,
        decidedBy: "test",
        decidedAt: "2025-08-01T00:00:00.000Z",
      };
      await insertPrecedents(store.db, [
        {
          countyId,
          text: "组织石榴节筹备工作",
          verdict: "basic",
          item: { list: "basic", number: 2, name: "举办石榴节" },
          ...decided,
        },
        { countyId, text: "协助银行推销理财产品", verdict: "unlisted", item: null, ...decided },
      ]);
      const cache = new PrecedentCache(store.db);
      const [older, newer] = await cache.forEdition(edition);
      assert.equal(older!.verdict, "basic");
      assert.ok(newer!.id > older!.id);
      // Not the newest: its id moves no maximum.
      await redecidePrecedent(store.db, older!.id, { verdict: "unlisted", item: null, ...decided });
      assert.equal((await cache.forEdition(edition))[0]!.verdict, "unlisted");
      await deletePrecedent(store.db, older!.id);
      assert.deepEqual(
        (await cache.forEdition(edition)).map((p) => p.text),
        ["协助银行推销理财产品"],
      );
      assert.equal(cache.loads, 3);
    } finally {
      await store.close();
    }
  });
});
