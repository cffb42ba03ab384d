/**
 * The decision controls on the check page, for a township user at 390 and 1366 px: 选此项 beside each
 * candidate, and the 结论 select, 事项序号, 确认 and 纠正 of each card, are tap targets at least 24 px tall
 * (WCAG 2.2, 2.5.8); and the saved check is linked by name, not by its 32-digit address.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { servedWithBrowser, skipWithoutChromium } from "../support/browser.ts";
import { signedIn } from "./sign-in.ts";

const CELE = encodeURIComponent("策勒乡");
/** Answered below the review threshold (as in check-candidate-pick): its card offers 选此项. */
const NOTICE = "一、请督促辖区开锁店到派出所登记备案。\n二、组织开展森林草原防火宣传，做好野外用火管理。";

describe("decision controls on the check page", { skip: skipWithoutChromium }, () => {
  let served: Awaited<ReturnType<typeof servedWithBrowser>>;
  let cookies: ReadonlyMap<string, string>;

  before(async () => {
    served = await servedWithBrowser();
    const client = await signedIn(served.app, served.store, {
      name: "cele-targets",
      role: "township",
      township: "策勒乡",
    });
    cookies = client.cookies;
  });
  after(() => served?.close());

  for (const width of [390, 1366]) {
    test(`at ${width} px every decision control is at least 24 px tall`, async () => {
      const page = await served.page({ viewport: { width, height: 844 }, cookies });
      try {
        await page.goto(`${served.url}/t/${CELE}/check`);
        await page.fill("main textarea", NOTICE);
        await page.locator("main form button[value=page]").first().click();
        await page.waitForSelector("article.card");
        const controls = await page.$$eval(
          "form.decision select, form.decision input:not([type=hidden]), form.decision button, form.pick button",
          (els) =>
            els.map((el) => {
              const r = el.getBoundingClientRect();
              return {
                what: `${el.tagName} ${(el.textContent ?? "").trim()}`,
                height: Math.round(r.height * 10) / 10,
              };
            }),
        );
        assert.ok(
          controls.some((c) => c.what.includes("选此项")),
          JSON.stringify(controls),
        );
        assert.ok(
          controls.some((c) => c.what.startsWith("SELECT")),
          JSON.stringify(controls),
        );
        assert.deepEqual(
          controls.filter((c) => c.height < 24),
          [],
          "controls under 24 px",
        );
        // The saved check is named, not shown as its address.
        const saved = await page.locator("div.saved p").first().innerText();
        assert.doesNotMatch(saved, /[0-9a-f]{32}/, saved);
        assert.match(saved, /已保存核验结果：/);
        assert.equal(await page.locator("div.saved p:first-child a[href^='/checks/']").count(), 1);
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(wide <= width, `${wide} px wide`);
      } finally {
        await page.context().close();
      }
    });
  }
});
