import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { departmentsOf, summarize } from "../../src/domain/edition.ts";
import { readDocument } from "../../src/ingest/index.ts";
import { describeEachBackend } from "../support/stores.ts";

const file = fileURLToPath(new URL("../../data/cele-township-duty-lists-2025-07.txt", import.meta.url));

describeEachBackend("the bundled Cele document in the store", (backend) => {
  test("is stored in one piece and read back with 116/98/40 items", async (t) => {
    const { draft, problems } = await readDocument(readFileSync(file), file);
    const store = await backend.open();
    const started = performance.now();
    const id = await store.saveEdition(draft, { sourceFile: file, warnings: problems });
    t.diagnostic(
      `saveEdition of ${draft.items.length} items: ${(performance.now() - started).toFixed(1)} ms`,
    );

    const stored = await store.getEdition("策勒乡");
    assert.equal(stored?.id, id);
    assert.deepEqual(stored?.counts, { basic: 116, cooperative: 98, reclaimed: 40 });
    assert.deepEqual(stored?.draft, draft);
    // Warnings are stored as JSON: optional fields set to undefined (line: undefined) come back absent.
    assert.deepEqual(stored?.warnings, JSON.parse(JSON.stringify(problems)));
    const lists = summarize(stored!.draft.items);
    assert.equal(lists.cooperative.departments, 38);
    assert.equal(lists.reclaimed.departments, 15);

    // Every named department is listed once, with as many items as name it.
    const named = new Map<string, number>();
    for (const item of draft.items)
      for (const d of new Set(departmentsOf(item))) named.set(d, (named.get(d) ?? 0) + 1);
    const listed = await store.listDepartments("策勒县");
    assert.deepEqual(new Map(listed.map((d) => [d.name, d.items])), named);

    const hr = await store.departmentUse("人社局");
    assert.equal(hr.department, "县人力资源和社会保障局");
    assert.equal(hr.items.length, named.get("县人力资源和社会保障局"));
    assert.ok(hr.items.every((u) => departmentsOf(u.item).includes("县人力资源和社会保障局")));
    await store.close();
  });
});
