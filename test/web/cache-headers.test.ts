/**
 * Issue 9 row 9: answers to signed-in visitors — above all the one-time password and the TOTP secret — are
 * never stored (Cache-Control: private, no-store), and every dynamic answer varies by Cookie.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { SqlDutyStore } from "../../src/store/index.ts";
import { createApp } from "../../src/web/app.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { describeEachBackend } from "../support/stores.ts";
import { bundledDraft } from "../workflow/helpers.ts";
import type { Client } from "../workflow/http-client.ts";
import { signedIn, signedInAdmin } from "./sign-in.ts";

const CELE = encodeURIComponent("策勒乡");

function assertPrivate(res: Response, what: string): void {
  assert.equal(res.headers.get("cache-control"), "private, no-store", what);
  assert.match(res.headers.get("vary") ?? "", /\bCookie\b/, what);
}

describeEachBackend("cache headers of personal and public answers", (backend) => {
  let store: SqlDutyStore;
  let app: ReturnType<typeof createApp>;
  let admin: Client;
  let township: Client;
  let secretPage: Response;
  let passwordPage: Response;

  before(async () => {
    store = await backend.open();
    await importEdition(store, await bundledDraft(), "test", { status: "published" });
    app = createApp({ store });
    ({ client: admin, secretPage, passwordPage } = await signedInAdmin(app, store));
    township = await signedIn(app, store, { name: "cele", role: "township", township: "策勒乡" });
  });
  after(() => store.close());

  test("the TOTP secret and password pages of a first sign-in are private and never stored", () => {
    assertPrivate(secretPage, "POST /account/totp");
    assertPrivate(passwordPage, "GET /account/password");
  });

  test("the one-time password of a new or reset user is private and never stored", async () => {
    await admin.get("/admin/users");
    const added = await admin.post("/admin/users", { name: "xinren", role: "township", township: "策勒乡" });
    assert.match(added.text, /一次性密码/);
    assertPrivate(added.res, "POST /admin/users");
    const reset = await admin.post("/admin/users/xinren/reset-password");
    assert.match(reset.text, /新一次性密码/);
    assertPrivate(reset.res, "POST /admin/users/…/reset-password");
    const api = await admin.json("/api/v1/admin/users", { name: "xinren2", role: "admin" });
    assert.equal(api.status, 201);
  });

  test("every page and JSON answer for a signed-in user is private, errors included", async () => {
    for (const path of [
      "/",
      `/t/${CELE}`,
      `/api/v1/t/${CELE}`,
      `/t/${CELE}/list.csv`,
      "/admission/township",
      "/adjust",
      "/no-such-page",
    ]) {
      assertPrivate((await township.get(path)).res, path);
    }
    for (const path of ["/admin/users", "/admin/audit", "/api/v1/admin/users"]) {
      assertPrivate((await admin.get(path)).res, path);
    }
  });

  test("the sign-in form, which sets a CSRF cookie, is not stored either", async () => {
    const res = await app.request("/login");
    assertPrivate(res, "GET /login");
  });

  test("anonymous public pages vary by Cookie and are not marked private; static files stay cacheable", async () => {
    for (const path of ["/", `/t/${CELE}`, `/api/v1/t/${CELE}`]) {
      const res = await app.request(path);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get("vary") ?? "", /\bCookie\b/, path);
      assert.doesNotMatch(res.headers.get("cache-control") ?? "", /private/, path);
    }
    const home = await (await app.request("/")).text();
    const css = /href="(\/assets\/[^"]+)"/.exec(home)![1]!;
    const asset = await app.request(css);
    assert.match(asset.headers.get("cache-control") ?? "", /public, max-age=31536000, immutable/);
    assert.doesNotMatch(asset.headers.get("vary") ?? "", /Cookie/);
  });
});
