/**
 * A signed-in request's principal comes from the one query that reads its session (store/sessions.ts): it
 * must be the principal the user's own row gives (principalOf), for every role, follow a renamed township at
 * once, and a user disabled behind the session's back must get no principal (and lose the session).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import { type AuthSettings, DEFAULT_AUTH, loadSession, login } from "../../src/workflow/auth.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { POLICIES } from "../../src/workflow/passwords.ts";
import { addUser, changePassword, principalOf, type UserInput } from "../../src/workflow/users.ts";
import { craftedDraft } from "../store/drafts.ts";
import { describeEachBackend } from "../support/stores.ts";

const settings: AuthSettings = { ...DEFAULT_AUTH, policy: POLICIES.dengbao };
const PASSWORD = "Lz-session#2025";

describeEachBackend("the principal of a session", (backend) => {
  test("is the user's own principal for each role, follows a renamed township, and ends with a disabled user", async () => {
    const store = await backend.open();
    try {
      await importEdition(store, craftedDraft(), "test", { status: "published" });
      const db = workflowDb(store.db);
      const users: UserInput[] = [
        { name: "xiang1", role: "township", township: "测试乡" },
        { name: "bumen1", role: "department", department: "县水利局" },
        { name: "guanli", role: "admin" },
      ];
      const tokens = new Map<string, { id: number; token: string }>();
      for (const user of users) {
        const { id, password } = await addUser(db, user, "test");
        await changePassword(db, id, password, PASSWORD, POLICIES.dengbao);
        // Several sessions, so that a join on the wrong row would show.
        await login(db, settings, user.name, PASSWORD, "10.0.0.1");
        const { token } = await login(db, settings, user.name, PASSWORD, "10.0.0.1");
        tokens.set(user.name, { id, token });
      }
      for (const [name, { id, token }] of tokens) {
        const session = await loadSession(db, settings, token);
        assert.ok(session, name);
        assert.deepEqual(session.principal, await principalOf(db, id), name);
      }
      const township = (await loadSession(db, settings, tokens.get("xiang1")!.token))!.principal;
      assert.equal(township.township, "测试乡");
      assert.ok(township.county);
      const admin = (await loadSession(db, settings, tokens.get("guanli")!.token))!.principal;
      assert.deepEqual([admin.township, admin.county, admin.townshipId], [null, null, null]);

      await db.updateTable("townships").set({ name: "改名乡" }).where("name", "=", "测试乡").execute();
      const renamed = (await loadSession(db, settings, tokens.get("xiang1")!.token))!.principal;
      assert.deepEqual(renamed, { ...township, township: "改名乡" });

      // Disabled straight in the table (not through setDisabled, which also ends the sessions).
      const department = tokens.get("bumen1")!;
      await db.updateTable("users").set({ disabled: 1 }).where("id", "=", department.id).execute();
      assert.equal(await loadSession(db, settings, department.token), null);
      const left = await db
        .selectFrom("sessions")
        .select("id")
        .where("user_id", "=", department.id)
        .execute();
      assert.equal(left.length, 1, "the disabled user's session that was used is deleted");
      assert.ok(await loadSession(db, settings, tokens.get("xiang1")!.token), "others keep theirs");
    } finally {
      await store.close();
    }
  });
});
