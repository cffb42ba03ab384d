/**
 * Issue 13 (serving speed): a cache hit for an anonymous GET is answered in node's request handler, before
 * the app. Its answer must be the app's answer byte for byte, headers included (security headers, Vary,
 * ETag, encoding), and it must never answer what the app would answer otherwise: signed-in visitors, a
 * moved revision, requests the app's other middleware would change.
 */
import assert from "node:assert/strict";
import { type IncomingHttpHeaders, request } from "node:http";
import { after, before, test } from "node:test";
import type { SqlDutyStore } from "../../src/store/index.ts";
import { setEditionStatus } from "../../src/store/workflow-editions.ts";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import { createApp } from "../../src/web/app.ts";
import { PageCache } from "../../src/web/page-cache.ts";
import { listen, type RunningServer } from "../../src/web/server.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { craftedDraft } from "../store/drafts.ts";
import { describeEachBackend } from "../support/stores.ts";
import { bundledDraft } from "../workflow/helpers.ts";

const enc = encodeURIComponent;
const CELE = `/t/${enc("策勒乡")}`;

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Headers node adds to every answer on its own; everything else must be equal. */
const TRANSPORT = ["date", "connection", "keep-alive"];

function withoutTransport(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !TRANSPORT.includes(name)));
}

describeEachBackend("the page cache's fast path answers exactly what the app answers", (backend) => {
  let store: SqlDutyStore;
  let pages: PageCache;
  let server: RunningServer;
  let draftId: number;

  const get = (path: string, headers: Record<string, string> = {}, method = "GET") =>
    new Promise<Raw>((resolve, reject) => {
      const req = request(`http://127.0.0.1:${server.port}${path}`, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      });
      req.on("error", reject);
      req.end();
    });

  before(async () => {
    store = await backend.open();
    await importEdition(store, await bundledDraft(), "test", { status: "published" });
    draftId = await importEdition(store, craftedDraft({ township: "草稿乡", county: "测试县" }), "test");
    pages = new PageCache(store);
    server = await listen(createApp({ store, pageCache: pages }), { port: 0, hostname: "127.0.0.1", pages });
  });
  after(async () => {
    await server.close();
    await store.close();
  });

  /** Answered by the app first (its headers recorded), then by the fast path: equal in all but transport. */
  async function bothWays(path: string, headers: Record<string, string> = {}): Promise<Raw> {
    const fast = pages.fastHits;
    const viaApp = await get(path, headers);
    assert.equal(pages.fastHits, fast, "the first answer of a form comes from the app");
    const viaFastPath = await get(path, headers);
    assert.equal(pages.fastHits, fast + 1, "the second is answered by the fast path");
    assert.equal(viaFastPath.status, viaApp.status);
    assert.deepEqual(withoutTransport(viaFastPath.headers), withoutTransport(viaApp.headers));
    assert.deepEqual(viaFastPath.body, viaApp.body);
    return viaFastPath;
  }

  test("plain, brotli, gzip and 304 answers carry the app's headers: CSP and the other security headers, Vary, ETag", async () => {
    const plain = await bothWays(CELE);
    assert.equal(plain.status, 200);
    assert.match(String(plain.headers["content-security-policy"]), /default-src 'self'/);
    assert.equal(plain.headers["x-content-type-options"], "nosniff");
    assert.match(String(plain.headers.vary), /Accept-Encoding/);
    assert.match(String(plain.headers.vary), /Cookie/);
    assert.match(String(plain.headers["content-type"]), /text\/html/);
    const br = await bothWays(CELE, { "accept-encoding": "gzip, br" });
    assert.equal(br.headers["content-encoding"], "br");
    const gz = await bothWays(`${CELE}?list=cooperative`, { "accept-encoding": "gzip" });
    assert.equal(gz.headers["content-encoding"], "gzip");
    const etag = String(plain.headers.etag);
    const notModified = await bothWays(CELE, { "if-none-match": etag });
    assert.equal(notModified.status, 304);
    assert.equal(notModified.body.length, 0);
    assert.equal(notModified.headers.etag, etag);
    const json = await bothWays(`/api/v1${CELE}`);
    assert.match(String(json.headers["content-type"]), /application\/json/);
  });

  test("a 304 carries the ETag of the encoding the client prefers, whichever 304 was answered first", async () => {
    const path = `${CELE}?list=basic`;
    const gz = await bothWays(path, { "accept-encoding": "gzip" });
    const gzTag = String(gz.headers.etag);
    const plainTag = String((await get(path)).headers.etag);
    assert.notEqual(gzTag, plainTag);
    const gz304 = await bothWays(path, { "accept-encoding": "gzip", "if-none-match": gzTag });
    assert.equal(gz304.headers.etag, gzTag);
    // The 304 to a client without compression (or with brotli) is not the gzip one.
    const plain304 = await bothWays(path, { "if-none-match": gzTag });
    assert.equal(plain304.status, 304);
    assert.equal(plain304.headers.etag, plainTag);
    const br304 = await bothWays(path, { "accept-encoding": "br", "if-none-match": gzTag });
    assert.equal(br304.headers.etag, String(gzTag).replace("-gzip", "-br"));
  });

  test("a request with a session cookie, a HEAD, or an encoding only the app's compression speaks goes to the app", async () => {
    await bothWays(`${CELE}?local=1`);
    const fast = pages.fastHits;
    const withCookie = await get(`${CELE}?local=1`, { cookie: "lvzhi_session=not-a-session" });
    assert.equal(withCookie.status, 200);
    const head = await get(`${CELE}?local=1`, {}, "HEAD");
    assert.equal(head.status, 200);
    const deflate = await get(`${CELE}?local=1`, { "accept-encoding": "deflate" });
    assert.equal(deflate.headers["content-encoding"], "deflate");
    const body = await get(`${CELE}?local=1`, { "content-length": "0" });
    assert.equal(body.status, 200);
    assert.equal(pages.fastHits, fast, "none of them answered by the fast path");
  });

  test("when the revision moves the fast path steps aside and the app renders again", async () => {
    const home = await bothWays("/");
    assert.doesNotMatch(home.body.toString(), /草稿乡/);
    const fast = pages.fastHits;
    const renders = pages.renders;
    await setEditionStatus(workflowDb(store.db), draftId, "published");
    const now = await get("/");
    assert.equal(pages.fastHits, fast);
    assert.equal(pages.renders, renders + 1);
    assert.match(now.body.toString(), /草稿乡/);
    assert.notEqual(now.headers.etag, home.headers.etag);
  });
});
