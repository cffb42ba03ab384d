import assert from "node:assert/strict";
import { test } from "node:test";
import { CountyCache } from "../../src/county/cache.ts";
import { openStore } from "../../src/store/index.ts";
import { craftedDraft } from "../store/drafts.ts";

test("a county view is rebuilt when its county changes, not when another county does", async () => {
  const store = await openStore({ path: ":memory:" });
  await store.saveEdition(craftedDraft({ township: "甲乡" }));
  await store.saveEdition(craftedDraft({ township: "丙镇", county: "于田县" }));
  const cache = new CountyCache(store);
  assert.deepEqual(
    (await cache.view("策勒县"))?.townships.map((t) => t.township),
    ["甲乡"],
  );
  await cache.view("策勒县");
  assert.equal(cache.builds, 1);

  await store.saveEdition(craftedDraft({ township: "丁镇", county: "于田县" }));
  await cache.view("策勒县");
  assert.equal(cache.builds, 1, "another county's import leaves this view as it was");

  await store.saveEdition(craftedDraft({ township: "乙乡" }));
  assert.deepEqual(
    (await cache.view("策勒县"))?.townships.map((t) => t.township),
    ["甲乡", "乙乡"],
  );
  assert.equal(cache.builds, 2);
  // A status change makes another edition current: the county changes too.
  await store.saveEdition(craftedDraft({ township: "乙乡", date: "2025-09", title: "新版" }), {
    status: "draft",
  });
  await cache.view("策勒县");
  assert.equal(cache.builds, 2, "a newer draft is not shown");
  await store.db.updateTable("editions").set({ status: "published" }).where("date", "=", "2025-09").execute();
  assert.equal((await cache.view("策勒县"))?.townships[1]?.date, "2025-09");
  assert.equal(cache.builds, 3);
  // A township with nothing published yet is not shown (county pages are public).
  await store.saveEdition(craftedDraft({ township: "戊乡" }), { status: "review" });
  assert.deepEqual(
    (await cache.view("策勒县"))?.townships.map((t) => t.township),
    ["甲乡", "乙乡"],
  );
  assert.equal(cache.builds, 3);
  assert.equal(await cache.view("无此县"), undefined);
  await store.close();
});
