/**
 * Issue 13 (checks/s): a dynamic answer says it varies by Accept-Encoding before hono's compress looks
 * (cache-headers.ts varyByEncoding). compress would add the header with c.header(), which on
 * @hono/node-server turns a finished answer into a web stream: sent chunked instead of in one write with a
 * Content-Length, at a cost of about a fifth of a check's time on the server.
 */
import assert from "node:assert/strict";
import { type IncomingHttpHeaders, request } from "node:http";
import { after, before, test } from "node:test";
import { gunzipSync } from "node:zlib";
import { openStore, type SqlDutyStore } from "../../src/store/index.ts";
import { createApp } from "../../src/web/app.ts";
import { listen, type RunningServer } from "../../src/web/server.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { bundledDraft } from "../workflow/helpers.ts";

let store: SqlDutyStore;
let server: RunningServer;
let app: ReturnType<typeof createApp>;

before(async () => {
  store = await openStore({ path: ":memory:" });
  await importEdition(store, await bundledDraft(), "test", { status: "published" });
  app = createApp({ store });
  server = await listen(app, { port: 0, hostname: "127.0.0.1" });
});
after(async () => {
  await server.close();
  await store.close();
});

/** A check answer (JSON, > 1 KB, so compress considers it), headers and body as sent on the wire. */
function check(headers: Record<string, string>): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  // Long enough that the answer stays well above 1 KB whatever the figures in it.
  const body = JSON.stringify({
    township: "策勒乡",
    text: "请各乡镇做好烟花爆竹安全监管工作，春节前后每周报送一次监管情况",
  });
  return new Promise((resolve, reject) => {
    const req = request(
      `http://127.0.0.1:${server.port}/api/v1/check`,
      { method: "POST", headers: { "content-type": "application/json", ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

test("an answer to a client without Accept-Encoding varies by it and goes out in one piece", async () => {
  const { headers, body } = await check({});
  assert.ok(body.length > 1024, `the answer is ${body.length} bytes: compress would skip it`);
  assert.match(String(headers.vary), /Accept-Encoding/);
  assert.match(String(headers.vary), /Cookie/);
  assert.equal(headers["content-encoding"], undefined);
  assert.equal(headers["transfer-encoding"], undefined, "sent as a stream: the fast path was lost");
  assert.equal(headers["content-length"], String(body.length));
  assert.equal(JSON.parse(body.toString()).tasks[0].verdict, "reclaimed");
});

test("an answer to a client that takes gzip is still compressed, and says so once in Vary", async () => {
  const { headers, body } = await check({ "accept-encoding": "gzip" });
  assert.equal(headers["content-encoding"], "gzip");
  assert.equal(String(headers.vary).match(/Accept-Encoding/gi)?.length, 1, String(headers.vary));
  assert.equal(JSON.parse(gunzipSync(body).toString()).tasks[0].verdict, "reclaimed");
});

test("the finished answer stays @hono/node-server's light response, which it writes without a web stream", async () => {
  // listen() has put the light Response in place of the global one; it keeps its body under this symbol
  // until something makes it a full undici Response (as compress's c.header() did).
  const res = await app.fetch(
    new Request("http://127.0.0.1/api/v1/check", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ township: "策勒乡", text: "请各乡镇做好烟花爆竹安全监管工作" }),
    }),
  );
  assert.equal(res.status, 200);
  const light = Object.getOwnPropertySymbols(res).some((s) => s.description === "cache");
  assert.ok(light, "the answer was turned into a full Response (a web stream when sent)");
});

test("a HEAD of a download keeps what the middleware adds: the security headers and Vary", async () => {
  const head = await new Promise<IncomingHttpHeaders>((resolve, reject) => {
    const req = request(`http://127.0.0.1:${server.port}/townships.csv`, { method: "HEAD" }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.headers));
    });
    req.on("error", reject);
    req.end();
  });
  assert.match(String(head["content-disposition"]), /attachment/);
  assert.match(String(head["content-security-policy"]), /default-src 'self'/);
  assert.equal(head["x-content-type-options"], "nosniff");
  assert.match(String(head.vary), /Cookie/);
});
