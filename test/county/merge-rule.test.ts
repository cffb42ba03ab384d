/**
 * Issue 12 row 6: one merging rule in every table of the county page. The reclaimed-by-department table
 * and the departments' distinct duties group items by the matrix's rows (matrixRowOf), so a duty the
 * matrix shows as one row is one entry there too, under the matrix's wording.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { compareTownships, matrixRowOf } from "../../src/county/compare.ts";
import { countyView } from "../../src/county/summary.ts";
import type { EditionDraft, Item } from "../../src/domain/edition.ts";
import { craftedDraft } from "../store/drafts.ts";

function reclaimed(number: number, name: string, department: string): Item {
  return {
    list: "reclaimed",
    number,
    category: "应急管理及消防",
    name,
    local: false,
    remark: null,
    takeover: { departments: [department], none: false, workMethod: ["由承接部门负责"], workStandard: [] },
  };
}

function cooperative(number: number, name: string, department: string): Item {
  return {
    list: "cooperative",
    number,
    category: "应急管理及消防",
    name,
    local: false,
    remark: null,
    leadDepartments: [department],
    otherLeads: [],
    departmentDuties: [{ department: null, heading: null, steps: ["牵头组织"] }],
    townshipDuties: [{ department: null, heading: null, steps: ["配合开展"] }],
  } as Item;
}

function edition(township: string, items: Item[]) {
  return { township, editionId: 0, draft: craftedDraft({ township, items }) as EditionDraft };
}

const editions = [
  edition("甲乡", [
    reclaimed(1, "开展森林草原防火宣传", "县林业和草原局"),
    cooperative(1, "做好辖区河道采砂巡查", "县水利局"),
  ]),
  edition("乙乡", [
    reclaimed(1, "组织开展森林草原防火宣传", "县林业和草原局"),
    cooperative(1, "组织做好辖区河道采砂巡查", "县水利局"),
  ]),
  edition("丙镇", [
    reclaimed(1, "开展森林草原防火宣传工作", "县林业和草原局"),
    cooperative(1, "做好辖区河道采砂巡查工作", "县水利局"),
  ]),
];

test("the matrix merges the rewordings, and the reclaimed table merges them the same way", () => {
  const view = countyView("策勒县", editions);
  const fire = view.matrix.find((r) => r.list === "reclaimed")!;
  assert.equal(fire.kind, "common", "the matrix shows one row for the three wordings");
  const forestry = view.reclaimed.find((r) => r.department === "县林业和草原局")!;
  assert.deepEqual(forestry.items, [{ name: fire.name, townships: ["甲乡", "乙乡", "丙镇"] }]);
});

test("a department's distinct duties are the matrix's rows, not its wordings", () => {
  const view = countyView("策勒县", editions);
  const water = view.departments.find((d) => d.department === "县水利局")!;
  assert.equal(water.items, 3);
  assert.equal(water.duties, 1);
  assert.equal(water.townships, 3);
});

test("matrixRowOf finds each township's item in its row", () => {
  const matrix = compareTownships(editions, "策勒县");
  const rowOf = matrixRowOf(matrix);
  const rows = editions.map((e, t) => rowOf(t, e.draft.items[0]!));
  assert.ok(rows[0]);
  assert.equal(rows[0], rows[1]);
  assert.equal(rows[1], rows[2]);
  assert.equal(rowOf(0, { list: "basic", number: 99 }), undefined);
});
