import assert from "node:assert/strict";
import { test } from "node:test";
import type { Item } from "../../src/domain/edition.ts";
import { batches } from "../../src/store/batch.ts";
import { MAX_PARAMETERS } from "../../src/store/dialect.ts";
import { describeEachBackend } from "../support/stores.ts";
import { craftedDraft, craftedItems } from "./drafts.ts";
import { tableCounts } from "./helpers.ts";

describeEachBackend("batched inserts", (backend) => {
  test("batches keep rows × columns within the limit and keep every row in order", () => {
    const rows = Array.from({ length: 1001 }, (_, i) => ({ a: i, b: i, c: i }));
    const runs = batches(rows, 100);
    assert.ok(runs.every((run) => run.length * 3 <= 100));
    assert.equal(runs[0]?.length, 33);
    assert.deepEqual(runs.flat(), rows);
    assert.deepEqual(batches([], 100), []);
    assert.deepEqual(batches([{ a: 1, b: 2 }], 1), [[{ a: 1, b: 2 }]]);
  });

  test("an edition larger than one statement's parameter limit is stored whole", async () => {
    // 10 columns per item row: 4 000 items need 40 000 parameters, over SQLite's 32 766.
    const template = craftedItems();
    const items: Item[] = [];
    for (let n = 1; n <= 4000; n++) {
      const base = template[(n % template.length) as number] as Item;
      items.push({ ...base, number: n, name: `${base.name}（${n}）` } as Item);
    }
    assert.ok(items.length * 10 > MAX_PARAMETERS.sqlite);
    const store = await backend.open();
    const draft = craftedDraft({ items });
    await store.saveEdition(draft);
    const stored = await store.getEdition("测试乡");
    assert.deepEqual(stored?.draft, draft);
    const counts = await tableCounts(store);
    assert.equal(counts.items, 4000);
    // Each cooperative item links its leads, each reclaimed item its takers-over.
    const links = items.reduce(
      (n, i) =>
        n +
        (i.list === "cooperative"
          ? i.leadDepartments.length
          : i.list === "reclaimed"
            ? i.takeover.departments.length
            : 0),
      0,
    );
    assert.equal(counts.item_departments, links);
    await store.close();
  });
});
