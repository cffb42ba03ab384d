/** Unpublished editions over the browse routes: anonymous visitors get 403; the township itself and the admin see them. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openStore, type SqlDutyStore } from "../../src/store/index.ts";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import { createApp } from "../../src/web/app.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { POLICIES } from "../../src/workflow/passwords.ts";
import { addUser, changePassword } from "../../src/workflow/users.ts";
import { craftedDraft } from "../store/drafts.ts";
import { Client } from "./http-client.ts";

const PASSWORD = "Lz-visible#2025";
const T = encodeURIComponent("测试乡");

describe("unpublished editions in the browse routes", () => {
  let store: SqlDutyStore;
  let app: ReturnType<typeof createApp>;

  before(async () => {
    store = await openStore({ path: ":memory:" });
    const db = workflowDb(store.db);
    // Only a draft: the township page would show it as current.
    await importEdition(store, craftedDraft(), "test");
    await importEdition(store, craftedDraft({ township: "邻乡" }), "test", { status: "published" });
    for (const [name, input] of [
      ["xiang", { role: "township", township: "测试乡" }],
      ["lin", { role: "township", township: "邻乡" }],
      ["bumen", { role: "department", department: "县水利局" }],
    ] as const) {
      const { id, password } = await addUser(db, { name, ...input }, "test");
      await changePassword(db, id, password, PASSWORD, POLICIES.dengbao);
    }
    app = createApp({ store });
  });
  after(() => store.close());

  test("anonymous, another township and a department get 403; the township itself gets the page", async () => {
    const anonymous = new Client(app);
    for (const path of [`/t/${T}`, `/api/v1/t/${T}`, `/t/${T}?edition=2025-07`, `/t/${T}/basic/1`]) {
      assert.equal((await anonymous.get(path)).status, 403, path);
    }
    assert.equal((await anonymous.get(`/t/${encodeURIComponent("邻乡")}`)).status, 200);
    const lin = new Client(app);
    await lin.login("lin", PASSWORD);
    assert.equal((await lin.get(`/t/${T}`)).status, 403);
    const bumen = new Client(app);
    await bumen.login("bumen", PASSWORD);
    assert.equal((await bumen.get(`/t/${T}`)).status, 403, "a draft not yet in review");
    const xiang = new Client(app);
    await xiang.login("xiang", PASSWORD);
    assert.equal((await xiang.get(`/t/${T}`)).status, 200);
    assert.equal((await xiang.get(`/api/v1/t/${T}`)).status, 200);
  });
});
