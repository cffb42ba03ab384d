/**
 * Issue 13 row 4: many editions stored in one transaction with a few large statements give back exactly
 * what one-by-one saving does — items, order, departments, links — and store nothing when one is refused.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { sql } from "kysely";
import { deriveTownships } from "../../src/bench/derive.ts";
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

/**
 * Every stored row of the edition tables, ids replaced by what they stand for (township, date, list and
 * number), so stores written by different paths compare row for row.
 */
async function dump(store: SqlDutyStore): Promise<string[]> {
  const edition = sql`c.region || '/' || c.name || '/' || t.name || '@' || e.date`;
  const item = sql`${edition} || ':' || i.list || ':' || i.number`;
  const { rows } = await sql<{ line: string }>`
    select 'edition ' || ${edition} || ' ' || e.title || ' ' || e.status || ' ' || e.source_file || ' ' ||
        e.preface || e.stated || e.warnings || ' ' || e.basic_items || '/' || e.cooperative_items || '/' ||
        e.reclaimed_items as line
      from editions e join townships t on t.id = e.township_id join counties c on c.id = t.county_id
    union all
    select 'item ' || ${item} || ' ' || i.position || ' ' || i.category || ' ' || i.name || ' ' || i.local ||
        ' ' || coalesce(i.remark, '(null)') || ' ' || coalesce((select d.detail from item_details d where d.id = i.detail_id), '(null)')
      from items i join editions e on e.id = i.edition_id join townships t on t.id = e.township_id
        join counties c on c.id = t.county_id
    union all
    select 'link ' || ${item} || ' ' || d.name || ' ' || l.role
      from item_departments l join items i on i.id = l.item_id join departments d on d.id = l.department_id
        join editions e on e.id = i.edition_id join townships t on t.id = e.township_id
        join counties c on c.id = t.county_id
    union all
    select 'department ' || c.name || ' ' || d.name from departments d join counties c on c.id = d.county_id`.execute(
    store.db,
  );
  return rows.map((r) => r.line).sort();
}

/** The foreign keys of the item tables as PostgreSQL states them (empty on SQLite). */
async function foreignKeys(store: SqlDutyStore, backend: string): Promise<string[]> {
  if (backend !== "postgres") return [];
  const { rows } = await sql<{ key: string }>`
    select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) || ' ' ||
      convalidated as key
    from pg_constraint where contype = 'f' and conrelid in ('items'::regclass, 'item_departments'::regclass)
    order by 1`.execute(store.db);
  return rows.map((r) => r.key);
}

describeEachBackend("editions stored in bulk", (backend) => {
  test("derived townships stored in bulk are, row for row, what saving one by one stores", async () => {
    const drafts = [...deriveTownships(await bundledDraft(), 12, { perCounty: 5, seed: 7 })];
    const bulk = await backend.open();
    const single = await backend.open();
    try {
      const keys = await foreignKeys(bulk, backend.name);
      // Two batches: the first into an empty store (on PostgreSQL its foreign keys are checked once, at
      // the end), the second, one township beside eleven, checked row by row.
      await bulk.saveEditions(drafts.slice(0, 11), { sourceFile: "bulk" });
      await bulk.saveEditions(drafts.slice(11), { sourceFile: "bulk" });
      for (const d of drafts) await single.saveEdition(d, { sourceFile: "bulk" });
      const stored = await dump(bulk);
      assert.ok(stored.filter((l) => l.startsWith("link ")).length > 100, "links were stored");
      assert.deepEqual(stored, await dump(single));
      assert.deepEqual(await foreignKeys(bulk, backend.name), keys, "foreign keys as declared");
      if (backend.name === "postgres") assert.equal(keys.length, 4);
    } finally {
      await bulk.close();
      await single.close();
    }
  });

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

  // PostgreSQL only: on SQLite a second process's write during a batch fails busy (one writer at a time).
  const pgOnly = { skip: backend.name !== "postgres" && "SQLite 同一时刻只有一个写入者" };
  test(
    "a bulk save and single saves from another process at once both store everything",
    pgOnly,
    async () => {
      const drafts = [...deriveTownships(await bundledDraft(), 8, { perCounty: 4, seed: 3 })];
      const [one, other] = await backend.openShared();
      try {
        // Into an empty store: on PostgreSQL the batch locks the item tables and checks its keys at the end.
        const bulk = one.saveEditions(drafts.slice(0, 6), { sourceFile: "bulk" });
        const singles = (async () => {
          for (const d of drafts.slice(6)) await other.saveEdition(d, { sourceFile: "bulk" });
        })();
        await Promise.all([bulk, singles]);
        for (const d of drafts) {
          const stored = await other.getEdition(`${d.county}/${d.township}`, d.date);
          assert.equal(stored?.draft.items.length, d.items.length, d.township);
        }
      } finally {
        await one.close();
        await other.close();
      }
    },
  );

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

  test("texts with backslashes, tabs and line breaks come back as written (SQLite's parameters, PostgreSQL's binary COPY)", async () => {
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

  test("a detail long enough to be compressed comes back as written (PostgreSQL: lz4 when the server has it)", async () => {
    const store = await backend.open();
    try {
      const base = craftedDraft({ township: "长乡" });
      const duty = "负责辖区内河湖日常巡查，发现问题及时上报并配合县水利局处置；".repeat(200);
      const items = base.items.map((item) =>
        item.list === "cooperative"
          ? { ...item, townshipDuties: [{ department: null, heading: null, steps: [duty] }] }
          : item,
      );
      assert.ok(
        items.some((item) => item.list === "cooperative"),
        "a cooperative item to lengthen",
      );
      const draft = { ...base, items };
      await store.saveEditions([draft]);
      assert.deepEqual((await store.getEdition("长乡"))?.draft, draft);
      if (backend.name === "postgres") {
        const { rows } = await sql<{ method: string | null; lz4: boolean }>`
          select (select pg_column_compression(detail) from item_details where detail like ${`%${duty.slice(0, 20)}%`}
                  limit 1) as method,
            (select 'lz4' = any(enumvals) from pg_settings where name = 'default_toast_compression') as lz4`.execute(
          store.db,
        );
        assert.equal(rows[0]?.method, rows[0]?.lz4 ? "lz4" : "pglz");
      }
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
      const keys = await foreignKeys(store, backend.name);
      if (backend.name === "postgres") assert.equal(keys.length, 4, "foreign keys back after the rollback");
      await store.saveEditions([craftedDraft({ township: "好乡" })]);
      assert.equal((await store.getEdition("好乡"))?.draft.items.length, craftedDraft().items.length);
    } finally {
      await store.close();
    }
  });
});
