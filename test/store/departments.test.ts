import assert from "node:assert/strict";
import { test } from "node:test";
import type { CooperativeItem } from "../../src/domain/edition.ts";
import { describeEachBackend } from "../support/stores.ts";
import { craftedDraft } from "./drafts.ts";

describeEachBackend("store departments", (backend) => {
  test("listDepartments counts the items of each township's current edition", async () => {
    const store = await backend.open();
    await store.saveEdition(craftedDraft({ township: "甲乡" }));
    await store.saveEdition(craftedDraft({ township: "乙乡" }));
    // An older edition of 甲乡 and a newer draft of 乙乡 are not current: they must not count.
    await store.saveEdition(craftedDraft({ township: "甲乡", date: "2024-01" }));
    const extra = craftedDraft({ township: "乙乡", date: "2026-01" });
    extra.items = extra.items.map((i) => (i.list === "reclaimed" ? { ...i, number: i.number + 10 } : i));
    await store.saveEdition(extra, { status: "draft" });
    await store.saveEdition(craftedDraft({ township: "丙镇", county: "于田县" }));

    const ce = await store.listDepartments("策勒县");
    assert.deepEqual(
      ce.map((d) => [d.name, d.items]),
      [
        ["县委组织部", 2],
        ["县人力资源和社会保障局", 2],
        ["县住房和城乡建设局", 2],
        ["县水利局", 2],
        ["县自然资源局", 2],
      ],
    );
    assert.ok(ce.every((d) => d.county === "策勒县"));
    const all = await store.listDepartments();
    assert.equal(all.length, 10);
    assert.deepEqual(
      all.filter((d) => d.county === "于田县").map((d) => d.items),
      [1, 1, 1, 1, 1],
    );
    assert.deepEqual(await store.listDepartments("无此县"), []);
    await store.close();
  });

  test("departmentUse accepts aliases and county prefixes, and spans townships", async () => {
    const store = await backend.open();
    await store.saveEdition(craftedDraft({ township: "甲乡" }));
    await store.saveEdition(craftedDraft({ township: "乙乡" }));
    for (const name of ["人社局", "县人社局", "策勒县人力资源和社会保障局", " 县人力资源和社会保障局 "]) {
      const use = await store.departmentUse(name);
      assert.equal(use.department, "县人力资源和社会保障局", name);
      assert.equal(use.county, "策勒县");
      assert.deepEqual(
        use.items.map((u) => [u.township, u.item.list, u.item.number]),
        [
          ["甲乡", "cooperative", 1],
          ["乙乡", "cooperative", 1],
        ],
        name,
      );
    }
    const water = await store.departmentUse("水利局", "策勒县");
    assert.equal(water.items.length, 2);
    const first = water.items[0];
    assert.equal(first?.item.list, "reclaimed");
    if (first?.item.list === "reclaimed")
      assert.deepEqual(first.item.takeover.departments, ["县水利局", "县自然资源局"]);
    assert.equal((await store.getEditionById(first!.editionId))?.township, "甲乡");
    assert.deepEqual((await store.departmentUse("水利局", "于田县")).items, []);
    const nobody = await store.departmentUse("县气象局");
    assert.deepEqual(nobody, { department: "县气象局", county: "", items: [] });
    await store.close();
  });

  test("a department spelled as an alias in the draft is indexed under its canonical name, the draft kept as is", async () => {
    const store = await backend.open();
    const draft = craftedDraft();
    const coop = draft.items.find((i): i is CooperativeItem => i.list === "cooperative" && i.number === 2)!;
    coop.leadDepartments = ["住建局", "策勒县住房和城乡建设局"];
    await store.saveEdition(draft);
    assert.deepEqual((await store.getEdition("测试乡"))?.draft, draft);
    const use = await store.departmentUse("县住房和城乡建设局");
    assert.deepEqual(
      use.items.map((u) => u.item.number),
      [2],
    );
    const listed = await store.listDepartments();
    assert.equal(listed.find((d) => d.name === "县住房和城乡建设局")?.items, 1);
    assert.equal(
      listed.find((d) => d.name === "住建局"),
      undefined,
    );
    await store.close();
  });

  test("with several counties, departmentUse without a county spans them and names none", async () => {
    const store = await backend.open();
    await store.saveEdition(craftedDraft({ township: "甲乡" }));
    await store.saveEdition(craftedDraft({ township: "丙镇", county: "于田县" }));
    const use = await store.departmentUse("组织部");
    assert.equal(use.county, "");
    assert.deepEqual(
      use.items.map((u) => u.township),
      ["甲乡", "丙镇"],
    );
    assert.equal((await store.departmentUse("于田县委组织部")).department, "县委组织部");
    assert.deepEqual(
      (await store.departmentUse("组织部", "于田县")).items.map((u) => u.township),
      ["丙镇"],
    );
    await store.close();
  });
});
