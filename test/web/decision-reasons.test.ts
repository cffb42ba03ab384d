/**
 * Decisions that need a reason (不予准入, 异议 on a check's 清单内 answer, 不采纳 of a proposal), sent with a reason
 * of spaces only: the same page comes back (400) with the reason asked for at the form, as typed, and nothing
 * is stored — not the bare error page.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openStore, type SqlDutyStore } from "../../src/store/index.ts";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import { createApp } from "../../src/web/app.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { bundledDraft, TASKS } from "../workflow/helpers.ts";
import type { Client } from "../workflow/http-client.ts";
import { signedIn, signedInAdmin } from "./sign-in.ts";

let store: SqlDutyStore;
let admin: Client;
let dept: Client;
let ids: Record<string, number> = {};

before(async () => {
  store = await openStore({ path: ":memory:" });
  await importEdition(store, await bundledDraft(), "system", { status: "published" });
  await importEdition(store, { ...(await bundledDraft()), township: "恰哈乡" }, "system", {
    status: "published",
  });
  const app = createApp({ store });
  admin = (await signedInAdmin(app, store)).client;
  dept = await signedIn(app, store, {
    name: "shangwu",
    role: "department",
    department: "县商务和工业信息化局",
  });
  const rows = await workflowDb(store.db).selectFrom("townships").select(["id", "name"]).execute();
  ids = Object.fromEntries(rows.map((r) => [r.name, r.id]));
});
after(() => store.close());

/** Files a request for both townships; its page's address. */
async function file(task: string): Promise<string> {
  await dept.get("/admission");
  const res = await dept.post("/admission", {
    task,
    reason: "县里安排",
    basis: "县政府办〔2025〕8号",
    townships: ["策勒乡", "恰哈乡"],
    days: "30",
  });
  assert.equal(res.status, 303, res.text.slice(0, 300));
  return res.location!;
}

async function statuses(url: string): Promise<string[]> {
  const res = await admin.getJson(`/api/v1${url.replace("/admission/", "/admissions/")}`);
  return (res.body.admission as { townships: { status: string }[] }).townships.map((t) => t.status);
}

/** The first form of a page posting to `action` with the given fields ("!field": without it), its HTML. */
function formWith(page: string, action: string, ...fields: string[]): string {
  const forms = page.split("<form").map((f) => f.slice(0, f.indexOf("</form>")));
  const has = (f: string, field: string) =>
    field.startsWith("!") ? !f.includes(field.slice(1)) : f.includes(field);
  const form = forms.find((f) => f.includes(`action="${action}"`) && fields.every((x) => has(f, x)));
  assert.ok(form, `no form to ${action} with ${fields.join(", ")}`);
  return form;
}

test("不予准入 for one township with a reason of spaces comes back as the request's page, asking for it at that form", async () => {
  const url = await file(TASKS.unlisted);
  const township = String(ids.恰哈乡);
  await admin.get(url);
  const res = await admin.post(`${url}/decision`, { action: "reject", reason: "   ", township });
  assert.equal(res.status, 400);
  assert.match(res.text, /<header class="site">/);
  assert.match(res.text, /<h1>第 \d+ 号职责准入申请<\/h1>/);
  assert.doesNotMatch(res.text, /400 请求有误/);
  const form = formWith(
    res.text,
    `${url}/decision`,
    'name="action" value="reject"',
    `name="township" value="${township}"`,
  );
  assert.match(form, /role="alert">不予准入须写明理由<\/p>/);
  assert.match(form, /name="reason" required="" value="" aria-invalid="true"/);
  // Only that form says so; the other township's form is as it was.
  assert.equal(res.text.split("不予准入须写明理由").length, 2);
  assert.deepEqual(await statuses(url), ["pending", "pending"]);
  // The page is a working page again: a real reason is taken.
  const done = await admin.post(`${url}/decision`, { action: "reject", reason: "非乡镇职责", township });
  assert.equal(done.status, 303);
  assert.deepEqual((await statuses(url)).sort(), ["pending", "rejected"]);
});

test("the forms for every waiting township ask for the reason too, and a refused approval keeps the days typed", async () => {
  const url = await file("请各乡镇派人到县城帮县委宣传部布置展厅");
  await admin.get(url);
  let res = await admin.post(`${url}/decision`, { action: "reject", reason: " \u3000 " });
  assert.equal(res.status, 400);
  const all = formWith(res.text, `${url}/decision`, 'name="action" value="reject"', '!name="township"');
  assert.match(all, /不予准入须写明理由/);
  res = await admin.post(`${url}/decision`, { action: "approve", days: "400", township: String(ids.策勒乡) });
  assert.equal(res.status, 400);
  const approve = formWith(
    res.text,
    `${url}/decision`,
    'name="action" value="approve"',
    `name="township" value="${ids.策勒乡}"`,
  );
  // Said in the form's words, as the filing form says it.
  assert.match(approve, /role="alert">持续天数不能超过 366[^<]*<\/p>/);
  assert.match(approve, /name="days" type="number" min="1" max="366" value="400"/);
  assert.deepEqual(await statuses(url), ["pending", "pending"]);
});

test("a reason of invisible characters only (zero-width space, word joiner, BOM) is no reason either, page and API", async () => {
  const url = await file("请各乡镇派人到县城帮县委文旅局布置灯展");
  await admin.get(url);
  for (const reason of ["\u200b", " \u200b\u200c\u200d ", "\u2060\ufeff"]) {
    const res = await admin.post(`${url}/decision`, {
      action: "reject",
      reason,
      township: String(ids.策勒乡),
    });
    assert.equal(res.status, 400, JSON.stringify(reason));
    assert.match(res.text, /不予准入须写明理由/);
  }
  const api = await admin.json(`/api/v1${url.replace("/admission/", "/admissions/")}/decision`, {
    action: "reject",
    reason: "\u200b",
  });
  assert.equal(api.status, 400);
  assert.deepEqual(await statuses(url), ["pending", "pending"]);
});

test("a dispute of a 清单内 answer with a reason of spaces comes back at the dispute form, still answered", async () => {
  const url = await file(TASKS.basic);
  await dept.get(url);
  const res = await dept.post(`${url}/dispute`, { reason: "    ", township: String(ids.策勒乡) });
  assert.equal(res.status, 400);
  assert.match(res.text, /<h1>第 \d+ 号职责准入申请<\/h1>/);
  const form = formWith(res.text, `${url}/dispute`, `name="township" value="${ids.策勒乡}"`);
  assert.match(form, /请写明异议理由/);
  assert.match(form, /aria-invalid="true"/);
  assert.deepEqual(await statuses(url), ["answered", "answered"]);
});

/** Files (as the admin) a proposal to remove 策勒乡's basic item `number`; its id. */
async function proposeRemoval(number: number, reason: string): Promise<number> {
  await admin.get("/adjust");
  const filed = await admin.json("/api/v1/proposals", {
    kind: "remove",
    township: "策勒乡",
    reason,
    targetList: "basic",
    targetNumber: number,
  });
  assert.equal(filed.status, 201);
  return (filed.body.proposal as { id: number }).id;
}

test("不采纳 with a reason of spaces comes back as the adjustment page, asking for it at that proposal, still open", async () => {
  const id = await proposeRemoval(3, "已不再需要");
  await admin.get("/adjust");
  const res = await admin.post(`/adjust/${id}/decision`, { accept: "0", reason: "   " });
  assert.equal(res.status, 400);
  assert.match(res.text, /<h1>清单动态调整<\/h1>/);
  assert.doesNotMatch(res.text, /400 请求有误/);
  const form = formWith(res.text, `/adjust/${id}/decision`, 'name="accept" value="0"');
  assert.match(form, /role="alert">不采纳须写明理由<\/p>/);
  assert.match(form, /aria-invalid="true"/);
  const proposals = (await admin.getJson("/api/v1/proposals")).body.proposals as {
    id: number;
    status: string;
  }[];
  assert.equal(proposals.find((p) => p.id === id)?.status, "open");
  // The API still answers with the refusal itself.
  const api = await admin.json(`/api/v1/proposals/${id}/decision`, { accept: false, reason: "  " });
  assert.equal(api.status, 400);
  assert.equal((api.body.error as { code: string }).code, "invalid");
});

test("a review comment or an answer of spaces comes back as the draft page at its form, the item chosen kept", async () => {
  // A draft in review: an accepted change, a round open.
  const id = await proposeRemoval(5, "合并到其他事项");
  await admin.get("/adjust");
  const accepted = await admin.post(`/adjust/${id}/decision`, { accept: "1" });
  const draftUrl = accepted.location!;
  await admin.get(draftUrl);
  await admin.post(`${draftUrl}/round`);
  let page = await admin.get(draftUrl);
  const round = /action="\/review\/(\d+)\/comments"/.exec(page.text)![1]!;

  let res = await admin.post(`/review/${round}/comments`, { item: "cooperative:86", body: "  \n  " });
  assert.equal(res.status, 400);
  assert.match(res.text, /征求意见（三上三下）/);
  assert.doesNotMatch(res.text, /400 请求有误/);
  const comment = formWith(res.text, `/review/${round}/comments`);
  assert.match(comment, /role="alert">请填写意见<\/p>/);
  assert.match(comment, /<option value="cooperative:86" selected="">/);
  assert.match(comment, /name="body" rows="2" required="" aria-invalid="true"/);
  page = await admin.get(draftUrl);
  assert.match(page.text, /本轮暂无意见/);

  res = await admin.post(`/review/${round}/comments`, { item: "cooperative:86", body: "请写明汛期值班要求" });
  assert.equal(res.status, 303);
  page = await admin.get(draftUrl);
  const commentId = /id="comment-(\d+)"/.exec(page.text)![1]!;
  res = await admin.post(`/review/comments/${commentId}/answer`, { answer: "   " });
  assert.equal(res.status, 400);
  const answer = formWith(res.text, `/review/comments/${commentId}/answer`);
  assert.match(answer, /role="alert">请填写答复<\/p>/);
  assert.match(answer, /aria-invalid="true"/);
  page = await admin.get(draftUrl);
  assert.match(page.text, /<strong>待答复<\/strong>/);
});
