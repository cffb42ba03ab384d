import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { deriveTownships } from "../../src/bench/derive.ts";
import { compareTownships, nameKey, nameSimilarity } from "../../src/county/compare.ts";
import { countyView, NO_TAKEOVER } from "../../src/county/summary.ts";
import type { EditionDraft, Item } from "../../src/domain/edition.ts";
import { readDocument } from "../../src/ingest/index.ts";
import { craftedDraft } from "../store/drafts.ts";

const file = fileURLToPath(new URL("../../data/cele-township-duty-lists-2025-07.txt", import.meta.url));
const cele = (await readDocument(readFileSync(file), file)).draft;

function basic(number: number, name: string, local = false): Item {
  return { list: "basic", number, category: "乡村振兴", name, local, remark: local ? "个性" : null };
}

function township(name: string, items: Item[]): { township: string; draft: EditionDraft } {
  return { township: name, draft: craftedDraft({ township: name, items }) };
}

describe("county comparison matrix", () => {
  test("rows: common to all, shared by some, particular to one; rewordings join their duty", () => {
    const rows = compareTownships(
      [
        township("甲乡", [
          basic(1, "开展森林草原防火宣传"),
          basic(2, "做好农村公益性墓地管理"),
          basic(3, "举办石榴文化旅游节", true),
        ]),
        township("乙乡", [
          basic(1, "组织开展森林草原防火宣传"),
          basic(2, "做好农村公益性墓地管理"),
          basic(3, "举办葡萄文化旅游节", true),
        ]),
        township("丙镇", [basic(1, "开展森林草原防火宣传工作"), basic(2, "负责辖区内河道采砂巡查")]),
      ],
      "策勒县",
    );
    const byName = new Map(rows.map((r) => [r.name, r]));
    const fire = byName.get("开展森林草原防火宣传");
    assert.equal(fire?.kind, "common");
    assert.deepEqual(
      fire?.cells.map((c) => c?.match),
      ["exact", "similar", "similar"],
    );
    assert.equal(fire?.cells[1]?.name, "组织开展森林草原防火宣传");
    assert.equal(byName.get("做好农村公益性墓地管理")?.kind, "shared");
    assert.equal(byName.get("做好农村公益性墓地管理")?.cells[2], null);
    assert.equal(byName.get("负责辖区内河道采砂巡查")?.kind, "particular");
    // Two festivals of one template are two local duties, never merged.
    assert.equal(byName.get("举办石榴文化旅游节")?.kind, "particular");
    assert.equal(byName.get("举办葡萄文化旅游节")?.local, true);
    assert.equal(rows.length, 5);
    assert.deepEqual(
      rows.map((r) => r.kind),
      ["common", "shared", "particular", "particular", "particular"],
    );
  });

  test("one duty put in different lists by two townships is one row marked cross-list", () => {
    const coop = craftedDraft().items.find((i) => i.list === "cooperative")!;
    const rows = compareTownships([
      township("甲乡", [{ ...coop, name: "食品安全隐患排查" }]),
      township("乙乡", [basic(1, "食品安全隐患排查")]),
    ]);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.crossList, true);
    assert.deepEqual(
      rows[0]?.cells.map((c) => c?.list),
      ["cooperative", "basic"],
    );
  });

  test("on townships derived from the Cele lists, every row is one Cele duty and no two are merged", () => {
    const derived = [...deriveTownships(cele, 6, { perCounty: 6, seed: 3 })];
    const view = countyView(
      derived[0]!.county,
      derived.map((d, i) => ({ township: d.township, editionId: i + 1, draft: d })),
    );
    const celeKeys = new Map(cele.items.map((i) => [nameKey(i.name), i]));
    const nonLocal = view.matrix.filter((r) => !r.local);
    // Each non-local row carries the wording of exactly one Cele item (the others are its rewordings).
    for (const row of nonLocal) {
      const originals = new Set(
        row.cells.filter((c) => c && celeKeys.has(nameKey(c.name))).map((c) => c!.name),
      );
      assert.ok(originals.size <= 1, `${row.name} merges ${[...originals].join(" / ")}`);
    }
    // …and no duty is split over two rows: one row per non-local Cele item (none is dropped by all six).
    assert.equal(nonLocal.length, cele.items.filter((i) => !i.local).length);
    assert.equal(view.townships.length, 6);
    assert.equal(view.totals.common + view.totals.shared + view.totals.particular, view.matrix.length);
    assert.ok(view.totals.common > 50);
    // Departments are counted under canonical names even where a township wrote an alias.
    assert.ok(view.departments.every((d) => !["人社局", "住建局", "应急局"].includes(d.department)));
    assert.ok(view.departments[0]!.items >= view.departments[1]!.items);
    assert.ok(view.reclaimed.some((r) => r.department === NO_TAKEOVER));
  });

  test("name similarity is the bigram overlap of the wording", () => {
    assert.equal(nameSimilarity(nameKey("儿童帮扶"), nameKey("儿童帮扶")), 1);
    assert.ok(nameSimilarity(nameKey("儿童帮扶"), nameKey("儿童帮扶工作")) >= 0.6);
    assert.ok(nameSimilarity(nameKey("举办石榴文化旅游节"), nameKey("做好农村公益性墓地管理")) === 0);
    assert.equal(nameKey("（一） 河（湖）长制，巡查"), nameKey("(一)河(湖)长制巡查"));
  });
});
