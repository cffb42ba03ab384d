/**
 * An anonymous visitor's saved check leads nowhere the visitor cannot go: 核验记录 (/checks) is a signed-in
 * user's history (401 otherwise), so the result page does not send the visitor there to find the check again
 * (it says to keep the link) and the saved check's crumbs lead back to the township's check page instead.
 * A signed-in user keeps both.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { SqlDutyStore } from "../../src/store/index.ts";
import type { createApp } from "../../src/web/app.ts";
import { Client } from "../workflow/http-client.ts";
import { postCheck } from "./checked.ts";
import { PASSWORD } from "./sign-in.ts";
import { townshipApp } from "./township-app.ts";

const T = encodeURIComponent("策勒乡");
const CHECK = `/t/${T}/check`;
const TASK = "请于5月底前完成辖区自建房安全隐患排查。";

/** The hrefs of the page's crumbs. */
function crumbs(html: string): string[] {
  const nav = /<nav class="crumbs"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? "";
  return [...nav.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
}

describe("an anonymous visitor's saved check", () => {
  let store: SqlDutyStore;
  let app: ReturnType<typeof createApp>;

  before(async () => {
    ({ store, app } = await townshipApp("县水利局"));
  });
  after(() => store.close());

  test("the result page says to keep the link, not to look in 核验记录; the saved check's crumbs lead to the check page", async () => {
    const visitor = new Client(app);
    await visitor.get(CHECK);
    assert.equal((await visitor.get("/checks")).status, 401, "核验记录 is for signed-in users");
    const kept = await postCheck(visitor, CHECK, { text: TASK, view: "page", save: "1" });
    assert.match(kept.text, /已保存核验结果/);
    assert.doesNotMatch(kept.text, /核验记录/);
    assert.match(kept.text, /请保存此链接/);
    const saved = await visitor.get(`/checks/${kept.id}`);
    assert.equal(saved.status, 200);
    assert.deepEqual(crumbs(saved.text), ["/", `/t/${T}`, CHECK, `/checks/${kept.id}`]);
  });

  test("a signed-in user is still pointed to 核验记录", async () => {
    const cele = new Client(app);
    await cele.login("cele", PASSWORD);
    await cele.get(CHECK);
    const kept = await postCheck(cele, CHECK, { text: TASK, view: "page" });
    assert.match(kept.text, /也可在“核验记录”中找到/);
    const saved = await cele.get(`/checks/${kept.id}`);
    assert.deepEqual(crumbs(saved.text), ["/", "/checks", `/checks/${kept.id}`]);
  });
});
