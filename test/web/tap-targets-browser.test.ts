/**
 * Header and navigation links are tap targets at least 24 px tall on a 390 px phone (WCAG 2.2, 2.5.8 target
 * size): the site header's brand, links, 登录 and 退出, the crumbs, the list tabs and a signed-in user's work
 * links; the anonymous check page's 保存 box (its label). At 1366 px the header stays one row.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Page } from "playwright-core";
import { openStore, type SqlDutyStore } from "../../src/store/index.ts";
import { createApp } from "../../src/web/app.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { servedWithBrowser, skipWithoutChromium } from "../support/browser.ts";
import { bundledDraft } from "../workflow/helpers.ts";
import { CELE } from "./fixtures.ts";
import { signedIn } from "./sign-in.ts";

type Cookies = { name: string; value: string }[];
const T = encodeURIComponent(CELE);

/** The links and buttons of the header and the navigation bars (crumbs, tabs, the work links), each with its box. */
const TARGETS = "header.site a, header.site button, nav a";

function boxes(page: Page) {
  return page.$$eval(TARGETS, (els) =>
    els
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { text: (el.textContent ?? "").trim(), width: r.width, height: r.height, top: r.top };
      })
      .filter((b) => b.width > 0),
  );
}

describe("tap targets in the header and navigation", { skip: skipWithoutChromium }, () => {
  let store: SqlDutyStore;
  let served: Awaited<ReturnType<typeof servedWithBrowser>>;
  let clerk: Cookies;

  before(async () => {
    store = await openStore({ path: ":memory:" });
    await importEdition(store, await bundledDraft(), "test", { status: "published" });
    const app = createApp({ store });
    const client = await signedIn(app, store, { name: "cele", role: "township", township: CELE });
    clerk = [...client.cookies].map(([name, value]) => ({ name, value }));
    served = await servedWithBrowser({ store, app });
  });
  after(() => served?.close());

  async function open(width: number, path: string, cookies: Cookies = []): Promise<Page> {
    const ctx = await served.browser.newContext({ viewport: { width, height: 844 } });
    if (cookies.length) await ctx.addCookies(cookies.map((c) => ({ ...c, url: served.url })));
    const page = await ctx.newPage();
    await page.goto(`${served.url}${path}`);
    return page;
  }

  test("at 390 px every header and nav link is at least 24 px tall, signed out and signed in", async () => {
    for (const [path, cookies] of [
      ["/", []],
      [`/t/${T}`, []],
      [`/t/${T}/basic/1`, []],
      ["/adjust", clerk],
    ] as [string, Cookies][]) {
      const page = await open(390, path, cookies);
      const found = await boxes(page);
      assert.ok(found.length >= 6, `${path}: ${found.length} targets`);
      const small = found.filter((b) => b.height < 24);
      assert.deepEqual(small, [], `${path}: targets under 24 px`);
      // Nothing scrolls sideways.
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 390, `${path}: ${wide} px wide`);
      await page.context().close();
    }
  });

  test("at 390 px the anonymous check page's 保存 box is a target at least 24 px tall, ticked by its label", async () => {
    const page = await open(390, `/t/${T}/check`);
    const label = await page.$eval("label.save-choice", (el) => el.getBoundingClientRect().height);
    assert.ok(label >= 24, `the 保存 label is ${label} px tall`);
    const box = await page.$eval("label.save-choice input", (el) => el.getBoundingClientRect());
    assert.ok(box.width >= 16 && box.height >= 16, `the box is ${box.width}×${box.height} px`);
    await page.click("label.save-choice", { position: { x: 200, y: 10 } });
    assert.equal(await page.isChecked("label.save-choice input"), true, "a tap on the label ticks the box");
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 390, `${wide} px wide`);
    await page.context().close();
  });

  test("at 1366 px the header is still one row: brand, links and 登录 on the same line", async () => {
    const page = await open(1366, "/");
    const header = await page.$$eval("header.site a", (els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { text: (el.textContent ?? "").trim(), middle: r.top + r.height / 2 };
      }),
    );
    const middles = header.map((h) => h.middle);
    assert.ok(Math.max(...middles) - Math.min(...middles) < 6, JSON.stringify(header));
    const height = await page.$eval("header.site", (el) => el.getBoundingClientRect().height);
    assert.ok(height < 60, `header ${height} px tall`);
    await page.context().close();
  });
});
