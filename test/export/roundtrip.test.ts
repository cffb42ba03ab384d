/** export → import gives the identical edition, for every format, on the bundled lists and generated ones. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { summarize } from "../../src/domain/edition.ts";
import { EXPORT_FORMATS, exportEdition } from "../../src/export/index.ts";
import { awkwardEdition } from "./awkward.ts";
import { bundledEdition, differences, reimport } from "./helpers.ts";

describe("round trip of the bundled Cele lists", () => {
  for (const format of EXPORT_FORMATS) {
    it(`${format}: every field, step and department link comes back`, async () => {
      const draft = await bundledEdition();
      const back = await reimport(await exportEdition(draft, format), format);
      const s = summarize(back.items);
      assert.deepEqual(
        [
          s.basic.items,
          s.basic.categories,
          s.cooperative.items,
          s.cooperative.categories,
          s.cooperative.departments,
        ],
        [116, 19, 98, 18, 38],
      );
      assert.deepEqual([s.reclaimed.items, s.reclaimed.categories, s.reclaimed.departments], [40, 11, 15]);
      assert.deepEqual(differences(back, draft), []);
      assert.deepEqual(back, draft);
    });
  }
});

describe("round trip of generated editions with awkward content", () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    for (const format of EXPORT_FORMATS) {
      it(`seed ${seed}, ${format}`, async () => {
        const draft = awkwardEdition(seed);
        const back = await reimport(await exportEdition(draft, format), format);
        assert.deepEqual(differences(back, draft), []);
        assert.deepEqual(back, draft);
      });
    }
  }

  it("the generated editions really contain the awkward cases", () => {
    const items = [1, 2, 3, 4, 5, 6].flatMap((seed) => awkwardEdition(seed).items);
    const text = JSON.stringify(items);
    for (const needle of ['\\"', "，", "=SUM", "+86", "@全体", "<地方党政"])
      assert.ok(text.includes(needle), needle);
    assert.ok(items.some((i) => i.local));
    assert.ok(items.some((i) => i.list === "cooperative" && i.leadDepartments.length >= 3));
    assert.ok(items.some((i) => i.list === "cooperative" && i.otherLeads.length > 0));
    assert.ok(items.some((i) => i.list === "cooperative" && i.departmentDuties.some((b) => b.heading)));
    assert.ok(
      items.some((i) => i.list === "reclaimed" && i.takeover.none && i.takeover.departments.length === 0),
    );
    assert.ok(items.some((i) => i.list === "reclaimed" && i.takeover.workStandard.length > 0));
    assert.ok(
      items.some((i) => i.name.length > 1000),
      "a long cell",
    );
    assert.ok(
      items.some((i) => i.list === "cooperative" && i.townshipDuties[0]!.steps.length >= 5),
      "many steps",
    );
  });
});
