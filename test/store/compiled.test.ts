/** Hot queries compiled once (src/store/compiled.ts) return exactly what Kysely's execute() returns. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { type Kysely, sql } from "kysely";
import { compiledQuery } from "../../src/store/compiled.ts";
import { listEditionsOf } from "../../src/store/editions.ts";
import { SqlDutyStore } from "../../src/store/index.ts";
import { readPrecedentRevision } from "../../src/store/precedents.ts";
import type { Database } from "../../src/store/schema.ts";
import { townshipsNamed } from "../../src/store/townships.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { describeEachBackend, sqliteBackend } from "../support/stores.ts";
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

/** Counts the queries that go through Kysely's driver on `db` (its executor is shared by its views). */
function driverUse(db: Kysely<Database>): () => number {
  const executor = db.getExecutor();
  const provide = executor.provideConnection.bind(executor);
  let used = 0;
  executor.provideConnection = (consumer) => {
    used++;
    return provide(consumer);
  };
  return () => used;
}

// Values of every kind SQLite hands back, a repeated column name (the last value wins, in the first place).
const kinds = compiledQuery((db: Kysely<Database>, text: string, n: number) =>
  db.selectNoFrom([
    sql<string>`${text}`.as("a"),
    sql<number>`${n}`.as("b"),
    sql<number>`${n} / 2.0`.as("c"),
    sql<null>`null`.as("d"),
    sql<Uint8Array>`x'00ff'`.as("e"),
    sql<number>`7`.as("a"),
  ]),
);

describeEachBackend("compiled reads, every kind of value", (backend) => {
  test("the rows are execute()'s, whichever way they are read", async () => {
    const store = await backend.open();
    try {
      const db = store.db;
      const viaKysely = (
        await sql`select ${"甲"} as a, ${3} as b, ${3} / 2.0 as c, null as d, x'00ff' as e, 7 as a`.execute(
          db,
        )
      ).rows;
      assert.deepEqual(await kinds(db, "甲", 3), viaKysely);
      assert.deepEqual(Object.keys((await kinds(db, "甲", 3))[0]!), Object.keys(viaKysely[0]!));
      await db.transaction().execute(async (trx) => {
        assert.deepEqual(await kinds(trx, "甲", 3), viaKysely);
      });
      assert.equal(await readPrecedentRevision(db), 0);
    } finally {
      await store.close();
    }
  });
});

test("on SQLite a hot read outside transactions skips Kysely's driver; a transaction's own reads use it", async () => {
  const store = await sqliteBackend.open();
  try {
    await importEdition(store, craftedDraft({ township: "甲乡", county: "一县" }), "test", {
      status: "published",
    });
    const db = store.db;
    const used = driverUse(db);
    const before = used();
    assert.equal((await townshipsNamed(db, "甲乡")).length, 1);
    assert.equal(await readPrecedentRevision(db), 0);
    assert.equal(used(), before, "read directly");
    await db.transaction().execute(async (trx) => {
      const usedInside = driverUse(trx);
      assert.equal((await townshipsNamed(trx, "甲乡")).length, 1);
      assert.equal(usedInside(), 1, "inside the transaction through its connection");
    });
  } finally {
    await store.close();
  }
});

test("on SQLite a hot read waits for an open transaction instead of seeing its uncommitted rows", async () => {
  const store = await sqliteBackend.open();
  try {
    const db = store.db;
    await importEdition(store, craftedDraft({ township: "甲乡", county: "一县" }), "test", {
      status: "published",
    });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => {
      written = resolve;
    });
    const writer = db.transaction().execute(async (trx) => {
      await importEdition(new SqlDutyStore(trx), craftedDraft({ township: "甲乡", county: "二县" }), "test", {
        status: "published",
      });
      written();
      await gate;
    });
    await wrote;
    let seen: number | undefined;
    const reader = townshipsNamed(db, "甲乡").then((rows) => {
      seen = rows.length;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(seen, undefined, "the read waits while the transaction is open");
    release();
    await writer;
    await reader;
    assert.equal(seen, 2, "and then sees what it committed");
  } finally {
    await store.close();
  }
});
