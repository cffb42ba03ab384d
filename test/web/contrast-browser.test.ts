/**
 * Text contrast in headless Chromium: every piece of text on the public pages a township clerk reads on a
 * phone (the lists with their tab and facet counts, an item, the county page) reaches WCAG AA, 4.5 : 1.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type ServedBrowser, servedWithBrowser, skipWithoutChromium } from "../support/browser.ts";
import { CELE } from "./fixtures.ts";

const T = encodeURIComponent(CELE);

/**
 * The page's text below 4.5 : 1 against the first opaque background behind it, as a script (a function
 * passed to the page would carry the test compiler's helpers, which the page does not have).
 */
const LOW_CONTRAST = `(() => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || ["0", "0", "0"]).map(Number);
  const lin = (v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
  const lum = (c) => 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
  const background = (from) => {
    for (let el = from; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0.5) return c;
    }
    return [255, 255, 255];
  };
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const el = t.parentElement;
    if (!t.nodeValue.trim() || el.getBoundingClientRect().width === 0) continue;
    const a = lum(rgb(getComputedStyle(el).color));
    const b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) found.push(ratio.toFixed(2) + " " + el.tagName + "." + el.className + " “" + t.nodeValue.trim() + "”");
  }
  return found;
})()`;

describe("text contrast", { skip: skipWithoutChromium }, () => {
  let served: ServedBrowser;

  before(async () => {
    served = await servedWithBrowser();
  });
  after(() => served?.close());

  test("no text below 4.5 : 1 on the lists, an item and the county page, at 390 px", async () => {
    const page = await served.page({ viewport: { width: 390, height: 844 } });
    const county = encodeURIComponent("策勒县");
    for (const path of [
      `/t/${T}`,
      `/t/${T}?list=cooperative&q=fxkh`,
      `/t/${T}/cooperative/88`,
      `/c/${county}`,
    ]) {
      await page.goto(`${served.url}${path}`);
      const low = (await page.evaluate(LOW_CONTRAST)) as string[];
      assert.deepEqual(low, [], `${path}: text below 4.5 : 1`);
    }
    await page.context().close();
  });
});
