/** Hot queries compiled once (src/store/compiled.ts) return exactly what Kysely's execute() returns. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Kysely } from "kysely";
import { compiledQuery } from "../../src/store/compiled.ts";
import { listEditionsOf } from "../../src/store/editions.ts";
import type { Database } from "../../src/store/schema.ts";
import { townshipsNamed } from "../../src/store/townships.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { describeEachBackend } from "../support/stores.ts";
import { craftedDraft } from "./drafts.ts";

const townships = (db: Kysely<Database>, name: string, county: string | null, ids: number[] | null) => {
  let q = db
    .selectFrom("townships")
    .innerJoin("counties", "counties.id", "townships.county_id")
    .select(["townships.id", "townships.name", "counties.name as county"])
    .where("townships.name", "=", name);
  if (county !== null) q = q.where("counties.name", "=", county);
  if (ids) q = q.where("townships.id", "in", ids);
  return q.orderBy("townships.id");
};

describeEachBackend("queries compiled once", (backend) => {
  test("every shape and value gives execute()'s rows, in and out of a transaction", async () => {
    const store = await backend.open();
    try {
      for (const [township, county] of [
        ["甲乡", "一县"],
        ["甲乡", "二县"],
        ["乙乡", "一县"],
      ] as const) {
        await importEdition(store, craftedDraft({ township, county }), "test", { status: "published" });
      }
      const db = store.db;
      const compiled = compiledQuery(
        townships,
        (_n, county, ids) => `${county === null ? "any" : "county"}:${ids ? ids.length : "all"}`,
      );
      const calls: [string, string | null, number[] | null][] = [
        ["甲乡", null, null],
        ["甲乡", "二县", null],
        ["甲乡", "一县", null],
        ["乙乡", null, null],
        ["甲乡", null, [1, 2]],
        ["甲乡", null, [2]],
        ["甲乡", null, [3, 1]],
        ["没有", null, null],
      ];
      for (const args of calls) {
        assert.deepEqual(
          await compiled(db, ...args),
          await townships(db, ...args).execute(),
          JSON.stringify(args),
        );
      }
      await db.transaction().execute(async (trx) => {
        assert.deepEqual(
          await compiled(trx, "甲乡", "二县", null),
          await townships(trx, "甲乡", "二县", null).execute(),
        );
      });
      // The store's own hot queries through it.
      const both = await townshipsNamed(db, "甲乡");
      assert.deepEqual(both.map((t) => t.county).sort(), ["一县", "二县"]);
      assert.deepEqual(
        (await townshipsNamed(db, "二县/甲乡")).map((t) => t.county),
        ["二县"],
      );
      const editions = await listEditionsOf(
        db,
        both.map((t) => t.id),
      );
      assert.equal(editions.length, 2);
      assert.equal((await listEditionsOf(db)).length, 3);
      assert.deepEqual(await listEditionsOf(db, []), []);
    } finally {
      await store.close();
    }
  });
});
