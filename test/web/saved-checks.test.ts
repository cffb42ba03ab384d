/**
 * Saved checks over HTTP on every backend (issue 11, rows 1, 2, 4): the township picker, result cards, the
 * permalink and who may read it, the history, and the exports opened back (.docx with jszip and
 * fast-xml-parser as the importer reads Word, CSV with its BOM, JSON with the offsets the page leaves out).
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { XMLParser } from "fast-xml-parser";
import JSZip from "jszip";
import { importBundledIfEmpty } from "../../src/cli/commands/serve.ts";
import type { SqlDutyStore } from "../../src/store/index.ts";
import { createApp } from "../../src/web/app.ts";
import { describeEachBackend } from "../support/stores.ts";
import { Client } from "../workflow/http-client.ts";
import { postCheck } from "./checked.ts";
import { CELE, hostileDraft } from "./fixtures.ts";
import { signedIn, signedInAdmin } from "./sign-in.ts";

const T = encodeURIComponent(CELE);
const NOTICE =
  "各乡镇：\n一、请乡政府对辖区烟花爆竹经营点开展安全监管。\n二、请乡镇组建护林员队伍，做好森林草原防灭火工作。\n" +
  "三、协助县剧院推销新剧门票。\n特此通知。";

/** Every text of a .docx's body, in order, read as the importer reads Word (jszip + fast-xml-parser). */
async function docxTexts(
  bytes: ArrayBuffer,
): Promise<{ texts: string[]; pageWidth: number; pageHeight: number }> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file("word/document.xml")!.async("string");
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" }).parse(xml);
  const texts: string[] = [];
  let size: Record<string, string> = {};
  const walk = (node: unknown, key = ""): void => {
    if (Array.isArray(node)) for (const n of node) walk(n, key);
    else if (node && typeof node === "object") {
      if (key === "w:pgSz") size = node as Record<string, string>;
      if (key === "w:t") {
        const t = (node as Record<string, unknown>)["#text"];
        if (t !== undefined) texts.push(String(t));
      }
      for (const [k, v] of Object.entries(node)) walk(v, k);
    } else if (key === "w:t" && node !== undefined) texts.push(String(node));
  };
  walk(doc);
  return { texts, pageWidth: Number(size["@w:w"]), pageHeight: Number(size["@w:h"]) };
}

describeEachBackend("saved checks on the web", (backend) => {
  let store: SqlDutyStore;
  let app: ReturnType<typeof createApp>;
  before(async () => {
    store = await backend.open();
    await importBundledIfEmpty(store);
    await store.saveEdition(hostileDraft(), { status: "published" });
    app = createApp({ store });
  });
  after(() => store?.close());

  const savedCount = async () =>
    Number(
      (
        await store.db
          .selectFrom("saved_checks")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test("/check with several townships is a picker by county; the township last checked comes first", async () => {
    const visitor = new Client(app);
    let page = await visitor.get("/check");
    assert.equal(page.status, 200);
    assert.match(page.text, /<optgroup label="[^"]*策勒县"><option value="策勒乡">策勒乡<\/option>/);
    assert.match(page.text, /<optgroup label="测试县">/);
    assert.match(
      page.text,
      /href="\/c\/%E7%AD%96%E5%8B%92%E5%8E%BF\/check"/,
      "the county-wide check is offered",
    );
    assert.doesNotMatch(page.text, /继续核验/);
    const go = await visitor.get(`/check/go?township=${T}`);
    assert.equal(go.status, 303);
    assert.equal(go.location, `/t/${T}/check`);
    await visitor.get(`/t/${T}/check`);
    page = await visitor.get("/check");
    assert.match(page.text, /继续核验策勒乡/);
    assert.match(page.text, /<option value="策勒乡" selected="">/);
    const json = await visitor.getJson("/api/v1/check/townships");
    assert.equal(json.body.last, CELE);
    // ?county= narrows the picker to one county (here one township: straight to its page).
    const narrowed = await visitor.get(`/check?county=${encodeURIComponent("测试县")}`);
    assert.equal(narrowed.status, 302);
    assert.equal(narrowed.location, `/t/${encodeURIComponent("测试乡")}/check`);
    assert.equal((await visitor.get(`/check?county=${encodeURIComponent("无此县")}`)).status, 404);
  });

  test("an anonymous check is saved only when asked, under an unguessable link anyone holding it can read", async () => {
    const visitor = new Client(app);
    const before = await savedCount();
    let res = await visitor.post(`/t/${T}/check`, { text: NOTICE, view: "page" });
    assert.equal(res.status, 200);
    assert.match(res.text, /保存核验结果并生成链接/);
    assert.doesNotMatch(res.text, /已保存核验结果/);
    assert.equal(await savedCount(), before);
    // Saving after the fact re-sends the checked text, its lines intact.
    const again = /<form class="save-after"[^>]*><textarea name="text" hidden="">([\s\S]*?)<\/textarea>/.exec(
      res.text,
    );
    assert.ok(again, "a save button under the results");
    assert.equal(again[1]!.replace(/&amp;/g, "&"), NOTICE);
    res = await postCheck(visitor, `/t/${T}/check`, { text: NOTICE, view: "page", save: "1" });
    const link = /已保存核验结果：<a href="(\/checks\/[0-9a-f]{32})"/.exec(res.text)?.[1];
    assert.ok(link, "the page gives the permalink");
    assert.equal(await savedCount(), before + 1);
    const other = new Client(app);
    const saved = await other.get(link);
    assert.equal(saved.status, 200);
    assert.match(saved.text, /上级部门收回事项第 36 项，该事项已由 县应急管理局 承接/);
    assert.equal((await other.get(`/checks/${"0".repeat(32)}`)).status, 404);
    assert.equal((await other.get("/checks/123")).status, 400);
  });

  test("result cards: all township steps with the touched ones marked, a sentence to cite, 清单外 with a reply", async () => {
    const res = await new Client(app).post(`/t/${T}/check`, { text: NOTICE, view: "page" });
    const cards = res.text.split('<article class="card').slice(1);
    assert.equal(cards.length, 3);
    const [reclaimed, cooperative, unlisted] = cards as [string, string, string];
    assert.match(
      reclaimed,
      /根据《策勒乡履职事项清单》上级部门收回事项第 36 项，该事项已由 县应急管理局 承接。/,
    );
    assert.match(reclaimed, /工作方式/);
    // Cooperative 88 has four township steps: all shown, numbered 1–4, 护林员 (step 2) marked.
    assert.match(cooperative, /配合履职事项第88项/);
    assert.deepEqual(
      [...cooperative.matchAll(/<li value="(\d+)"/g)].map((m) => m[1]),
      ["1", "2", "3", "4"],
    );
    assert.match(cooperative, /<li value="2" class="touched">[\s\S]*?护林员/);
    assert.match(cooperative, /牵头部门：<a [^>]+>县应急管理局<\/a>、<a [^>]+>县林业和草原局<\/a>/);
    assert.match(unlisted, /需履行职责准入程序/);
    assert.match(unlisted, /不在《策勒乡履职事项清单》所列事项之内/);
    assert.match(unlisted, /申请准入/);
    assert.match(res.text, /可信度：[高中低]/);
    assert.doesNotMatch(res.text, /置信度|第 \d+–\d+ 字|0\.\d\d/, "no numbers for confidence, no offsets");
  });

  test("a department user's 申请准入 opens a prefilled admission request", async () => {
    const dept = await signedIn(app, store, {
      name: "yingji",
      role: "department",
      department: "县应急管理局",
    });
    const res = await postCheck(dept, `/t/${T}/check`, { text: "协助县剧院推销新剧门票。", view: "page" });
    const form = /<form class="admission-request" method="get" action="\/admission">([\s\S]*?)<\/form>/.exec(
      res.text,
    );
    assert.ok(form, "the button is a plain GET form");
    const task = /name="task" value="([^"]+)"/.exec(form[1]!)![1]!;
    const request = await dept.get(`/admission?task=${encodeURIComponent(task)}&township=${T}`);
    assert.equal(request.status, 200);
    assert.match(request.text, /<textarea[^>]*name="task"[^>]*>协助县剧院推销新剧门票。<\/textarea>/);
    assert.match(request.text, /value="策勒乡" checked=""/);
  });

  test("a signed-in check is saved for its author, its township and admins; others get 403", async () => {
    const clerk = await signedIn(app, store, { name: "cele1", role: "township", township: CELE });
    const res = await postCheck(clerk, `/t/${T}/check`, { text: NOTICE, view: "page" });
    const link = /已保存核验结果：<a href="(\/checks\/[0-9a-f]{32})"/.exec(res.text)?.[1];
    assert.ok(link, "saved without asking");
    const history = await clerk.get("/checks");
    assert.equal(history.status, 200);
    assert.ok(history.text.includes(link), "listed in the author's history");
    // 核验时间 in Beijing time, as every other page gives times (not the stored UTC instant).
    const [latest] = (await clerk.getJson("/api/v1/checks")).body.checks as { createdAt: string }[];
    const beijing = new Date(Date.parse(latest!.createdAt) + 8 * 3_600_000).toISOString();
    const [, month, day] = beijing.slice(0, 10).split("-").map(Number);
    const shown = /<td data-label="核验时间">([^<]+)<\/td>/.exec(history.text)![1]!;
    assert.equal(shown, `${beijing.slice(0, 4)}/${month}/${day} ${beijing.slice(11, 16)}`);
    const colleague = await signedIn(app, store, { name: "cele2", role: "township", township: CELE });
    assert.equal((await colleague.get(link)).status, 200);
    assert.ok(!(await colleague.get("/checks")).text.includes(link), "history is the author's own");
    const stranger = await signedIn(app, store, { name: "ceshi1", role: "township", township: "测试乡" });
    assert.equal((await stranger.get(link)).status, 403);
    assert.equal((await stranger.get(`${link}/export.docx`)).status, 403);
    const dept = await signedIn(app, store, { name: "shuili", role: "department", department: "县水利局" });
    assert.equal((await dept.get(link)).status, 403);
    assert.equal((await new Client(app).get(link)).status, 401);
    const { client: admin } = await signedInAdmin(app, store);
    assert.equal((await admin.get(link)).status, 200);
    assert.equal((await new Client(app).get("/checks")).status, 401);
  });

  test("exports: the .docx 核验单 and the CSV read back, JSON keeps offsets, the print view has the header", async () => {
    const clerk = await signedIn(app, store, { name: "cele3", role: "township", township: CELE });
    const res = await postCheck(clerk, `/t/${T}/check`, { text: NOTICE, view: "page" });
    const link = /已保存核验结果：<a href="(\/checks\/[0-9a-f]{32})"/.exec(res.text)![1]!;
    const id = link.slice("/checks/".length);

    const docx = await clerk.get(`${link}/export.docx`);
    assert.equal(docx.status, 200);
    assert.match(docx.res.headers.get("content-disposition") ?? "", /filename\*=UTF-8''/);
    const word = await (await app.request(`${link}/export.docx`, { headers: cookieOf(clerk) })).arrayBuffer();
    const { texts, pageWidth, pageHeight } = await docxTexts(word);
    const all = texts.join("|");
    assert.equal(pageWidth, 11906, "A4 portrait width");
    assert.equal(pageHeight, 16838, "A4 portrait height");
    for (const expected of [
      "任务核验单",
      "策勒县策勒乡",
      "2025-07 版",
      "核验人",
      "cele3",
      id,
      "单位（签章）：",
    ])
      assert.ok(all.includes(expected), `the .docx says ${expected}`);
    assert.ok(all.includes("根据《策勒乡履职事项清单》上级部门收回事项第 36 项"));
    assert.ok(all.includes("2. 【涉及】"), "the touched step is marked");

    const bytes = new Uint8Array(
      await (await app.request(`${link}/export.csv`, { headers: cookieOf(clerk) })).arrayBuffer(),
    );
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 BOM");
    const csv = new TextDecoder("utf-8", { ignoreBOM: false }).decode(bytes);
    assert.ok(csv.startsWith("序号,任务,结论,可信度"), "header");
    assert.equal(csv.trim().split("\r\n").length, 4, "one row per task");
    assert.match(csv, /上级部门收回事项,高/);

    const json = await clerk.getJson(`/api/v1/checks/${id}`);
    const cards = json.body.cards as { start: number; end: number; level: string }[];
    assert.equal(cards.length, 3);
    assert.equal(typeof cards[0]!.start, "number");
    assert.equal(json.body.checker, "cele3");

    const print = await clerk.get(`${link}/print`);
    assert.match(print.text, /<body class="check-print">/);
    assert.match(print.text, /核验人<\/th><td>cele3/);
    assert.match(print.text, /单位（签章）/);
    assert.doesNotMatch(print.text, /<form/);
  });

  test("a saved check keeps the answer as given when the edition is replaced later", async () => {
    const clerk = await signedIn(app, store, { name: "ceshi9", role: "township", township: "测试乡" });
    const ceshi = encodeURIComponent("测试乡");
    const res = await postCheck(clerk, `/t/${ceshi}/check`, {
      text: "请做好地质灾害危险性评估工作",
      view: "page",
    });
    const link = /已保存核验结果：<a href="(\/checks\/[0-9a-f]{32})"/.exec(res.text)![1]!;
    const id = link.slice("/checks/".length);
    const before = (await clerk.getJson(`/api/v1/checks/${id}`)).body;
    assert.equal((before.cards as { verdict: string }[])[0]!.verdict, "reclaimed");
    // The same month's edition replaced by one without the reclaimed item.
    const items = hostileDraft().items.filter((i) => i.list !== "reclaimed");
    await store.saveEdition(hostileDraft(items), { status: "published", replace: true });
    const now = await postCheck(clerk, `/t/${ceshi}/check`, {
      text: "请做好地质灾害危险性评估工作",
      view: "page",
    });
    assert.doesNotMatch(now.text, /badge-reclaimed/, "a new check follows the new edition");
    const after = (await clerk.getJson(`/api/v1/checks/${id}`)).body;
    assert.deepEqual(after, before, "the saved 核验单 did not change");
    assert.match((await clerk.get(link)).text, /上级部门收回事项第1项/);
  });

  test("the county-wide check answers every task for every township", async () => {
    const res = await new Client(app).post(`/c/${encodeURIComponent("策勒县")}/check`, { text: NOTICE });
    assert.equal(res.status, 200);
    assert.match(res.text, /<table class="grid county-check cards-narrow">/);
    assert.match(res.text, /<th scope="col">策勒乡<\/th>/);
    assert.equal((res.text.match(/<tr>/g) ?? []).length, 4, "a header row and one row per task");
    assert.equal((await new Client(app).get(`/c/${encodeURIComponent("无此县")}/check`)).status, 404);
  });
});

function cookieOf(client: Client): Record<string, string> {
  return { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") };
}
