/**
 * Issue 12 row 6 over HTTP, on a county of six townships (策勒乡 and five derived from it): a department
 * page lists each duty once with its townships under it, grouped by the county matrix's rule; the
 * township page's facets follow the document's order, not their counts.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { SqlDutyStore } from "../../src/store/index.ts";
import { createApp } from "../../src/web/app.ts";
import { describeEachBackend } from "../support/stores.ts";
import { bundledDraft } from "../workflow/helpers.ts";
import { celeCounty } from "./cele-county.ts";

const enc = encodeURIComponent;

describeEachBackend("department and township pages of a county (issue 12 row 6)", (backend) => {
  let store: SqlDutyStore;
  let app: ReturnType<typeof createApp>;

  before(async () => {
    store = await backend.open();
    for (const draft of await celeCounty()) await store.saveEdition(draft);
    app = createApp({ store });
  });
  after(() => store.close());

  test("/departments/县水利局 shows each duty once, with the townships that list it", async () => {
    const res = await app.request(`/departments/${enc("县水利局")}`);
    assert.equal(res.status, 200);
    const html = await res.text();
    const titles = [...html.matchAll(/<li class="duty"><h3>([^<]+?) <span class="cat">/g)].map((m) => m[1]!);
    assert.ok(titles.length > 3, `${titles.length} duties`);
    assert.equal(new Set(titles).size, titles.length, "no duty repeated");
    const api = (await (await app.request(`/api/v1/departments/${enc("县水利局")}`)).json()) as {
      items: unknown[];
      duties: { name: string; townships: { township: string; url: string }[] }[];
    };
    const listed = api.duties.reduce((n, d) => n + d.townships.length, 0);
    assert.equal(listed, api.items.length, "every township's item is under its duty");
    assert.ok(api.items.length >= 3 * api.duties.length, "most duties are shared by several townships");
    const shared = api.duties.find((d) => d.townships.length === 6)!;
    assert.ok(shared, "a duty all six townships list");
    for (const t of shared.townships) assert.equal((await app.request(t.url)).status, 200, t.url);
    assert.match(html, /涉及乡镇（6）：<a href="\/t\/[^"]+" title="[^"]*">策勒乡 第 \d+ 项<\/a>、/);
  });

  test("the reclaimed table of /c/策勒县 names its duties as the matrix does", async () => {
    const api = (await (await app.request(`/api/v1/counties/${enc("策勒县")}`)).json()) as {
      matrix: { rows: { name: string; list: string }[] };
      reclaimed: { items: { name: string }[] }[];
    };
    const matrixNames = new Set(api.matrix.rows.map((r) => r.name));
    for (const r of api.reclaimed) for (const i of r.items) assert.ok(matrixNames.has(i.name), i.name);
  });

  test("the township page's facets follow the document's order, not the counts", async () => {
    const cele = await bundledDraft();
    const documentOrder = [
      ...new Set(cele.items.filter((i) => i.list === "cooperative").map((i) => i.category)),
    ];
    const body = (await (await app.request(`/api/v1/t/${enc("策勒乡")}?list=cooperative`)).json()) as {
      facets: { name: string; values: { value: string; count: number }[] }[];
    };
    const category = body.facets.find((f) => f.name === "category")!;
    assert.deepEqual(
      category.values.map((v) => v.value),
      documentOrder,
    );
    const counts = category.values.map((v) => v.count);
    assert.notDeepEqual(
      counts,
      [...counts].sort((a, b) => b - a),
      "the document's order is not the count order",
    );
  });
});
