/** Signed-in HTTP clients for web tests: users created in the store, signed in through the real forms. */
import assert from "node:assert/strict";
import type { Hono } from "hono";
import type { SqlDutyStore } from "../../src/store/index.ts";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import { POLICIES } from "../../src/workflow/passwords.ts";
import { totpCode } from "../../src/workflow/totp.ts";
import { addUser, changePassword, type UserInput } from "../../src/workflow/users.ts";
import { Client } from "../workflow/http-client.ts";

export const PASSWORD = "Lz-web#2025-ok";

/** Users with `password` already set (no first-login step), not signed in. */
export async function usersWithPassword(
  store: SqlDutyStore,
  users: readonly UserInput[],
  password = PASSWORD,
): Promise<void> {
  const db = workflowDb(store.db);
  for (const input of users) {
    const { id, password: first } = await addUser(db, input, "test");
    await changePassword(db, id, first, password, POLICIES.dengbao);
  }
}

/** A user with PASSWORD already set (no first-login step), signed in. */
export async function signedIn(app: Hono, store: SqlDutyStore, input: UserInput): Promise<Client> {
  await usersWithPassword(store, [input]);
  const client = new Client(app);
  await client.login(input.name, PASSWORD);
  return client;
}

/**
 * A user already in the store (with PASSWORD set) signed in, having opened `landing` as a browser does after
 * signing in (the page that sets the township cookie, or the home page).
 */
export async function signInAs(app: Hono, name: string, landing = "/"): Promise<Client> {
  const client = new Client(app);
  await client.login(name, PASSWORD);
  await client.get(landing);
  return client;
}

/** An admin signed in through the whole first login: TOTP enrolment (its secret page) and a new password. */
export async function signedInAdmin(
  app: Hono,
  store: SqlDutyStore,
  name = "bianban",
): Promise<{ client: Client; secretPage: Response; passwordPage: Response }> {
  const { password } = await addUser(workflowDb(store.db), { name, role: "admin" }, "test");
  const client = new Client(app);
  let res = await client.login(name, password);
  assert.equal(res.location, "/account/totp");
  // The password was typed at sign-in: the enrolment does not ask for it again.
  const enrolPage = await client.get("/account/totp");
  assert.doesNotMatch(enrolPage.text, /name="password"/);
  res = await client.post("/account/totp");
  const secretPage = res.res;
  const secret = /<code>([A-Z2-7]+)<\/code>/.exec(res.text)![1]!;
  res = await client.post("/account/totp/confirm", { code: totpCode(secret) });
  assert.equal(res.status, 303);
  const passwordPage = (await client.get("/account/password")).res;
  res = await client.post("/account/password", { current: password, password: PASSWORD, again: PASSWORD });
  assert.equal(res.status, 303);
  return { client, secretPage, passwordPage };
}
