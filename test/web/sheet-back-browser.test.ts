/**
 * Back after 选此项 on a task sheet, in headless Chromium at 1366 px and 390 px: a township clerk uploads a
 * sheet (saved with its file: 303 to its result's GET address), picks a candidate of the row that needs
 * review, then presses the browser's Back. The page shown is the sheet's saved result again, not Chromium's
 * "Confirm Form Resubmission" (ERR_CACHE_MISS, which the no-store answer to the upload's POST gave), and no
 * second saved check is stored, nor on reload. The result and the decision page both download the annotated
 * workbook by a GET link, and the result marks the row decided since. Screenshots go to /tmp/lvzhi-sheet-back-*.png.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { closeWorkPool } from "../../src/work/pool.ts";
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

describe("Back after 选此项 on a task sheet", { skip: skipWithoutChromium }, () => {
  let sheet: Buffer;

  before(async () => {
    const tasks = sampleTasks(await bundledEdition()).slice(0, 8);
    sheet = await taskSheetXlsx([...tasks.slice(0, 3), TASK, ...tasks.slice(3)]);
  });
  after(() => closeWorkPool());

  for (const width of [1366, 390]) {
    test(`at ${width} px: upload, 选此项, Back shows the sheet's saved result and saves nothing more`, async () => {
      // A store of its own: a pick at the other width would have answered the task already.
      const served = await servedWithBrowser();
      try {
        const savedCount = async () =>
          (await served.store.db.selectFrom("saved_checks").select("id").execute()).length;
        const client = await signedIn(served.app, served.store, {
          name: `cele-back-${width}`,
          role: "township",
          township: "策勒乡",
        });
        const context = await served.context({ cookies: client.cookies, acceptDownloads: true });
        context.setDefaultTimeout(60_000);
        const page = await context.newPage();
        await page.setViewportSize({ width, height: 900 });
        const before = await savedCount();
        await checkSheetInPage(page, `${served.url}/t/${CELE}/check/sheet`, sheet);
        assert.match(page.url(), /\/check\/result\?check=[0-9a-f]{32}$/, "the upload's answer is a 303");
        const result = page.url();
        assert.equal(await savedCount(), before + 1, "the sheet's check is saved once");
        const rows = await page.locator("table.file-table tbody tr").count();
        assert.equal(rows, 9);
        await page.screenshot({ path: `/tmp/lvzhi-sheet-back-result-${width}.png`, fullPage: true });

        const link = page.locator("a", { hasText: "下载带核验结论的 Excel" });
        assert.match(
          (await link.getAttribute("href")) ?? "",
          /\/check\/result\/workbook\?check=[0-9a-f]{32}$/,
        );
        const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
        assert.match(download.suggestedFilename(), /核验结果\.xlsx$/);

        const row = page.locator("#row-6");
        await row.locator("form.pick button").nth(1).click();
        await page.waitForURL(/\/check\/decision\?check=[0-9a-f]{32}&precedent=\d+#row-6$/);
        assert.match((await page.locator("p.notice").first().textContent()) ?? "", /已纠正并记录为先例/);
        const applied = page.locator("a", { hasText: "下载带核验结论的 Excel" });
        assert.match((await applied.getAttribute("href")) ?? "", /workbook\?check=[0-9a-f]{32}&now=1$/);
        await page.screenshot({ path: `/tmp/lvzhi-sheet-back-decision-${width}.png`, fullPage: true });

        await page.goBack();
        await page.waitForLoadState("load");
        assert.equal(page.url(), result, "Back leads to the sheet's saved result");
        const shown = (await page.locator("body").textContent()) ?? "";
        assert.doesNotMatch(shown, /ERR_CACHE_MISS|Confirm Form Resubmission|确认重新提交表单/);
        assert.equal(await page.locator("h1").textContent(), "任务表核验");
        assert.equal(await page.locator("table.file-table tbody tr").count(), rows, "the rows are shown");
        const marked = page.locator("#row-6 p.decided");
        assert.match((await marked.textContent()) ?? "", /此项已纠正并记录为先例/, "the decided row says so");
        assert.match((await marked.locator("a").getAttribute("href")) ?? "", /\/check\/decision\?check=/);
        assert.equal(await page.locator("p.decided").count(), 1, "only the decided row");
        await page.screenshot({ path: `/tmp/lvzhi-sheet-back-after-${width}.png`, fullPage: true });

        await page.reload();
        assert.equal(page.url(), result);
        assert.equal(await page.locator("table.file-table tbody tr").count(), rows);
        assert.equal(await savedCount(), before + 1, "neither Back nor reload saved the check again");
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        assert.equal(overflow, 0, `the result does not scroll sideways at ${width} px`);
        await context.close();
      } finally {
        await served.close();
      }
    });
  }
});
