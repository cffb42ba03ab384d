/**
 * The workflow forms in headless Chromium at 1366 px and 390 px, as a department user and a township clerk
 * reach them: a tick box sits before its words, not stretched to a text field's width on a line of its own.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Page } from "playwright-core";
import { openStore, type SqlDutyStore } from "../../src/store/index.ts";
import { createApp } from "../../src/web/app.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { servedWithBrowser, skipWithoutChromium } from "../support/browser.ts";
import { bundledDraft } from "../workflow/helpers.ts";
import { signedIn } from "./sign-in.ts";

type Cookies = { name: string; value: string }[];

/** Each tick box of the page: its width, and whether its words start on its line (not below it). */
function tickBoxes(page: Page): Promise<{ words: string; width: number; sameLine: boolean }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement>("main input[type=checkbox]")].map((box) => {
      const label = box.closest("label")!;
      const range = document.createRange();
      range.selectNodeContents(label);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      const b = box.getBoundingClientRect();
      const words = rects.at(-1)!;
      return {
        words: (label.textContent ?? "").trim(),
        width: b.width,
        sameLine: Math.abs(words.top + words.height / 2 - (b.top + b.height / 2)) < b.height,
      };
    }),
  );
}

describe("workflow forms in a browser", { skip: skipWithoutChromium }, () => {
  let store: SqlDutyStore;
  let served: Awaited<ReturnType<typeof servedWithBrowser>>;
  let department: Cookies;
  let clerk: Cookies;

  before(async () => {
    store = await openStore({ path: ":memory:" });
    await importEdition(store, await bundledDraft(), "test", { status: "published" });
    const app = createApp({ store });
    const cookies = async (input: Parameters<typeof signedIn>[2]) =>
      [...(await signedIn(app, store, input)).cookies].map(([name, value]) => ({ name, value }));
    department = await cookies({ name: "shuili", role: "department", department: "县水利局" });
    clerk = await cookies({ name: "cele", role: "township", township: "策勒乡" });
    served = await servedWithBrowser({ store, app });
  });
  after(() => served?.close());

  async function open(width: number, cookies: Cookies, path: string): Promise<Page> {
    const ctx = await served.browser.newContext({ viewport: { width, height: 900 } });
    await ctx.addCookies(cookies.map((c) => ({ ...c, url: served.url })));
    const page = await ctx.newPage();
    await page.goto(`${served.url}${path}`);
    return page;
  }

  test("tick boxes sit before their words: 涉及乡镇 on the admission form, 个性事项 on a proposal", async () => {
    for (const width of [1366, 390]) {
      for (const [cookies, path, count] of [
        [department, "/admission", 1],
        [clerk, `/adjust/new?township=${encodeURIComponent("策勒乡")}&kind=add&list=basic`, 1],
        [clerk, `/adjust/new?township=${encodeURIComponent("策勒乡")}&kind=add&list=reclaimed`, 2],
      ] as const) {
        const page = await open(width, cookies, path);
        const boxes = await tickBoxes(page);
        assert.equal(boxes.length, count, `${path}: tick boxes`);
        for (const box of boxes) {
          assert.ok(box.width < 30, `${path} at ${width} px: “${box.words}” box is ${box.width} px wide`);
          assert.ok(box.sameLine, `${path} at ${width} px: “${box.words}” starts beside its box`);
        }
        await page.screenshot({ path: `/tmp/lvzhi-forms-${width}-${count}.png`, fullPage: true });
        await page.context().close();
      }
    }
  });
});
