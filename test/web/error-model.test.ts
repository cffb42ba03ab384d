/**
 * Issue 9 item 4: one error model. Every refusal — from the store, the workflow, the web's parsing or
 * Hono's own middleware — answers with its code's status, as a Chinese page or as
 * {"error":{"code","status","message","details"}} under /api/.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { SqlDutyStore } from "../../src/store/index.ts";
import { createApp } from "../../src/web/app.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { craftedDraft } from "../store/drafts.ts";
import { describeEachBackend } from "../support/stores.ts";
import type { Client } from "../workflow/http-client.ts";
import { signedInAdmin } from "./sign-in.ts";

interface ApiError {
  error: { code: string; status: number; message: string; details: Record<string, unknown> };
}

describeEachBackend("one error model", (backend) => {
  let store: SqlDutyStore;
  let app: ReturnType<typeof createApp>;
  let admin: Client;

  before(async () => {
    store = await backend.open();
    await importEdition(store, craftedDraft(), "test");
    await importEdition(store, craftedDraft({ county: "于田县" }), "test", { status: "published" });
    await importEdition(store, craftedDraft({ county: "和田县" }), "test", { status: "published" });
    app = createApp({ store });
    admin = (await signedInAdmin(app, store)).client;
  });
  after(() => store.close());

  async function apiError(res: Response, status: number): Promise<ApiError["error"]> {
    assert.equal(res.status, status);
    const body = (await res.json()) as ApiError;
    assert.equal(body.error.status, status);
    return body.error;
  }

  test("a store refusal (a name several counties share) is invalid, with the counties in its details", async () => {
    const error = await apiError(await app.request(`/api/v1/t/${encodeURIComponent("测试乡")}`), 400);
    assert.equal(error.code, "invalid");
    assert.deepEqual(error.details.counties, [
      "新疆维吾尔自治区和田地区于田县",
      "新疆维吾尔自治区和田地区和田县",
    ]);
  });

  test("a workflow refusal keeps its code: forbidden anonymous, conflict for the wrong state", async () => {
    const forbidden = await apiError(await app.request("/api/v1/admin/users"), 403);
    assert.equal(forbidden.code, "forbidden");
    const csrf = (await admin.getJson("/api/v1/csrf")).body.csrf as string;
    const res = await admin.json(
      `/api/v1/drafts/${encodeURIComponent("策勒县/测试乡")}/2025-07/publish`,
      {},
      csrf,
    );
    assert.equal(res.status, 409);
    assert.equal((res.body as unknown as ApiError).error.code, "conflict");
  });

  test("a parse refusal names the parameter; a not-found names the township", async () => {
    const invalid = await apiError(await app.request("/api/v1/counties/于田县?matrix=nope"), 400);
    assert.equal(invalid.code, "invalid");
    assert.equal(invalid.details.parameter, "matrix");
    const missing = await apiError(await app.request(`/api/v1/t/${encodeURIComponent("无此乡")}`), 404);
    assert.deepEqual([missing.code, missing.details], ["not-found", { township: "无此乡" }]);
  });

  test("pages show the same refusal as a Chinese error page with the status", async () => {
    const res = await app.request("/admin/users");
    assert.equal(res.status, 403);
    assert.match(await res.text(), /403 没有权限/);
    const page = await app.request(`/t/${encodeURIComponent("测试乡")}`);
    assert.equal(page.status, 400);
    assert.match(await page.text(), /400 请求有误[\s\S]*县名\/乡镇名/);
  });

  test("a form refused on the URL it was shown at offers 返回上一页 back to the form", async () => {
    // (The township check page shows its own refusals above the form it keeps: the county's does not.)
    const check = `http://localhost/c/${encodeURIComponent("于田县")}/check`;
    const form = new FormData();
    form.append("text", "请".repeat(30_001));
    const res = await app.request(check, { method: "POST", body: form, headers: { referer: check } });
    assert.equal(res.status, 413);
    const text = await res.text();
    assert.match(text, /超过核验上限/);
    assert.ok(
      text.includes(`<a href="${new URL(check).pathname}">返回上一页</a>`),
      "the way back to the form",
    );
    // A GET refused at its own URL still gets no link to itself.
    const again = await app.request("/admin/users", { headers: { referer: "http://localhost/admin/users" } });
    assert.doesNotMatch(await again.text(), /返回上一页/);
  });

  test("an unexpected failure is a 500 with code internal and no internals", async () => {
    const broken = createApp({
      store: Object.assign(Object.create(store), {
        readableEditions: () => Promise.reject(new Error("connection reset: secret-host:5432")),
      }),
    });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const res = await broken.request(`/api/v1/t/${encodeURIComponent("于田县/测试乡")}`);
      const error = await apiError(res, 500);
      assert.equal(error.code, "internal");
      assert.doesNotMatch(JSON.stringify(error), /secret-host/);
    } finally {
      console.error = original;
    }
    assert.equal(errors.length, 1, "logged once, with its stack");
  });
});
