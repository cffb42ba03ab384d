/**
 * After a signed-in user changes their own password, the 303 lands on their workbench with `done=password`,
 * which shows one fixed line, 密码已修改, only while the store bears it out: this session's user changed
 * the password during this session. The flag in another session, or from a user who changed nothing,
 * shows nothing; an unknown flag is refused. Both stores.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Hono } from "hono";
import type { SqlDutyStore } from "../../src/store/index.ts";
import { createApp } from "../../src/web/app.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { describeEachBackend } from "../support/stores.ts";
import { bundledDraft } from "../workflow/helpers.ts";
import { Client } from "../workflow/http-client.ts";
import { PASSWORD, usersWithPassword } from "./sign-in.ts";

const NEXT = "Lz-new#2026-pass";
const CONFIRMED = /<p class="notice" role="status">密码已修改。<\/p>/;

describeEachBackend("a password changed by its user is confirmed on the workbench", (backend) => {
  let store: SqlDutyStore;
  let app: Hono;

  before(async () => {
    store = await backend.open();
    await importEdition(store, await bundledDraft(), "test", { status: "published" });
    await usersWithPassword(store, [
      { name: "cele", role: "township", township: "策勒乡" },
      { name: "bumen", role: "department", department: "县水利局" },
      { name: "bumen2", role: "department", department: "县水利局" },
    ]);
    app = createApp({ store });
  });
  after(() => store.close());

  const signIn = async (name: string, password = PASSWORD) => {
    const client = new Client(app);
    assert.equal((await client.login(name, password)).status, 303);
    return client;
  };
  const change = async (client: Client, from: string, to: string) => {
    await client.get("/account/password");
    return client.post("/account/password", { current: from, password: to, again: to });
  };

  test("a township user: 303 to the township's workbench, which says 密码已修改 once", async () => {
    const cele = await signIn("cele");
    const res = await change(cele, PASSWORD, NEXT);
    assert.equal(res.status, 303);
    assert.equal(res.location, "/admission/township?done=password");
    const page = await cele.get(res.location!);
    assert.equal(page.status, 200);
    assert.match(page.text, CONFIRMED);
    assert.equal(page.text.match(/密码已修改/g)?.length, 1, "one line");
    // The workbench without the flag says nothing.
    assert.doesNotMatch((await cele.get("/admission/township")).text, /密码已修改/);
    // Signed in afresh: the password was not changed in this session, so the flag is not borne out.
    const again = await signIn("cele", NEXT);
    const stale = await again.get("/admission/township?done=password");
    assert.equal(stale.status, 200);
    assert.doesNotMatch(stale.text, /密码已修改/);
  });

  test("a department user: the department's workbench; a user who changed nothing is told nothing", async () => {
    const bumen = await signIn("bumen");
    const res = await change(bumen, PASSWORD, NEXT);
    assert.equal(res.location, "/admission?done=password");
    assert.match((await bumen.get(res.location!)).text, CONFIRMED);
    const other = await signIn("bumen2");
    const page = await other.get("/admission?done=password");
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.text, /密码已修改/);
  });

  test("no words are taken from the address; an unknown flag is refused", async () => {
    const other = await signIn("bumen2");
    const odd = await other.get("/admission?done=%3Cscript%3E");
    assert.equal(odd.status, 400);
    assert.doesNotMatch(odd.text, /<script>/);
    const bumen = await signIn("bumen", NEXT);
    await change(bumen, NEXT, `${NEXT}x`);
    const page = await bumen.get("/admission?done=password&note=%E5%B7%B2%E6%89%B9%E5%87%86");
    assert.match(page.text, CONFIRMED);
    assert.doesNotMatch(page.text, /已批准/);
  });
});
