import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { SqlDutyStore } from "../../src/store/index.ts";
import type { createApp } from "../../src/web/app.ts";
import { bundledApp, CELE, get } from "./fixtures.ts";

let app: ReturnType<typeof createApp>;
let store: SqlDutyStore;

before(async () => {
  ({ app, store } = await bundledApp());
});
after(() => store.close());

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are checked field by field below.
async function json(path: string, status = 200): Promise<any> {
  const res = await get(app, path);
  assert.equal(res.status, status, `${path} → ${res.status}`);
  assert.match(res.headers.get("content-type") ?? "", /application\/json/);
  return res.json();
}

describe("JSON twins under /api/v1", () => {
  test("townships: each with its editions and counts", async () => {
    const body = await json("/api/v1/townships");
    assert.equal(body.townships.length, 1);
    const [t] = body.townships;
    assert.equal(t.name, CELE);
    assert.equal(t.county, "策勒县");
    assert.deepEqual(t.editions[0].counts, { basic: 116, cooperative: 98, reclaimed: 40 });
    assert.equal(t.editions[0].status, "published");
    assert.equal(decodeURI(t.url), `/t/${CELE}`);
  });

  test("township view: tabs, facets with counts and toggle URLs, items", async () => {
    const body = await json(`/api/v1/t/${CELE}?list=cooperative`);
    assert.equal(body.list, "cooperative");
    assert.equal(body.count, 98);
    assert.deepEqual(
      body.tabs.map((t: { list: string; count: number }) => [t.list, t.count]),
      [
        ["basic", 116],
        ["cooperative", 98],
        ["reclaimed", 40],
      ],
    );
    const names = body.facets.map((f: { name: string }) => f.name);
    // No cooperative item is 个性, so the 个性 facet has nothing to offer and is left out.
    assert.deepEqual(names, ["category", "department"]);
    const category = body.facets[0];
    const total = category.values.reduce((n: number, v: { count: number }) => n + v.count, 0);
    assert.equal(total, 98, "category counts add up to the list");
    assert.equal(category.values.length, 18, "18 categories in the cooperative list");
    const department = body.facets[1];
    assert.equal(department.values.length, 38, "38 named departments lead cooperative items");
    const item = body.items[0];
    assert.equal(item.list, "cooperative");
    assert.equal(item.number, 1);
    assert.ok(Array.isArray(item.leadDepartments));
    assert.equal(decodeURI(item.url), `/t/${CELE}/cooperative/1`);
  });

  test("a facet value's toggle URL selects it, and the selected value's URL removes it", async () => {
    const first = await json(`/api/v1/t/${CELE}?list=cooperative`);
    const water = first.facets[1].values.find((v: { value: string }) => v.value === "县水利局");
    assert.ok(water.count > 0);
    assert.equal(water.selected, false);
    const narrowed = await json(water.toggleUrl);
    assert.equal(narrowed.count, water.count);
    assert.equal(narrowed.filters.department, "县水利局");
    for (const i of narrowed.items) assert.ok(i.leadDepartments.includes("县水利局"));
    const selected = narrowed.facets[1].values.find((v: { value: string }) => v.value === "县水利局");
    assert.equal(selected.selected, true);
    const back = await json(selected.toggleUrl);
    assert.equal(back.count, 98);
    assert.equal(back.filters.department, null);
    // The page URL of a toggle is the HTML twin of the JSON one.
    assert.equal(selected.togglePage, selected.toggleUrl.replace("/api/v1", ""));
  });

  test("facets combine; each facet counts with the other facets applied", async () => {
    const body = await json(`/api/v1/t/${CELE}?category=乡村振兴&local=1`);
    assert.ok(body.count > 0);
    for (const i of body.items) {
      assert.equal(i.category, "乡村振兴");
      assert.equal(i.local, true);
    }
    const local = body.facets.find((f: { name: string }) => f.name === "local");
    const yes = local.values.find((v: { value: string }) => v.value === "1");
    assert.equal(yes.count, body.count);
  });

  test("a chosen facet still lists its other values, counted without itself, to switch to", async () => {
    const all = await json(`/api/v1/t/${CELE}`);
    const chosen = await json(`/api/v1/t/${CELE}?category=乡村振兴`);
    const counts = (body: { facets: { name: string; values: { value: string; count: number }[] }[] }) =>
      Object.fromEntries(
        (body.facets.find((f) => f.name === "category")?.values ?? []).map((v) => [v.value, v.count]),
      );
    assert.deepEqual(counts(chosen), counts(all));
    const other = chosen.facets[0].values.find((v: { value: string }) => v.value === "党的建设");
    assert.equal(other.selected, false);
    assert.equal(
      decodeURIComponent(other.toggleUrl),
      `/api/v1/t/${CELE}?category=党的建设`,
      "switches, not adds",
    );
  });

  test("department facet accepts aliases", async () => {
    const alias = await json(`/api/v1/t/${CELE}?list=cooperative&department=人社局`);
    assert.equal(alias.filters.department, "县人力资源和社会保障局");
    assert.ok(alias.count > 0);
  });

  test("search: terms, mode, pinyin initials and marks", async () => {
    const body = await json(`/api/v1/t/${CELE}?list=cooperative&q=fxkh`);
    assert.deepEqual(body.search.terms, ["fxkh"]);
    const hit = body.items.find((i: { name: string }) => i.name.includes("防汛、抗旱"));
    assert.ok(hit, "fxkh finds the flood-control item");
    const [start, end] = hit.marks.name[0];
    assert.equal(hit.name.slice(start, end), "防汛、抗旱");
    const words = await json(`/api/v1/t/${CELE}?q=防汛抗旱`);
    assert.ok(words.tabs.find((t: { list: string }) => t.list === "cooperative").count >= 1);
  });

  test("item and department JSON", async () => {
    const item = await json(`/api/v1/t/${CELE}/reclaimed/21`);
    assert.equal(item.item.number, 21);
    assert.equal(item.item.takeover.departments.length, 2);
    assert.equal(item.departments.length, 2);
    assert.equal(decodeURI(item.previous), `/api/v1/t/${CELE}/reclaimed/20`);
    const dept = await json("/api/v1/departments/县水利局");
    assert.equal(dept.department, "县水利局");
    assert.ok(dept.items.some((i: { role: string }) => i.role === "lead"));
    assert.ok(dept.items.some((i: { role: string }) => i.role === "takeover"));
    const index = await json("/api/v1/departments");
    assert.ok(index.departments.length >= 38);
  });

  test("errors under /api are JSON with code, status, message and details", async () => {
    assert.deepEqual(await json("/api/v1/t/不存在乡", 404), {
      error: {
        code: "not-found",
        status: 404,
        message: "未找到乡镇“不存在乡”的履职事项清单。",
        details: { township: "不存在乡" },
      },
    });
    const bad = await json(`/api/v1/t/${CELE}?list=nope`, 400);
    assert.equal(bad.error.status, 400);
    assert.match(bad.error.message, /参数 list 无效/);
    assert.equal((await json("/api/v1/nothing", 404)).error.status, 404);
  });
});
