/** Issue 9 row 3: an unknown admission decision is refused (400) and changes nothing; it is never an approval. */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { SqlDutyStore } from "../../src/store/index.ts";
import { createApp } from "../../src/web/app.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { describeEachBackend } from "../support/stores.ts";
import { bundledDraft, TASKS } from "../workflow/helpers.ts";
import type { Client } from "../workflow/http-client.ts";
import { signedIn, signedInAdmin } from "./sign-in.ts";

describeEachBackend("admission decisions", (backend) => {
  let store: SqlDutyStore;
  let admin: Client;
  let department: Client;

  before(async () => {
    store = await backend.open();
    await importEdition(store, await bundledDraft(), "test", { status: "published" });
    const app = createApp({ store });
    admin = (await signedInAdmin(app, store)).client;
    department = await signedIn(app, store, {
      name: "shangwu",
      role: "department",
      department: "县商务和工业信息化局",
    });
  });
  after(() => store.close());

  /** A pending request (an unlisted task). */
  async function pending(): Promise<number> {
    await department.get("/admission");
    const res = await department.json("/api/v1/admissions", {
      task: TASKS.unlisted,
      reason: "急需",
      basis: "县政府通知",
      townships: ["策勒乡"],
      days: 30,
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const admission = res.body.admission as { id: number; status: string };
    assert.equal(admission.status, "pending");
    return admission.id;
  }

  async function statusOf(id: number): Promise<string> {
    const res = await admin.getJson(`/api/v1/admissions/${id}`);
    return (res.body.admission as { status: string }).status;
  }

  test("a misspelt action on the form is refused with 400 and the request stays pending", async () => {
    const id = await pending();
    await admin.get(`/admission/${id}`);
    const res = await admin.post(`/admission/${id}/decision`, { action: "rejct", reason: "不属于乡镇职责" });
    assert.equal(res.status, 400);
    assert.match(res.text, /参数 action 无效：应为 approve、reject、uphold 之一/);
    assert.equal(await statusOf(id), "pending");
  });

  test("an unknown or missing action through the API is refused with code invalid naming the parameter", async () => {
    const id = await pending();
    for (const body of [{ action: "APPROVE" }, { action: "" }, { reason: "x" }, { action: 1 }]) {
      const res = await admin.json(`/api/v1/admissions/${id}/decision`, { reason: "理由", ...body });
      assert.equal(res.status, 400, JSON.stringify(body));
      const error = res.body.error as { code: string; details: { parameter: string } };
      assert.equal(error.code, "invalid");
      assert.equal(error.details.parameter, "action");
    }
    assert.notEqual(await statusOf(id), "approved");
  });

  test("days that are not a whole number are refused, and a real rejection still works", async () => {
    const id = await pending();
    const bad = await admin.json(`/api/v1/admissions/${id}/decision`, { action: "approve", days: "30天" });
    assert.equal(bad.status, 400);
    assert.equal(await statusOf(id), "pending");
    const res = await admin.json(`/api/v1/admissions/${id}/decision`, { action: "reject", reason: "不属于" });
    assert.equal(res.status, 200);
    assert.equal(await statusOf(id), "rejected");
  });

  test("an unknown status filter is refused rather than ignored", async () => {
    const res = await admin.getJson("/api/v1/admissions?status=approvd");
    assert.equal(res.status, 400);
    assert.match((res.body.error as { message: string }).message, /参数 status 无效/);
  });
});
