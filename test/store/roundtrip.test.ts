import assert from "node:assert/strict";
import { test } from "node:test";
import type { Problem } from "../../src/domain/problem.ts";
import { AmbiguousTownshipError } from "../../src/store/index.ts";
import { describeEachBackend } from "../support/stores.ts";
import { craftedDraft } from "./drafts.ts";

describeEachBackend("store round trip", (backend) => {
  test("getEdition gives back exactly the draft that was saved", async () => {
    const store = await backend.open();
    const draft = craftedDraft();
    const warnings: Problem[] = [
      {
        severity: "warning",
        code: "step-number-repeated",
        message: "步骤序号重复",
        line: 12,
        list: "cooperative",
        number: 1,
      },
    ];
    const id = await store.saveEdition(draft, { sourceFile: "测试乡.txt", warnings });
    const stored = await store.getEdition("测试乡");
    assert.ok(stored);
    assert.deepEqual(stored.draft, draft);
    assert.deepEqual(stored.warnings, warnings);
    assert.equal(stored.id, id);
    assert.equal(stored.status, "published");
    assert.equal(stored.sourceFile, "测试乡.txt");
    assert.equal(stored.township, "测试乡");
    assert.equal(stored.county, "策勒县");
    assert.deepEqual(stored.counts, { basic: 2, cooperative: 2, reclaimed: 2 });
    assert.ok(!Number.isNaN(Date.parse(stored.importedAt)));
    assert.deepEqual(await store.getEditionById(id), stored);
    await store.close();
  });

  test("items come back in the draft's order, not sorted by list", async () => {
    const store = await backend.open();
    const draft = craftedDraft();
    draft.items.reverse();
    await store.saveEdition(draft);
    assert.deepEqual((await store.getEdition("测试乡"))?.draft.items, draft.items);
    await store.close();
  });

  test("an edition with no items and an empty region round-trips", async () => {
    const store = await backend.open();
    const draft = craftedDraft({ region: "", items: [], preface: [] });
    await store.saveEdition(draft, { status: "draft" });
    const stored = await store.getEdition("测试乡");
    assert.deepEqual(stored?.draft, draft);
    assert.deepEqual(stored?.counts, { basic: 0, cooperative: 0, reclaimed: 0 });
    assert.deepEqual(await store.listEditions("测试乡").then((e) => e[0]?.counts), stored?.counts);
    await store.close();
  });

  test("the current edition is the newest published one, else the newest of any status", async () => {
    const store = await backend.open();
    const review = await store.saveEdition(craftedDraft({ date: "2025-05", title: "审核稿" }), {
      status: "review",
    });
    assert.equal((await store.getEdition("测试乡"))?.id, review);
    const published = await store.saveEdition(craftedDraft({ date: "2025-07", title: "正式版" }));
    const laterDraft = await store.saveEdition(craftedDraft({ date: "2025-09", title: "调整稿" }), {
      status: "draft",
    });
    assert.equal((await store.getEdition("测试乡"))?.id, published);
    assert.equal((await store.getEdition("测试乡", "2025-09"))?.id, laterDraft);
    assert.equal((await store.getEdition("测试乡", "2025-05"))?.title, "审核稿");
    assert.equal(await store.getEdition("测试乡", "2024-01"), undefined);
    assert.equal(await store.getEdition("无此乡"), undefined);
    assert.equal(await store.getEditionById(9999), undefined);
    await store.close();
  });

  test("listEditions counts items per list, newest first, per township", async () => {
    const store = await backend.open();
    await store.saveEdition(craftedDraft({ date: "2025-01" }));
    const basicOnly = craftedDraft({ date: "2025-07" });
    basicOnly.items = basicOnly.items.filter((i) => i.list === "basic");
    await store.saveEdition(basicOnly);
    await store.saveEdition(craftedDraft({ township: "乙乡" }));
    const all = await store.listEditions();
    assert.deepEqual(
      all.map((e) => [e.township, e.date, e.counts]),
      [
        ["测试乡", "2025-07", { basic: 2, cooperative: 0, reclaimed: 0 }],
        ["测试乡", "2025-01", { basic: 2, cooperative: 2, reclaimed: 2 }],
        ["乙乡", "2025-07", { basic: 2, cooperative: 2, reclaimed: 2 }],
      ],
    );
    assert.deepEqual(
      (await store.listEditions("乙乡")).map((e) => e.township),
      ["乙乡"],
    );
    assert.deepEqual(await store.listEditions("无此乡"), []);
    assert.deepEqual(
      (await store.listTownships()).map((t) => [t.name, t.county, t.region]),
      [
        ["测试乡", "策勒县", "新疆维吾尔自治区和田地区"],
        ["乙乡", "策勒县", "新疆维吾尔自治区和田地区"],
      ],
    );
    await store.close();
  });

  test("a township name shared by two counties must be qualified with its county", async () => {
    const store = await backend.open();
    await store.saveEdition(craftedDraft({ township: "城关镇", county: "甲县" }));
    await store.saveEdition(craftedDraft({ township: "城关镇", county: "乙县", title: "乙县城关镇" }));
    await assert.rejects(store.getEdition("城关镇"), AmbiguousTownshipError);
    assert.equal((await store.getEdition("乙县/城关镇"))?.title, "乙县城关镇");
    assert.equal((await store.listEditions("甲县/城关镇")).length, 1);
    await store.close();
  });
});
