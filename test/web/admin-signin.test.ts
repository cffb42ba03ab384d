/**
 * Issue 12 row 5: the admin's user form picks townships and departments from the registry (aliases
 * accepted, unknown names refused with the form kept), starts with no role chosen, TOTP enrolment asks
 * for the password once, refusals say what to do next, and every page's header shows who is signed in
 * with 退出 — per request, never another user's name.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { SqlDutyStore } from "../../src/store/index.ts";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import { createApp } from "../../src/web/app.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { listUsers } from "../../src/workflow/users.ts";
import { describeEachBackend } from "../support/stores.ts";
import { bundledDraft } from "../workflow/helpers.ts";
import { Client } from "../workflow/http-client.ts";
import { signedIn, signedInAdmin } from "./sign-in.ts";

const CELE = encodeURIComponent("策勒乡");

describeEachBackend("admin user form and sign-in pages (issue 12 row 5)", (backend) => {
  let store: SqlDutyStore;
  let app: ReturnType<typeof createApp>;
  let admin: Client;

  before(async () => {
    store = await backend.open();
    await importEdition(store, await bundledDraft(), "test", { status: "published" });
    app = createApp({ store });
    ({ client: admin } = await signedInAdmin(app, store));
  });
  after(() => store.close());

  test("the add-user form preselects no role and offers the registry's townships and departments", async () => {
    const page = await admin.get("/admin/users");
    assert.equal(page.status, 200);
    const roleSelect = /<select id="user-role"[^>]*>([\s\S]*?)<\/select>/.exec(page.text)![1]!;
    assert.match(roleSelect, /<option value="" selected="" disabled="">请选择角色<\/option>/);
    assert.doesNotMatch(roleSelect, /value="admin" selected/, "管理员 is never the default");
    assert.match(page.text, /<option value="策勒乡">策勒乡<\/option>/);
    const registry = /<datalist id="department-registry">([\s\S]*?)<\/datalist>/.exec(page.text)![1]!;
    assert.match(registry, /<option value="县水利局">/);
    assert.match(registry, /<option value="县人力资源和社会保障局">/);
  });

  test("a department typed as an alias is stored under its registry name", async () => {
    const res = await admin.post("/admin/users", {
      name: "renshe",
      role: "department",
      department: "人社局",
    });
    assert.equal(res.status, 200);
    assert.match(res.text, /已添加用户 renshe/);
    const users = await listUsers(workflowDb(store.db));
    assert.equal(users.find((u) => u.name === "renshe")?.department, "县人力资源和社会保障局");
  });

  test("县水力局 is refused with the likely name, and the form comes back as typed", async () => {
    const res = await admin.post("/admin/users", {
      name: "shuili",
      role: "department",
      department: "县水力局",
    });
    assert.equal(res.status, 400);
    assert.match(res.text, /部门名录中没有“县水力局”：是否指：县水利局？/);
    assert.match(res.text, /<input id="user-name" name="name"[^>]* value="shuili"/);
    assert.match(res.text, /<option value="department" selected="">/);
    assert.match(res.text, /value="县水力局"/);
    const users = await listUsers(workflowDb(store.db));
    assert.equal(
      users.some((u) => u.name === "shuili"),
      false,
      "nothing stored",
    );
  });

  test("the API refuses an unknown department and a missing role, with the same words", async () => {
    await admin.get("/admin/users");
    const unknown = await admin.json("/api/v1/admin/users", {
      name: "shuili2",
      role: "department",
      department: "县水力局",
    });
    assert.equal(unknown.status, 400);
    const error = unknown.body.error as { message: string; details: { suggestions: string[] } };
    assert.match(error.message, /部门名录中没有“县水力局”/);
    assert.deepEqual(error.details.suggestions, ["县水利局"]);
    const noRole = await admin.json("/api/v1/admin/users", { name: "norole" });
    assert.equal(noRole.status, 400);
    assert.equal((noRole.body.error as { message: string }).message, "请选择角色");
  });

  test("a township user without a township is refused in the form's words", async () => {
    const res = await admin.post("/admin/users", { name: "xiang", role: "township", township: "" });
    assert.equal(res.status, 400);
    assert.match(res.text, /乡镇用户须选择乡镇/);
  });

  test("enrolling TOTP after the first sign-in asks for the password once (at sign-in)", async () => {
    const res = await admin.post("/admin/users", { name: "second", role: "admin" });
    const password = /一次性密码：(\S+?)（/.exec(res.text)![1]!;
    const client = new Client(app);
    const login = await client.login("second", password);
    assert.equal(login.location, "/account/totp");
    const enrol = await client.get("/account/totp");
    assert.doesNotMatch(enrol.text, /type="password"/, "no second password prompt");
    const qr = await client.post("/account/totp");
    assert.equal(qr.status, 200);
    assert.match(qr.text, /扫描二维码/);
    // A mistyped code shows the same QR code again, not the password prompt.
    const secret = /<code>([A-Z2-7]+)<\/code>/.exec(qr.text)![1]!;
    const wrong = await client.post("/account/totp/confirm", { code: "000000" });
    assert.equal(wrong.status, 400);
    assert.match(wrong.text, /动态口令不正确/);
    assert.ok(wrong.text.includes(`<code>${secret}</code>`));
    assert.doesNotMatch(wrong.text, /type="password"/);
  });

  test("a signed-in user changing TOTP must still give the password", async () => {
    await admin.get("/account/totp");
    const res = await admin.post("/account/totp", {});
    assert.equal(res.status, 400);
    assert.match(res.text, /请输入当前密码/);
  });

  test("an anonymous visitor refused a page gets 登录 coming back to it", async () => {
    const res = await new Client(app).get("/admin/audit?actor=x");
    assert.equal(res.status, 403);
    assert.match(res.text, /<a href="\/login\?next=%2Fadmin%2Faudit%3Factor%3Dx">登录<\/a>后继续访问本页/);
  });

  test("a signed-in user refused a page is told who they are and how to go back", async () => {
    const township = await signedIn(app, store, { name: "cele403", role: "township", township: "策勒乡" });
    const cookie = [...township.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const answer = await app.request("http://localhost/admin/users", {
      headers: { cookie, referer: "http://localhost/t/%E7%AD%96%E5%8B%92%E4%B9%A1" },
    });
    const res = { status: answer.status, text: await answer.text() };
    assert.equal(res.status, 403);
    assert.match(res.text, /当前以 cele403（乡镇（街道）·策勒乡）登录/);
    assert.match(res.text, /<a href="\/t\/%E7%AD%96%E5%8B%92%E4%B9%A1">返回上一页<\/a>/);
    assert.match(res.text, /<a href="\/">返回首页<\/a>/);
  });

  test("every page's header shows the signed-in user and a 退出 form with the CSRF token", async () => {
    for (const path of ["/", `/t/${CELE}`, "/departments", "/c", "/admin/users", "/nope"]) {
      const page = await admin.get(path);
      const header = /<header class="site">([\s\S]*?)<\/header>/.exec(page.text)![1]!;
      assert.match(header, /<strong>bianban<\/strong>/, path);
      assert.match(header, /<form class="viewer" method="post" action="\/logout">/, path);
      assert.match(header, new RegExp(`name="_csrf" value="${admin.csrf}"`), path);
      assert.match(header, /<button type="submit">退出<\/button>/, path);
    }
    const anonymous = await new Client(app).get(`/t/${CELE}`);
    const header = /<header class="site">([\s\S]*?)<\/header>/.exec(anonymous.text)![1]!;
    assert.match(
      header,
      /<a href="\/login\?next=%2Ft%2F%25E7%25AD%2596%25E5%258B%2592%25E4%25B9%25A1">登录<\/a>/,
    );
    assert.doesNotMatch(header, /退出/);
  });

  test("a public page never shows one user's name to another (the viewer is filled per request)", async () => {
    const one = await signedIn(app, store, { name: "yonghu1", role: "township", township: "策勒乡" });
    const two = await signedIn(app, store, { name: "yonghu2", role: "township", township: "策勒乡" });
    for (const path of [`/t/${CELE}`, "/departments", "/c"]) {
      const first = await one.get(path);
      const second = await two.get(path);
      const anonymous = await new Client(app).get(path);
      assert.match(first.text, /<strong>yonghu1<\/strong>/, path);
      assert.match(second.text, /<strong>yonghu2<\/strong>/, path);
      assert.doesNotMatch(second.text, /yonghu1/, path);
      assert.doesNotMatch(anonymous.text, /yonghu[12]/, path);
    }
  });

  test("an admin cannot lock themselves out from the user list: no 停用/重置密码/清除动态口令/结束会话 on their own row", async () => {
    const page = await admin.get("/admin/users");
    const own = /<tr><td data-label="用户名">bianban[\s\S]*?<\/tr>/.exec(page.text)![0];
    assert.doesNotMatch(own, /action="\/admin\/users\/bianban\//, "no action forms on one's own row");
    assert.match(own, /当前登录/);
    for (const action of ["disable", "reset-password", "reset-2fa", "logout"]) {
      const res = await admin.post(`/admin/users/bianban/${action}`);
      assert.equal(res.status, 409, action);
      assert.match(res.text, /不能对当前登录的账号/, action);
      assert.match(res.text, /用户管理/, `${action}: the user list again, with the reason`);
    }
    const still = await admin.get("/admin/users");
    assert.equal(still.status, 200, "still signed in");
    assert.doesNotMatch(still.text, /已停用/);
  });

  test("停用/启用/结束会话 answer with a redirect to the user list saying what was done, so a reload repeats nothing", async () => {
    await signedIn(app, store, { name: "chongzai", role: "township", township: "策勒乡" });
    await admin.get("/admin/users");
    const disabled = await admin.post("/admin/users/chongzai/disable");
    assert.equal(disabled.status, 303);
    assert.equal(disabled.location, "/admin/users?done=disable&user=chongzai");
    assert.match((await admin.get(disabled.location!)).text, /chongzai 已停用。/);
    const enabled = await admin.post("/admin/users/chongzai/enable");
    assert.equal(enabled.location, "/admin/users?done=enable&user=chongzai");
    assert.match((await admin.get(enabled.location!)).text, /chongzai 已启用。/);
    const ended = await admin.post("/admin/users/chongzai/logout");
    assert.equal(ended.status, 303);
    assert.match((await admin.get(ended.location!)).text, /已结束 chongzai 的全部会话。/);
    // The list says only what the store bears out, never the address's own words.
    assert.doesNotMatch((await admin.get("/admin/users?done=disable&user=chongzai")).text, /已停用。/);
    assert.doesNotMatch((await admin.get("/admin/users?done=enable&user=nobody")).text, /nobody/);
    assert.equal((await admin.get("/admin/users?done=%3Cb%3E&user=chongzai")).status, 400);
    // 重置密码 still answers with the page: its one-time password must never be put in an address.
    const reset = await admin.post("/admin/users/chongzai/reset-password");
    assert.equal(reset.status, 200);
    assert.match(reset.text, /chongzai 的新一次性密码/);
  });

  test("退出 in the header signs out", async () => {
    const user = await signedIn(app, store, { name: "tuichu", role: "township", township: "策勒乡" });
    await user.get("/");
    const out = await user.post("/logout");
    assert.equal(out.status, 303);
    const after = await user.get("/");
    assert.doesNotMatch(after.text, /tuichu/);
  });
});
