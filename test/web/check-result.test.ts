/**
 * Post/Redirect/Get on the 任务核验 page: a check that is saved is answered 303 to its result,
 * /t/:township/check/result?check=<id>, which shows the saved result (verdicts, evidence, 待人工确认 with its
 * candidates) with the decision forms to those who may decide. Back and reload there are GETs: nothing is
 * stored again. A check that saves nothing (an anonymous visitor's) and a refused form are answered directly.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { SqlDutyStore } from "../../src/store/index.ts";
import type { createApp } from "../../src/web/app.ts";
import { Client } from "../workflow/http-client.ts";
import { postCheck } from "./checked.ts";
import { hostileDraft } from "./fixtures.ts";
import { signInAs, usersWithPassword } from "./sign-in.ts";
import { townshipApp } from "./township-app.ts";

const T = encodeURIComponent("策勒乡");
const CHECK = `/t/${T}/check`;
/** Answered 基本履职事项第34项 below the review threshold: 待人工确认, with three candidates. */
const REVIEW = "请督促辖区开锁店到派出所登记备案。";
const NOTICE = `各乡镇：\n一、${REVIEW}\n二、协助县剧院推销新剧门票。\n特此通知。`;

/** The client's cookies as a request header (for multipart posts, which Client does not send). */
function cookieOf(client: Client): Record<string, string> {
  return { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") };
}

describe("a saved check is answered 303 to its result page", () => {
  let store: SqlDutyStore;
  let app: ReturnType<typeof createApp>;
  const savedCount = async () => (await store.db.selectFrom("saved_checks").select("id").execute()).length;
  const signIn = (name: string) => signInAs(app, name, CHECK);

  before(async () => {
    ({ store, app } = await townshipApp("县公安局"));
    await store.saveEdition(hostileDraft(), { status: "published" });
    await usersWithPassword(store, [
      { name: "cele2", role: "township", township: "策勒乡" },
      { name: "other", role: "township", township: "测试乡" },
    ]);
  });
  after(() => store.close());

  test("a township user's check: 303 to the result, which shows verdicts, evidence, candidates and the decision forms", async () => {
    const cele = await signIn("cele");
    const before = await savedCount();
    const posted = await cele.post(CHECK, { text: NOTICE, view: "page" });
    assert.equal(posted.status, 303);
    assert.match(posted.location ?? "", new RegExp(`^${CHECK}/result\\?check=[0-9a-f]{32}$`));
    assert.equal(posted.text, "", "the answer to the POST carries no page");
    assert.equal(await savedCount(), before + 1, "saved once");
    const shown = await cele.get(posted.location!);
    assert.equal(shown.status, 200);
    assert.match(shown.res.headers.get("cache-control") ?? "", /no-store/, "a signed-in page stays private");
    const id = posted.location!.slice(-32);
    assert.match(shown.text, /共 2 项任务/);
    assert.match(shown.text, /badge-basic/);
    assert.match(shown.text, /badge-unlisted/);
    assert.match(shown.text, /<p class="evidence">/, "the evidence");
    assert.match(shown.text, /待人工确认，候选事项/);
    assert.equal((shown.text.match(/<form class="pick"/g) ?? []).length, 3, "选此项 on the three candidates");
    assert.equal((shown.text.match(/<form class="decision"/g) ?? []).length, 2, "确认/纠正 on each task");
    assert.match(shown.text, new RegExp(`name="from" value="${id}"`), "the forms name the saved check");
    assert.match(shown.text, new RegExp(`已保存核验结果：<a href="/checks/${id}">查看核验单</a>`));
    assert.match(
      shown.text,
      /<textarea id="check-text" name="text"[^>]*>各乡镇：/,
      "the form holds the text checked",
    );
  });

  test("reloading the result (GET twice) stores one saved check only", async () => {
    const cele = await signIn("cele");
    const { location } = await postCheck(cele, CHECK, { text: NOTICE, view: "page" });
    const after = await savedCount();
    const first = await cele.get(location);
    const second = await cele.get(location);
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    const cards = (html: string) => html.split('<article class="card').length - 1;
    assert.equal(cards(second.text), cards(first.text));
    assert.equal(await savedCount(), after, "a reload is a GET: nothing is saved again");
  });

  test("who sees the result: deciders with forms; the department author without; others refused", async () => {
    const cele = await signIn("cele");
    const { location } = await postCheck(cele, CHECK, { text: REVIEW, view: "page" });
    const colleague = await signIn("cele2");
    const seen = await colleague.get(location);
    assert.equal(seen.status, 200);
    assert.match(seen.text, /<form class="decision"/, "a colleague of the township may decide");
    // A department user's own check: the result, without 确认/纠正/选此项.
    const bumen = await signIn("bumen");
    const own = await postCheck(bumen, CHECK, { text: REVIEW, view: "page" });
    assert.match(own.text, /待人工确认，候选事项/);
    assert.doesNotMatch(own.text, /<form class="(?:decision|pick)"/);
    assert.doesNotMatch(own.text, /选此项|check\/decision/);
    // Someone else's: as /checks/:id answers (401 anonymous, 403 signed in without rights).
    assert.equal((await bumen.get(location)).status, 403, "a department user may not read the township's");
    assert.equal((await (await signIn("other")).get(location)).status, 403, "another township's user");
    assert.equal((await new Client(app).get(location)).status, 401);
    assert.equal(
      (await new Client(app).get(`/checks/${location.slice(-32)}`)).status,
      401,
      "as the permalink",
    );
    // Unknown, malformed, or another township's id.
    assert.equal((await cele.get(`${CHECK}/result?check=${"0".repeat(32)}`)).status, 404);
    assert.equal((await cele.get(`${CHECK}/result?check=nope`)).status, 400);
    assert.equal((await cele.get(`${CHECK}/result`)).status, 400);
    const elsewhere = `/t/${encodeURIComponent("测试乡")}/check/result?check=${location.slice(-32)}`;
    assert.equal((await cele.get(elsewhere)).status, 404);
  });

  test("its JSON twin gives the saved record and whether the visitor may decide", async () => {
    const cele = await signIn("cele");
    const { location, id } = await postCheck(cele, CHECK, { text: NOTICE, view: "page" });
    const json = await cele.getJson(`/api/v1${location}`);
    assert.equal(json.status, 200);
    assert.equal(json.body.id, id);
    assert.equal(json.body.url, location);
    assert.equal(json.body.mayDecide, true);
    assert.equal((json.body.cards as unknown[]).length, 2);
    assert.equal((await new Client(app).getJson(`/api/v1${location}`)).status, 401);
  });

  test("print: 303 to the saved check's print view", async () => {
    const cele = await signIn("cele");
    const before = await savedCount();
    const posted = await cele.post(CHECK, { text: NOTICE, view: "print" });
    assert.equal(posted.status, 303);
    assert.match(posted.location ?? "", /^\/checks\/[0-9a-f]{32}\/print$/);
    const print = await cele.get(posted.location!);
    assert.match(print.text, /<body class="check-print">/);
    assert.match(print.text, /核验人<\/th><td>cele/);
    assert.equal(await savedCount(), before + 1);
  });

  test("a notice file uploaded by a signed-in user is answered 303 to its result too", async () => {
    const cele = await signIn("cele");
    const form = new FormData();
    form.set("_csrf", cele.csrf);
    form.set("view", "page");
    form.set("file", new File([NOTICE], "通知.txt", { type: "text/plain" }));
    const res = await app.request(CHECK, { method: "POST", body: form, headers: cookieOf(cele) });
    assert.equal(res.status, 303);
    const location = res.headers.get("location") ?? "";
    assert.match(location, /\/check\/result\?check=[0-9a-f]{32}$/);
    const shown = await cele.get(location);
    assert.match(shown.text, /共 2 项任务/);
  });

  test("an anonymous check saves nothing and is answered directly; 保存 redirects; refusals re-render", async () => {
    const visitor = new Client(app);
    const before = await savedCount();
    const direct = await visitor.post(CHECK, { text: NOTICE, view: "page" });
    assert.equal(direct.status, 200);
    assert.match(direct.text, /共 2 项任务/);
    assert.equal(await savedCount(), before, "nothing stored: a reload would be harmless");
    const kept = await postCheck(visitor, CHECK, { text: NOTICE, view: "page", save: "1" });
    assert.match(kept.text, /共 2 项任务/);
    assert.doesNotMatch(kept.text, /保存结果并生成链接/, "not offered to save again");
    assert.match(
      kept.text,
      /<input type="checkbox" name="save" value="1"\/?>/,
      "the next check may be saved too",
    );
    assert.equal(await savedCount(), before + 1);
    // The anonymous visitor's saved check is read by its link, as /checks/:id is.
    assert.equal((await new Client(app).get(kept.location)).status, 200);
    // A signed-in user's text without tasks: answered there (no task, nothing saved).
    const cele = await signIn("cele");
    const empty = await cele.post(CHECK, { text: "   ", view: "page" });
    assert.equal(empty.status, 200);
    assert.match(empty.text, /未识别出任务/);
    // An empty file: the form again with the reason (400), nothing stored, no redirect.
    const form = new FormData();
    form.set("_csrf", cele.csrf);
    form.set("text", "请完成辖区自建房安全隐患排查。");
    form.set("view", "page");
    form.set("file", new File([], "通知.txt", { type: "text/plain" }));
    const refused = await app.request(CHECK, { method: "POST", body: form, headers: cookieOf(cele) });
    assert.equal(refused.status, 400);
    assert.equal(refused.headers.get("location"), null);
    const page = await refused.text();
    assert.match(page, /<p class="notice error" role="alert">通知\.txt：文件是空的/);
    assert.match(
      page,
      /<textarea id="check-text" name="text"[^>]*>请完成辖区自建房安全隐患排查。/,
      "as typed",
    );
    assert.equal(await savedCount(), before + 1);
  });
});
