/**
 * Signing in: the password step and the TOTP step, each taken from its throttle counters before anything
 * is checked (./signin-guard.ts), sessions with idle and absolute expiry, signing out. Failures are
 * audited. Session tokens are random; the database keeps only their SHA-256.
 */
import { createHash, randomBytes } from "node:crypto";
import { Refusal } from "../domain/refusal.ts";
import {
  deleteExpiredSessions,
  deleteSession,
  insertSession,
  sessionWithUser,
  setSessionStage,
  touchSession,
} from "../store/sessions.ts";
import { sweepThrottle } from "../store/signin.ts";
import { claimTotpStep, userRowByIdOrThrow, userRowByName } from "../store/users.ts";
import { signinDb, type WorkflowDb } from "../store/workflow-schema.ts";
import { inTransaction } from "../store/workflow-transaction.ts";
import { appendAudit } from "./audit.ts";
import { hashPassword, verifyPassword } from "./password-hash.ts";
import { type PasswordPolicy, passwordExpired } from "./passwords.ts";
import type { Principal } from "./principal.ts";
import {
  admit,
  auditFailure,
  DEFAULT_THROTTLE,
  passwordGates,
  secondFactorGates,
  signedIn,
  type ThrottleSettings,
} from "./signin-guard.ts";
import { acceptTotp } from "./totp.ts";
import { principalFrom, principalOf } from "./users.ts";

export { confirmTotp, type Enrolment, startTotpEnrolment } from "./totp-enrolment.ts";

export interface AuthSettings extends ThrottleSettings {
  policy: PasswordPolicy;
  /** A session unused this long ends. */
  idleMinutes: number;
  /** A session ends this long after sign-in, used or not. */
  absoluteHours: number;
}

export const DEFAULT_AUTH: Omit<AuthSettings, "policy"> = {
  idleMinutes: 30,
  absoluteHours: 8,
  ...DEFAULT_THROTTLE,
};

/** What a signed-in session still owes before it may do anything else. */
export type Pending = "totp" | "enroll" | "password" | null;

export interface SessionState {
  /** SHA-256 of the token (the row id). */
  id: string;
  principal: Principal;
  csrf: string;
  pending: Pending;
  expiresAt: string;
}

/** SHA-256 hex of a session token. */
export function tokenId(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function minutesAgo(now: Date, minutes: number): string {
  return new Date(now.getTime() - minutes * 60_000).toISOString();
}

// A fixed hash to verify against when the user does not exist, so both cases take the same time.
let dummyHash: Promise<string> | undefined;

export type LoginResult = { token: string; session: SessionState };

const WRONG_PASSWORD = "用户名或密码不正确。";

/**
 * The password step. The attempt is taken from its counters first: when one is waiting, Refusal
 * rate-limited (details.retryAfter seconds) and nothing is checked. Unknown, disabled and wrong all answer
 * Refusal unauthenticated with one message, after one hash verification each. The counters start again
 * only when the whole sign-in succeeds: here when the user has no second factor, else at the code.
 */
export async function login(
  db: WorkflowDb,
  settings: AuthSettings,
  name: string,
  password: string,
  ip: string,
  now = new Date(),
): Promise<LoginResult> {
  const gates = passwordGates(settings, name, ip);
  const who = { name, ip };
  const unreported = await admit(db, gates, who, now);
  const user = await userRowByName(db, name);
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  const ok = await verifyPassword(user?.password_hash ?? (await dummyHash), password);
  if (!user || !ok || user.disabled) {
    const why = user ? (user.disabled ? "disabled" : "password") : "unknown-user";
    await auditFailure(db, who, why, unreported);
    throw new Refusal("unauthenticated", WRONG_PASSWORD);
  }
  const principal = (await principalOf(db, user.id))!;
  await sweep(db, now);
  const needsTotp = user.totp_enabled === 1 || user.role === "admin";
  // With no second factor enrolled, the password was the whole sign-in.
  const refused = user.totp_enabled === 1 ? 0 : await signedIn(db, gates);
  const token = randomBytes(32).toString("base64url");
  const session = await inTransaction(db, async (trx) => {
    const state = await createSession(
      trx,
      settings,
      user.id,
      principal,
      needsTotp ? "password" : "full",
      token,
      now,
    );
    await appendAudit(trx, {
      actor: user.name,
      action: "auth.login",
      subject: `user:${user.name}`,
      after: { ip, ...(refused > 0 ? { refusedWhileWaiting: refused } : {}) },
    });
    return state;
  });
  return {
    token,
    session: { ...session, pending: pendingOf(user, needsTotp ? "password" : "full", settings) },
  };
}

/** Drops expired sessions and day-old idle throttle keys, so neither table grows without bound. */
async function sweep(db: WorkflowDb, now: Date): Promise<void> {
  await deleteExpiredSessions(db, now.toISOString());
  await sweepThrottle(signinDb(db), minutesAgo(now, 24 * 60), now.toISOString());
}

async function createSession(
  db: WorkflowDb,
  settings: AuthSettings,
  userId: number,
  principal: Principal,
  stage: "password" | "full",
  token: string,
  now: Date,
): Promise<SessionState> {
  const id = tokenId(token);
  const csrf = randomBytes(24).toString("base64url");
  const expiresAt = new Date(now.getTime() + settings.absoluteHours * 3_600_000).toISOString();
  await insertSession(db, {
    id,
    user_id: userId,
    stage,
    csrf,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: expiresAt,
  });
  return { id, principal, csrf, pending: stage === "password" ? "totp" : null, expiresAt };
}

interface UserFlags {
  role: string;
  totp_enabled: number;
  must_change: number;
  password_changed_at: string;
}

/** The first thing a session still owes: the second factor, enrolling one (admins), a new password. */
function pendingOf(user: UserFlags, stage: "password" | "full", settings: AuthSettings): Pending {
  if (stage === "password") return user.totp_enabled === 1 ? "totp" : "enroll";
  if (user.must_change === 1 || passwordExpired(settings.policy, user.password_changed_at)) return "password";
  return null;
}

/** The session of a token, or null when unknown, expired (absolute) or idle too long (it is then deleted). */
export async function loadSession(
  db: WorkflowDb,
  settings: AuthSettings,
  token: string,
  now = new Date(),
): Promise<SessionState | null> {
  const id = tokenId(token);
  const row = await sessionWithUser(db, id);
  if (!row) return null;
  const iso = now.toISOString();
  if (row.disabled || row.expires_at <= iso || row.last_seen_at <= minutesAgo(now, settings.idleMinutes)) {
    await deleteSession(db, id);
    return null;
  }
  // One write a minute at most, not one per request.
  if (row.last_seen_at <= minutesAgo(now, 1)) {
    await touchSession(db, id, iso);
  }
  return {
    id,
    principal: principalFrom(row),
    csrf: row.csrf,
    pending: pendingOf(row, row.stage, settings),
    expiresAt: row.expires_at,
  };
}

/** Ends a session (sign out). */
export async function logout(db: WorkflowDb, session: SessionState): Promise<void> {
  await inTransaction(db, async (trx) => {
    await deleteSession(trx, session.id);
    await appendAudit(trx, {
      actor: session.principal.name,
      action: "auth.logout",
      subject: `user:${session.principal.name}`,
    });
  });
}

/**
 * The second step of signing in: a TOTP code. Taken from the password step's counters and from the
 * account's code counter before it is checked (Refusal rate-limited); a wrong or replayed code is Refusal
 * unauthenticated and stays counted. A right one ends the sign-in: the counters start again. Returns
 * what the session still owes after it (a new password, or nothing).
 */
export async function verifySecondFactor(
  db: WorkflowDb,
  settings: AuthSettings,
  session: SessionState,
  code: string,
  ip: string,
  now = new Date(),
): Promise<Pending> {
  if (session.pending !== "totp") throw new Refusal("invalid", "此会话无需动态口令。");
  const user = await userRowByIdOrThrow(db, session.principal.id);
  const who = { name: user.name, ip };
  const gates = secondFactorGates(settings, user.name, user.id, ip);
  const unreported = await admit(db, gates, who, now);
  const step = user.totp_secret
    ? acceptTotp(user.totp_secret, code, user.totp_last_step, now.getTime())
    : null;
  if (step === null) {
    await auditFailure(db, who, "totp", unreported);
    throw new Refusal("unauthenticated", "动态口令不正确或已使用过。");
  }
  // Only one request can move totp_last_step past this step: a code used twice in parallel counts once.
  const claimed = await claimTotpStep(db, user.id, step);
  if (!claimed) {
    await auditFailure(db, who, "totp-replay", unreported);
    throw new Refusal("unauthenticated", "动态口令不正确或已使用过。");
  }
  const refused = await signedIn(db, gates, 2);
  await inTransaction(db, async (trx) => {
    await setSessionStage(trx, session.id, "full");
    await appendAudit(trx, {
      actor: user.name,
      action: "auth.totp_ok",
      subject: `user:${user.name}`,
      after: { ip, ...(refused > 0 ? { refusedWhileWaiting: refused } : {}) },
    });
  });
  return pendingOf(user, "full", settings);
}
