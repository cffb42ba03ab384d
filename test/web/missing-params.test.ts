/**
 * A required parameter left out is refused in Chinese: /t/:township/check/result without ?check= said
 * "参数 check 无效：Invalid input: expected string, received undefined" (zod's own English).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { SqlDutyStore } from "../../src/store/index.ts";
import type { createApp } from "../../src/web/app.ts";
import { townshipApp } from "./township-app.ts";

const T = encodeURIComponent("策勒乡");

describe("a required parameter left out", () => {
  let store: SqlDutyStore;
  let app: ReturnType<typeof createApp>;

  before(async () => {
    ({ store, app } = await townshipApp("县水利局"));
  });
  after(() => store.close());

  test("the check result without ?check= is refused in Chinese, on the page and in the JSON", async () => {
    const page = await app.request(`/t/${T}/check/result`);
    assert.equal(page.status, 400);
    const html = await page.text();
    assert.match(html, /参数 check 无效：未填写/);
    assert.doesNotMatch(html, /Invalid input|received undefined/);
    const api = await app.request(`/api/v1/t/${T}/check/result`);
    assert.equal(api.status, 400);
    const body = (await api.json()) as { error: { message: string; details: { expected: string } } };
    assert.equal(body.error.message, "参数 check 无效：未填写");
    assert.equal(body.error.details.expected, "未填写");
  });
});
