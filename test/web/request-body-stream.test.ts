/**
 * JSON bodies read straight from node's stream (src/web/request-body.ts), attacked over a real server: a body
 * trickled a byte at a time (characters split between packets), a signed-in JSON API with its CSRF header
 * and an Idempotency-Key, and a client that declares a length and hangs up halfway.
 */
import assert from "node:assert/strict";
import { request } from "node:http";
import { connect } from "node:net";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import type { Hono } from "hono";
import { openStore, type SqlDutyStore } from "../../src/store/index.ts";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import { createApp } from "../../src/web/app.ts";
import { listen, type RunningServer } from "../../src/web/server.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { POLICIES } from "../../src/workflow/passwords.ts";
import { addUser, changePassword } from "../../src/workflow/users.ts";
import { admissionCount, bundledDraft, TASKS } from "../workflow/helpers.ts";
import { Client } from "../workflow/http-client.ts";
import { PASSWORD } from "./sign-in.ts";

let store: SqlDutyStore;
let server: RunningServer;
let department: Client;
/** Requests the app has taken and not yet answered. */
let inFlight = 0;
/** Statuses of the app's answers, in order. */
const answered: number[] = [];

before(async () => {
  store = await openStore({ path: ":memory:" });
  await importEdition(store, await bundledDraft(), "test", { status: "published" });
  const app = createApp({ store });
  const counted = async (req: Request, env: unknown) => {
    inFlight++;
    try {
      const res = await app.fetch(req, env);
      answered.push(res.status);
      return res;
    } finally {
      inFlight--;
    }
  };
  server = await listen({ fetch: counted } as unknown as Hono, { port: 0, hostname: "127.0.0.1" });
  const db = workflowDb(store.db);
  const { id, password } = await addUser(
    db,
    { name: "shangwu", role: "department", department: "县商务和工业信息化局" },
    "test",
  );
  await changePassword(db, id, password, PASSWORD, POLICIES.dengbao);
  // Signed in over the server itself (fetch), not app.request: the body then comes from node's stream.
  department = new Client(null, server.url);
  assert.equal((await department.login("shangwu", PASSWORD)).location, "/admission");
  await department.get("/admission");
});
after(async () => {
  await server.close();
  await store.close();
});

const admissions = () => admissionCount(store);

/** POSTs `bytes` with Content-Length to `path`, `step` bytes per write with a pause between writes. */
function trickle(path: string, bytes: Buffer, step: number) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(`${server.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(bytes.length) },
    });
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => {
        text += d;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    let at = 0;
    const next = () => {
      if (at >= bytes.length) return;
      req.write(bytes.subarray(at, at + step));
      at += step;
      setTimeout(next, 2);
    };
    next();
  });
}

test("a JSON body trickled a byte at a time, its characters split between packets, is read whole", async () => {
  const body = Buffer.from(
    JSON.stringify({ township: "策勒乡", text: "请各村开展防汛抗旱隐患排查，编制防汛预案并组织演练" }),
    "utf8",
  );
  const whole = await trickle("/api/v1/check", body, body.length);
  const bytewise = await trickle("/api/v1/check", body, 1);
  assert.equal(whole.status, 200, whole.text);
  assert.equal(bytewise.status, 200, bytewise.text);
  assert.deepEqual(JSON.parse(bytewise.text), JSON.parse(whole.text));
  assert.equal(JSON.parse(whole.text).township, "策勒乡");
});

const FILED = { task: TASKS.unlisted, reason: "急需", basis: "县政府通知", townships: ["策勒乡"], days: 30 };

test("a signed-in JSON API call (CSRF header, declared length) is carried out; with a key, once", async () => {
  const before = await admissions();
  const plain = await department.json("/api/v1/admissions", FILED);
  assert.equal(plain.status, 201, JSON.stringify(plain.body));
  assert.equal((plain.body.admission as { reason: string }).reason, "急需");
  const keyed = { "idempotency-key": "request-body-stream-1" };
  const first = await department.json("/api/v1/admissions", { ...FILED, reason: "再报" }, undefined, keyed);
  const again = await department.json("/api/v1/admissions", { ...FILED, reason: "再报" }, undefined, keyed);
  assert.equal(first.status, 201, JSON.stringify(first.body));
  assert.equal(again.res.headers.get("idempotent-replayed"), "true");
  assert.deepEqual(again.body, first.body);
  assert.equal((await department.json("/api/v1/admissions", FILED, "wrong-token")).status, 403);
  // The form twin still reads its urlencoded body (and its _csrf field).
  assert.equal((await department.post("/admission", { ...FILED, days: "30" })).status, 303);
  assert.equal(await admissions(), before + 3);
});

test("a client that declares a length and hangs up halfway: the request ends, nothing is stored, the server keeps answering", async () => {
  const before = await admissions();
  const body = JSON.stringify(FILED);
  const cookie = [...department.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const head = (i: number) =>
    `POST /api/v1/admissions HTTP/1.1\r\nHost: localhost\r\nCookie: ${cookie}\r\n` +
    `X-CSRF-Token: ${department.csrf}\r\nContent-Type: application/json\r\n` +
    // The last one with a key: the idempotency check reads the body before the route does.
    (i === 2 ? "Idempotency-Key: hang-up-1\r\n" : "") +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
  const from = answered.length;
  for (let i = 0; i < 3; i++) {
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(new URL(server.url).port), "127.0.0.1", () => {
        socket.write(head(i) + body.slice(0, 25), () => setTimeout(() => socket.destroy(), 50));
      });
      socket.on("close", () => resolve());
      socket.on("error", reject);
    });
  }
  // Each abandoned request ends (its read fails) rather than waiting forever on a body that will not come.
  for (let waited = 0; inFlight > 0 && waited < 3000; waited += 50) await sleep(50);
  assert.equal(inFlight, 0, "requests still waiting for their body");
  // A body cut short is the client's doing: answered as a bad request, never as a server fault.
  assert.deepEqual(
    answered.slice(from).filter((status) => status >= 500),
    [],
  );
  assert.equal(await admissions(), before);
  const next = await department.json("/api/v1/admissions", FILED);
  assert.equal(next.status, 201, JSON.stringify(next.body));
});
