/**
 * Issue 12 rows 4–6 in headless Chromium at 1366 px and 390 px: the audit log, the admin's user form,
 * /c/策勒县 and a department page never scroll sideways; the county page's charts show without JavaScript.
 * Screenshots go to /tmp/lvzhi-issue12-*.png for a look.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import { openStore, type SqlDutyStore } from "../../src/store/index.ts";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import { createApp } from "../../src/web/app.ts";
import { appendAudit } from "../../src/workflow/audit.ts";
import { servedWithBrowser, skipWithoutChromium } from "../support/browser.ts";
import { celeCounty } from "./cele-county.ts";
import { signedInAdmin } from "./sign-in.ts";

const WIDTHS = [1366, 390] as const;
const enc = encodeURIComponent;
const PAGES = {
  audit: "/admin/audit",
  users: "/admin/users",
  county: `/c/${enc("策勒县")}`,
  department: `/departments/${enc("县水利局")}`,
};

/** How far the page reaches past the window's right edge (0 when it does not scroll sideways). */
function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe("issue 12 pages in a browser", { skip: skipWithoutChromium }, () => {
  let store: SqlDutyStore;
  let served: Awaited<ReturnType<typeof servedWithBrowser>>;
  let cookies: { name: string; value: string }[];

  before(async () => {
    store = await openStore({ path: ":memory:" });
    for (const draft of await celeCounty()) await store.saveEdition(draft);
    const app = createApp({ store });
    const { client } = await signedInAdmin(app, store);
    cookies = [...client.cookies].map(([name, value]) => ({ name, value }));
    const db = workflowDb(store.db);
    for (let i = 1; i <= 12; i++) {
      await appendAudit(db, {
        actor: "bianban",
        action: i % 2 ? "admission.approve" : "proposal.file",
        subject: i % 2 ? `admission:${i}` : `proposal:${i}`,
        before: i % 2 ? { status: "pending" } : undefined,
        after:
          i % 2
            ? {
                status: "approved",
                reason: "汛期临时加派的河道巡查任务，期限三个月".repeat(2),
                expiresAt: "2026-03-31",
              }
            : {
                kind: "change",
                township: "策勒乡",
                reason: "配合职责第三步与实际分工不符，建议改由县水利局牵头并补充巡查频次",
              },
      });
    }
    served = await servedWithBrowser({ store, app });
  });
  after(() => served?.close());

  async function context(width: number, javaScriptEnabled = true): Promise<BrowserContext> {
    const ctx = await served.browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled });
    await ctx.addCookies(cookies.map((c) => ({ ...c, url: served.url })));
    return ctx;
  }

  for (const width of WIDTHS) {
    test(`no page of issue 12 scrolls sideways at ${width} px`, async () => {
      const ctx = await context(width);
      const page = await ctx.newPage();
      for (const [name, path] of Object.entries(PAGES)) {
        const res = await page.goto(`${served.url}${path}`);
        assert.equal(res?.status(), 200, path);
        assert.equal(await overflow(page), 0, `${path} scrolls sideways at ${width} px`);
        // The signed-in user and 退出 are in the header of every page.
        assert.equal(await page.locator("header.site .viewer strong").textContent(), "bianban", path);
        assert.ok(await page.locator("header.site .viewer button").isVisible(), `${path}: 退出 visible`);
        await page.screenshot({
          path: `/tmp/lvzhi-issue12-${name}-${width}.png`,
          fullPage: name !== "county",
        });
      }
      await ctx.close();
    });
  }

  test("the audit log's rows are cards at 390 px and a table at 1366 px", async () => {
    for (const width of WIDTHS) {
      const ctx = await context(width);
      const page = await ctx.newPage();
      await page.goto(`${served.url}${PAGES.audit}`);
      const display = await page
        .locator("table.audit tbody tr")
        .first()
        .evaluate((el) => getComputedStyle(el).display);
      assert.equal(display, width === 390 ? "block" : "table-row");
      const label = await page.locator("table.audit td[data-label=操作]").first().textContent();
      assert.ok(label && /[\u4e00-\u9fff]/.test(label) && !/\./.test(label), `a sentence: ${label}`);
      await ctx.close();
    }
  });

  test("the county page's charts show without JavaScript, and its contents jump to each section", async () => {
    const ctx = await context(390, false);
    const page = await ctx.newPage();
    await page.goto(`${served.url}${PAGES.county}`);
    for (const id of ["chart-lists", "chart-departments"]) {
      const chart = page.locator(`#${id} svg[role=img]`);
      const box = await chart.boundingBox();
      assert.ok(box && box.width > 300 && box.height > 100, `${id} drawn: ${JSON.stringify(box)}`);
      assert.ok((await chart.locator("rect").count()) > 6, `${id} has bars`);
    }
    assert.equal(await page.locator(".chart:empty").count(), 0, "no empty chart boxes");
    await page.locator("nav.toc a[href='#reclaimed']").click();
    const top = await page.locator("h2#reclaimed").evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(Math.abs(top) < 5, `the section is at the top after the jump (${top})`);
    assert.equal(await overflow(page), 0);
    await page.screenshot({ path: "/tmp/lvzhi-issue12-county-nojs-390.png" });
    await ctx.close();
  });
});
