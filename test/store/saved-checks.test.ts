import assert from "node:assert/strict";
import { test } from "node:test";
import { Migrator } from "kysely";
import type { DatabaseTarget } from "../../src/store/index.ts";
import { migrationProvider } from "../../src/store/migrations/index.ts";
import {
  checkDecisionMarks,
  hasSavedCheckFile,
  markCheckDecision,
  type NewSavedCheck,
  saveCheck,
  savedCheck,
  savedCheckFile,
  savedChecksOf,
} from "../../src/store/saved-checks.ts";
import { describeEachBackend } from "../support/stores.ts";

const base: NewSavedCheck = {
  authorId: 7,
  authorName: "王科员",
  townshipId: 1,
  editionId: 1,
  township: "策勒乡",
  county: "策勒县",
  editionDate: "2025-07",
  taskCount: 2,
  summary: "请乡政府对辖区烟花爆竹经营点开展安全监管",
  body: JSON.stringify({ version: 1, record: { cards: ["…"] } }),
  createdAt: "2026-11-30T08:00:00.000Z",
};

describeEachBackend("saved checks", (backend) => {
  test("a check is kept under a 128-bit random id and read back exactly", async () => {
    const store = await backend.open();
    const id = await saveCheck(store.db, base);
    assert.match(id, /^[0-9a-f]{32}$/);
    assert.notEqual(await saveCheck(store.db, base), id, "every save gets a new id");
    assert.deepEqual(await savedCheck(store.db, id), { id, ...base });
    assert.equal(await savedCheck(store.db, "0".repeat(32)), undefined);
    await store.close();
  });

  test("an anonymous check has no author and is in nobody's history", async () => {
    const store = await backend.open();
    const id = await saveCheck(store.db, { ...base, authorId: null, authorName: null });
    assert.equal((await savedCheck(store.db, id))?.authorId, null);
    assert.deepEqual(await savedChecksOf(store.db, 7), []);
    await store.close();
  });

  test("a user's history lists only their checks, newest first, without bodies", async () => {
    const store = await backend.open();
    const older = await saveCheck(store.db, { ...base, createdAt: "2026-11-01T00:00:00.000Z" });
    const newer = await saveCheck(store.db, {
      ...base,
      createdAt: "2026-11-29T00:00:00.000Z",
      summary: "新",
    });
    await saveCheck(store.db, { ...base, authorId: 8, authorName: "李" });
    const history = await savedChecksOf(store.db, 7);
    assert.deepEqual(
      history.map((h) => h.id),
      [newer, older],
    );
    assert.equal(history[0]!.summary, "新");
    assert.ok(!("body" in history[0]!));
    await store.close();
  });
});

describeEachBackend("saved checks' files", (backend) => {
  test("a task sheet's file is kept with its check and read back byte for byte", async () => {
    const store = await backend.open();
    const bytes = new Uint8Array(70_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131 + 7) % 256;
    const file = { name: "任务表.xlsx", contentType: "application/vnd.ms-excel", bytes };
    const id = await saveCheck(store.db, base, file);
    assert.deepEqual(await savedCheck(store.db, id), { id, ...base });
    assert.deepEqual(await savedCheckFile(store.db, id), file);
    assert.equal(await hasSavedCheckFile(store.db, id), true);
    const bare = await saveCheck(store.db, base);
    assert.equal(await savedCheckFile(store.db, bare), undefined);
    assert.equal(await hasSavedCheckFile(store.db, bare), false);
    await store.close();
  });
});

describeEachBackend("decisions on a saved check's tasks", (backend) => {
  test("a place's mark is kept, and a later decision there replaces it", async () => {
    const store = await backend.open();
    const id = await saveCheck(store.db, base);
    const other = await saveCheck(store.db, base);
    assert.deepEqual(await checkDecisionMarks(store.db, id), []);
    await markCheckDecision(store.db, id, {
      place: "row-6",
      precedentId: 3,
      decidedAt: "2026-12-01T00:00:00Z",
    });
    await markCheckDecision(store.db, id, {
      place: "row-2",
      precedentId: 4,
      decidedAt: "2026-12-01T00:01:00Z",
    });
    await markCheckDecision(store.db, id, {
      place: "row-6",
      precedentId: 5,
      decidedAt: "2026-12-01T00:02:00Z",
    });
    await markCheckDecision(store.db, other, {
      place: "task-1",
      precedentId: 6,
      decidedAt: "2026-12-01T00:03:00Z",
    });
    assert.deepEqual(await checkDecisionMarks(store.db, id), [
      { place: "row-2", precedentId: 4, decidedAt: "2026-12-01T00:01:00Z" },
      { place: "row-6", precedentId: 5, decidedAt: "2026-12-01T00:02:00Z" },
    ]);
    await store.close();
  });
});

describeEachBackend("migrations 0016 and 0017 on a store with saved checks", (backend) => {
  test("down to 0015 and up again: the saved checks stay, with no file and no decisions", async () => {
    const store = await backend.open();
    try {
      const target = store.target as DatabaseTarget;
      const schema = target.kind === "postgres" ? target.schema : undefined;
      const migrator = new Migrator({
        db: store.db,
        provider: migrationProvider,
        ...(schema ? { migrationTableSchema: schema } : {}),
      });
      const down = await migrator.migrateTo("0015_precedent_revision");
      assert.equal(down.error, undefined, String(down.error));
      const id = await store.db
        .insertInto("saved_checks")
        .values({
          id: "a".repeat(32),
          author_id: base.authorId,
          author_name: base.authorName,
          township_id: base.townshipId,
          edition_id: base.editionId,
          township: base.township,
          county: base.county,
          edition_date: base.editionDate,
          task_count: base.taskCount,
          summary: base.summary,
          body: base.body,
          created_at: base.createdAt,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const up = await migrator.migrateToLatest();
      assert.equal(up.error, undefined, String(up.error));
      assert.deepEqual(
        up.results?.map((r) => r.migrationName),
        ["0016_saved_check_files", "0017_saved_check_decisions"],
      );
      assert.deepEqual(await savedCheck(store.db, id.id), { id: id.id, ...base });
      assert.equal(await savedCheckFile(store.db, id.id), undefined);
      assert.deepEqual(await checkDecisionMarks(store.db, id.id), []);
    } finally {
      await store.close();
    }
  });
});
