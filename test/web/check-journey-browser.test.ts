/**
 * Headless Chromium (Debian's): a clerk's way through 任务核验 by links only — home, the header's 任务核验,
 * the township picker, paste a notice, result cards, save, permalink, print view — the permalink's access
 * rule for another township's user, and every public page at phone width (390 px) without sideways scroll.
 * LVZHI_SCREENSHOTS=DIR keeps screenshots of each page at 390 and 1366 px.
 */
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { importBundledIfEmpty } from "../../src/cli/commands/serve.ts";
import { openStore, type SqlDutyStore } from "../../src/store/index.ts";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import { POLICIES } from "../../src/workflow/passwords.ts";
import { addUser, changePassword, type UserInput } from "../../src/workflow/users.ts";
import { type ServedBrowser, servedWithBrowser, skipWithoutChromium } from "../support/browser.ts";
import { CELE, hostileDraft } from "./fixtures.ts";
import { PASSWORD } from "./sign-in.ts";

const NOTICE =
  "各乡镇：\n为做好安全工作，现将有关事项通知如下：\n一、请乡政府对辖区烟花爆竹经营点开展安全监管。\n" +
  "二、请乡镇组建护林员队伍，做好森林草原防灭火工作。\n三、协助县剧院推销新剧门票。\n特此通知。";
const SHOTS = process.env.LVZHI_SCREENSHOTS;

describe("任务核验 in a browser: links only, save, permalink, print, phones", {
  skip: skipWithoutChromium,
}, () => {
  let served: ServedBrowser;
  let store: SqlDutyStore;
  let browser: Browser;
  let url: string;
  before(async () => {
    const lists = await openStore({ path: ":memory:" });
    await importBundledIfEmpty(lists);
    await lists.saveEdition(hostileDraft(), { status: "published" });
    served = await servedWithBrowser({ store: lists });
    ({ store, browser, url } = served);
  });
  after(() => served?.close());

  async function user(input: UserInput): Promise<void> {
    const db = workflowDb(store.db);
    const { id, password } = await addUser(db, input, "test");
    await changePassword(db, id, password, PASSWORD, POLICIES.dengbao);
  }

  async function signIn(page: Page, name: string): Promise<void> {
    await page.goto(`${url}/login`);
    await page.fill("input[name=name]", name);
    await page.fill("input[name=password]", PASSWORD);
    await page.click("form button[type=submit]");
    await page.waitForLoadState();
  }

  async function shoot(page: Page, name: string): Promise<void> {
    if (!SHOTS) return;
    mkdirSync(SHOTS, { recursive: true });
    const { width, height } = await page.evaluate(() => ({
      width: document.documentElement.scrollWidth,
      height: document.documentElement.scrollHeight,
    }));
    const clip = { x: 0, y: 0, width, height: Math.min(height, 2400) };
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true, clip });
  }

  test("home → 任务核验 → township → paste → cards → save → permalink → print view, by links only", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${url}/`);
    await page.click("header.site nav a:text-is('任务核验')");
    await page.waitForURL(/\/check$/);
    await page.selectOption("#pick-township", CELE);
    await page.click("form.picker button[type=submit]");
    await page.waitForURL(/\/t\/%E7%AD%96%E5%8B%92%E4%B9%A1\/check$/);
    await page.fill("#check-text", NOTICE);
    await page.check("input[name=save]");
    await page.click("button[value=page]");
    await page.waitForSelector("article.card");
    await shoot(page, "check-1366");
    assert.deepEqual(await page.locator("article.card .badge").allTextContents(), [
      "上级部门收回事项",
      "配合履职事项",
      "清单外事项（需职责准入）",
    ]);
    const cite = await page.locator("article.verdict-reclaimed blockquote.cite").textContent();
    assert.equal(cite, "根据《策勒乡履职事项清单》上级部门收回事项第 36 项，该事项已由 县应急管理局 承接。");
    assert.equal(await page.locator("article.verdict-cooperative ol.steps li").count(), 4, "all four steps");
    const marked = await page.locator("article.verdict-cooperative li.touched").allTextContents();
    assert.ok(
      marked.some((t) => t.includes("护林员")),
      "the 护林员 step is marked",
    );
    const touched = await page
      .locator("article.verdict-cooperative li.touched")
      .first()
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(touched, "rgba(0, 0, 0, 0)", "the touched step is highlighted");
    await page.click(".saved a[href^='/checks/']");
    await page.waitForURL(/\/checks\/[0-9a-f]{32}$/);
    const permalink = page.url();
    assert.equal(await page.locator("article.card").count(), 3);
    await page.click("a:text-is('打印视图')");
    await page.waitForURL(/\/print$/);
    assert.equal(await page.locator("h1").textContent(), "任务核验单");
    assert.match(
      (await page.locator("table.sheet-head").textContent()) ?? "",
      /策勒县策勒乡[\s\S]*2025-07 版/,
    );
    const pdf = Buffer.from(await page.pdf({ preferCSSPageSize: true })).toString("latin1");
    const box = /MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf);
    assert.ok(box && Number(box[1]) < Number(box[2]), "the 核验单 prints on A4 portrait");
    assert.ok(Math.abs(Number(box[1]) - 595) < 2, "A4 width, 595 pt");
    await page.emulateMedia({ media: "print" });
    const seal = await page.locator(".seal").isVisible();
    assert.ok(seal, "the 签章 area prints");
    assert.deepEqual(errors, []);
    // The anonymous check is readable by whoever holds its link.
    const other = await browser.newContext();
    const stranger = await other.newPage();
    assert.equal((await stranger.goto(permalink))?.status(), 200);
    await other.close();
    await page.close();
  });

  test("a township user's saved check: 403 for another township's user", async () => {
    await user({ name: "cele-b", role: "township", township: CELE });
    await user({ name: "ceshi-b", role: "township", township: "测试乡" });
    const mine = await browser.newContext();
    const page = await mine.newPage();
    await signIn(page, "cele-b");
    await page.click("header.site nav a:text-is('任务核验')");
    await page.waitForSelector("form.picker");
    await page.click(`details.county-pick a:text-is('${CELE}')`);
    await page.fill("#check-text", "请乡政府对辖区烟花爆竹经营点开展安全监管。");
    await page.click("button[value=page]");
    const link = await page.locator(".saved a[href^='/checks/']").first().getAttribute("href");
    assert.match(link ?? "", /^\/checks\/[0-9a-f]{32}$/);
    await page.goto(`${url}/checks`);
    assert.equal(await page.locator(`a[href='${link}']`).count(), 1, "in the author's history");
    await mine.close();
    const theirs = await browser.newContext();
    const other = await theirs.newPage();
    await signIn(other, "ceshi-b");
    const res = await other.goto(`${url}${link}`);
    assert.equal(res?.status(), 403);
    assert.match((await other.locator("main").textContent()) ?? "", /无权查看该核验单/);
    await theirs.close();
  });

  test("no public page scrolls sideways at 390 px", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    const T = encodeURIComponent(CELE);
    const K = encodeURIComponent("策勒县");
    const pages = [
      "/",
      "/check",
      `/t/${T}`,
      `/t/${T}?list=cooperative`,
      `/t/${T}?list=reclaimed`,
      `/t/${T}?q=${encodeURIComponent("防汛")}`,
      `/t/${T}/cooperative/88`,
      `/t/${T}/reclaimed/36`,
      `/t/${T}/basic/1`,
      `/t/${T}/check`,
      "/departments",
      `/departments/${encodeURIComponent("县应急管理局")}`,
      "/c",
      `/c/${K}`,
      `/c/${K}/check`,
      "/login",
      "/no-such-page",
    ];
    const wide: string[] = [];
    const measure = async (name: string) => {
      const { doc, view } = await page.evaluate(() => ({
        doc: document.documentElement.scrollWidth,
        view: window.innerWidth,
      }));
      if (doc > view) wide.push(`${name}: ${doc} > ${view}`);
    };
    for (const path of pages) {
      await page.goto(`${url}${path}`);
      await measure(path);
      await shoot(page, `390${path.replace(/[^\w]+/g, "_")}`);
    }
    await page.goto(`${url}/t/${T}/check`);
    await page.fill("#check-text", NOTICE);
    await page.check("input[name=save]");
    await page.click("button[value=page]");
    await page.waitForSelector("article.card");
    await measure("check results");
    await shoot(page, "390_check_results");
    const saved = await page.locator(".saved a[href^='/checks/']").first().getAttribute("href");
    for (const path of [saved!, `${saved}/print`]) {
      await page.goto(`${url}${path}`);
      await measure(path);
      await shoot(page, `390${path.replace(/[^\w]+/g, "_")}`);
    }
    await page.goto(`${url}/c/${K}/check`);
    await page.fill("#county-check-text", NOTICE);
    await page.click("form.check-form button[type=submit]");
    await page.waitForSelector("table.county-check");
    await measure("county check results");
    await shoot(page, "390_county_check_results");
    // Facets fold away on a phone (details closed by fold.js).
    await page.goto(`${url}/t/${T}`);
    assert.equal(await page.locator("details.facets-fold").getAttribute("open"), null, "facets folded");
    assert.deepEqual(wide, [], "pages wider than the phone");
    await context.close();
  });
});
