/**
 * 选此项 on the task sheet check, in headless Chromium with JavaScript turned off, at 1366 and 390 px: a
 * township user uploads a sheet, picks the second candidate of the row that needs review, and lands back on
 * the sheet's rows at that row, the note shown and the row answered with the picked item; the table never
 * scrolls sideways. Screenshots in /tmp (lvzhi-sheet-pick-*.png).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import { closeWorkPool } from "../../src/work/pool.ts";
import { listAudit } from "../../src/workflow/audit.ts";
import { sampleTasks, taskSheetXlsx } from "../data/file-fixtures.ts";
import { bundledEdition } from "../export/helpers.ts";
import { checkSheetInPage, servedWithBrowser, skipWithoutChromium } from "../support/browser.ts";
import { signedIn } from "./sign-in.ts";

process.env.LVZHI_READ_MS ??= "30000";
process.env.LVZHI_FILE_MS ??= "30000";
process.env.LVZHI_CHECK_MS ??= "30000";

const CELE = encodeURIComponent("策勒乡");
/** Answered 基本履职事项第34项 below the review threshold (as in check-candidate-pick). */
const TASK = "请督促辖区开锁店到派出所登记备案。";

describe("picking a candidate on the task sheet, without JavaScript", { skip: skipWithoutChromium }, () => {
  let sheet: Buffer;

  before(async () => {
    const tasks = sampleTasks(await bundledEdition()).slice(0, 8);
    // The task under review in the middle of the sheet: line 6 (a title row, a header, then rows from 3).
    sheet = await taskSheetXlsx([...tasks.slice(0, 3), TASK, ...tasks.slice(3)]);
  });
  after(() => closeWorkPool());

  for (const width of [1366, 390]) {
    test(`at ${width} px: the pick lands back on the sheet's rows, at the decided row`, async () => {
      // A store of its own: a pick at the other width would have answered the task already.
      const served = await servedWithBrowser();
      try {
        const client = await signedIn(served.app, served.store, {
          name: `cele-${width}`,
          role: "township",
          township: "策勒乡",
        });
        const context = await served.context({ javaScriptEnabled: false, cookies: client.cookies });
        context.setDefaultTimeout(60_000);
        const page = await context.newPage();
        await page.setViewportSize({ width, height: 900 });
        await checkSheetInPage(page, `${served.url}/t/${CELE}/check/sheet`, sheet);
        await page.screenshot({ path: `/tmp/lvzhi-sheet-pick-top-${width}.png` });
        const rows = await page.locator("table.file-table tbody tr").count();
        assert.equal(rows, 9);
        const row = page.locator("#row-6");
        assert.match((await row.textContent()) ?? "", /待人工确认，候选事项/);
        const picks = row.locator("form.pick button");
        assert.equal(await picks.count(), 3);
        assert.equal(
          await page.locator("form.pick").count(),
          3 * (await page.locator("td .candidates").count()),
        );
        await row.scrollIntoViewIfNeeded();
        await page.screenshot({ path: `/tmp/lvzhi-sheet-pick-before-${width}.png` });
        const label = (await picks.nth(1).getAttribute("aria-label")) ?? "";
        const [, list, number] = /^选此项：(.+)第(\d+)项$/.exec(label) ?? [];
        assert.ok(list && number, label);
        const fits = () =>
          page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
        assert.ok(await fits(), `the results at ${width} px scroll sideways`);

        await picks.nth(1).click();
        await page.waitForSelector("table.file-table");
        assert.match(
          page.url(),
          /\/check\/decision\?check=[0-9a-f]{32}&precedent=\d+#row-6$/,
          "redirected (303) to the decision's address, which opens at the decided row",
        );
        assert.match((await page.locator("p.notice").first().textContent()) ?? "", /已纠正并记录为先例/);
        assert.equal(
          await page.locator("table.file-table tbody tr").count(),
          rows,
          "every row is still there",
        );
        const decided = page.locator("#row-6");
        const text = (await decided.textContent()) ?? "";
        assert.match(text, /已纠正并记录为先例/);
        assert.ok(text.includes(`${list}第${number}项`), `row-6 answered with ${list}第${number}项: ${text}`);
        assert.doesNotMatch(text, /待人工确认/);
        assert.ok(await fits(), `the page after the pick at ${width} px scrolls sideways`);
        await page.screenshot({ path: `/tmp/lvzhi-sheet-pick-after-${width}.png` });
        // A reload is a GET of that address: the same rows and note, and nothing posted again.
        const audited = async () => (await listAudit(workflowDb(served.store.db), {})).length;
        const before = await audited();
        const at = page.url();
        const reloaded = await page.reload();
        assert.equal(reloaded?.request().method(), "GET");
        assert.equal(page.url(), at);
        assert.match((await page.locator("#row-6").textContent()) ?? "", /已纠正并记录为先例/);
        assert.equal(await audited(), before, "no second decision stored");
        await context.close();
      } finally {
        await served.close();
      }
    });
  }
});
