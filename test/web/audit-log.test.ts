/**
 * Issue 12 row 4: the audit log for people — sentences instead of codes, the changed fields in Chinese,
 * filters with pickers (person, action, object, dates) and the CSV of exactly the filtered entries.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { SqlDutyStore } from "../../src/store/index.ts";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import { createApp } from "../../src/web/app.ts";
import { appendAudit } from "../../src/workflow/audit.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { setDisabled } from "../../src/workflow/users.ts";
import { describeEachBackend } from "../support/stores.ts";
import { bundledDraft } from "../workflow/helpers.ts";
import type { Client } from "../workflow/http-client.ts";
import { signedIn, signedInAdmin } from "./sign-in.ts";

/** Today in Beijing, as a date input gives it. */
function beijingToday(days = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** The rows of the log table. */
function rows(html: string): string[] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? "";
  return body.split("</tr>").filter((r) => r.includes("<td"));
}

describeEachBackend("the audit log for people (issue 12 row 4)", (backend) => {
  let store: SqlDutyStore;
  let app: ReturnType<typeof createApp>;
  let admin: Client;

  before(async () => {
    store = await backend.open();
    await importEdition(store, await bundledDraft(), "cli:root", { status: "published" });
    app = createApp({ store });
    ({ client: admin } = await signedInAdmin(app, store));
    await signedIn(app, store, { name: "cele", role: "township", township: "策勒乡" });
    const db = workflowDb(store.db);
    await setDisabled(db, "cele", true, "bianban");
    await appendAudit(db, {
      actor: "bianban",
      action: "admission.approve",
      subject: "admission:12",
      before: { status: "pending" },
      after: { status: "approved", reason: "防汛临时任务", expiresAt: "2026-03-31" },
    });
    await appendAudit(db, {
      actor: "bianban",
      action: "admission.reject",
      subject: "admission:120",
      before: { status: "pending" },
      after: { status: "rejected", reason: "已有承接部门" },
    });
  });
  after(() => store.close());

  test("actions read as Chinese sentences, never as codes", async () => {
    const page = await admin.get("/admin/audit");
    assert.equal(page.status, 200);
    assert.match(page.text, /<strong>准入申请已批准<\/strong>/);
    assert.match(page.text, /<strong>清单已导入<\/strong>/);
    assert.match(page.text, /<strong>用户已停用<\/strong>/);
    assert.match(page.text, /<strong>动态口令已绑定<\/strong>/);
    const table = /<table class="grid cards audit">([\s\S]*?)<\/table>/.exec(page.text)![1]!;
    assert.doesNotMatch(table, /admission\.|user\.|auth\.|edition\./, "no codes in the table");
    assert.doesNotMatch(table, /&quot;|\{"/, "no raw JSON");
    assert.match(table, /命令行（root）/);
  });

  test("before/after is a list of the changed fields in Chinese", async () => {
    const page = await admin.get("/admin/audit?action=admission.approve");
    const [row] = rows(page.text);
    assert.ok(row);
    assert.match(row, /准入申请 <a href="\/admission\/12">第 12 号<\/a>/);
    assert.match(row, /<span class="field">状态<\/span>：<del>待审核<\/del> → <ins>已准入<\/ins>/);
    assert.match(row, /<span class="field">理由<\/span>：防汛临时任务/);
    assert.match(row, /<span class="field">准入有效期至<\/span>：2026-03-31/);
    const disabled = rows((await admin.get("/admin/audit?action=user.disable")).text);
    assert.equal(disabled.length, 1);
    assert.match(disabled[0]!, /<span class="field">停用<\/span>：<del>否<\/del> → <ins>是<\/ins>/);
  });

  test("filters are pickers: people and actions in words, objects by kind, dates as date inputs", async () => {
    const page = await admin.get("/admin/audit");
    const actor = /<select name="actor">([\s\S]*?)<\/select>/.exec(page.text)![1]!;
    assert.match(actor, /<option value="bianban">bianban<\/option>/);
    assert.match(actor, /<option value="cli:root">命令行（root）<\/option>/);
    const action = /<select name="action">([\s\S]*?)<\/select>/.exec(page.text)![1]!;
    assert.match(
      action,
      /<optgroup label="职责准入">[\s\S]*<option value="admission.approve">准入申请已批准<\/option>/,
    );
    assert.match(page.text, /<select name="kind">[\s\S]*<option value="edition">清单<\/option>/);
    assert.match(page.text, /<input type="date" name="from" value=""/);
    assert.match(page.text, /<input type="date" name="to" value=""/);
  });

  test("each filter narrows the entries, and the form shows it chosen", async () => {
    const byActor = await admin.get("/admin/audit?actor=cli%3Aroot");
    assert.equal(rows(byActor.text).length, 1);
    assert.match(byActor.text, /<option value="cli:root" selected="">/);

    const byNumber = rows((await admin.get("/admin/audit?kind=admission&name=12")).text);
    assert.equal(byNumber.length, 1, "admission 12, not 120");
    const byKind = rows((await admin.get("/admin/audit?kind=admission")).text);
    assert.equal(byKind.length, 2);
    const byTownship = rows(
      (await admin.get(`/admin/audit?kind=edition&name=${encodeURIComponent("策勒乡")}`)).text,
    );
    assert.equal(byTownship.length, 1);
    assert.match(byTownship[0]!, /清单已导入/);
    const byUser = rows((await admin.get("/admin/audit?kind=user&name=cele")).text);
    assert.ok(byUser.length >= 2 && byUser.every((r) => /用户 cele/.test(r)), "the user's entries only");

    const today = await admin.get(`/admin/audit?from=${beijingToday()}&to=${beijingToday()}`);
    const all = await admin.get("/admin/audit");
    assert.equal(rows(today.text).length, rows(all.text).length, "everything happened today");
    const tomorrow = await admin.get(`/admin/audit?from=${beijingToday(1)}`);
    assert.equal(rows(tomorrow.text).length, 0);
    assert.match(tomorrow.text, /没有符合条件的记录/);
    const yesterday = await admin.get(`/admin/audit?to=${beijingToday(-1)}`);
    assert.equal(rows(yesterday.text).length, 0);
  });

  test("a filter that cannot apply says why and keeps the form", async () => {
    const res = await admin.get("/admin/audit?kind=admission&name=abc");
    assert.equal(res.status, 400);
    assert.match(res.text, /准入申请按编号筛选：请填写数字/);
    assert.match(res.text, /name="name" value="abc"/);
  });

  test("a date that is no day of the calendar (2026-13-45, 2026-02-30) is refused with the form kept, not a 500", async () => {
    for (const date of ["2026-13-45", "2026-02-30"]) {
      const res = await admin.get(`/admin/audit?from=${date}`);
      assert.equal(res.status, 400, date);
      assert.match(res.text, /日期应为 年-月-日/);
      assert.match(res.text, new RegExp(`name="from" value="${date}"`));
      const api = await admin.getJson(`/api/v1/admin/audit?to=${date}`);
      assert.equal(api.status, 400, date);
    }
  });

  test("the CSV export holds exactly the filtered entries, with a BOM and Chinese columns", async () => {
    const page = await admin.get("/admin/audit?kind=admission");
    assert.match(page.text, /href="\/admin\/audit\/export\?format=csv&amp;kind=admission"/);
    const res = await app.request("http://localhost/admin/audit/export?format=csv&kind=admission", {
      headers: { cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], "BOM for Excel");
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.trim().split("\n");
    assert.match(lines[0]!, /^序号,时间（北京时间）,操作人,操作,对象,变更内容,/);
    assert.equal(lines.length, 3, "header and the two admission entries");
    assert.match(lines[1]!, /准入申请已批准,准入申请 第 12 号,状态：待审核 → 已准入；理由：防汛临时任务/);
    const everything = await app.request("http://localhost/admin/audit/export?format=csv", {
      headers: { cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    assert.ok((await everything.text()).trim().split("\n").length > 5);
  });

  test("the JSON twin carries the same words and filters", async () => {
    const res = await admin.getJson("/api/v1/admin/audit?kind=admission&name=12");
    const entries = res.body.entries as {
      actionText: string;
      subjectText: string;
      changes: { label: string }[];
    }[];
    assert.equal(entries.length, 1);
    assert.equal(entries[0]!.actionText, "准入申请已批准");
    assert.equal(entries[0]!.subjectText, "准入申请 第 12 号");
    assert.deepEqual(
      entries[0]!.changes.map((c) => c.label),
      ["状态", "理由", "准入有效期至"],
    );
  });

  test("only admins read the log", async () => {
    const township = await signedIn(app, store, { name: "cele2", role: "township", township: "策勒乡" });
    assert.equal((await township.get("/admin/audit")).status, 403);
    assert.equal((await township.get("/admin/audit/export?format=csv")).status, 403);
  });

  test("the import a first start makes (actor system) reads as 系统, in the table and the picker", async () => {
    await appendAudit(workflowDb(store.db), {
      actor: "system",
      action: "edition.import",
      subject: "edition:1",
      before: null,
      after: { status: "published" },
    });
    const page = await admin.get("/admin/audit?actor=system");
    const [row] = rows(page.text);
    assert.match(row!, /<td data-label="操作人">系统（首次启动）<\/td>/);
    assert.match(page.text, /<option value="system" selected="">系统（首次启动）<\/option>/);
    assert.doesNotMatch(page.text, />system</);
  });
});
