/**
 * Issue 13 row 5: the home page and /api/v1/townships list many townships by county, with counts, one page
 * at a time; a deployment of one township (Cele) looks as it always did; drafts are neither listed nor counted.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { deriveTownships } from "../../src/bench/derive.ts";
import type { SqlDutyStore } from "../../src/store/index.ts";
import { createApp } from "../../src/web/app.ts";
import { PageCache } from "../../src/web/page-cache.ts";
import { PAGE_SIZE } from "../../src/web/township-list.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { craftedDraft } from "../store/drafts.ts";
import { describeEachBackend } from "../support/stores.ts";
import { bundledDraft } from "../workflow/helpers.ts";

const enc = encodeURIComponent;

interface ListJson {
  total: number;
  county: string | null;
  matched: number;
  page: number;
  pages: number;
  next: string | null;
  prev: string | null;
  counties: { region: string; county: string; townships: number; url: string; apiUrl: string }[];
  townships: { name: string; county: string; editions: { status: string }[] }[];
}

describeEachBackend("lists of many townships", (backend) => {
  let store: SqlDutyStore;
  let app: ReturnType<typeof createApp>;

  before(async () => {
    store = await backend.open();
    const base = await bundledDraft();
    await store.saveEditions([...deriveTownships(base, 250, { perCounty: 15, seed: 7 })], {
      status: "published",
    });
    await importEdition(store, craftedDraft({ township: "草稿乡", county: "草稿县" }), "test");
    // Rendering is what is tested here; the page cache has its own suite.
    app = createApp({ store, pageCache: new PageCache(store, { maxBytes: 0 }) });
  });
  after(() => store.close());

  async function json(path: string): Promise<ListJson> {
    const res = await app.request(path);
    assert.equal(res.status, 200, path);
    return (await res.json()) as ListJson;
  }

  test("the JSON lists one page of townships, every county with its count, and links to the next page", async () => {
    const first = await json("/api/v1/townships");
    assert.equal(first.total, 250);
    assert.equal(first.townships.length, PAGE_SIZE);
    assert.equal(first.pages, 3);
    assert.equal(first.next, "/api/v1/townships?page=2");
    assert.equal(first.prev, null);
    assert.equal(
      first.counties.reduce((n, c) => n + c.townships, 0),
      250,
    );
    assert.ok(!first.counties.some((c) => c.county === "草稿县"), "a county of drafts only is not counted");
    const last = await json("/api/v1/townships?page=3");
    assert.equal(last.townships.length, 50);
    assert.equal(last.next, null);
    const names = new Set(
      [...first.townships, ...(await json(first.next!)).townships, ...last.townships].map(
        (t) => `${t.county}/${t.name}`,
      ),
    );
    assert.equal(names.size, 250, "the pages together list every township once");
  });

  test("a county's list holds exactly its townships, as counted", async () => {
    const { counties } = await json("/api/v1/townships");
    const county = counties[3]!;
    const list = await json(county.apiUrl);
    assert.equal(list.county, county.county);
    assert.equal(list.matched, county.townships);
    assert.equal(list.townships.length, county.townships);
    assert.ok(list.townships.every((t) => t.county === county.county));
    const page = await (await app.request(county.url)).text();
    for (const t of list.townships) assert.ok(page.includes(`>${t.name}<`), t.name);
    const csv = await (await app.request(`/townships.csv?county=${enc(county.county)}`)).text();
    assert.equal(csv.trim().split("\r\n").length, 1 + county.townships);
  });

  test("the home page lists the counties first; ?page= walks all townships", async () => {
    const home = await (await app.request("/")).text();
    assert.match(home, /共 250 个乡镇（街道），17 个县/);
    assert.match(home, /逐页浏览全部乡镇/);
    assert.doesNotMatch(home, /草稿/);
    assert.doesNotMatch(home, /<th scope="col">版本<\/th>/, "no township table on the county index");
    const second = await (await app.request("/?page=2")).text();
    assert.match(second, /第 2 \/ 3 页/);
    assert.match(second, /href="\/\?page=1"/);
    assert.match(second, /href="\/\?page=3"/);
  });

  test("a page past the end or an unknown county is not found; a bad page number is refused", async () => {
    assert.equal((await app.request("/api/v1/townships?page=4")).status, 404);
    assert.equal((await app.request(`/api/v1/townships?county=${enc("草稿县")}`)).status, 404);
    assert.equal((await app.request(`/?county=${enc("没有县")}`)).status, 404);
    const bad = await app.request("/api/v1/townships?page=abc");
    assert.equal(bad.status, 400);
    assert.equal(
      ((await bad.json()) as { error: { details: { parameter: string } } }).error.details.parameter,
      "page",
    );
  });

  test("listing stays fast at 250 townships (a floor far above what it takes)", async () => {
    for (const path of ["/", "/api/v1/townships"]) {
      await app.request(path);
      const t0 = performance.now();
      for (let i = 0; i < 5; i++) await (await app.request(path)).arrayBuffer();
      const ms = (performance.now() - t0) / 5;
      assert.ok(ms < 250, `${path}: ${ms.toFixed(1)} ms`);
    }
  });
});

describeEachBackend("the list of a single township", (backend) => {
  test("one township: the home page shows its table, with no county index or pages", async () => {
    const store = await backend.open();
    try {
      await importEdition(store, await bundledDraft(), "test", { status: "published" });
      const app = createApp({ store });
      const home = await (await app.request("/")).text();
      assert.match(home, /共 1 个乡镇（街道） ·/);
      assert.match(home, /<th scope="col">版本<\/th>/);
      assert.match(home, /策勒乡/);
      assert.doesNotMatch(home, /逐页浏览|第 1 \/ 1 页|按县浏览/);
      const body = (await (await app.request("/api/v1/townships")).json()) as ListJson;
      assert.equal(body.townships.length, 1);
      assert.equal(body.pages, 1);
      assert.equal(body.next, null);
      assert.deepEqual(
        body.counties.map((c) => [c.county, c.townships]),
        [["策勒县", 1]],
      );
    } finally {
      await store.close();
    }
  });
});
