/**
 * Issue 12 in headless Chromium (Debian's), without any script of ours needed: the co-lead scenario
 * (a department adds a co-lead to 配合履职事项第 86 项 through the prefilled form → the admin accepts it
 * from the queue → review → publish → every step kept), and the workflow and admission pages at 1366 px
 * and 390 px, failing on sideways scroll. Screenshots go to /tmp/lvzhi-h12a-*.png.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import type { CooperativeItem } from "../../src/domain/edition.ts";
import { openStore, type SqlDutyStore } from "../../src/store/index.ts";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { type ServedBrowser, servedWithBrowser, skipWithoutChromium } from "../support/browser.ts";
import { addBrowserUsers, signInWithForm } from "./browser-users.ts";
import { bundledDraft, TASKS } from "./helpers.ts";

const PASSWORD = "Lz-browser#2025";
const WIDTHS = [1366, 390];

describe("issue 12 in a browser", { skip: skipWithoutChromium }, () => {
  let store: SqlDutyStore;
  let served: ServedBrowser;
  let browser: Browser;
  let secret = "";
  let original: CooperativeItem;

  before(async () => {
    store = await openStore({ path: ":memory:" });
    const db = workflowDb(store.db);
    const draft = await bundledDraft();
    original = draft.items.find((i) => i.list === "cooperative" && i.number === 86) as CooperativeItem;
    await importEdition(store, draft, "system", { status: "published" });
    secret = await addBrowserUsers(db, PASSWORD, { name: "shuili", department: "县水利局" });
    served = await servedWithBrowser({ store });
    browser = served.browser;
  });

  after(() => served?.close());

  // One signed-in page per user (the admin's one-time codes cannot be replayed), resized per test.
  const pagesOf = new Map<string, Page>();
  async function signIn(name: string, width = 1366): Promise<Page> {
    const known = pagesOf.get(name);
    if (known) {
      await known.setViewportSize({ width, height: 900 });
      return known;
    }
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await signInWithForm(page, served.url, name, PASSWORD, secret);
    pagesOf.set(name, page);
    return page;
  }

  /** The page must not scroll sideways at its width. */
  async function fits(page: Page, what: string): Promise<void> {
    const { scroll, width } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      width: document.documentElement.clientWidth,
    }));
    assert.ok(scroll <= width, `${what} scrolls sideways at ${width} px: ${scroll} px wide`);
  }

  let draftUrl = "";
  let admissionUrl = "";

  test("co-lead: the prefilled form, the queue's side-by-side diff, review and publish keep every step", async () => {
    const dept = await signIn("shuili");
    await dept.goto(`${served.url}/adjust`);
    await dept.selectOption("#start-kind", "change");
    await dept.selectOption("#start-list", "cooperative");
    await dept.fill("#start-number", "86");
    await dept.click("text=下一步：填写内容");
    await dept.waitForURL(/\/adjust\/new\?/);
    assert.equal(await dept.inputValue("#dd-0-4"), original.departmentDuties[0]!.steps[4]);
    assert.equal(await dept.inputValue("#td-0-4"), original.townshipDuties[0]!.steps[4]);
    // 增加一步 without script: the form comes back with one more field, nothing lost.
    await dept.fill("#reason", "县应急管理局共同牵头");
    await dept.click('button[value="add:td.0"]');
    await dept.waitForLoadState();
    assert.equal(await dept.locator('textarea[name="td.0.steps"]').count(), 7);
    assert.equal(await dept.inputValue("#reason"), "县应急管理局共同牵头");
    await dept.fill("#leads-1", "县应急管理局");
    await dept.screenshot({ path: "/tmp/lvzhi-h12a-form-1366.png", fullPage: true });
    await dept.click('main form[action="/adjust"] button:not(.implicit-submit):text-is("提交建议")');
    await dept.waitForURL(/\/adjust#proposal-\d+$/);

    const admin = await signIn("bianban");
    await admin.goto(`${served.url}/adjust`);
    const card = admin.locator("article.proposal").first();
    const text = await card.innerText();
    assert.match(text, /牵头部门/);
    assert.doesNotMatch(text, /删除了/);
    assert.match(text, /县应急管理局/);
    assert.ok((await card.locator("ins").count()) > 0);
    await admin.screenshot({ path: "/tmp/lvzhi-h12a-queue-1366.png", fullPage: true });
    await card.locator("text=采纳，列入草稿").click();
    await admin.waitForURL(/\/drafts\//);
    draftUrl = admin.url();
    // A draft: publishing is not offered yet, the page says why.
    assert.match(await admin.locator("main").innerText(), /须先发起征求意见/);
    assert.equal(await admin.locator('form[action$="/publish"]').count(), 0);
    await admin.click("text=发起第 1 轮征求意见");
    await admin.waitForURL(draftUrl);
    await admin.click("text=发布本版清单");
    await admin.waitForURL(/\/diff\//);
    const diff = await admin.locator("main").innerText();
    assert.match(diff, /内容修改（1）/);
    assert.doesNotMatch(diff, /删除了/);
    await admin.screenshot({ path: "/tmp/lvzhi-h12a-diff-1366.png", fullPage: true });

    const item = await admin.request.get(
      `${served.url}/api/v1/t/${encodeURIComponent("策勒乡")}/cooperative/86`,
    );
    const published = ((await item.json()) as { item: CooperativeItem }).item;
    assert.deepEqual(published.leadDepartments, ["县水利局", "县应急管理局"]);
    assert.deepEqual(
      published.departmentDuties.flatMap((b) => b.steps),
      original.departmentDuties[0]!.steps,
    );
    assert.deepEqual(published.townshipDuties, original.townshipDuties);
  });

  test("admission: file with the form, decide per township, dispute", async () => {
    const dept = await signIn("shuili");
    await dept.goto(`${served.url}/admission`);
    await dept.fill("textarea[name=task]", TASKS.basic);
    await dept.fill("textarea[name=reason]", "县里安排");
    await dept.fill("input[name=basis]", "县水利〔2025〕3号");
    await dept.check("input[name=townships][value=策勒乡]");
    await dept.click("text=提交并核验");
    await dept.waitForURL(/\/admission\/\d+$/);
    admissionUrl = dept.url();
    assert.match(await dept.locator("main").innerText(), /清单内事项（无需准入）/);
    await dept.fill("textarea[name=reason]", "是县里的专项工作，不是三会一课");
    await dept.click("text=提出异议");
    await dept.waitForURL(admissionUrl);
    assert.match(await dept.locator("main").innerText(), /有异议，待审核/);
    const admin = await signIn("bianban");
    await admin.goto(`${served.url}/admission`);
    assert.match(await admin.locator("main").innerText(), /部门异议：是县里的专项工作/);
  });

  const pages = () => [
    ["shuili", "/adjust"],
    ["shuili", `/adjust/new?township=${encodeURIComponent("策勒乡")}&kind=change&list=cooperative&number=86`],
    ["shuili", "/admission"],
    ["shuili", new URL(admissionUrl).pathname],
    ["bianban", "/adjust"],
    ["bianban", new URL(draftUrl).pathname],
    ["bianban", `/diff/${encodeURIComponent("策勒乡")}`],
    ["bianban", "/admission"],
    ["bianban", new URL(admissionUrl).pathname],
    ["cele", "/admission/township"],
    ["cele", `/t/${encodeURIComponent("策勒乡")}`],
  ];

  for (const width of WIDTHS) {
    test(`the workflow and admission pages fit ${width} px without sideways scroll`, async () => {
      const signedIn = new Map<string, Page>();
      for (const [who, path] of pages()) {
        if (!signedIn.has(who!)) signedIn.set(who!, await signIn(who!, width));
        const page = signedIn.get(who!)!;
        const res = await page.goto(`${served.url}${path}`);
        assert.equal(res?.status(), 200, `${who} ${path}`);
        const name = path!.replace(/[^a-z0-9]+/gi, "-").slice(0, 40);
        await page.screenshot({ path: `/tmp/lvzhi-h12a-${width}-${who}${name}.png`, fullPage: true });
        await fits(page, `${who} ${path}`);
      }
    });
  }
});
