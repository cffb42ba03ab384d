/** Headless Chromium (Debian's, never downloaded): search on the township page and follow a result. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { servedWithBrowser, skipWithoutChromium } from "../support/browser.ts";
import { CELE } from "./fixtures.ts";

describe("browser", { skip: skipWithoutChromium }, () => {
  let served: Awaited<ReturnType<typeof servedWithBrowser>>;
  before(async () => {
    served = await servedWithBrowser();
  });
  after(() => served?.close());

  test("search as you type, switch to the list with matches, follow a result to its item page", async () => {
    const page = await served.browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${served.url}/t/${encodeURIComponent(CELE)}`);
    assert.equal(await page.locator("table.official tbody tr").count(), 116);

    // Typing replaces the results in place (no submit) and updates the address.
    await page.locator("#q").pressSequentially("石榴", { delay: 30 });
    await page.waitForFunction(() => document.querySelectorAll("table.official tbody tr").length < 116);
    assert.ok((await page.locator("table.official mark").count()) > 0, "matches are marked");
    await page.waitForURL(/q=%E7%9F%B3%E6%A6%B4/);

    // Pinyin initials: nothing in the basic list, a link to the cooperative list that has it.
    await page.locator("#q").fill("fxkh");
    await page.locator("#q").press("Enter");
    await page.waitForURL(/q=fxkh/);
    await page.locator("p.empty a", { hasText: "配合履职事项" }).click();
    await page.waitForURL(/list=cooperative/);
    const result = page.locator("table.official td.name a").first();
    assert.equal(await result.locator("mark").textContent(), "防汛、抗旱");

    await result.click();
    await page.waitForURL(/\/cooperative\/\d+/);
    assert.match((await page.locator("h1").textContent()) ?? "", /防汛、抗旱/);
    assert.equal(await page.locator("table.sides thead th").count(), 2);
    assert.deepEqual(errors, [], "no script errors");
    await page.close();
  });

  test("without JavaScript the search form, tabs and facets work as plain links and GET", async () => {
    const context = await served.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${served.url}/t/${encodeURIComponent(CELE)}?list=reclaimed`);
    await page.locator("#q").fill("水库");
    await page.locator("form.search button").click();
    await page.waitForURL(/list=reclaimed&q=/);
    assert.ok((await page.locator("table.official tbody tr").count()) >= 1);
    await page.locator("aside.facets a").first().click();
    await page.waitForURL(/(category|department)=/);
    assert.equal(await page.locator("a.chip").count(), 1, "the chosen facet is shown as removable");
    await page.locator("table.official td.name a").first().click();
    await page.waitForURL(/\/reclaimed\/\d+/);
    assert.match((await page.locator("h1").textContent()) ?? "", /水库/);
    await context.close();
  });

  test("printing uses A4 landscape with the header row repeated", async () => {
    const page = await served.browser.newPage();
    await page.goto(`${served.url}/t/${encodeURIComponent(CELE)}?list=cooperative`);
    await page.emulateMedia({ media: "print" });
    assert.equal(
      await page
        .locator("thead")
        .first()
        .evaluate((el) => getComputedStyle(el).display),
      "table-header-group",
    );
    assert.equal(await page.locator("form.search").evaluate((el) => getComputedStyle(el).display), "none");
    assert.equal(
      await page.locator("h2.print-title").evaluate((el) => getComputedStyle(el).display),
      "block",
    );
    const pdf = await page.pdf({ preferCSSPageSize: true });
    assert.ok(pdf.length > 10_000);
    // A4 landscape: 842 × 595 points.
    assert.ok(
      /\/MediaBox \[0 0 84[12]\.\d+ 59[45]\.\d+\]/.test(pdf.toString("latin1")),
      "A4 landscape pages",
    );
    await page.close();
  });
});
