/** The users the workflow browser tests sign in as, and signing in through the login form (with TOTP for the admin). */
import type { Page } from "playwright-core";
import type { WorkflowDb } from "../../src/store/workflow-schema.ts";
import { confirmTotp, DEFAULT_AUTH, login, startTotpEnrolment } from "../../src/workflow/auth.ts";
import { POLICIES } from "../../src/workflow/passwords.ts";
import { totpCode } from "../../src/workflow/totp.ts";
import { addUser, changePassword, type UserInput } from "../../src/workflow/users.ts";

/** The administrator's name: the one user with a second factor. */
export const ADMIN = "bianban";

/**
 * Adds the admin, the township clerk `cele` (策勒乡) and the given department user, all with `password`,
 * and enrols the admin's second factor beforehand (the HTTP tests walk the enrolment pages). Returns the
 * admin's TOTP secret.
 */
export async function addBrowserUsers(
  db: WorkflowDb,
  password: string,
  department: { name: string; department: string },
): Promise<string> {
  const users: [string, Omit<UserInput, "name">][] = [
    [ADMIN, { role: "admin" }],
    ["cele", { role: "township", township: "策勒乡" }],
    [department.name, { role: "department", department: department.department }],
  ];
  for (const [name, input] of users) {
    const { id, password: initial } = await addUser(db, { name, ...input }, "test");
    await changePassword(db, id, initial, password, POLICIES.dengbao);
  }
  const { session } = await login(db, { ...DEFAULT_AUTH, policy: POLICIES.dengbao }, ADMIN, password, "x");
  const secret = (await startTotpEnrolment(db, session, password, undefined)).secret;
  await confirmTotp(db, session, totpCode(secret));
  return secret;
}

/** Signs `name` in on `page` through the login form; the admin also gives a one-time code from `secret`. */
export async function signInWithForm(
  page: Page,
  baseUrl: string,
  name: string,
  password: string,
  secret: string,
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill("input[name=name]", name);
  await page.fill("input[name=password]", password);
  await page.click('main form[action^="/login"] button');
  if (name === ADMIN) {
    await page.waitForURL(/\/login\/totp$/);
    await page.fill("input[name=code]", totpCode(secret, Date.now() + 30_000));
    await page.click("text=确认");
  }
  await page.waitForLoadState();
}
