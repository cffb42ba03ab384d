/**
 * Issue 10 rows 3 and 4 in headless Chromium at 1366 px and 390 px: a township clerk picks a candidate of a
 * 待人工确认 answer with one click (选此项); an admin reaches 先例 from the home page by links, finds the
 * precedent among the active ones, filters and withdraws it (撤销). Neither page scrolls sideways.
 * Screenshots go to /tmp/lvzhi-precedents-*.png for a look.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import { openStore, type SqlDutyStore } from "../../src/store/index.ts";
import { precedentById } from "../../src/store/precedents.ts";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import { createApp } from "../../src/web/app.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { recordCheckDecision, storePrecedents } from "../../src/workflow/precedents.ts";
import { addUser, principalOf } from "../../src/workflow/users.ts";
import { servedWithBrowser, skipWithoutChromium } from "../support/browser.ts";
import { bundledDraft } from "../workflow/helpers.ts";
import { signedIn, signedInAdmin } from "./sign-in.ts";

/** Answered 基本履职事项第34项 below the review threshold, with other candidates. */
const TASK = "请督促辖区开锁店到派出所登记备案。";
const CHECK = `/t/${encodeURIComponent("策勒乡")}/check`;

/** How far the page reaches past the window's right edge (0 when it does not scroll sideways). */
function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe("precedents in a browser: 选此项 on the check page, 先例 for admins", {
  skip: skipWithoutChromium,
}, () => {
  let store: SqlDutyStore;
  let served: Awaited<ReturnType<typeof servedWithBrowser>>;
  let admin: { name: string; value: string }[];
  let clerk: { name: string; value: string }[];

  before(async () => {
    store = await openStore({ path: ":memory:" });
    await importEdition(store, await bundledDraft(), "test", { status: "published" });
    const app = createApp({ store });
    admin = [...(await signedInAdmin(app, store)).client.cookies].map(([name, value]) => ({ name, value }));
    const cele = await signedIn(app, store, { name: "cele", role: "township", township: "策勒乡" });
    clerk = [...cele.cookies].map(([name, value]) => ({ name, value }));
    // A few older precedents, as a county's page would hold them.
    const db = workflowDb(store.db);
    const edition = (await store.getEdition("策勒乡"))!;
    const { id } = await addUser(db, { name: "shenhe", role: "admin" }, "test");
    const first = await recordCheckDecision(
      db,
      (await principalOf(db, id))!,
      edition,
      { text: "请各乡镇派人到县城帮县委招待所打扫客房", verdict: "unlisted", list: null, number: null },
      "correction",
      new Date("2026-03-02T03:04:00Z"),
    );
    const { countyId } = (await precedentById(store.db, first))!;
    await storePrecedents(db, "shenhe", [
      {
        countyId,
        text: "请各乡镇组织人员参加县里的广场舞比赛并负责服装采购，费用自理。".repeat(4),
        verdict: "unlisted",
        item: null,
        source: "admission",
        decidedBy: "shenhe",
        decidedAt: "2026-02-01T08:00:00Z",
      },
    ]);
    // One set aside: decided as basic 31, which a later edition removes.
    await recordCheckDecision(
      db,
      (await principalOf(db, id))!,
      edition,
      { text: "组织网格员对辖区独居老人逐户走访，登记困难情况", verdict: "basic", list: "basic", number: 31 },
      "correction",
    );
    const next = await bundledDraft();
    next.date = "2026-01";
    next.items = next.items.filter((i) => !(i.list === "basic" && i.number === 31));
    await importEdition(store, next, "test", { status: "published" });
    served = await servedWithBrowser({ store, app });
  });
  after(() => served?.close());

  async function context(width: number, cookies: typeof admin): Promise<BrowserContext> {
    const ctx = await served.browser.newContext({ viewport: { width, height: 900 } });
    await ctx.addCookies(cookies.map((c) => ({ ...c, url: served.url })));
    return ctx;
  }

  test("a township clerk picks a candidate with one click, at 1366 px and at 390 px", async () => {
    for (const width of [1366, 390]) {
      const ctx = await context(width, clerk);
      const page = await ctx.newPage();
      await page.goto(`${served.url}${CHECK}`);
      await page.fill("#check-text", TASK);
      await page.click("button[value=page]");
      await page.waitForSelector("article.card");
      const picks = page.locator("article.card .candidates form.pick button");
      assert.equal(await picks.count(), 3, "选此项 beside each of the three candidates");
      for (let i = 0; i < 3; i++) {
        const box = (await picks.nth(i).boundingBox())!;
        assert.ok(box.x >= 0 && box.x + box.width <= width, `选此项 ${i + 1} fits in ${width} px`);
        assert.ok(box.height >= 20, "big enough to press");
      }
      assert.equal(await overflow(page), 0, `the check page scrolls sideways at ${width} px`);
      await page.locator("article.card .candidates").scrollIntoViewIfNeeded();
      await page.screenshot({ path: `/tmp/lvzhi-precedents-check-${width}.png`, fullPage: true });
      if (width === 390) {
        const second = page.locator("article.card .candidates li").nth(1);
        const label = (await second.locator("a").textContent()) ?? "";
        await second.locator("form.pick button").click();
        await page.waitForSelector("p.notice");
        assert.match((await page.locator("p.notice").first().textContent()) ?? "", /已纠正并记录为先例/);
        // The page opens at the task's card, which repeats the note (a long notice would hide the top).
        assert.match(page.url(), /\/check\/decision\?check=[0-9a-f]{32}&precedent=\d+#task-1$/);
        const card = (await page.locator("#task-1").boundingBox())!;
        const viewport = page.viewportSize()!;
        assert.ok(card.y >= -1 && card.y < viewport.height, `the card is in view (y ${card.y})`);
        assert.match((await page.locator("#task-1 p.card-note").textContent()) ?? "", /已纠正并记录为先例/);
        // The same task checked again is now answered by the precedent: that candidate, confidently.
        assert.equal(await page.locator("article.card p.matched a").textContent(), label);
        assert.equal(await page.locator("article.card .review").count(), 0);
        await page.screenshot({ path: `/tmp/lvzhi-precedents-picked-${width}.png`, fullPage: true });
      }
      await ctx.close();
    }
  });

  test("an admin reaches 先例 from the home page by links, filters the active ones and withdraws one", async () => {
    for (const width of [1366, 390]) {
      const ctx = await context(width, admin);
      const page = await ctx.newPage();
      await page.goto(`${served.url}/`);
      await page.click("header.site nav a:text-is('工作台')");
      await page.waitForSelector("nav.userbar");
      await page.click("nav.userbar a:text-is('先例')");
      await page.waitForURL(/\/admin\/precedents$/);
      await page.waitForSelector("#active");
      const rows = page.locator("#active tbody tr");
      assert.equal(await rows.count(), 3);
      assert.equal(await page.locator("#set-aside section.precedent").count(), 1);
      assert.match((await page.locator("#set-aside").textContent()) ?? "", /独居老人.*已从清单中删除/s);
      // Newest first: the clerk's pick, then the correction, then the admission decision.
      assert.match((await rows.nth(0).textContent()) ?? "", /开锁店.*基本履职事项第\d+项.*cele.*核验纠正/);
      assert.match((await rows.nth(1).textContent()) ?? "", /招待所.*清单外事项.*shenhe.*核验纠正/);
      assert.match((await rows.nth(2).textContent()) ?? "", /广场舞.*准入审核/);
      assert.equal(
        await rows.first().evaluate((el) => getComputedStyle(el).display),
        width === 390 ? "block" : "table-row",
        "one card per precedent on a phone",
      );
      assert.equal(await overflow(page), 0, `the precedents page scrolls sideways at ${width} px`);
      await page.screenshot({ path: `/tmp/lvzhi-precedents-page-${width}.png`, fullPage: true });
      await ctx.close();
    }
    const ctx = await context(390, admin);
    const page = await ctx.newPage();
    await page.goto(`${served.url}/admin/precedents`);
    await page.fill("#precedent-q", "招待所");
    await page.click("form.search button");
    await page.waitForURL(/q=/);
    const rows = page.locator("#active tbody tr");
    assert.equal(await rows.count(), 1);
    await rows.first().locator("a:text-is('撤销…')").click();
    await page.waitForSelector("h1:has-text('号先例？')");
    assert.equal(await overflow(page), 0, "the confirmation scrolls sideways at 390 px");
    await page.screenshot({ path: "/tmp/lvzhi-precedents-confirm-390.png", fullPage: true });
    await page.locator("button:text-is('确认撤销')").click();
    await page.waitForSelector(".notice, .ok");
    assert.match(
      page.url(),
      /\/admin\/precedents\?q=[^#]*&done=withdrawn&id=\d+$/,
      "redirected: a reload posts nothing",
    );
    assert.match((await page.locator("main").textContent()) ?? "", /号先例已撤销/);
    assert.equal(await page.locator("#active tbody tr").count(), 0);
    assert.equal(await page.inputValue("#precedent-q"), "招待所", "the filter is kept");
    await page.screenshot({ path: "/tmp/lvzhi-precedents-withdrawn-390.png", fullPage: true });
    await ctx.close();
  });
});
