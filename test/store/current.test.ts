/** Department views show published editions only: a township with nothing published does not appear. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { describeEachBackend } from "../support/stores.ts";
import { craftedDraft } from "./drafts.ts";

describeEachBackend("store current editions", (backend) => {
  test("a draft-only or in-review township is left out of department views", async () => {
    const store = await backend.open();
    await store.saveEdition(craftedDraft({ township: "甲乡" }));
    await store.saveEdition(craftedDraft({ township: "草稿乡" }), { status: "draft" });
    await store.saveEdition(craftedDraft({ township: "审核乡" }), { status: "review" });
    const use = await store.departmentUse("县水利局", "策勒县");
    assert.deepEqual([...new Set(use.items.map((i) => i.township))], ["甲乡"]);
    const counted = await store.listDepartments("策勒县");
    assert.ok(counted.every((d) => d.items === 1));
    await store.close();
  });
});
