import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { runCli } from "../../src/cli/main.ts";
import { Refusal } from "../../src/domain/refusal.ts";
import { openStore } from "../../src/store/index.ts";
import { type WorkflowDb, workflowDb } from "../../src/store/workflow-schema.ts";
import { listAudit } from "../../src/workflow/audit.ts";
import {
  type AuthSettings,
  confirmTotp,
  DEFAULT_AUTH,
  loadSession,
  login,
  startTotpEnrolment,
  verifySecondFactor,
} from "../../src/workflow/auth.ts";
import { WorkflowError } from "../../src/workflow/errors.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { POLICIES } from "../../src/workflow/passwords.ts";
import { totpCode } from "../../src/workflow/totp.ts";
import { addUser, changePassword, endSessions } from "../../src/workflow/users.ts";
import { craftedDraft } from "../store/drafts.ts";
import { describeEachBackend } from "../support/stores.ts";
import { captureIO } from "./helpers.ts";

const settings: AuthSettings = { ...DEFAULT_AUTH, policy: POLICIES.dengbao };

async function refusal(promise: Promise<unknown>): Promise<Refusal | WorkflowError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(
    error instanceof Refusal || error instanceof WorkflowError,
    `expected a refusal, got ${String(error)}`,
  );
  return error;
}

describeEachBackend("users and sign-in", (backend) => {
  async function fixture() {
    const store = await backend.open();
    await importEdition(store, craftedDraft(), "test", { status: "published" });
    return { store, db: workflowDb(store.db) };
  }

  test("a new user signs in with the one-time password and must change it; the policy applies", async () => {
    const { store, db } = await fixture();
    const { password } = await addUser(db, { name: "xiang1", role: "township", township: "测试乡" }, "test");
    const { session } = await login(db, settings, "xiang1", password, "10.0.0.1");
    assert.equal(session.pending, "password");
    assert.equal(session.principal.township, "测试乡");
    assert.equal(
      (await refusal(changePassword(db, session.principal.id, "wrong", "Abcdef12!", POLICIES.dengbao)))
        .status,
      403,
    );
    assert.match(
      (await refusal(changePassword(db, session.principal.id, password, "abcdefgh", POLICIES.dengbao)))
        .message,
      /至少 3 类/,
    );
    assert.match(
      (await refusal(changePassword(db, session.principal.id, password, "Xiang1-abc", POLICIES.dengbao)))
        .message,
      /用户名/,
    );
    await changePassword(db, session.principal.id, password, "Qingdan#2025", POLICIES.dengbao, session.id);
    const after = await login(db, settings, "xiang1", "Qingdan#2025", "10.0.0.1");
    assert.equal(after.session.pending, null);
    const actions = (await listAudit(db)).map((e) => e.action);
    assert.ok(
      actions.includes("user.add") &&
        actions.includes("user.password_change") &&
        actions.includes("auth.login"),
    );
    await store.close();
  });

  test("asvs: 12 characters, no common passwords, no rotation; dengbao: rotation after 90 days", async () => {
    const { store, db } = await fixture();
    const { id, password } = await addUser(
      db,
      { name: "bumen1", role: "department", department: "应急局" },
      "test",
    );
    const { session } = await login(db, settings, "bumen1", password, "10.0.0.2");
    assert.equal(session.principal.department, "县应急管理局");
    assert.match(
      (await refusal(changePassword(db, id, password, "Short#1aB", POLICIES.asvs))).message,
      /至少 12/,
    );
    assert.match(
      (await refusal(changePassword(db, id, password, "password1234", POLICIES.asvs))).message,
      /过于常见/,
    );
    assert.match(
      (await refusal(changePassword(db, id, password, "woaini1314!!", POLICIES.asvs))).message,
      /过于常见/,
    );
    await changePassword(db, id, password, "县里的石榴花今年开了两回呢", POLICIES.asvs);
    const old = new Date(Date.now() - 91 * 86_400_000).toISOString();
    await db.updateTable("users").set({ password_changed_at: old }).where("id", "=", id).execute();
    const asvs = await login(
      db,
      { ...settings, policy: POLICIES.asvs },
      "bumen1",
      "县里的石榴花今年开了两回呢",
      "x",
    );
    assert.equal(asvs.session.pending, null);
    const dengbao = await login(db, settings, "bumen1", "县里的石榴花今年开了两回呢", "x");
    assert.equal(dengbao.session.pending, "password");
    await store.close();
  });

  test("five wrong passwords make that address wait, even with the right one; another address signs in; failures are audited", async () => {
    const { store, db } = await fixture();
    const { password } = await addUser(
      db,
      { name: "bumen2", role: "department", department: "县水利局" },
      "test",
    );
    const t0 = new Date();
    for (let i = 0; i < 5; i++)
      assert.equal((await refusal(login(db, settings, "bumen2", "nope", "1.1.1.1", t0))).status, 401);
    const waiting = await refusal(login(db, settings, "bumen2", password, "1.1.1.1", t0));
    assert.equal(waiting.status, 429);
    assert.ok(waiting instanceof Refusal && waiting.details?.retryAfter === 2, "the first wait is 2 s");
    // The victim, from their own address, is not locked out by the attacker.
    assert.equal((await login(db, settings, "bumen2", password, "1.1.1.9", t0)).session.pending, "password");
    // Unknown users get the same answer as wrong passwords.
    assert.equal(
      (await refusal(login(db, settings, "nobody", "x", "1.1.1.2"))).message,
      "用户名或密码不正确。",
    );
    const failed = (await listAudit(db, { action: "auth.login_failed" })).length;
    assert.equal(failed, 6, "five wrong passwords and the unknown name; the refused attempt was not checked");
    assert.equal((await listAudit(db, { action: "auth.login_throttled" })).length, 1);
    // Once the wait is over, the right password works again and the counter starts from zero.
    const later = new Date(t0.getTime() + 3_000);
    const ok = await login(db, settings, "bumen2", password, "1.1.1.1", later);
    assert.equal(ok.session.pending, "password");
    for (let i = 0; i < 4; i++)
      assert.equal((await refusal(login(db, settings, "bumen2", "nope", "1.1.1.1", later))).status, 401);
    await store.close();
  });

  test("an address with too many failures waits (429), whatever the names", async () => {
    const { store, db } = await fixture();
    const tight = { ...settings, address: { ...settings.address, free: 3 } };
    const t0 = new Date();
    for (let i = 0; i < 3; i++) await refusal(login(db, tight, `u${i}`, "x", "9.9.9.9", t0));
    assert.equal((await refusal(login(db, tight, "u9", "x", "9.9.9.9", t0))).status, 429);
    assert.equal((await refusal(login(db, tight, "u9", "x", "9.9.9.8", t0))).status, 401);
    await store.close();
  });

  test("sessions expire when idle and absolutely; an admin can end them", async () => {
    const { store, db } = await fixture();
    const { password } = await addUser(db, { name: "xiang2", role: "township", township: "测试乡" }, "test");
    const t0 = new Date();
    const { token } = await login(db, settings, "xiang2", password, "x", t0);
    assert.ok(await loadSession(db, settings, token, new Date(t0.getTime() + 20 * 60_000)));
    assert.ok(
      await loadSession(db, settings, token, new Date(t0.getTime() + 45 * 60_000)),
      "touched at 20 min",
    );
    assert.equal(await loadSession(db, settings, token, new Date(t0.getTime() + 90 * 60_000)), null, "idle");
    const short = { ...settings, absoluteHours: 0.5 };
    const again = await login(db, short, "xiang2", password, "x", t0);
    assert.ok(await loadSession(db, short, again.token, new Date(t0.getTime() + 20 * 60_000)));
    assert.equal(
      await loadSession(db, short, again.token, new Date(t0.getTime() + 40 * 60_000)),
      null,
      "absolute",
    );
    const third = await login(db, settings, "xiang2", password, "x");
    assert.equal(await endSessions(db, "xiang2", "admin"), 1);
    assert.equal(await loadSession(db, settings, third.token), null);
    await store.close();
  });

  test("admins enrol TOTP, then need a code at every sign-in; codes cannot be replayed", async () => {
    const { store, db } = await fixture();
    const { password } = await addUser(db, { name: "bianban", role: "admin" }, "test");
    const first = await login(db, settings, "bianban", password, "x");
    assert.equal(first.session.pending, "enroll");
    assert.equal((await refusal(startTotpEnrolment(db, first.session, "wrong", undefined))).status, 403);
    const enrol = await startTotpEnrolment(db, first.session, password, undefined);
    assert.match(enrol.uri, /^otpauth:\/\/totp\//);
    assert.match(enrol.qr, /^data:image\/png;base64,/);
    await refusal(confirmTotp(db, first.session, "000000"));
    await confirmTotp(db, first.session, totpCode(enrol.secret));
    assert.equal((await loadSession(db, settings, first.token))?.pending, "password");

    const second = await login(db, settings, "bianban", password, "x");
    assert.equal(second.session.pending, "totp");
    const next = new Date(Date.now() + 30_000);
    await refusal(verifySecondFactor(db, settings, second.session, "123456", "x", next));
    const code = totpCode(enrol.secret, next.getTime());
    await verifySecondFactor(db, settings, second.session, code, "x", next);
    assert.equal((await loadSession(db, settings, second.token))?.pending, "password");
    const third = await login(db, settings, "bianban", password, "x");
    assert.equal(
      (await refusal(verifySecondFactor(db, settings, third.session, code, "x", next))).status,
      401,
    );
    // Re-enrolling asks for the current code too.
    assert.equal((await refusal(startTotpEnrolment(db, second.session, password, "000000"))).status, 403);
    await store.close();
  });
});

describe("lvzhi user", () => {
  test("add prints a one-time password; bad roles and scopes are refused; lock state holds across processes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lvzhi-user-"));
    const path = join(dir, "u.db");
    const seed = await openStore({ path });
    await importEdition(seed, craftedDraft(), "test", { status: "published" });
    await seed.close();
    let io = captureIO();
    assert.equal(
      await runCli(["user", "add", "wang", "--role", "township", "--township", "测试乡", "--db", path], io),
      0,
    );
    const password = /一次性密码：(\S+)/.exec(io.stdout)?.[1];
    assert.ok(password && password.length === 16);
    io = captureIO();
    assert.equal(await runCli(["user", "add", "li", "--role", "boss", "--db", path], io), 2);
    io = captureIO();
    assert.equal(
      await runCli(["user", "add", "li", "--role", "township", "--township", "无此乡", "--db", path], io),
      1,
    );
    assert.match(io.stderr, /没有乡镇“无此乡”/);
    io = captureIO();
    assert.equal(await runCli(["user", "add", "wang", "--role", "admin", "--db", path], io), 1);
    assert.match(io.stderr, /已存在/);

    // Two "processes" (two stores on one file): failures counted in one make the address wait in the other.
    const a = await openStore({ path });
    const b = await openStore({ path });
    const dbA: WorkflowDb = workflowDb(a.db);
    const dbB: WorkflowDb = workflowDb(b.db);
    const slow = { ...settings, accountAddress: { ...settings.accountAddress, firstWaitSeconds: 600 } };
    for (let i = 0; i < 5; i++) await refusal(login(i % 2 ? dbA : dbB, slow, "wang", "bad", "2.2.2.2"));
    assert.equal((await refusal(login(dbB, slow, "wang", password!, "2.2.2.2"))).status, 429);
    await a.close();
    await b.close();
    io = captureIO();
    assert.equal(await runCli(["user", "list", "--json", "--db", path], io), 0);
    assert.ok(JSON.parse(io.stdout)[0].lockedUntil);
  });
});
