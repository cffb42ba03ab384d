/** The task check over HTTP: POST /api/v1/check, the 任务核验 page and its form, the print view. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Hono } from "hono";
import type { SqlDutyStore } from "../../src/store/index.ts";
import { bundledApp, CELE } from "./fixtures.ts";

describe("task check on the web", () => {
  let store: SqlDutyStore;
  let app: Hono;
  before(async () => {
    ({ store, app } = await bundledApp());
  });
  after(async () => {
    await store?.close();
  });

  const api = (body: unknown) =>
    app.request("/api/v1/check", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  it("POST /api/v1/check answers each task of a notice with offsets and the issue's fields", async () => {
    const text =
      "各乡镇：\n一、请于5月底前完成辖区自建房安全隐患排查。\n二、请乡政府对辖区烟花爆竹经营点开展安全监管。\n特此通知。";
    const res = await api({ township: CELE, text });
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.township, CELE);
    assert.equal(body.tasks.length, 2);
    const [a, b] = body.tasks;
    assert.equal(text.slice(a.start, a.end), a.text);
    assert.equal(a.verdict, "basic");
    assert.equal(b.verdict, "reclaimed");
    assert.deepEqual(b.item, { list: "reclaimed", number: 36, name: "烟花爆竹安全监管" });
    for (const key of ["confidence", "alternatives", "evidence", "reason"]) assert.ok(key in b, key);
    assert.equal(typeof b.needs_review, "boolean");
  });

  it("the township may be omitted with one township; bad bodies are 400 with a message", async () => {
    assert.equal((await api({ text: "烟花爆竹安全监管" })).status, 200);
    const notJson = await api("not json");
    assert.equal(notJson.status, 400);
    assert.match((await notJson.json()).error.message, /JSON/);
    assert.equal((await api({ township: CELE })).status, 400);
    assert.equal((await api({ township: "没有这个乡", text: "x" })).status, 404);
    const empty = await (await api({ text: "" })).json();
    assert.deepEqual(empty.tasks, []);
    assert.match(empty.notice, /为空/);
  });

  it("the page shows the form, and after a check one coloured row per task, escaped", async () => {
    const form = await app.request(`/t/${encodeURIComponent(CELE)}/check`);
    assert.equal(form.status, 200);
    assert.match(await form.text(), /<textarea/);
    const hostile = "<script>alert(1)</script>请乡政府对辖区烟花爆竹经营点开展安全监管";
    const res = await app.request(`/t/${encodeURIComponent(CELE)}/check`, {
      method: "POST",
      body: new URLSearchParams({ text: hostile, view: "page" }),
    });
    const html = await res.text();
    assert.equal(res.status, 200);
    assert.ok(!html.includes("<script>alert(1)"), "task text is escaped");
    assert.match(html, /&lt;script&gt;alert\(1\)/);
    assert.match(html, /class="card verdict-reclaimed"/);
    assert.match(html, /href="\/t\/%E7%AD%96%E5%8B%92%E4%B9%A1\/reclaimed\/36"/);
    assert.match(html, /承接部门：<a [^>]+>县应急管理局<\/a>/);
    assert.match(html, /<mark>烟花爆竹<\/mark>/);
  });

  it("uploads a .txt notice and renders the print view", async () => {
    const data = new FormData();
    data.append(
      "file",
      new File(["一、请各村开展防汛应急演练，做好防汛物资储备。\n"], "通知.txt", { type: "text/plain" }),
    );
    data.append("view", "print");
    const res = await app.request(`/t/${encodeURIComponent(CELE)}/check`, { method: "POST", body: data });
    const html = await res.text();
    assert.equal(res.status, 200);
    assert.match(html, /任务核验单/);
    assert.match(html, /来源文件<\/th><td>通知\.txt/);
    assert.ok(!html.includes("<textarea"), "no form in the print view");
    const bad = new FormData();
    bad.append("file", new File([new Uint8Array([0, 1, 2, 0, 255])], "x.txt"));
    assert.equal(
      (await app.request(`/t/${encodeURIComponent(CELE)}/check`, { method: "POST", body: bad })).status,
      400,
    );
  });

  it("GET /check leads to the only township's page", async () => {
    const res = await app.request("/check");
    assert.equal(res.status, 302);
    assert.equal(res.headers.get("location"), `/t/${encodeURIComponent(CELE)}/check`);
  });

  it("换一个乡镇 on the only township's check page shows the picker, which says there is no other", async () => {
    const check = await (await app.request(`/t/${encodeURIComponent(CELE)}/check`)).text();
    const href = /<a href="([^"]*)">换一个乡镇<\/a>/.exec(check)?.[1];
    assert.ok(href, "the check page links 换一个乡镇");
    const res = await app.request(href.replaceAll("&amp;", "&"));
    assert.equal(res.status, 200, "not sent back to the page it came from");
    const html = await res.text();
    assert.match(html, /目前只有策勒乡的清单可供核验/);
    assert.match(html, new RegExp(`href="/t/${encodeURIComponent(CELE)}/check"`));
  });

  it("an empty file chosen on the check page is said to be empty, not taken for an empty paste", async () => {
    const form = new FormData();
    form.append("text", "");
    form.append("file", new Blob([]), "通知.txt");
    form.append("view", "page");
    const res = await app.request(`/t/${encodeURIComponent(CELE)}/check`, { method: "POST", body: form });
    assert.equal(res.status, 400);
    assert.match(await res.text(), /通知\.txt：文件是空的/);
  });
});
