/** Issue 9 row 10: writes take an Idempotency-Key, so a retried request is carried out once. */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { SqlDutyStore } from "../../src/store/index.ts";
import { createApp } from "../../src/web/app.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { describeEachBackend } from "../support/stores.ts";
import { admissionCount, bundledDraft, TASKS } from "../workflow/helpers.ts";
import type { Client } from "../workflow/http-client.ts";
import { signedIn } from "./sign-in.ts";

describeEachBackend("idempotency keys", (backend) => {
  let store: SqlDutyStore;
  let department: Client;
  let other: Client;
  const request = {
    task: TASKS.unlisted,
    reason: "急需",
    basis: "县政府通知",
    townships: ["策勒乡"],
    days: 30,
  };
  const admissions = () => admissionCount(store);

  before(async () => {
    store = await backend.open();
    await importEdition(store, await bundledDraft(), "test", { status: "published" });
    const app = createApp({ store });
    department = await signedIn(app, store, {
      name: "shangwu",
      role: "department",
      department: "县商务和工业信息化局",
    });
    other = await signedIn(app, store, { name: "shuili", role: "department", department: "县水利局" });
    await department.get("/admission");
    await other.get("/admission");
  });
  after(() => store.close());

  test("a write retried with the same key is carried out once and answered as the first time", async () => {
    const before = await admissions();
    const first = await department.json("/api/v1/admissions", request, undefined, {
      "idempotency-key": "k-1",
    });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const again = await department.json("/api/v1/admissions", request, undefined, {
      "idempotency-key": "k-1",
    });
    assert.equal(again.status, 201);
    assert.deepEqual(again.body, first.body);
    assert.equal(again.res.headers.get("idempotent-replayed"), "true");
    assert.equal(await admissions(), before + 1);
  });

  test("the same key with another body is refused with 409 and stores nothing", async () => {
    await department.json("/api/v1/admissions", request, undefined, { "idempotency-key": "k-2" });
    const before = await admissions();
    const changed = await department.json("/api/v1/admissions", { ...request, days: 10 }, undefined, {
      "idempotency-key": "k-2",
    });
    assert.equal(changed.status, 409);
    assert.equal(await admissions(), before);
  });

  test("keys are per user: another user's identical key is a new write", async () => {
    const before = await admissions();
    const mine = await department.json("/api/v1/admissions", request, undefined, {
      "idempotency-key": "k-3",
    });
    const theirs = await other.json("/api/v1/admissions", request, undefined, { "idempotency-key": "k-3" });
    assert.equal(mine.status, 201);
    assert.equal(theirs.status, 201);
    assert.notDeepEqual(theirs.body, mine.body);
    assert.equal(await admissions(), before + 2);
  });

  test("a malformed key is refused with 400; without a key every request is a write, as before", async () => {
    const bad = await department.json("/api/v1/admissions", request, undefined, {
      "idempotency-key": "x".repeat(201),
    });
    assert.equal(bad.status, 400);
    const withoutKey = await admissions();
    await department.json("/api/v1/admissions", request);
    await department.json("/api/v1/admissions", request);
    assert.equal(await admissions(), withoutKey + 2, "no key: every request is a write, as before");
  });
});
