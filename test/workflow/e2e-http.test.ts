/**
 * End to end over HTTP: admission (unlisted → approved 30 days → seen by the township; reclaimed →
 * refused), adjustment (a township's local item → review round with a comment and an answer → publish →
 * the diff shows it), forbidden actions answered 403, and the audit chain (verifies; fails at an altered row).
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { runCli } from "../../src/cli/main.ts";
import { type DatabaseTarget, openStore, type SqlDutyStore } from "../../src/store/index.ts";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import { createApp } from "../../src/web/app.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { totpCode } from "../../src/workflow/totp.ts";
import { addUser } from "../../src/workflow/users.ts";
import { describeEachBackend } from "../support/stores.ts";
import { bundledDraft, captureIO, TASKS } from "./helpers.ts";
import { Client } from "./http-client.ts";

describeEachBackend("workflow end to end over HTTP", (backend) => {
  let store: SqlDutyStore;
  let app: ReturnType<typeof createApp>;
  let dbArgs: string[] = [];
  const passwords: Record<string, string> = {};
  let adminSecret = "";
  let step = 0;

  /** A TOTP code of a later time step each call, so no code is a replay. */
  const nextCode = () => totpCode(adminSecret, Date.now() + ++step * 30_000);

  before(async () => {
    if (backend.name === "sqlite") {
      const path = join(mkdtempSync(join(tmpdir(), "lvzhi-e2e-")), "e2e.db");
      store = await openStore({ path });
      dbArgs = ["--db", path];
    } else {
      store = await backend.open();
      const t = store.target as Extract<DatabaseTarget, { kind: "postgres" }>;
      dbArgs = [
        "--database-url",
        `${t.connectionString}${t.connectionString.includes("?") ? "&" : "?"}schema=${t.schema}`,
      ];
    }
    await importEdition(store, await bundledDraft(), "system", { status: "published" });
    const db = workflowDb(store.db);
    for (const [name, input] of [
      ["bianban", { role: "admin" }],
      ["cele", { role: "township", township: "策勒乡" }],
      ["shangwu", { role: "department", department: "县商务和工业信息化局" }],
      ["yingji", { role: "department", department: "县应急管理局" }],
    ] as const) {
      passwords[name] = (await addUser(db, { name, ...input }, "cli:test")).password;
    }
    app = createApp({ store });
  });
  after(() => store.close());

  /** Signs a user in for the first time: sets a new password (and enrols TOTP for the admin). */
  async function firstLogin(name: string): Promise<Client> {
    const client = new Client(app);
    let res = await client.login(name, passwords[name]!);
    assert.equal(res.status, 303);
    if (name === "bianban") {
      assert.equal(res.location, "/account/totp");
      await client.get("/account/totp");
      res = await client.post("/account/totp", { password: passwords[name]! });
      assert.equal(res.status, 200);
      adminSecret = /<code>([A-Z2-7]+)<\/code>/.exec(res.text)![1]!;
      assert.match(res.text, /<img src="data:image\/png;base64,/);
      res = await client.post("/account/totp/confirm", { code: totpCode(adminSecret) });
      assert.equal(res.status, 303);
      res = await client.get(res.location!);
      assert.equal(res.location, "/account/password");
    } else {
      assert.equal(res.location, "/account/password");
    }
    await client.get("/account/password");
    const fresh = `Qd#${name.length}x-2025-Lz!`;
    res = await client.post("/account/password", {
      current: passwords[name]!,
      password: fresh,
      again: fresh,
    });
    assert.equal(res.status, 303, /<main>([\s\S]{0,600})/.exec(res.text)?.[1]);
    passwords[name] = fresh;
    return client;
  }

  const c: Record<string, Client> = {};
  let draftDate = "";

  test("everyone signs in; the admin with a second factor", async () => {
    for (const name of ["bianban", "cele", "shangwu", "yingji"]) c[name] = await firstLogin(name);
    // A second sign-in of the admin asks for the code.
    const again = new Client(app);
    const res = await again.login("bianban", passwords.bianban!, nextCode);
    assert.equal(res.status, 303);
    assert.equal((await again.get("/admin/users")).status, 200);
  });

  test("unlisted request → admin approves for 30 days → the township sees it", async () => {
    await c.shangwu!.get("/admission");
    let res = await c.shangwu!.post("/admission", {
      task: TASKS.unlisted,
      reason: "县委安排",
      basis: "县委办〔2025〕12号",
      townships: "策勒乡",
      days: "60",
    });
    assert.equal(res.status, 303);
    const url = res.location!;
    res = await c.shangwu!.get(url);
    assert.match(res.text, /待审核/);
    assert.match(res.text, /清单外事项/);

    res = await c.bianban!.get("/admission");
    assert.match(res.text, new RegExp(TASKS.unlisted));
    await c.bianban!.get(url);
    res = await c.bianban!.post(`${url}/decision`, { action: "approve", days: "30" });
    assert.equal(res.status, 303);
    const api = await c.bianban!.getJson(`/api/v1${url.replace("/admission/", "/admissions/")}`);
    const admission = api.body.admission as { status: string; expiresAt: string; decidedAt: string };
    assert.equal(admission.status, "approved");
    assert.equal(Date.parse(admission.expiresAt) - Date.parse(admission.decidedAt), 30 * 86_400_000);

    res = await c.cele!.get("/admission/township");
    assert.equal(res.status, 200);
    assert.match(res.text, new RegExp(TASKS.unlisted));
    assert.match(res.text, /已准入（至 \d{4}-\d{2}-\d{2}）/);
  });

  test("reclaimed request → refused at once", async () => {
    await c.yingji!.get("/admission");
    const res = await c.yingji!.post("/admission", {
      task: TASKS.reclaimed,
      reason: "防火期",
      basis: "县应急〔2025〕3号",
      townships: "策勒乡",
      days: "30",
    });
    const page = await c.yingji!.get(res.location!);
    assert.match(page.text, /已收回事项（不予准入）/);
    assert.match(page.text, /烟花爆竹安全监管/);
  });

  test("a township's local item → review round with a comment and an answer → publish → the diff shows it", async () => {
    await c.cele!.get("/adjust");
    let res = await c.cele!.post("/adjust", {
      township: "策勒乡",
      kind: "add",
      list: "basic",
      category: "乡村振兴",
      name: "举办石榴花节",
      local: "1",
      reason: "本乡特色产业",
    });
    assert.equal(res.status, 303);
    const proposals = (await c.bianban!.getJson("/api/v1/proposals")).body.proposals as { id: number }[];
    await c.bianban!.get("/adjust");
    res = await c.bianban!.post(`/adjust/${proposals[0]!.id}/decision`, { accept: "1" });
    assert.equal(res.status, 303);
    const draftUrl = res.location!;
    draftDate = decodeURIComponent(draftUrl.split("/").pop()!);

    // Unpublished: the public cannot see it, the township can.
    assert.equal(
      (await new Client(app).get(`/t/${encodeURIComponent("策勒乡")}?edition=${draftDate}`)).status,
      403,
    );
    assert.equal((await new Client(app).get(draftUrl)).status, 403);
    assert.equal((await c.cele!.get(draftUrl)).status, 200);

    await c.bianban!.get(draftUrl);
    res = await c.bianban!.post(`${draftUrl}/round`);
    assert.equal(res.status, 303);
    res = await c.cele!.get(draftUrl);
    const round = /action="\/review\/(\d+)\/comments"/.exec(res.text)![1];
    res = await c.cele!.post(`/review/${round}/comments`, { item: "basic:117", body: "建议写明举办时间" });
    assert.equal(res.status, 303);
    res = await c.bianban!.get(draftUrl);
    assert.match(res.text, /建议写明举办时间/);
    const comment = /action="\/review\/comments\/(\d+)\/answer"/.exec(res.text)![1];
    res = await c.bianban!.post(`/review/comments/${comment}/answer`, { answer: "已采纳：每年四月举办" });
    assert.equal(res.status, 303);
    res = await c.bianban!.get(draftUrl);
    assert.match(res.text, /已采纳：每年四月举办/);

    res = await c.bianban!.post(`${draftUrl}/publish`);
    assert.equal(res.status, 303, res.text.slice(0, 500));
    res = await c.bianban!.get(res.location!);
    assert.match(res.text, /新增事项（1）/);
    assert.match(res.text, /举办石榴花节/);
    const diff = await new Client(app).getJson(`/api/v1/diff/${encodeURIComponent("策勒乡")}`);
    assert.equal(diff.status, 200);
    assert.deepEqual(
      (diff.body.added as { name: string }[]).map((a) => a.name),
      ["举办石榴花节"],
    );
    const history = await new Client(app).getJson(
      `/api/v1/history/${encodeURIComponent("策勒乡")}/${draftDate}/basic/117`,
    );
    assert.deepEqual(
      (history.body.steps as { event: string }[]).map((s) => s.event),
      ["absent", "added"],
    );
  });

  test("forbidden actions get 403", async () => {
    const anonymous = new Client(app);
    await anonymous.get("/login");
    const checks: [Client, string, "get" | "post", Record<string, string>?][] = [
      [anonymous, "/admission", "get"],
      [anonymous, "/admin/audit", "get"],
      [anonymous, "/api/v1/admissions/stats", "get"],
      [c.cele!, "/admin/users", "get"],
      [c.shangwu!, "/admin/audit", "get"],
      [c.shangwu!, "/admission/stats", "get"],
      [c.shangwu!, "/admission/1/decision", "post", { action: "approve" }],
      [c.cele!, "/admission/1/decision", "post", { action: "approve" }],
      [c.cele!, "/admission", "post", { task: "x", reason: "x", basis: "x", townships: "策勒乡", days: "3" }],
      [c.shangwu!, "/admin/users", "post", { name: "evil", role: "admin" }],
      [c.cele!, "/adjust/1/decision", "post", { accept: "1" }],
      [c.shangwu!, `/drafts/${encodeURIComponent("策勒乡")}/${draftDate}/publish`, "post"],
    ];
    for (const [client, path, method, fields] of checks) {
      if (method === "post") await client.get("/adjust").catch(() => undefined);
      const res = method === "get" ? await client.get(path) : await client.post(path, fields);
      assert.equal(res.status, 403, `${method} ${path}`);
    }
    // A form without the right CSRF token is refused even for the admin.
    const res = await c.bianban!.post("/admin/users", { name: "x1", role: "admin" }, "forged-token");
    assert.equal(res.status, 403);
    assert.match(res.text, /CSRF/);
  });

  test("the audit chain verifies, and fails at a row altered in the database", async () => {
    let io = captureIO();
    assert.equal(await runCli(["audit", "verify", ...dbArgs], io), 0, io.stdout + io.stderr);
    const entries = (await c.bianban!.getJson("/api/v1/admin/audit")).body.entries as {
      id: number;
      action: string;
    }[];
    const actions = new Set(entries.map((e) => e.action));
    for (const a of [
      "edition.import",
      "user.add",
      "auth.login",
      "admission.approve",
      "proposal.accept",
      "review.comment",
      "review.answer",
      "edition.publish",
    ]) {
      assert.ok(actions.has(a), a);
    }
    const approve = entries.find((e) => e.action === "admission.approve")!;
    await workflowDb(store.db)
      .updateTable("audit_log")
      .set({ after: '{"status":"rejected"}' })
      .where("id", "=", approve.id)
      .execute();
    io = captureIO();
    assert.equal(await runCli(["audit", "verify", ...dbArgs], io), 1);
    assert.match(io.stdout, new RegExp(`第 ${approve.id} 条记录处断裂`));
    const page = await c.bianban!.get("/admin/audit");
    assert.match(page.text, new RegExp(`第 ${approve.id} 条记录处断裂`));
  });
});
