/**
 * Issue 11 row 7 for files in and reports out, in headless Chromium with JavaScript turned off (every form
 * here is a plain multipart form): each notice file type uploaded on the 任务核验 page, the task sheet round
 * trip (upload, download the annotated workbook, read it back with exceljs), the 考核 indicator report from the
 * county's form, and the pages at 1366 and 390 px without sideways scrolling (screenshots in /tmp).
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, describe, test } from "node:test";
import { Document, Packer, Paragraph } from "docx";
import ExcelJS from "exceljs";
import type { BrowserContext, Page } from "playwright-core";
import { closeWorkPool } from "../../src/work/pool.ts";
import { officeSamples, officeSkip, pdfSkip, SAMPLE_NOTICE } from "../check-files/office-samples.ts";
import { indicatorTableXlsx, sampleTasks, taskSheetXlsx } from "../data/file-fixtures.ts";
import { bundledEdition } from "../export/helpers.ts";
import {
  checkSheetInPage,
  type ServedBrowser,
  servedWithBrowser,
  skipWithoutChromium,
} from "../support/browser.ts";
import { signedIn } from "./sign-in.ts";

// Time limits are not under test here: a cold worker on a busy test machine may start slower than a server's warm pool.
process.env.LVZHI_READ_MS ??= "30000";
process.env.LVZHI_FILE_MS ??= "30000";
process.env.LVZHI_CHECK_MS ??= "30000";

const CELE = encodeURIComponent("策勒乡");
const CHECK_BADGES = ["基本履职事项", "上级部门收回事项", "清单外事项（需职责准入）"];

describe("files in and reports out, in a browser without JavaScript", { skip: skipWithoutChromium }, () => {
  let served: ServedBrowser;
  let context: BrowserContext;

  before(async () => {
    served = await servedWithBrowser();
    // Signed in, as a county office uploads: anonymous uploads are rate-limited per address.
    const client = await signedIn(served.app, served.store, {
      name: "cele-files",
      role: "township",
      township: "策勒乡",
    });
    context = await served.context({
      javaScriptEnabled: false,
      acceptDownloads: true,
      cookies: client.cookies,
    });
    // A LibreOffice conversion takes 5–30 s on a busy machine: the form's answer may come late.
    context.setDefaultTimeout(120_000);
    context.setDefaultNavigationTimeout(120_000);
  });
  after(async () => {
    await served?.close();
    await closeWorkPool();
  });

  async function uploadNotice(name: string, buffer: Buffer): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${served.url}/t/${CELE}/check`);
    await page.locator("#check-file").setInputFiles({ name, mimeType: "application/octet-stream", buffer });
    await page.locator("button[value=page]").click();
    await page.waitForLoadState();
    return page;
  }

  const docx = () =>
    Packer.toBuffer(
      new Document({ sections: [{ children: SAMPLE_NOTICE.split("\n").map((l) => new Paragraph(l)) }] }),
    );

  test("a .txt notice", async () => {
    const page = await uploadNotice("通知.txt", Buffer.from(SAMPLE_NOTICE));
    assert.deepEqual(await page.locator("article.card .badge").allTextContents(), CHECK_BADGES);
    await page.close();
  });

  test("a .docx notice", async () => {
    const page = await uploadNotice("通知.docx", await docx());
    assert.deepEqual(await page.locator("article.card .badge").allTextContents(), CHECK_BADGES);
    await page.close();
  });

  test("a .pdf notice (made by LibreOffice, read by pdftotext)", {
    skip: officeSkip || pdfSkip,
  }, async () => {
    const page = await uploadNotice("通知.pdf", officeSamples().pdf);
    assert.deepEqual(await page.locator("article.card .badge").allTextContents(), CHECK_BADGES);
    await page.close();
  });

  for (const name of ["通知.doc", "通知.wps"]) {
    test(`a ${name.slice(2)} notice (converted by LibreOffice)`, { skip: officeSkip }, async () => {
      const page = await uploadNotice(name, officeSamples().doc);
      assert.deepEqual(await page.locator("article.card .badge").allTextContents(), CHECK_BADGES);
      await page.close();
    });
  }

  test("an .xlsx and a .csv of tasks uploaded on the check page are checked row by row", async () => {
    let page = await uploadNotice(
      "任务.xlsx",
      await taskSheetXlsx(["请乡政府对辖区烟花爆竹经营点开展安全监管", "协助县剧院推销新剧门票"]),
    );
    assert.deepEqual(await page.locator("table.file-table .badge").allTextContents(), ["收回", "清单外"]);
    await page.close();
    page = await uploadNotice(
      "任务.csv",
      Buffer.from("序号,工作内容\n1,请于5月底前完成辖区自建房安全隐患排查\n"),
    );
    assert.deepEqual(await page.locator("table.file-table .badge").allTextContents(), ["基本"]);
    await page.close();
  });

  test("an image is refused with the file's name and the accepted types", async () => {
    const page = await uploadNotice("照片.docx", Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"));
    assert.match(
      (await page.locator("main").textContent()) ?? "",
      /照片\.docx：不是可核验的文件（应为 \.txt、\.docx、\.pdf/,
    );
    await page.close();
  });

  test("the task sheet round trip: upload 40 rows, download the same workbook with the columns added", async (t) => {
    const tasks = sampleTasks(await bundledEdition());
    const page = await context.newPage();
    await page.goto(`${served.url}/t/${CELE}/check/sheet`);
    await page.locator("#sheet-file").setInputFiles({
      name: "交办任务.xlsx",
      mimeType: "application/octet-stream",
      buffer: await taskSheetXlsx(tasks),
    });
    const started = performance.now();
    await page.locator("button[value=page]").click();
    await page.waitForSelector("table.file-table");
    t.diagnostic(`40 rows checked and shown in ${(performance.now() - started).toFixed(0)} ms`);
    assert.equal(await page.locator("table.file-table tbody tr").count(), 40);
    const downloading = page.waitForEvent("download");
    // A saved check (rows to confirm, a user who may decide) links its kept file's workbook; otherwise
    // the page carries the file back in a form.
    await page.locator(".carry-form button[value=xlsx], .carry-form a.button").click();
    const download = await downloading;
    assert.equal(download.suggestedFilename(), "交办任务-核验结果.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile((await download.path())!)) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet("交办任务")!;
    assert.equal(ws.getCell("F2").value, "核验结论");
    assert.equal(ws.getCell("K2").value, "需人工确认");
    assert.equal(ws.getCell(`C${3 + 39}`).value, tasks[39]);
    assert.ok(String(ws.getCell(`F${3 + 39}`).value).length > 0, "the last row has its verdict");
    assert.ok(wb.getWorksheet("说明"), "the other sheet is kept");
    await page.close();
  });

  test("the indicator report from the county's form: figures, flagged rows, the Excel download, the print view", async () => {
    const page = await context.newPage();
    await page.goto(`${served.url}/c/${encodeURIComponent("策勒县")}/indicators`);
    await page.locator("#indicator-township").selectOption("策勒乡");
    await page.locator("#indicator-file").setInputFiles({
      name: "考核指标.xlsx",
      mimeType: "application/octet-stream",
      buffer: await indicatorTableXlsx(),
    });
    await page.locator("button[value=page]").click();
    await page.waitForSelector(".indicator-report");
    const figures = await page.locator(".figures .figure-n").allTextContents();
    assert.deepEqual(figures.slice(0, 4), ["16", "5", "2", "2"]);
    assert.equal(
      await page.locator("table.indicators").first().locator("tbody tr").count(),
      9,
      "the flagged rows",
    );
    const downloading = page.waitForEvent("download");
    // A saved check (rows to confirm, a user who may decide) links its kept file's workbook; otherwise
    // the page carries the file back in a form.
    await page.locator(".carry-form button[value=xlsx], .carry-form a.button").click();
    const download = await downloading;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile((await download.path())!)) as unknown as ExcelJS.Buffer);
    assert.equal(wb.getWorksheet("乡镇考核指标")!.getCell("G2").value, "核验结论");
    await page.locator(".carry-form button[value=print]").click();
    await page.waitForSelector("body.print-view");
    assert.match((await page.locator("h1").textContent()) ?? "", /策勒乡考核指标核验报告/);
    await page.close();
  });

  test("the pages fit 1366 px and 390 px without sideways scrolling", async () => {
    const tasks = sampleTasks(await bundledEdition()).slice(0, 12);
    const sheet = await taskSheetXlsx(tasks);
    const table = await indicatorTableXlsx();
    for (const width of [1366, 390]) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 900 });
      const pages: [string, () => Promise<void>][] = [
        ["sheet-form", () => page.goto(`${served.url}/t/${CELE}/check/sheet`).then(() => undefined)],
        ["sheet-results", () => checkSheetInPage(page, `${served.url}/t/${CELE}/check/sheet`, sheet)],
        [
          "county-indicators",
          () => page.goto(`${served.url}/c/${encodeURIComponent("策勒县")}/indicators`).then(() => undefined),
        ],
        [
          "indicator-report",
          async () => {
            await page.goto(`${served.url}/t/${CELE}/indicators`);
            await page
              .locator("#indicator-file")
              .setInputFiles({ name: "考核指标.xlsx", mimeType: "application/octet-stream", buffer: table });
            await page.locator("button[value=page]").click();
            await page.waitForSelector(".indicator-report");
          },
        ],
      ];
      for (const [name, open] of pages) {
        await open();
        const { scroll, client } = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
        }));
        await page.screenshot({ path: `/tmp/lvzhi-files-${name}-${width}.png`, fullPage: false });
        assert.ok(scroll <= client, `${name} at ${width} px is ${scroll} px wide (viewport ${client} px)`);
      }
      await page.close();
    }
  });
});
