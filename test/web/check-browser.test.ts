/** Headless Chromium (Debian's, never downloaded): the 任务核验 page, paste a notice, read the rows. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { servedWithBrowser, skipWithoutChromium } from "../support/browser.ts";
import { CELE } from "./fixtures.ts";

describe("check page in a browser", {
  skip: skipWithoutChromium,
}, () => {
  let served: Awaited<ReturnType<typeof servedWithBrowser>>;
  before(async () => {
    served = await servedWithBrowser();
  });
  after(() => served?.close());

  test("paste a notice, get one coloured card per task, follow the matched item", async () => {
    const page = await served.browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${served.url}/t/${encodeURIComponent(CELE)}/check`);
    await page
      .locator("#check-text")
      .fill(
        "各乡镇：\n为做好安全工作，现将有关事项通知如下：\n一、请于5月底前完成辖区自建房安全隐患排查。\n" +
          "二、请乡政府对辖区烟花爆竹经营点开展安全监管。\n三、协助县剧院推销新剧门票。\n特此通知。",
      );
    await page.locator("button[value=page]").click();
    await page.waitForSelector("article.card");
    const rows = page.locator("section.check-results article.card");
    assert.equal(await rows.count(), 3);
    assert.deepEqual(await page.locator("article.card .badge").allTextContents(), [
      "基本履职事项",
      "上级部门收回事项",
      "清单外事项（需职责准入）",
    ]);
    const color = await page
      .locator("article.verdict-reclaimed .badge")
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(color, "rgb(198, 40, 40)");
    assert.ok((await rows.nth(1).locator("p.task mark").count()) > 0, "evidence is highlighted in the task");
    assert.match(
      (await page.locator("#check-text").inputValue()) ?? "",
      /烟花爆竹/,
      "the text stays in the form",
    );
    await rows.nth(1).locator("p.matched a").click();
    await page.waitForURL(/\/reclaimed\/36/);
    assert.match((await page.locator("h1").textContent()) ?? "", /烟花爆竹安全监管/);
    assert.deepEqual(errors, [], "no script errors");
    await page.close();
  });

  test("a file that cannot be read comes back on the check page, the pasted text kept and the reason said", async () => {
    const page = await served.browser.newPage();
    const check = `${served.url}/t/${encodeURIComponent(CELE)}/check`;
    await page.goto(check);
    await page.locator("#check-text").fill("请各村开展防火宣传。");
    await page.locator("#check-file").setInputFiles({
      name: "通知.txt",
      mimeType: "text/plain",
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
    });
    await page.locator("button[value=page]").click();
    await page.waitForSelector("p.notice.error[role=alert]");
    assert.match((await page.locator("p.notice.error").textContent()) ?? "", /通知\.txt：不是可核验的文件/);
    assert.equal(await page.locator("#check-text").inputValue(), "请各村开展防火宣传。");
    assert.equal(page.url(), check);
    await page.close();
  });
});
