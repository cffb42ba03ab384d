/**
 * Password policies (issue 9 row 8): common and trivial passwords refused in both profiles, spaces at
 * either end refused rather than trimmed, the last 5 passwords not reusable (on both engines).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Refusal } from "../../src/domain/refusal.ts";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import { DEFAULT_AUTH, login } from "../../src/workflow/auth.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { POLICIES, passwordProblems, trivialPieces } from "../../src/workflow/passwords.ts";
import { waitAfter } from "../../src/workflow/throttle.ts";
import { addUser, changePassword, resetPassword } from "../../src/workflow/users.ts";
import { craftedDraft } from "../store/drafts.ts";
import { describeEachBackend } from "../support/stores.ts";

describe("password policies", () => {
  test("both profiles refuse the common passwords dengbao used to accept, l33t spellings included", () => {
    for (const policy of [POLICIES.dengbao, POLICIES.asvs]) {
      for (const p of ["Password1", "P@ssw0rd", "Qwerty123", "Aa123456", "Woaini1314!", "P@ssw0rd2025!"]) {
        assert.ok(
          passwordProblems(policy, p, "wang").some((m) => /过于常见/.test(m)),
          `${policy.name}: ${p}`,
        );
      }
    }
  });

  test("both profiles refuse one repeated character and runs of neighbours", () => {
    for (const p of [
      "aaaaaaaaaaaa",
      "Abcd1234!",
      "abcdefghijkl",
      "1234567890ab",
      "Zyxwvu98765!",
      "Aaaa1111####",
    ]) {
      for (const policy of [POLICIES.dengbao, POLICIES.asvs]) {
        assert.ok(
          passwordProblems(policy, p, "wang").some((m) => /过于简单|过于常见/.test(m)),
          `${policy.name}: ${p}`,
        );
      }
    }
    assert.equal(trivialPieces("aaaaaaaaaaaa"), 1);
    assert.equal(trivialPieces("Aa123456"), 2);
  });

  test("real passwords and passphrases pass", () => {
    assert.deepEqual(passwordProblems(POLICIES.dengbao, "Qingdan#2025", "wang"), []);
    assert.deepEqual(passwordProblems(POLICIES.asvs, "县里的石榴花今年开了两回呢", "wang"), []);
    assert.deepEqual(passwordProblems(POLICIES.asvs, "correct horse battery staple", "wang"), []);
  });

  test("spaces at either end are refused with a message, never trimmed silently; inner spaces are fine", () => {
    for (const p of [" Qingdan#2025", "Qingdan#2025 ", "\tQingdan#2025"]) {
      assert.ok(
        passwordProblems(POLICIES.dengbao, p, "wang").some((m) => /首尾不能是空格/.test(m)),
        p,
      );
    }
    assert.deepEqual(passwordProblems(POLICIES.dengbao, "Qing dan#2025", "wang"), []);
  });

  test("the wait doubles after the free attempts, up to the cap", () => {
    const rule = DEFAULT_AUTH.accountAddress;
    assert.deepEqual(
      [1, 4, 5, 6, 7, 20].map((n) => waitAfter(rule, n)),
      [0, 0, 2, 4, 8, rule.maxWaitSeconds],
    );
  });
});

describeEachBackend("password history", (backend) => {
  test("none of the last 5 passwords can be used again; the 6th back can; a reset counts too", async () => {
    const store = await backend.open();
    await importEdition(store, craftedDraft(), "test", { status: "published" });
    const db = workflowDb(store.db);
    const { id, password: first } = await addUser(
      db,
      { name: "zhao", role: "township", township: "测试乡" },
      "t",
    );
    const chain = ["Lz-Qingdan#1a", "Lz-Qingdan#2b", "Lz-Qingdan#3c", "Lz-Qingdan#4d", "Lz-Qingdan#5e"];
    let current = first;
    for (const next of chain) {
      await changePassword(db, id, current, next, POLICIES.dengbao);
      current = next;
    }
    for (const old of chain.slice(0, 4)) {
      const error = await changePassword(db, id, current, old, POLICIES.dengbao).catch((e: unknown) => e);
      assert.ok(error instanceof Refusal && error.code === "invalid", old);
      assert.match(error.message, /最近 5 次/);
    }
    // The one-time password was 6 changes ago: no longer remembered.
    await changePassword(db, id, current, first, POLICIES.dengbao);
    // An admin's reset keeps the replaced password in the history as well.
    const reset = await resetPassword(db, "zhao", "admin");
    const reused = await changePassword(db, id, reset, first, POLICIES.dengbao).catch((e: unknown) => e);
    assert.ok(reused instanceof Refusal && /最近 5 次/.test(reused.message));
    await store.close();
  });

  test("a password is kept exactly as typed: the same password with a space added does not sign in", async () => {
    const store = await backend.open();
    await importEdition(store, craftedDraft(), "test", { status: "published" });
    const db = workflowDb(store.db);
    const { id, password } = await addUser(db, { name: "qian", role: "township", township: "测试乡" }, "t");
    await changePassword(db, id, password, "Qing dan#2025", POLICIES.dengbao);
    const settings = { ...DEFAULT_AUTH, policy: POLICIES.dengbao };
    assert.ok(await login(db, settings, "qian", "Qing dan#2025", "10.9.0.1"));
    const padded = await login(db, settings, "qian", "Qing dan#2025 ", "10.9.0.1").catch((e: unknown) => e);
    assert.ok(padded instanceof Refusal && padded.code === "unauthenticated");
    await store.close();
  });
});
