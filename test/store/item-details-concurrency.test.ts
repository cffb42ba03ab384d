/**
 * Details shared between editions (store/details.ts) under concurrent writers on PostgreSQL: an edition
 * replaced (deleting the details only it carried) while another writer stores an edition carrying one of
 * them, in either order, must leave both writes whole. What keeps them apart is the edition revision row
 * (migration 0002): every edition writer updates it before touching item_details and holds it to commit.
 * SQLite has one writer at a time.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { type Kysely, sql } from "kysely";
import type { EditionDraft } from "../../src/domain/edition.ts";
import type { SqlDutyStore } from "../../src/store/index.ts";
import { saveEditionIn } from "../../src/store/save.ts";
import type { Database } from "../../src/store/schema.ts";
import { describeEachBackend } from "../support/stores.ts";
import { craftedDraft } from "./drafts.ts";

/** The draft with its cooperative items' township duties replaced by `duties` (one item each, in order). */
function withDuties(draft: EditionDraft, duties: readonly string[]): EditionDraft {
  const template = draft.items.find((item) => item.list === "cooperative")!;
  const others = draft.items.filter((item) => item.list !== "cooperative");
  const cooperative = duties.map((duty, i) => ({
    ...template,
    number: i + 1,
    townshipDuties: [{ department: null, heading: null, steps: [duty] }],
  }));
  return { ...draft, items: [...others, ...cooperative] };
}

/** Resolves once some session of the database waits for a lock (the other writer is blocked). */
async function someoneWaits(db: Kysely<Database>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
    if (rows[0]!.n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("no writer waited for a lock");
}

/** Runs `work` in a transaction on `store` and keeps it open until the returned `commit` is called. */
async function heldOpen(store: SqlDutyStore, work: (trx: Kysely<Database>) => Promise<unknown>) {
  let commit!: () => void;
  const released = new Promise<void>((resolve) => {
    commit = resolve;
  });
  let done!: () => void;
  const worked = new Promise<void>((resolve) => {
    done = resolve;
  });
  const finished = store.db.transaction().execute(async (trx) => {
    await work(trx);
    done();
    await released;
  });
  await Promise.race([worked, finished]);
  return { commit, finished };
}

describeEachBackend("item details under concurrent writers", (backend) => {
  const pgOnly = { skip: backend.name !== "postgres" && "SQLite 同一时刻只有一个写入者" };

  test(
    "an edition stored while another carrying the same detail is replaced keeps its detail",
    pgOnly,
    async () => {
      const [one, other] = await backend.openShared();
      try {
        await one.saveEdition(withDuties(craftedDraft({ township: "甲乡" }), ["共享职责"]));
        // 甲乡's replacement drops 共享职责 (nobody else carries it yet) and is not committed yet …
        const replacing = await heldOpen(one, (trx) =>
          saveEditionIn(trx, withDuties(craftedDraft({ township: "甲乡" }), ["甲乡新职责"]), {
            replace: true,
          }),
        );
        // … when 乙乡 is stored carrying it: it finds the detail still there and points at it.
        const second = withDuties(craftedDraft({ township: "乙乡" }), ["共享职责"]);
        const saving = other.saveEdition(second);
        await someoneWaits(one.db);
        replacing.commit();
        await replacing.finished;
        await saving;
        assert.deepEqual((await other.getEdition("乙乡"))?.draft, second);
      } finally {
        await one.close();
        await other.close();
      }
    },
  );

  test(
    "an edition replaced while another carrying its detail is being stored keeps that detail",
    pgOnly,
    async () => {
      const [one, other] = await backend.openShared();
      try {
        await one.saveEdition(withDuties(craftedDraft({ township: "甲乡" }), ["共享职责"]));
        // 乙乡 is stored carrying 甲乡's detail and not committed yet …
        const second = withDuties(craftedDraft({ township: "乙乡" }), ["共享职责"]);
        const saving = await heldOpen(other, (trx) => saveEditionIn(trx, second));
        // … when 甲乡 is replaced without it: the detail is not deleted from under 乙乡.
        const replaced = withDuties(craftedDraft({ township: "甲乡" }), ["甲乡新职责"]);
        const replacing = one.saveEdition(replaced, { replace: true });
        await someoneWaits(one.db);
        saving.commit();
        await saving.finished;
        await replacing;
        assert.deepEqual((await one.getEdition("乙乡"))?.draft, second);
        assert.deepEqual((await one.getEdition("甲乡"))?.draft, replaced);
      } finally {
        await one.close();
        await other.close();
      }
    },
  );
});
