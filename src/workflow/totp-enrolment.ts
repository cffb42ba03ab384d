/**
 * Enrolling (or changing) the TOTP second factor from a signed-in session: the current password again
 * (throttled, see ./reauth.ts) unless the session was made by typing it just now and owes the enrolment,
 * the current code when one is enrolled, then a code from the new secret.
 */
import { Refusal } from "../domain/refusal.ts";
import { deleteSessionsOf, setSessionStage } from "../store/sessions.ts";
import { updateUser, userRowByIdOrThrow } from "../store/users.ts";
import type { WorkflowDb } from "../store/workflow-schema.ts";
import { inTransaction } from "../store/workflow-transaction.ts";
import { appendAudit } from "./audit.ts";
import type { SessionState } from "./auth.ts";
import { checkCurrentPassword } from "./reauth.ts";
import { acceptTotp, newTotpSecret, qrDataUrl, totpUri } from "./totp.ts";

export interface Enrolment {
  secret: string;
  uri: string;
  /** PNG data: URL of the QR code. */
  qr: string;
}

/**
 * Starts enrolling a (new) second factor: asks for the current password, and the current code when one
 * is already enrolled. The secret stays pending until confirmTotp. A session that owes the enrolment
 * (stage "enroll") was made by signing in with the password moments ago and can do nothing else, so it
 * is not asked again (`password` null); any other session must give it.
 */
export async function startTotpEnrolment(
  db: WorkflowDb,
  session: SessionState,
  password: string | null,
  currentCode: string | undefined,
  now = new Date(),
): Promise<Enrolment> {
  const user = await userRowByIdOrThrow(db, session.principal.id);
  if (password !== null) await checkCurrentPassword(db, user, password, now);
  else if (session.pending !== "enroll") throw new Refusal("invalid", "请输入当前密码。");
  if (user.totp_enabled === 1) {
    const step = user.totp_secret
      ? acceptTotp(user.totp_secret, currentCode ?? "", user.totp_last_step, now.getTime())
      : null;
    if (step === null) throw new Refusal("forbidden", "请输入当前动态口令以更换。");
    await updateUser(db, user.id, { totp_last_step: step });
  }
  const secret = newTotpSecret();
  await updateUser(db, user.id, { totp_pending: secret });
  const uri = totpUri(secret, user.name);
  return { secret, uri, qr: await qrDataUrl(uri) };
}

/** The enrolment started and not yet confirmed (to show its QR code again after a mistyped code). */
export async function pendingEnrolment(db: WorkflowDb, session: SessionState): Promise<Enrolment | null> {
  const user = await userRowByIdOrThrow(db, session.principal.id);
  if (!user.totp_pending) return null;
  const uri = totpUri(user.totp_pending, user.name);
  return { secret: user.totp_pending, uri, qr: await qrDataUrl(uri) };
}

/** Confirms the pending secret with a code from it; the session then counts as fully signed in. */
export async function confirmTotp(
  db: WorkflowDb,
  session: SessionState,
  code: string,
  now = new Date(),
): Promise<void> {
  const user = await userRowByIdOrThrow(db, session.principal.id);
  if (!user.totp_pending) throw new Refusal("invalid", "请先开始绑定。");
  const step = acceptTotp(user.totp_pending, code, null, now.getTime());
  if (step === null) throw new Refusal("invalid", "动态口令不正确：请核对手机时间后重试。");
  await inTransaction(db, async (trx) => {
    await updateUser(trx, user.id, {
      totp_secret: user.totp_pending,
      totp_pending: null,
      totp_enabled: 1,
      totp_last_step: step,
    });
    // Other sessions were made with the old factor (or none).
    await deleteSessionsOf(trx, user.id, session.id);
    await setSessionStage(trx, session.id, "full");
    await appendAudit(trx, {
      actor: user.name,
      action: user.totp_enabled ? "user.totp_change" : "user.totp_enroll",
      subject: `user:${user.name}`,
    });
  });
}
