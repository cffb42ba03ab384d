import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { Migrator, sql } from "kysely";
import { connectSqlite } from "../../src/store/dialect.ts";
import { openStore } from "../../src/store/index.ts";
import { migrationProvider } from "../../src/store/migrations/index.ts";
import { describeEachBackend } from "../support/stores.ts";
import { craftedDraft } from "./drafts.ts";

describeEachBackend("edition item counts", (backend) => {
  test("listEditions reads the counts stored with each edition", async () => {
    const store = await backend.open();
    const draft = craftedDraft();
    draft.items = draft.items.filter((i) => i.number !== 2 || i.list !== "basic");
    await store.saveEdition(draft);
    const [row] = await store.listEditions();
    assert.deepEqual(row?.counts, { basic: 1, cooperative: 2, reclaimed: 2 });
    assert.deepEqual(row?.counts, (await store.getEdition("测试乡"))?.counts);
    await store.close();
  });
});

test("migration 0005 counts the items of editions stored before it", async () => {
  const dir = mkdtempSync(join(tmpdir(), "lvzhi-counts-"));
  const path = join(dir, "old.db");
  const db = connectSqlite(path);
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error } = await migrator.migrateTo("0004_admissions_adjustments");
  assert.equal(error, undefined);
  const columns = await sql<{ name: string }>`pragma table_info(editions)`.execute(db);
  assert.ok(!columns.rows.some((c) => c.name === "basic_items"));
  // Rows as the code before 0005 wrote them: no count columns.
  const old = db;
  await sql`insert into counties (name, region) values ('策勒县', '')`.execute(old);
  await sql`insert into townships (county_id, name) values (1, '测试乡')`.execute(old);
  await sql`insert into editions (township_id, date, title, status, imported_at, source_file, preface, stated, warnings)
    values (1, '2025-07', 't', 'published', '2025-07-01', '', '[]', '{}', '[]')`.execute(old);
  for (const [n, list] of [
    [1, "basic"],
    [2, "basic"],
    [1, "reclaimed"],
  ] as const) {
    await sql`insert into items (edition_id, position, list, number, category, name, local, remark, detail)
      values (1, ${n}, ${list}, ${n}, 'c', 'x', 0, null, ${list === "reclaimed" ? '{"takeover":{"departments":[],"none":true,"workMethod":[],"workStandard":[]}}' : null})`.execute(
      old,
    );
  }
  await old.destroy();
  const store = await openStore({ path });
  assert.deepEqual((await store.listEditions())[0]?.counts, { basic: 2, cooperative: 0, reclaimed: 1 });
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});
