/**
 * Issue 12 row 2: admission as a real procedure, over HTTP, on SQLite and PostgreSQL. A refused form keeps
 * its input; each township is decided on its own; an automatic 清单内 answer can be disputed and reaches the
 * admin's queue with the evidence; a reclaimed task cannot be admitted (the page points to an adjustment
 * proposal instead); a township sees every request naming it; temporary admissions ending within 7 days
 * are reminded on the workbench.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { SqlDutyStore } from "../../src/store/index.ts";
import { createApp } from "../../src/web/app.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { describeEachBackend } from "../support/stores.ts";
import { signedIn, signedInAdmin } from "../web/sign-in.ts";
import { bundledDraft, TASKS } from "./helpers.ts";
import type { Client } from "./http-client.ts";

describeEachBackend("issue 12: admission decided per township", (backend) => {
  let store: SqlDutyStore;
  let app: ReturnType<typeof createApp>;
  let admin: Client;
  let dept: Client;
  let cele: Client;
  let ids: Record<string, number> = {};

  before(async () => {
    store = await backend.open();
    await importEdition(store, await bundledDraft(), "system", { status: "published" });
    // A second township of the county with the same lists.
    await importEdition(store, { ...(await bundledDraft()), township: "恰哈乡" }, "system", {
      status: "published",
    });
    app = createApp({ store });
    admin = (await signedInAdmin(app, store)).client;
    dept = await signedIn(app, store, {
      name: "shangwu",
      role: "department",
      department: "县商务和工业信息化局",
    });
    cele = await signedIn(app, store, { name: "cele", role: "township", township: "策勒乡" });
    const db = (await import("../../src/store/workflow-schema.ts")).workflowDb(store.db);
    const rows = await db.selectFrom("townships").select(["id", "name"]).execute();
    ids = Object.fromEntries(rows.map((r) => [r.name, r.id]));
  });
  after(() => store.close());

  const file = async (task: string, townships: string[], days = "30") => {
    await dept.get("/admission");
    const res = await dept.post("/admission", {
      task,
      reason: "县里安排",
      basis: "县政府办〔2025〕8号",
      townships,
      days,
    });
    assert.equal(res.status, 303, res.text.slice(0, 300));
    return res.location!;
  };

  test("a refused request form comes back with what was typed and why (400)", async () => {
    await dept.get("/admission");
    const res = await dept.post("/admission", {
      task: "请各乡镇统计辖区内的快递网点<数量>",
      reason: "摸底",
      basis: "县商工局通知",
      days: "30",
    });
    assert.equal(res.status, 400);
    assert.match(res.text, /请至少选择一个乡镇/);
    assert.match(res.text, /请各乡镇统计辖区内的快递网点&lt;数量&gt;<\/textarea>/);
    assert.match(res.text, /value="县商工局通知"/);
  });

  test("a duration past 366 days is refused in the form's words (持续天数), with the form as typed", async () => {
    const res = await dept.post("/admission", {
      task: "请各乡镇统计辖区内的快递网点",
      reason: "摸底",
      basis: "县商工局通知",
      townships: "策勒乡",
      days: "999",
    });
    assert.equal(res.status, 400);
    assert.match(res.text, /持续天数不能超过 366/);
    assert.doesNotMatch(res.text, /参数 days/);
    assert.match(res.text, /value="999"/);
  });

  test("each township is decided on its own; a decided one no longer reads 需先履行职责准入程序", async () => {
    const url = await file(TASKS.unlisted, ["策勒乡", "恰哈乡"]);
    let res = await admin.get(url);
    assert.equal((res.text.match(/同意临时准入/g) ?? []).length, 3, "one per township and one for both");
    res = await admin.post(`${url}/decision`, {
      action: "approve",
      days: "30",
      township: String(ids.策勒乡),
    });
    assert.equal(res.status, 303);
    let api = (await admin.getJson(`/api/v1${url.replace("/admission/", "/admissions/")}`)).body
      .admission as {
      status: string;
      townships: { township: string; status: string }[];
    };
    assert.deepEqual(
      api.townships.map((t) => [t.township, t.status]),
      [
        ["策勒乡", "approved"],
        ["恰哈乡", "pending"],
      ],
    );
    assert.equal(api.status, "pending");
    await admin.get(url);
    res = await admin.post(`${url}/decision`, {
      action: "reject",
      reason: "非乡镇职责",
      township: String(ids.恰哈乡),
    });
    assert.equal(res.status, 303);
    res = await admin.get(url);
    assert.match(res.text, /已准入（至 \d{4}-\d{2}-\d{2}）/);
    assert.match(res.text, /不予准入<\/strong>（非乡镇职责）/);
    assert.doesNotMatch(res.text, /需先履行职责准入程序/);
    assert.doesNotMatch(res.text, /同意临时准入/);
    api = (await admin.getJson(`/api/v1${url.replace("/admission/", "/admissions/")}`)).body
      .admission as typeof api;
    assert.equal(api.status, "approved");
  });

  test("turning a queued request into a proposal marks each waiting township 已转动态调整", async () => {
    const url = await file("请各乡镇派人到县城帮县委宣传部布置展厅", ["策勒乡", "恰哈乡"]);
    await admin.get(url);
    const res = await admin.post(`${url}/convert`, { list: "basic", category: "党的建设", name: "布置展厅" });
    assert.equal(res.status, 303);
    const page = await admin.get(url);
    assert.equal((page.text.match(/data-label="状态"><strong>已转动态调整/g) ?? []).length, 2);
    const proposals = (await admin.getJson("/api/v1/proposals")).body.proposals as {
      item: { name: string };
    }[];
    assert.equal(proposals.filter((p) => p.item?.name === "布置展厅").length, 2);
  });

  test("a department disputes an automatic 清单内 answer; it reaches the admin's queue with the evidence", async () => {
    const url = await file(TASKS.basic, ["策勒乡"]);
    let res = await dept.get(url);
    assert.match(res.text, /清单内事项（无需准入）/);
    assert.match(res.text, /提出异议/);
    res = await dept.post(`${url}/dispute`, { reason: "该任务是县里临时专项工作，并非三会一课本身" });
    assert.equal(res.status, 303);
    res = await admin.get("/admission");
    const queue = res.text.slice(res.text.indexOf("待审核（含"), res.text.indexOf("全部申请"));
    assert.match(queue, /有异议，待审核/);
    assert.match(queue, /部门异议：该任务是县里临时专项工作/);
    assert.match(queue, /<mark>/, "the check's evidence");
    res = await admin.get(url);
    assert.match(res.text, /维持清单内结论/);
    res = await admin.post(`${url}/decision`, {
      action: "uphold",
      reason: "属基本履职事项",
      township: String(ids.策勒乡),
    });
    assert.equal(res.status, 303);
    res = await dept.get(url);
    assert.match(res.text, /清单内事项（无需准入）<\/strong>（属基本履职事项）/);
  });

  test("a reclaimed task is refused with no override; the page points to an adjustment proposal", async () => {
    const url = await file(TASKS.reclaimed, ["策勒乡"]);
    let res = await admin.get(url);
    assert.match(res.text, /已收回事项（不予准入）/);
    assert.doesNotMatch(res.text, /特批/);
    assert.doesNotMatch(res.text, /同意临时准入/);
    assert.match(
      res.text,
      /href="\/adjust\/new\?township=[^"]*kind=move&amp;list=reclaimed&amp;number=\d+&amp;to=cooperative"/,
    );
    res = await admin.post(`${url}/decision`, { action: "approve", days: "7" });
    assert.equal(res.status, 409);
    res = await admin.post(`${url}/decision`, { action: "override", reason: "急需" });
    assert.equal(res.status, 400);
  });

  test("a township sees every request naming it and its outcome, and reminders 7 days before expiry", async () => {
    const url = await file("请各乡镇派人到县城帮县商务局搬运办公家具", ["策勒乡"], "5");
    await admin.get(url);
    const res0 = await admin.post(`${url}/decision`, { action: "approve" });
    assert.equal(res0.status, 303);
    const res = await cele.get("/admission/township");
    assert.equal(res.status, 200);
    assert.match(res.text, /临时准入即将到期（7 天内）/);
    assert.match(res.text, /搬运办公家具/);
    // Refused and rejected requests that name the township are there too, with their outcome.
    assert.match(res.text, /已收回事项（不予准入）/);
    assert.match(res.text, /清单内事项（无需准入）/);
    assert.doesNotMatch(res.text, /恰哈乡：/, "only this township's line of a request");
    const page = await cele.get(url);
    assert.equal(page.status, 200);
    const deptHome = await dept.get("/admission");
    assert.match(deptHome.text, /临时准入即将到期（7 天内）/);
  });
});
