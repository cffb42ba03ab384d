/**
 * JSON bodies read straight from node's stream (src/web/request-body.ts) over a real server: a declared
 * length, a chunked body, one the idempotency check read first, malformed JSON, and a body past the check's
 * limit all get the answer they got when Hono read the body itself.
 */
import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import { request } from "node:http";
import { PassThrough } from "node:stream";
import { after, before, test } from "node:test";
import { openStore, type SqlDutyStore } from "../../src/store/index.ts";
import { createApp } from "../../src/web/app.ts";
import { MAX_JSON_BYTES } from "../../src/web/check-work.ts";
import { readAll } from "../../src/web/request-body.ts";
import { listen, type RunningServer } from "../../src/web/server.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { bundledDraft } from "../workflow/helpers.ts";

let store: SqlDutyStore;
let server: RunningServer;

before(async () => {
  store = await openStore({ path: ":memory:" });
  await importEdition(store, await bundledDraft(), "test", { status: "published" });
  server = await listen(createApp({ store }), { port: 0, hostname: "127.0.0.1" });
});
after(async () => {
  await server.close();
  await store.close();
});

/** POSTs `body` to the check API, with Content-Length or chunked (in two writes). */
function post(body: string, declare: boolean, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; json: Record<string, unknown> }>((resolve, reject) => {
    const bytes = Buffer.from(body, "utf8");
    const req = request(`${server.url}/api/v1/check`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(declare ? { "content-length": String(bytes.length) } : {}),
        ...headers,
      },
    });
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => {
        text += d;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
    });
    req.on("error", reject);
    const half = Math.floor(bytes.length / 2);
    req.write(bytes.subarray(0, half));
    req.end(bytes.subarray(half));
  });
}

const verdictOf = (json: Record<string, unknown>) =>
  (json.tasks as { verdict: string }[] | undefined)?.[0]?.verdict;

const TASK = JSON.stringify({
  township: "策勒乡",
  text: "请各村开展防汛抗旱隐患排查，编制防汛预案并组织演练",
});

test("a JSON body with a declared length and a chunked one get the same answer", async () => {
  const declared = await post(TASK, true);
  const chunked = await post(TASK, false);
  assert.equal(declared.status, 200);
  assert.equal(verdictOf(declared.json), "cooperative");
  assert.deepEqual(chunked, declared);
});

test("a body the idempotency check has read is read again from Hono's cache", async () => {
  const res = await post(TASK, true, { "idempotency-key": "request-body-test-1" });
  assert.equal(res.status, 200);
  assert.equal(verdictOf(res.json), "cooperative");
});

test("malformed JSON is a 400, and a declared body past the limit a 413, read from the stream or not", async () => {
  for (const declare of [true, false]) {
    const bad = await post('{"township":"策勒乡","text":', declare);
    assert.equal(bad.status, 400, `declared ${declare}`);
  }
  const big = JSON.stringify({ township: "策勒乡", text: "防".repeat(MAX_JSON_BYTES / 3 + 10) });
  assert.equal((await post(big, true)).status, 413);
});

/** A stand-in for node's request stream whose async iterator must not be used (it costs ~10 µs a call). */
function body(): PassThrough {
  const stream = new PassThrough();
  stream[Symbol.asyncIterator] = () => {
    throw new Error("read through the async iterator");
  };
  return stream;
}
const asIncoming = (stream: PassThrough) => stream as unknown as IncomingMessage;

test("a body is read whole from the stream's events; a stream that fails or closes early rejects", async () => {
  const whole = body();
  const read = readAll(asIncoming(whole));
  const bytes = Buffer.from("防汛预案", "utf8");
  // A character split between two chunks.
  whole.write(bytes.subarray(0, 4));
  whole.end(bytes.subarray(4));
  assert.equal(await read, "防汛预案");

  const failing = body();
  const failed = readAll(asIncoming(failing));
  failing.destroy(new Error("aborted"));
  await assert.rejects(failed, /aborted/);

  const cut = body();
  const closed = readAll(asIncoming(cut));
  cut.write("半");
  cut.destroy();
  await assert.rejects(closed, /请求体不完整/);

  const gone = body();
  gone.destroy();
  await assert.rejects(readAll(asIncoming(gone)), /请求体不完整/);
});
