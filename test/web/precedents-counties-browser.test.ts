/**
 * The active precedents of two counties in headless Chromium at 1366 px: the 县 column names each county
 * on one line (it wrapped a character a line, 于/田/县, beside a long wording).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openStore, type SqlDutyStore } from "../../src/store/index.ts";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import { createApp } from "../../src/web/app.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { recordCheckDecision } from "../../src/workflow/precedents.ts";
import { addUser, principalOf } from "../../src/workflow/users.ts";
import { servedWithBrowser, skipWithoutChromium } from "../support/browser.ts";
import { bundledDraft } from "../workflow/helpers.ts";
import { signedInAdmin } from "./sign-in.ts";

describe("active precedents of two counties", { skip: skipWithoutChromium }, () => {
  let store: SqlDutyStore;
  let served: Awaited<ReturnType<typeof servedWithBrowser>>;
  let admin: { name: string; value: string }[];

  before(async () => {
    store = await openStore({ path: ":memory:" });
    await importEdition(store, await bundledDraft(), "test", { status: "published" });
    const other = await bundledDraft();
    other.county = "于田县";
    other.township = "丙乡";
    await importEdition(store, other, "test", { status: "published" });
    const app = createApp({ store });
    admin = [...(await signedInAdmin(app, store)).client.cookies].map(([name, value]) => ({ name, value }));
    const db = workflowDb(store.db);
    const { id } = await addUser(db, { name: "shenhe", role: "admin" }, "test");
    const who = (await principalOf(db, id))!;
    for (const [township, text] of [
      [
        "策勒乡",
        "请各乡镇派人到县城帮县委招待所打扫客房，并负责采购清洁用品，费用由乡镇自行承担。".repeat(2),
      ],
      ["丙乡", "请各乡镇组织人员参加县里的广场舞比赛并负责服装采购，费用自理。".repeat(3)],
    ] as const) {
      const edition = (await store.getEdition(township))!;
      await recordCheckDecision(
        db,
        who,
        edition,
        { text, verdict: "unlisted", list: null, number: null },
        "correction",
      );
    }
    served = await servedWithBrowser({ store, app });
  });
  after(() => served?.close());

  test("the 县 column names each county on one line at 1366 px", async () => {
    const ctx = await served.browser.newContext({ viewport: { width: 1366, height: 900 } });
    await ctx.addCookies(admin.map((c) => ({ ...c, url: served.url })));
    const page = await ctx.newPage();
    await page.goto(`${served.url}/admin/precedents`);
    const cells = page.locator("#active tbody td[data-label='县']");
    assert.equal(await cells.count(), 2);
    for (const county of await cells.all()) {
      // Lines of the cell's text: one, however long the wording beside it.
      const lines = await county.evaluate((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      });
      assert.equal(lines, 1, `${await county.textContent()} on one line`);
    }
    await page.screenshot({ path: "/tmp/lvzhi-precedents-counties-1366.png", fullPage: true });
    await ctx.close();
  });
});
