/** Headless Chromium (Debian's): a department files a request with the form, the admin approves it, the township sees it. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { openStore, type SqlDutyStore } from "../../src/store/index.ts";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { type ServedBrowser, servedWithBrowser, skipWithoutChromium } from "../support/browser.ts";
import { addBrowserUsers, signInWithForm } from "./browser-users.ts";
import { bundledDraft, TASKS } from "./helpers.ts";

const PASSWORD = "Lz-browser#2025";

describe("workflow in a browser", {
  skip: skipWithoutChromium,
}, () => {
  let store: SqlDutyStore;
  let served: ServedBrowser;
  let browser: Browser;
  let secret = "";

  before(async () => {
    store = await openStore({ path: ":memory:" });
    const db = workflowDb(store.db);
    await importEdition(store, await bundledDraft(), "system", { status: "published" });
    secret = await addBrowserUsers(db, PASSWORD, { name: "shangwu", department: "县商务和工业信息化局" });
    served = await servedWithBrowser({ store });
    browser = served.browser;
  });

  after(() => served?.close());

  async function signIn(name: string): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInWithForm(page, served.url, name, PASSWORD, secret);
    return page;
  }

  test("file → approve → the township sees the task, all with forms and no script", async () => {
    const dept = await signIn("shangwu");
    await dept.goto(`${served.url}/admission`);
    await dept.fill("textarea[name=task]", TASKS.unlisted);
    await dept.fill("textarea[name=reason]", "县委安排");
    await dept.fill("input[name=basis]", "县委办〔2025〕12号");
    await dept.check("input[name=townships][value=策勒乡]");
    await dept.click("text=提交并核验");
    await dept.waitForURL(/\/admission\/\d+$/);
    assert.match(await dept.locator("main").innerText(), /待审核/);
    const url = dept.url();

    const admin = await signIn("bianban");
    await admin.goto(url);
    await admin.fill("input[name=days]", "30");
    await admin.click("text=同意临时准入");
    await admin.waitForURL(url);
    assert.match(await admin.locator("main").innerText(), /已准入（至 \d{4}-\d{2}-\d{2}）/);
    await admin.screenshot({ path: "/tmp/lvzhi-admission.png", fullPage: true });

    const township = await signIn("cele");
    await township.goto(`${served.url}/admission/township`);
    const text = await township.locator("main").innerText();
    assert.match(text, new RegExp(TASKS.unlisted));
    assert.match(text, /已准入（至 \d{4}-\d{2}-\d{2}）/);
  });
});
