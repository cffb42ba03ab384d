/**
 * Issue 13 row 1: public pages are rendered once per edition revision and sent again with a strong ETag,
 * 304 and gzip/brotli; drafts and signed-in visitors' pages never go into (or come out of) the shared cache.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { SqlDutyStore } from "../../src/store/index.ts";
import { setEditionStatus } from "../../src/store/workflow-editions.ts";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import { createApp } from "../../src/web/app.ts";
import { PageCache, PUBLIC_CACHE_CONTROL } from "../../src/web/page-cache.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { craftedDraft } from "../store/drafts.ts";
import { describeEachBackend } from "../support/stores.ts";
import { bundledDraft } from "../workflow/helpers.ts";
import type { Client } from "../workflow/http-client.ts";
import { signedIn } from "./sign-in.ts";

const enc = encodeURIComponent;
const CELE = `/t/${enc("策勒乡")}`;

async function bytesOf(res: Response): Promise<Buffer> {
  return Buffer.from(await res.arrayBuffer());
}

describeEachBackend("public pages rendered once per edition revision", (backend) => {
  let store: SqlDutyStore;
  let app: ReturnType<typeof createApp>;
  let pages: PageCache;
  let township: Client;
  let department: Client;
  let draftId: number;

  before(async () => {
    store = await backend.open();
    await importEdition(store, await bundledDraft(), "test", { status: "published" });
    draftId = await importEdition(store, craftedDraft({ township: "草稿乡", county: "测试县" }), "test");
    pages = new PageCache(store);
    app = createApp({ store, pageCache: pages });
    township = await signedIn(app, store, { name: "celeganbu", role: "township", township: "草稿乡" });
    department = await signedIn(app, store, { name: "shuiliju", role: "department", department: "县水利局" });
  });
  after(() => store.close());

  test("a second anonymous request is served from the cache with the same strong ETag, and 304 on If-None-Match", async () => {
    const first = await app.request(CELE);
    assert.equal(first.status, 200);
    const body = await first.text();
    const etag = first.headers.get("etag");
    assert.match(etag ?? "", /^"[A-Za-z0-9_-]{20,}"$/, "strong ETag");
    assert.equal(first.headers.get("cache-control"), PUBLIC_CACHE_CONTROL);
    assert.match(first.headers.get("vary") ?? "", /Accept-Encoding/);
    const renders = pages.renders;
    const second = await app.request(CELE);
    assert.equal(await second.text(), body);
    assert.equal(second.headers.get("etag"), etag);
    assert.equal(pages.renders, renders, "not rendered again");
    const again = await app.request(CELE, { headers: { "if-none-match": etag! } });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), "");
    assert.equal(again.headers.get("etag"), etag);
    // Another order of the same query parameters is the same entry.
    await app.request(`${CELE}?list=cooperative&local=1`);
    const before = pages.renders;
    await app.request(`${CELE}?local=1&list=cooperative`);
    assert.equal(pages.renders, before);
  });

  test("gzip and brotli are negotiated, made once per entry, and decode to the same bytes", async () => {
    const path = `${CELE}?list=cooperative`;
    const plain = await bytesOf(await app.request(path));
    const br = await app.request(path, { headers: { "accept-encoding": "gzip, deflate, br" } });
    assert.equal(br.headers.get("content-encoding"), "br");
    const brBytes = await bytesOf(br);
    assert.ok(brBytes.length < plain.length / 3, `brotli ${brBytes.length} of ${plain.length}`);
    assert.deepEqual(brotliDecompressSync(brBytes), plain);
    const gz = await app.request(path, { headers: { "accept-encoding": "gzip" } });
    assert.equal(gz.headers.get("content-encoding"), "gzip");
    assert.deepEqual(gunzipSync(await bytesOf(gz)), plain);
    assert.notEqual(gz.headers.get("etag"), br.headers.get("etag"), "one tag per representation");
    const noBr = await app.request(path, { headers: { "accept-encoding": "br;q=0, gzip" } });
    assert.equal(noBr.headers.get("content-encoding"), "gzip");
    // Compressed once: the same bytes come back, and the entry's size counts them.
    const gzBytes = await bytesOf(await app.request(path, { headers: { "accept-encoding": "gzip" } }));
    const gzAgain = await bytesOf(await app.request(path, { headers: { "accept-encoding": "gzip" } }));
    assert.deepEqual(gzAgain, gzBytes);
    assert.ok(pages.bytes >= plain.length + brBytes.length + gzBytes.length);
  });

  test("the JSON and CSV twins are cached too", async () => {
    for (const path of [`/api/v1/t/${enc("策勒乡")}`, `${CELE}/list.csv`, "/api/v1/townships", "/"]) {
      const a = await app.request(path);
      const b = await app.request(path);
      assert.equal(a.status, 200, path);
      assert.equal(a.headers.get("etag"), b.headers.get("etag"), path);
      assert.equal(b.headers.get("cache-control"), PUBLIC_CACHE_CONTROL, path);
    }
  });

  test("a draft fetched by a user who may read it is never stored; anonymous visitors are refused it", async () => {
    const size = pages.size;
    const draft = `/t/${enc("草稿乡")}`;
    const mine = await township.get(draft);
    assert.equal(mine.status, 200);
    assert.match(mine.text, /草稿乡/);
    assert.equal(mine.res.headers.get("cache-control"), "private, no-store");
    assert.equal(mine.res.headers.get("etag"), null);
    assert.equal(pages.size, size, "nothing stored for a signed-in visitor");
    for (const path of [draft, `/api/v1/t/${enc("草稿乡")}`, `${draft}/list.csv`]) {
      const anonymous = await app.request(path);
      assert.equal(anonymous.status, 403, path);
      assert.doesNotMatch(await anonymous.text(), /加强基层党组织建设/, path);
    }
    const home = await app.request("/");
    assert.doesNotMatch(await home.text(), /草稿乡/);
  });

  test("signed-in visitors get their own render every time, never the shared entry or its ETag", async () => {
    const shared = await app.request(CELE);
    const etag = shared.headers.get("etag")!;
    for (const client of [township, department]) {
      const { hits, size } = pages;
      const res = await client.get(CELE);
      assert.equal(res.status, 200);
      assert.equal(res.res.headers.get("cache-control"), "private, no-store");
      assert.notEqual(res.res.headers.get("etag"), etag);
      assert.equal(pages.hits, hits, "not served from the cache");
      assert.equal(pages.size, size, "not stored");
      const conditional = await client.get(`/departments/${enc("县水利局")}`);
      assert.equal(conditional.res.headers.get("cache-control"), "private, no-store");
    }
    // Nothing a signed-in visitor saw reaches an anonymous one: no user name in any shared page.
    for (const path of [CELE, "/", `/departments/${enc("县水利局")}`, "/departments"]) {
      const text = await (await app.request(path)).text();
      assert.doesNotMatch(text, /celeganbu|shuiliju|退出/, path);
    }
  });

  test("publishing a draft moves the revision: the next anonymous request sees it at once", async () => {
    const draft = `/t/${enc("草稿乡")}`;
    assert.equal((await app.request(draft)).status, 403);
    const home = await app.request("/");
    const homeTag = home.headers.get("etag");
    const celeTag = (await app.request(CELE)).headers.get("etag");
    await setEditionStatus(workflowDb(store.db), draftId, "published");
    const now = await app.request(draft);
    assert.equal(now.status, 200);
    assert.equal(now.headers.get("cache-control"), PUBLIC_CACHE_CONTROL);
    const newHome = await app.request("/");
    assert.match(await newHome.text(), /草稿乡/);
    assert.notEqual(newHome.headers.get("etag"), homeTag);
    // A page the write did not change keeps its ETag (browsers keep getting 304).
    const cele = await app.request(CELE, { headers: { "if-none-match": celeTag! } });
    assert.equal(cele.status, 304);
  });

  test("a page that stops being public is dropped, not served from the cache", async () => {
    const draft = `/t/${enc("草稿乡")}`;
    assert.equal((await app.request(draft)).status, 200);
    await setEditionStatus(workflowDb(store.db), draftId, "draft");
    assert.equal((await app.request(draft)).status, 403);
    assert.equal((await app.request(`/api/v1/t/${enc("草稿乡")}`)).status, 403);
  });
});
