/**
 * Back after a decision, in headless Chromium at 1366 px and 390 px: a township clerk checks a task, presses
 * 确认, then the browser's Back. The page shown is the check's result again (its GET address), not Chromium's
 * "Confirm Form Resubmission" page (ERR_CACHE_MISS, which a no-store answer to a POST gives), and no second
 * saved check is stored; a reload there stores nothing either. An anonymous visitor's unsaved check, answered
 * by its POST, is shown again by Back from an item's page. Screenshots go to /tmp/lvzhi-check-back-*.png.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { SqlDutyStore } from "../../src/store/index.ts";
import { servedWithBrowser, skipWithoutChromium } from "../support/browser.ts";
import { Client } from "../workflow/http-client.ts";
import { PASSWORD } from "./sign-in.ts";
import { townshipApp } from "./township-app.ts";

const CHECK = `/t/${encodeURIComponent("策勒乡")}/check`;
const TASK = "请于5月底前完成辖区自建房安全隐患排查。";

describe("Back after deciding on a check result", { skip: skipWithoutChromium }, () => {
  let store: SqlDutyStore;
  let served: Awaited<ReturnType<typeof servedWithBrowser>>;
  let clerk: ReadonlyMap<string, string>;
  const savedCount = async () => (await store.db.selectFrom("saved_checks").select("id").execute()).length;

  before(async () => {
    const made = await townshipApp("县水利局");
    store = made.store;
    const cele = new Client(made.app);
    await cele.login("cele", PASSWORD);
    clerk = cele.cookies;
    served = await servedWithBrowser(made);
  });
  after(() => served?.close());

  for (const width of [1366, 390]) {
    test(`at ${width} px: check, 确认, Back shows the check's result and saves nothing more`, async () => {
      const page = await served.page({ viewport: { width, height: 900 }, cookies: clerk });
      await page.goto(`${served.url}${CHECK}`);
      await page.fill("#check-text", TASK);
      const before = await savedCount();
      await page.click("form.check-form button[value=page]");
      await page.waitForURL(/\/check\/result\?check=[0-9a-f]{32}$/);
      const result = page.url();
      assert.equal(await savedCount(), before + 1, "the check is saved once");
      assert.equal(await page.locator("article.card").count(), 1);
      await page.screenshot({ path: `/tmp/lvzhi-check-back-result-${width}.png`, fullPage: true });

      await page.locator("#task-1 form.decision button[value=confirm]").click();
      await page.waitForURL(/\/check\/decision\?check=[0-9a-f]{32}&precedent=\d+#task-1$/);
      assert.match((await page.locator("p.notice").first().textContent()) ?? "", /已确认并记录为先例/);

      await page.goBack();
      await page.waitForLoadState("load");
      assert.equal(page.url(), result, "Back leads to the check's result");
      assert.equal(await page.locator("h1").textContent(), "任务核验");
      assert.equal(await page.locator("article.card").count(), 1, "the result card is shown");
      assert.match((await page.locator("#task-1 p.task").textContent()) ?? "", /自建房安全隐患排查/);
      const shown = (await page.locator("body").textContent()) ?? "";
      assert.doesNotMatch(shown, /ERR_CACHE_MISS|Confirm Form Resubmission|确认重新提交表单/);
      assert.ok(
        await page.locator("#task-1 form.decision").count(),
        "the decision form is there to use again",
      );
      await page.screenshot({ path: `/tmp/lvzhi-check-back-after-${width}.png`, fullPage: true });

      await page.reload();
      assert.equal(page.url(), result);
      assert.equal(await page.locator("article.card").count(), 1);
      assert.equal(await savedCount(), before + 1, "neither Back nor reload saved the check again");
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.equal(overflow, 0, `the result does not scroll sideways at ${width} px`);
      await page.context().close();
    });

    test(`at ${width} px: an anonymous visitor's unsaved check, an item's link, Back shows the answer again`, async () => {
      // Unsaved, the check is answered by its POST: Back must find that answer in the browser's cache (an
      // answer marked no-store, as one that sets a cookie is, gives "Confirm Form Resubmission").
      const page = await served.page({ viewport: { width, height: 900 } });
      await page.goto(`${served.url}${CHECK}`);
      await page.fill("#check-text", TASK);
      const before = await savedCount();
      await page.click("form.check-form button[value=page]");
      await page.waitForLoadState("load");
      assert.equal(page.url(), `${served.url}${CHECK}`, "an unsaved check is answered by its POST");
      assert.equal(await page.locator("article.card").count(), 1);
      await page.locator("#task-1 a[href*='/basic/']").first().click();
      await page.waitForURL(/\/basic\/\d+$/);

      await page.goBack();
      await page.waitForLoadState("load");
      assert.equal(page.url(), `${served.url}${CHECK}`);
      assert.equal(await page.locator("article.card").count(), 1, "the answer is shown again");
      assert.match((await page.locator("#task-1 p.task").textContent()) ?? "", /自建房安全隐患排查/);
      assert.equal(await savedCount(), before, "nothing was saved");
      await page.context().close();
    });
  }
});
