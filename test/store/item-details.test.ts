/**
 * Item details are stored once per distinct text (store/details.ts, migration 0014): editions sharing
 * details read back whole, replacing an edition deletes only the details nobody else carries, and the
 * migration carries details stored before it over — on SQLite and PostgreSQL.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Migrator, sql } from "kysely";
import type { EditionDraft } from "../../src/domain/edition.ts";
import { saveEditionsIn } from "../../src/store/bulk-save.ts";
import { DistinctDetails, sameJson } from "../../src/store/details.ts";
import { connectSqlite } from "../../src/store/dialect.ts";
import { type DatabaseTarget, type SqlDutyStore, withTransaction } from "../../src/store/index.ts";
import { migrationProvider } from "../../src/store/migrations/index.ts";
import { itemDetail } from "../../src/store/rows.ts";
import { describeEachBackend, sqliteBackend } from "../support/stores.ts";
import { craftedDraft } from "./drafts.ts";

async function details(store: SqlDutyStore): Promise<string[]> {
  const rows = await store.db.selectFrom("item_details").select("detail").orderBy("detail").execute();
  return rows.map((r) => r.detail);
}

/** The draft with its first cooperative item's township duties replaced by `duty`. */
function withDuty(draft: EditionDraft, duty: string): EditionDraft {
  let done = false;
  const items = draft.items.map((item) => {
    if (done || item.list !== "cooperative") return item;
    done = true;
    return { ...item, townshipDuties: [{ department: null, heading: null, steps: [duty] }] };
  });
  return { ...draft, items };
}

function migrator(store: SqlDutyStore): Migrator {
  const target = store.target as DatabaseTarget;
  const schema = target.kind === "postgres" ? target.schema : undefined;
  return new Migrator({
    db: store.db,
    provider: migrationProvider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

describeEachBackend("item details stored once", (backend) => {
  test("editions sharing details store each text once and read back whole, one by one or in bulk", async () => {
    const store = await backend.open();
    try {
      const a = craftedDraft({ township: "甲乡" });
      const b = craftedDraft({ township: "乙乡" });
      const c = withDuty(craftedDraft({ township: "丙乡" }), "只在丙乡");
      await store.saveEdition(a);
      await store.saveEditions([b, c]);
      // Four details in a (two cooperative, two reclaimed), one more for 丙乡's changed duty.
      assert.equal((await details(store)).length, 5);
      for (const draft of [a, b, c]) assert.deepEqual((await store.getEdition(draft.township))?.draft, draft);
      const use = await store.departmentUse("县委组织部", "策勒县");
      assert.ok(use.items.some((u) => u.item.list === "cooperative" && u.item.townshipDuties.length > 0));
    } finally {
      await store.close();
    }
  });

  test("replacing an edition deletes the details only it carried, and keeps the shared ones", async () => {
    const store = await backend.open();
    try {
      await store.saveEdition(withDuty(craftedDraft({ township: "甲乡" }), "甲乡旧职责"));
      await store.saveEdition(craftedDraft({ township: "乙乡" }));
      const before = await details(store);
      assert.ok(before.some((d) => d.includes("甲乡旧职责")));

      const one = withDuty(craftedDraft({ township: "甲乡" }), "甲乡新职责");
      await store.saveEdition(one, { replace: true });
      let after = await details(store);
      assert.ok(!after.some((d) => d.includes("甲乡旧职责")), "the replaced text is gone");
      assert.ok(after.some((d) => d.includes("甲乡新职责")));
      assert.equal(after.length, before.length);
      assert.deepEqual((await store.getEdition("乙乡"))?.draft, craftedDraft({ township: "乙乡" }));

      await store.saveEditions([withDuty(craftedDraft({ township: "甲乡" }), "甲乡三稿")], { replace: true });
      after = await details(store);
      assert.ok(!after.some((d) => d.includes("甲乡新职责")), "bulk replacing drops it too");
      assert.equal(after.length, before.length);
      assert.deepEqual((await store.getEdition("乙乡"))?.draft, craftedDraft({ township: "乙乡" }));
    } finally {
      await store.close();
    }
  });

  test("re-importing an edition in its place keeps the details it still carries (none deleted and sent again)", async () => {
    const store = await backend.open();
    try {
      const ids = async () =>
        (await store.db.selectFrom("item_details").select(["id", "detail"]).orderBy("id").execute()).map(
          (r) => `${r.id} ${r.detail}`,
        );
      await store.saveEdition(craftedDraft({ township: "甲乡" }));
      const before = await ids();
      await store.saveEdition(craftedDraft({ township: "甲乡" }), { replace: true });
      assert.deepEqual(await ids(), before, "one by one");
      await store.saveEditions([craftedDraft({ township: "甲乡" })], { replace: true });
      assert.deepEqual(await ids(), before, "in bulk");
      assert.deepEqual((await store.getEdition("甲乡"))?.draft, craftedDraft({ township: "甲乡" }));
    } finally {
      await store.close();
    }
  });

  test("without the driver's connection (multi-row inserts, unnest), bulk saves store the details as well", async () => {
    const store = await backend.open();
    try {
      const drafts = [
        craftedDraft({ township: "甲乡" }),
        withDuty(craftedDraft({ township: "乙乡" }), "乙乡的"),
      ];
      await withTransaction(store.db, (trx) => saveEditionsIn(trx, drafts));
      assert.equal((await details(store)).length, 5);
      for (const draft of drafts) assert.deepEqual((await store.getEdition(draft.township))?.draft, draft);
    } finally {
      await store.close();
    }
  });

  test("migration 0014 carries the details stored before it over, and back down", async () => {
    const store = await backend.open();
    try {
      const a = craftedDraft({ township: "甲乡" });
      const b = withDuty(craftedDraft({ township: "乙乡" }), "乙乡自己的职责");
      await store.saveEditions([a, b]);
      const down = await migrator(store).migrateTo("0013_items_detail_lz4");
      assert.equal(down.error, undefined, String(down.error));
      const { rows } = await sql<{ n: number | string }>`
        select count(*) as n from items where detail is not null`.execute(store.db);
      assert.equal(Number(rows[0]?.n), 8, "every detail back on its item");

      const up = await migrator(store).migrateToLatest();
      assert.equal(up.error, undefined, String(up.error));
      assert.equal((await details(store)).length, 5);
      assert.deepEqual((await store.getEdition("甲乡"))?.draft, a);
      assert.deepEqual((await store.getEdition("乙乡"))?.draft, b);
    } finally {
      await store.close();
    }
  });
  test("after migration 0014 is undone, items are written and editions deleted as before it", async () => {
    const store = await backend.open();
    try {
      await store.saveEditions([craftedDraft({ township: "甲乡" }), craftedDraft({ township: "乙乡" })]);
      const down = await migrator(store).migrateTo("0013_items_detail_lz4");
      assert.equal(down.error, undefined, String(down.error));
      // What the code before 0014 writes: an item with its detail inline, and an edition deleted on replace.
      const detail = '{"takeover":{"departments":[],"none":true}}';
      await sql`insert into items (edition_id, position, list, number, category, name, local, remark, detail)
        select min(id), 99, 'reclaimed', 99, 'c', 'x', 0, null, ${detail} from editions`.execute(store.db);
      await sql`delete from editions where id = (select max(id) from editions)`.execute(store.db);
      const { rows } = await sql<{ n: number | string }>`
        select count(*) as n from items where detail = ${detail}`.execute(store.db);
      assert.equal(Number(rows[0]?.n), 1);

      const up = await migrator(store).migrateToLatest();
      assert.equal(up.error, undefined, String(up.error));
      const edition = (await store.listEditions())[0]!;
      const stored = await store.getEditionById(edition.id);
      assert.deepEqual(stored?.draft.items.at(-1), {
        list: "reclaimed",
        number: 99,
        category: "c",
        name: "x",
        local: false,
        remark: null,
        takeover: { departments: [], none: true },
      });
    } finally {
      await store.close();
    }
  });
});

test("details are the same exactly when their JSON is (key order counts; what JSON cannot say never matches)", () => {
  assert.ok(sameJson({ a: ["x", 1, null, true] }, { a: ["x", 1, null, true] }));
  // Equal text made separately (not the same string object) still matches.
  assert.ok(sameJson({ s: ["县委", "组织部"].join("") }, { s: "县委组织部" }));
  assert.ok(!sameJson({ a: 1, b: 2 }, { b: 2, a: 1 }), "another key order is another text");
  assert.ok(!sameJson({ a: [1, 2] }, { a: [1, 2, 3] }));
  assert.ok(!sameJson({ a: "1" }, { a: 1 }));
  assert.ok(!sameJson({ a: null }, { a: undefined }));
  assert.ok(!sameJson(new Date(0), new Date(0)), "only plain objects compare by value");
  assert.ok(!sameJson({ a: undefined }, { a: undefined }), "JSON drops undefined: never counted the same");
});

test("DistinctDetails numbers each distinct detail once, and its texts are what itemDetail makes", () => {
  const items = [
    ...craftedDraft().items,
    ...craftedDraft().items,
    ...withDuty(craftedDraft(), "另一段职责").items,
  ];
  const distinct = new DistinctDetails();
  const slots = items.map((item) => distinct.slotOf(item));
  const texts = items.map(itemDetail);
  assert.equal(distinct.texts.length, new Set(texts.filter((t) => t !== null)).size);
  slots.forEach((slot, i) => {
    assert.equal(slot < 0 ? null : distinct.texts[slot], texts[i], `item ${i}`);
  });
});

test("migration 0014 run again after it was done but not recorded (SQLite records it apart) changes nothing", async () => {
  const store = await sqliteBackend.open();
  try {
    const draft = craftedDraft({ township: "甲乡" });
    await store.saveEdition(draft);
    const before = await details(store);
    // As if the process stopped between the migration's commit and Kysely's note of it (so before any
    // later migration ran).
    assert.equal((await migrator(store).migrateTo("0014_item_details_shared")).error, undefined);
    await sql`delete from kysely_migration where name = '0014_item_details_shared'`.execute(store.db);
    const again = await migrator(store).migrateToLatest();
    assert.equal(again.error, undefined, String(again.error));
    assert.deepEqual(await details(store), before);
    assert.deepEqual((await store.getEdition("甲乡"))?.draft, draft);
  } finally {
    await store.close();
  }
});

test("migration 0014 stopped halfway changes nothing (SQLite runs it in one transaction)", async () => {
  const db = connectSqlite(":memory:");
  try {
    const migrator = new Migrator({ db, provider: migrationProvider });
    assert.equal((await migrator.migrateTo("0013_items_detail_lz4")).error, undefined);
    await sql`insert into counties (name, region) values ('策勒县', '')`.execute(db);
    await sql`insert into townships (county_id, name) values (1, '测试乡')`.execute(db);
    await sql`insert into editions (township_id, date, title, status, imported_at, source_file, preface, stated,
        warnings, basic_items, cooperative_items, reclaimed_items)
      values (1, '2025-07', 't', 'published', '2025-07-01', '', '[]', '{}', '[]', 0, 0, 1)`.execute(db);
    await sql`insert into items (edition_id, position, list, number, category, name, local, remark, detail)
      values (1, 0, 'reclaimed', 1, 'c', 'x', 0, null, '{"takeover":{"departments":[],"none":true}}')`.execute(
      db,
    );
    // The migration's last step (its index) cannot be made: a name already taken.
    await sql`create index items_detail on counties (name)`.execute(db);
    assert.notEqual((await migrator.migrateToLatest()).error, undefined);
    const { rows } = await sql<{ detail: string }>`select detail from items`.execute(db);
    assert.equal(rows[0]?.detail, '{"takeover":{"departments":[],"none":true}}');
    const tables = await sql<{
      name: string;
    }>`select name from sqlite_master where name = 'item_details'`.execute(db);
    assert.deepEqual(tables.rows, []);
  } finally {
    await db.destroy();
  }
});
