/**
 * Re-entering one's current password inside a session (password change, TOTP enrolment). Throttled per
 * account like the sign-in, so a borrowed or stolen session cannot be used to guess the password.
 */
import { Refusal } from "../domain/refusal.ts";
import type { WorkflowDb } from "../store/workflow-schema.ts";
import { verifyPassword } from "./password-hash.ts";
import { admit, auditFailure, reauthGates, signedIn } from "./signin-guard.ts";

/** Refusal forbidden when `password` is not the user's current one; rate-limited after repeated misses. */
export async function checkCurrentPassword(
  db: WorkflowDb,
  user: { id: number; name: string; password_hash: string },
  password: string,
  now = new Date(),
): Promise<void> {
  const gates = reauthGates(user.name, user.id);
  const who = { name: user.name, ip: "session" };
  const unreported = await admit(db, gates, who, now);
  if (!(await verifyPassword(user.password_hash, password))) {
    await auditFailure(db, who, "current-password", unreported);
    throw new Refusal("forbidden", "当前密码不正确。");
  }
  await signedIn(db, gates);
}
