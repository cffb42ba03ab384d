import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { deriveTownships } from "../../src/bench/derive.ts";
import { readDocument } from "../../src/ingest/index.ts";
import { createApp } from "../../src/web/app.ts";
import { describeEachBackend } from "../support/stores.ts";

const file = fileURLToPath(new URL("../../data/cele-township-duty-lists-2025-07.txt", import.meta.url));
const cele = (await readDocument(readFileSync(file), file)).draft;
/** Three townships of one derived county, and a fourth kept back to be imported "by another process". */
const [first, second, third, later] = [...deriveTownships(cele, 4, { perCounty: 4, seed: 11 })];
const COUNTY = first!.county;
const enc = encodeURIComponent;

describeEachBackend("county page", (backend) => {
  test("townships side by side, matrix, departments and reclaimed items; JSON twin and CSV agree", async () => {
    const store = await backend.open();
    for (const draft of [first!, second!, third!, cele]) await store.saveEdition(draft);
    const app = createApp({ store });

    const page = await app.request(`/c/${enc(COUNTY)}`);
    assert.equal(page.status, 200);
    const html = await page.text();
    for (const t of [first!, second!, third!]) assert.ok(html.includes(t.township), t.township);
    assert.ok(!html.includes(`/t/${enc("策勒县/策勒乡")}`), "another county's township is not compared");
    assert.ok(/各乡镇共有 \d+ 项/.test(html), "summary sentence");
    // Issue 12 row 6: charts drawn on the server (no script, no empty box), a table of contents with anchors.
    assert.ok(!html.includes("<script"), "the county page needs no script");
    assert.match(html, /<figure class="bar-chart" id="chart-lists">[\s\S]*?<svg width="100%"/);
    assert.match(html, /<figure class="bar-chart" id="chart-departments">/);
    for (const anchor of ["townships", "categories", "departments", "reclaimed", "matrix"]) {
      assert.ok(html.includes(`<a href="#${anchor}">`), `contents link ${anchor}`);
      assert.ok(html.includes(`<h2 id="${anchor}">`), `anchor ${anchor}`);
    }

    const api = await app.request(`/api/v1/counties/${enc(COUNTY)}`);
    const body = await api.json();
    assert.deepEqual(
      body.townships.map((t: { township: string }) => t.township),
      [first!.township, second!.township, third!.township],
    );
    assert.equal(body.townships[0].lists.basic.items, first!.items.filter((i) => i.list === "basic").length);
    const { common, shared, particular } = body.totals;
    assert.equal(body.matrix.rows.length, common + shared + particular);
    assert.ok(common > 150, `common ${common}`);
    assert.ok(body.departments[0].items >= body.departments.at(-1).items);
    assert.ok(body.reclaimed.length > 5);
    const cell = body.matrix.rows[0].cells.find((c: unknown) => c !== null);
    const item = await app.request(cell.url);
    assert.equal(item.status, 200, cell.url);

    const local = await (await app.request(`/api/v1/counties/${enc(COUNTY)}?matrix=local`)).json();
    assert.ok(local.matrix.rows.length > 0);
    assert.ok(local.matrix.rows.every((r: { local: boolean }) => r.local));
    const csv = await (await app.request(`/c/${enc(COUNTY)}/matrix.csv?matrix=local`)).text();
    assert.equal(csv.trim().split("\r\n").length, local.matrix.rows.length + 1);

    assert.equal((await app.request(`/c/${enc(COUNTY)}?matrix=nonsense`)).status, 400);
    assert.equal((await app.request(`/c/${enc("无此县")}`)).status, 404);
    const counties = await (await app.request("/api/v1/counties")).json();
    assert.deepEqual(
      counties.counties.map((c: { name: string; townships: number }) => [c.name, c.townships]),
      [
        [COUNTY, 3],
        ["策勒县", 1],
      ],
    );
    const echarts = await app.request("/vendor/echarts.min.js");
    assert.equal(echarts.status, 200);
    assert.ok((await echarts.text()).length > 100_000);
    await store.close();
  });

  test("a township imported through another process shows on the next request", async () => {
    const [web, importer] = await backend.openShared();
    await web.saveEdition(first!);
    await web.saveEdition(second!);
    const app = createApp({ store: web });
    const before = await (await app.request(`/api/v1/counties/${enc(COUNTY)}`)).json();
    assert.equal(before.townships.length, 2);
    await importer.saveEdition(later!);
    const after = await (await app.request(`/api/v1/counties/${enc(COUNTY)}`)).json();
    assert.deepEqual(
      after.townships.map((t: { township: string }) => t.township),
      [first!.township, second!.township, later!.township],
    );
    await web.close();
    await importer.close();
  });

  test("a task is checked against every township of the county at once", async () => {
    const store = await backend.open();
    await store.saveEdition(first!);
    await store.saveEdition(second!);
    const app = createApp({ store });
    const res = await app.request(`/api/v1/counties/${enc(COUNTY)}/check`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "请各乡镇做好烟花爆竹安全监管工作" }),
    });
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.deepEqual(
      body.townships.map((t: { township: string }) => t.township),
      [first!.township, second!.township],
    );
    for (const t of body.townships) {
      assert.equal(t.tasks.length, 1);
      assert.ok(["basic", "cooperative", "reclaimed", "unlisted"].includes(t.tasks[0].verdict));
    }
    const bad = await app.request(`/api/v1/counties/${enc(COUNTY)}/check`, { method: "POST", body: "x" });
    assert.equal(bad.status, 400);
    await store.close();
  });

  test("the county check refuses malformed JSON, a missing text and an over-long county as invalid input", async () => {
    const store = await backend.open();
    await store.saveEdition(first!);
    const app = createApp({ store });
    const json = { "content-type": "application/json" };
    const cases: [string, RequestInit][] = [
      [enc(COUNTY), { method: "POST", headers: json, body: "{not json" }],
      [enc(COUNTY), { method: "POST", headers: json, body: JSON.stringify({ text: 42 }) }],
      [enc("县".repeat(31)), { method: "POST", headers: json, body: JSON.stringify({ text: "安全生产" }) }],
    ];
    for (const [county, init] of cases) {
      const res = await app.request(`/api/v1/counties/${county}/check`, init);
      assert.equal(res.status, 400);
      const body = (await res.json()) as { error: { code: string } };
      assert.equal(body.error.code, "invalid");
    }
    await store.close();
  });
});
