/**
 * Issue 9 row 6: one global body limit on every route, checked before reading. A 20 MB POST to a form route
 * is refused with 413 whether it declares its length or streams it, and the server's memory stays bounded.
 */
import assert from "node:assert/strict";
import { request } from "node:http";
import { after, before, test } from "node:test";
import type { SqlDutyStore } from "../../src/store/index.ts";
import { createApp } from "../../src/web/app.ts";
import { MAX_BODY_BYTES } from "../../src/web/body-limit.ts";
import { listen, type RunningServer } from "../../src/web/server.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { describeEachBackend } from "../support/stores.ts";
import { bundledDraft } from "../workflow/helpers.ts";
import type { Client } from "../workflow/http-client.ts";
import { signedIn } from "./sign-in.ts";

const MB = 1024 * 1024;
const HUGE = 20 * MB;

interface Sent {
  status: number;
  body: string;
  /** Bytes the client had written when the answer came. */
  written: number;
}

/**
 * POSTs `total` bytes of form data in 64 KB chunks, written only as the socket drains, so the client never
 * holds the body; with `declare`, Content-Length is sent, otherwise the body is chunked.
 */
function post(url: string, path: string, total: number, declare: boolean, headers = {}): Promise<Sent> {
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const req = request(`${url}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        ...(declare ? { "content-length": String(total) } : {}),
        ...headers,
      },
    });
    const chunk = Buffer.alloc(64 * 1024, "a");
    const pump = () => {
      while (!answered && written < total) {
        const n = Math.min(chunk.length, total - written);
        written += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => {
        body += d;
      });
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body, written });
      });
    });
    // The server may close the connection while the client still writes: the answer has come by then.
    req.on("error", (error) => (answered ? undefined : reject(error)));
    req.write("_csrf=x&name=a&password=");
    pump();
  });
}

/** Heap plus array buffers: what a buffered body would occupy. */
function used(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

describeEachBackend("the global request body limit", (backend) => {
  let store: SqlDutyStore;
  let server: RunningServer;
  let township: Client;

  before(async () => {
    store = await backend.open();
    await importEdition(store, await bundledDraft(), "test", { status: "published" });
    const app = createApp({ store });
    server = await listen(app, { port: 0, hostname: "127.0.0.1" });
    township = await signedIn(app, store, { name: "cele", role: "township", township: "策勒乡" });
  });
  after(async () => {
    await server.close();
    await store.close();
  });

  test("a 20 MB form POST to /login is refused with 413, declared or streamed, and memory stays bounded", async () => {
    for (const declare of [true, false]) {
      global.gc?.();
      const before = used();
      const res = await post(server.url, "/login", HUGE, declare);
      const grown = used() - before;
      assert.equal(res.status, 413, `declared length: ${declare}`);
      assert.match(res.body, /413 内容过大/);
      assert.match(res.body, /超过 1 MB/);
      // Reading 20 MB into a form would take more than 20 MB here; the limit keeps it near 1 MB.
      assert.ok(grown < 12 * MB, `memory grew by ${(grown / MB).toFixed(1)} MB (declared: ${declare})`);
    }
  });

  test("JSON API routes answer 413 as a too-large refusal", async () => {
    const res = await fetch(`${server.url}/api/v1/counties/${encodeURIComponent("策勒县")}/check`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "清".repeat(MAX_BODY_BYTES) }),
    });
    assert.equal(res.status, 413);
    const body = (await res.json()) as { error: { code: string; details: { limit: number } } };
    assert.equal(body.error.code, "too-large");
    assert.equal(body.error.details.limit, MAX_BODY_BYTES);
  });

  test("a signed-in form route refuses a big body before the handler reads it; small bodies pass", async () => {
    await township.get("/adjust");
    const big = await township.post("/adjust", { reason: "x".repeat(2 * MB) });
    assert.equal(big.status, 413);
    const small = await post(server.url, "/login", 20, true);
    assert.equal(small.status, 403, "a small body reaches the CSRF check");
  });

  test("without a CSRF cookie a form POST is refused before its body has even been sent", async () => {
    // Headers announce 512 KB; only the first bytes follow. The answer must come without waiting for the rest.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/login`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "content-length": String(512 * 1024),
        },
      });
      const timer = setTimeout(() => reject(new Error("no answer before the body was sent")), 2000);
      req.on("response", (res) => {
        clearTimeout(timer);
        res.resume();
        req.destroy();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", () => {});
      req.write("name=a&password=b&");
    });
    assert.equal(status, 403);
  });
});
