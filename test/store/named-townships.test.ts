/**
 * A township reference resolves with its editions in one query (store/editions.ts
 * namedTownshipsWithEditions): every township of the name, in stored order, each with its editions newest
 * first, and a township without editions with none.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { namedTownshipsWithEditions } from "../../src/store/editions.ts";
import { describeEachBackend } from "../support/stores.ts";
import { craftedDraft } from "./drafts.ts";

describeEachBackend("townships named, with their editions", (backend) => {
  test("every township of the name, editions newest first; the county narrows; none without editions", async () => {
    const store = await backend.open();
    try {
      const older = await store.saveEdition(craftedDraft({ township: "甲乡", date: "2024-05" }));
      const newer = await store.saveEdition(craftedDraft({ township: "甲乡", date: "2025-07" }), {
        status: "draft",
      });
      const elsewhere = await store.saveEdition(craftedDraft({ township: "甲乡", county: "于田县" }));
      const { id: countyId } = await store.db
        .selectFrom("counties")
        .select("id")
        .where("name", "=", "策勒县")
        .executeTakeFirstOrThrow();
      await store.db.insertInto("townships").values({ name: "空乡", county_id: countyId }).execute();

      const all = await namedTownshipsWithEditions(store.db, "甲乡", null);
      assert.deepEqual(
        all.map((t) => [t.township.county, t.editions.map((e) => [e.id, e.date, e.status])]),
        [
          [
            "策勒县",
            [
              [newer, "2025-07", "draft"],
              [older, "2024-05", "published"],
            ],
          ],
          ["于田县", [[elsewhere, "2025-07", "published"]]],
        ],
      );
      assert.equal(all[0]?.editions[0]?.township, "甲乡");
      assert.equal(
        all[0]?.editions[0]?.counts.basic,
        craftedDraft().items.filter((i) => i.list === "basic").length,
      );

      const narrowed = await namedTownshipsWithEditions(store.db, "甲乡", "于田县");
      assert.deepEqual(
        narrowed.map((t) => t.editions.map((e) => e.id)),
        [[elsewhere]],
      );
      const empty = await namedTownshipsWithEditions(store.db, "空乡", null);
      assert.deepEqual(
        empty.map((t) => [t.township.name, t.editions]),
        [["空乡", []]],
      );
      assert.deepEqual(await namedTownshipsWithEditions(store.db, "无此乡", null), []);
    } finally {
      await store.close();
    }
  });
});
