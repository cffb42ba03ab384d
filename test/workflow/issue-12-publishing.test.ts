/**
 * Issue 12 row 3 (and row 1's review comments): publishing is offered only when nothing blocks it;
 * otherwise the draft page lists each blocker with a link (a refused publish comes back as that page, not a
 * dead end); comments name items in words; an answered comment is carried out on the draft directly; the
 * edition page shows its effective date and links the diff to the edition before; so does the township page.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { CooperativeItem } from "../../src/domain/edition.ts";
import type { SqlDutyStore } from "../../src/store/index.ts";
import { createApp } from "../../src/web/app.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { asFields, formFields } from "../support/forms.ts";
import { describeEachBackend } from "../support/stores.ts";
import { signedIn, signedInAdmin } from "../web/sign-in.ts";
import { bundledDraft } from "./helpers.ts";
import { Client } from "./http-client.ts";

const T = encodeURIComponent("策勒乡");

describeEachBackend("issue 12: publishing explains itself", (backend) => {
  let store: SqlDutyStore;
  let app: ReturnType<typeof createApp>;
  let admin: Client;
  let cele: Client;
  let draftUrl = "";
  let published = "";

  before(async () => {
    store = await backend.open();
    const draft = await bundledDraft();
    published = draft.date;
    await importEdition(store, draft, "system", { status: "published" });
    app = createApp({ store });
    admin = (await signedInAdmin(app, store)).client;
    cele = await signedIn(app, store, { name: "cele", role: "township", township: "策勒乡" });
    // A draft in review: one accepted change, one round open.
    await cele.get("/adjust");
    const page = await cele.get(`/adjust/new?township=${T}&kind=add&list=basic`);
    let res = await cele.post("/adjust", {
      ...asFields(formFields(page.text, "/adjust")),
      category: "乡村振兴",
      name: "举办石榴花节",
      local: "1",
      reason: "本乡特色产业",
    });
    assert.equal(res.status, 303, res.text.slice(0, 300));
    const id = ((await admin.getJson("/api/v1/proposals")).body.proposals as { id: number }[])[0]!.id;
    await admin.get("/adjust");
    res = await admin.post(`/adjust/${id}/decision`, { accept: "1" });
    draftUrl = res.location!;
    await admin.get(draftUrl);
    await admin.post(`${draftUrl}/round`);
  });
  after(() => store.close());

  let commentId = "";
  test("an unanswered comment blocks publishing: no publish button, the blocker is listed with a link", async () => {
    let res = await cele.get(draftUrl);
    const round = /action="\/review\/(\d+)\/comments"/.exec(res.text)![1];
    // The comment form names items in words.
    assert.match(res.text, /<option value="cooperative:86">配合履职事项第 86 项 编制防汛、抗旱预案/);
    res = await cele.post(`/review/${round}/comments`, {
      item: "cooperative:86",
      body: "请写明汛期值班要求",
    });
    assert.equal(res.status, 303);
    res = await admin.get(draftUrl);
    commentId = /id="comment-(\d+)"/.exec(res.text)![1]!;
    assert.doesNotMatch(res.text, /action="[^"]*\/publish"/);
    assert.match(res.text, /暂不能发布，须先处理以下 1 项/);
    assert.match(res.text, new RegExp(`href="#comment-${commentId}">去答复`));
    assert.match(res.text, /关于配合履职事项第 86 项 编制防汛/);
    assert.doesNotMatch(res.text, /cooperative:86<\/td>/);
  });

  test("the page is titled with the edition's status, as its heading says it (审核中, not 草稿)", async () => {
    for (const res of [
      await admin.get(draftUrl),
      await admin.post(`${draftUrl}/publish`, { effective: "" }),
    ]) {
      const h1 = /<h1>([^<]+)<\/h1>/.exec(res.text)![1]!;
      assert.match(h1, /（审核中）/);
      assert.match(res.text, new RegExp(`<title>${h1.replace(/[()（）]/g, ".")} - 履职</title>`));
    }
  });

  test("publishing anyway comes back as the draft page with the blockers (409), not a dead end", async () => {
    const res = await admin.post(`${draftUrl}/publish`, { effective: "" });
    assert.equal(res.status, 409);
    assert.match(res.text, /还有 1 条审核意见未答复/);
    assert.match(res.text, /去答复/);
    assert.match(res.text, /征求意见（三上三下）/);
  });

  test("an answered comment is carried out on the draft directly, prefilled from the draft's item", async () => {
    let res = await admin.post(`/review/comments/${commentId}/answer`, { answer: "采纳" });
    assert.equal(res.status, 303);
    res = await admin.get(draftUrl);
    const link = /href="(\/adjust\/new\?[^"]*comment=\d+)"/.exec(res.text)![1]!.replace(/&amp;/g, "&");
    res = await admin.get(link);
    assert.match(res.text, /按审核意见修改：请写明汛期值班要求；答复：采纳/);
    assert.match(res.text, /按意见直接修改草稿/);
    const fields = formFields(res.text, "/adjust").map(([k, v]): [string, string] =>
      k === "td.0.steps" && v.startsWith("开展防洪工程安全隐患排查")
        ? [k, `${v}，汛期实行 24 小时值班`]
        : [k, v],
    );
    res = await admin.post("/adjust", { ...asFields(fields), reason: "按审核意见" });
    assert.equal(res.status, 303, res.text.slice(0, 400));
    assert.equal(res.location, draftUrl);
    const date = decodeURIComponent(draftUrl.split("/").pop()!);
    const item = (await admin.getJson(`/api/v1/t/${T}/cooperative/86?edition=${date}`)).body
      .item as CooperativeItem;
    assert.equal(item.townshipDuties[0]!.steps.length, 5);
    assert.match(item.townshipDuties[0]!.steps[2]!, /汛期实行 24 小时值班$/);
  });

  test("with nothing blocking, publishing is offered; the edition page shows its effective date and the diff", async () => {
    let res = await admin.get(draftUrl);
    assert.match(res.text, /action="[^"]*\/publish"/);
    res = await admin.post(`${draftUrl}/publish`, { effective: "2026-01-01" });
    assert.equal(res.status, 303, res.text.slice(0, 400));
    res = await new Client(app).get(`/drafts/${T}/2026-01-01`);
    assert.equal(res.status, 200);
    assert.match(res.text, /生效日期：2026-01-01/);
    assert.match(
      res.text,
      new RegExp(`href="/diff/${T}\\?to=2026-01-01&amp;from=${published}">与上一版（${published}）比较`),
    );
    res = await new Client(app).get(`/t/${T}`);
    assert.match(res.text, new RegExp(`href="/diff/${T}\\?to=2026-01-01&amp;from=${published}"`));
    res = await new Client(app).get(`/diff/${T}?to=2026-01-01&from=${published}`);
    assert.equal(res.status, 200);
    assert.match(res.text, /新增事项（1）/);
    assert.match(res.text, /〔增〕<\/span>，汛期实行 24 小时值班/);
  });
});
