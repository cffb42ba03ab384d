/**
 * Migration 0010_admission_per_township (issue 12) carries existing requests over, on SQLite and
 * PostgreSQL: each township's status follows its own verdict, and the request's decision for the unlisted
 * ones (an approved request stays approved, with its expiry, for its unlisted townships).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Migrator } from "kysely";
import type { DatabaseTarget } from "../../src/store/index.ts";
import { migrationProvider } from "../../src/store/migrations/index.ts";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { addUser } from "../../src/workflow/users.ts";
import { describeEachBackend } from "../support/stores.ts";
import { bundledDraft } from "../workflow/helpers.ts";

describeEachBackend("migration 0009: admission decided per township", (backend) => {
  test("a stored request keeps its decisions, now per township", async () => {
    const store = await backend.open();
    try {
      await importEdition(store, await bundledDraft(), "system", { status: "published" });
      await importEdition(store, { ...(await bundledDraft()), township: "恰哈乡" }, "system", {
        status: "published",
      });
      const db = workflowDb(store.db);
      const { id: userId } = await addUser(
        db,
        { name: "shangwu", role: "department", department: "县商务和工业信息化局" },
        "t",
      );
      const target = store.target as DatabaseTarget;
      const schema = target.kind === "postgres" ? target.schema : undefined;
      const migrator = new Migrator({
        db: store.db,
        provider: migrationProvider,
        ...(schema ? { migrationTableSchema: schema } : {}),
      });
      const down = await migrator.migrateTo("0008_idempotency");
      assert.equal(down.error, undefined, String(down.error));

      const towns = await db.selectFrom("townships").select(["id", "name"]).orderBy("id").execute();
      const expires = "2026-03-31T00:00:00.000Z";
      const { id } = await db
        .insertInto("admissions")
        .values({
          department: "县商务和工业信息化局",
          requester_id: userId,
          task: "打扫客房",
          reason: "安排",
          basis: "通知",
          duration_days: 30,
          verdict: "reclaimed",
          status: "approved",
          created_at: "2026-03-01T00:00:00.000Z",
          decided_by: userId,
          decided_at: "2026-03-01T01:00:00.000Z",
          decision_reason: "同意",
          expires_at: expires,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      // The old table had no status columns: insert through the untyped builder.
      for (const [t, verdict] of [
        [towns[0]!, "unlisted"],
        [towns[1]!, "reclaimed"],
      ] as const) {
        await (store.db as unknown as import("kysely").Kysely<Record<string, Record<string, unknown>>>)
          .insertInto("admission_townships")
          .values({ admission_id: id, township_id: t.id, verdict, result: "{}" })
          .execute();
      }
      const up = await migrator.migrateToLatest();
      assert.equal(up.error, undefined, String(up.error));
      const rows = await db
        .selectFrom("admission_townships")
        .select(["township_id", "status", "expires_at", "decision_reason"])
        .where("admission_id", "=", id)
        .orderBy("township_id")
        .execute();
      assert.deepEqual(
        rows.map((r) => [r.status, r.expires_at, r.decision_reason]),
        [
          ["approved", expires, "同意"],
          ["refused", null, null],
        ],
      );
    } finally {
      await store.close();
    }
  });
});
