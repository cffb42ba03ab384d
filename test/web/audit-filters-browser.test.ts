/**
 * The audit log's filters for an admin on a 390 px phone: the pickers (操作人, 操作, 对象, the dates, 编号)
 * are tap targets at least 24 px tall (WCAG 2.2, 2.5.8), and the 对象 picker names precedents as the rest of
 * the site does (先例), never 判例.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { servedWithBrowser, skipWithoutChromium } from "../support/browser.ts";
import { signedInAdmin } from "./sign-in.ts";

describe("the audit log's filters on a phone", { skip: skipWithoutChromium }, () => {
  let served: Awaited<ReturnType<typeof servedWithBrowser>>;
  let cookies: ReadonlyMap<string, string>;

  before(async () => {
    served = await servedWithBrowser();
    ({
      client: { cookies },
    } = await signedInAdmin(served.app, served.store));
  });
  after(() => served?.close());

  test("at 390 px every filter control is at least 24 px tall; precedents are 先例", async () => {
    const page = await served.page({ viewport: { width: 390, height: 844 }, cookies });
    try {
      await page.goto(`${served.url}/admin/audit`);
      const controls = await page.$$eval(
        "form.filters select, form.filters input:not([type=hidden]), form.filters button",
        (els) =>
          els.map((el) => {
            const r = el.getBoundingClientRect();
            return { what: `${el.tagName} ${el.getAttribute("name") ?? ""}`, height: r.height };
          }),
      );
      assert.ok(controls.length >= 5, JSON.stringify(controls));
      assert.deepEqual(
        controls.filter((c) => c.height < 24),
        [],
        "controls under 24 px",
      );
      const kinds = await page.locator("select[name=kind] option").allInnerTexts();
      assert.ok(kinds.includes("先例"), kinds.join(" "));
      assert.ok(!kinds.includes("判例"), kinds.join(" "));
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 390, `${wide} px wide`);
    } finally {
      await page.context().close();
    }
  });
});
