/**
 * Signing in: password check with rate limiting and lockout (state in the database, so it holds across
 * processes), sessions with idle and absolute expiry, the TOTP second factor, signing out. Failures are
 * audited. Session tokens are random; the database keeps only their SHA-256.
 */
import { createHash, randomBytes } from "node:crypto";
import { appendAudit } from "./audit.ts";
import { forbidden, invalid, WorkflowError } from "./errors.ts";
import { type PasswordPolicy, passwordExpired } from "./passwords.ts";
import type { Principal } from "./principal.ts";
import type { WorkflowDb } from "./schema.ts";
import { acceptTotp, newTotpSecret, qrDataUrl, totpUri } from "./totp.ts";
import { inTransaction } from "./tx.ts";
import { hashPassword, principalOf, verifyPassword } from "./users.ts";

export interface AuthSettings {
  policy: PasswordPolicy;
  /** A session unused this long ends. */
  idleMinutes: number;
  /** A session ends this long after sign-in, used or not. */
  absoluteHours: number;
  /** Consecutive failures that lock an account … */
  lockAfter: number;
  /** … for this long. */
  lockMinutes: number;
  /** Failures from one address within the window that make it wait (429). */
  ipLimit: number;
  ipWindowMinutes: number;
}

export const DEFAULT_AUTH: Omit<AuthSettings, "policy"> = {
  idleMinutes: 30,
  absoluteHours: 8,
  lockAfter: 5,
  lockMinutes: 15,
  ipLimit: 20,
  ipWindowMinutes: 15,
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

/**
 * Checks a name and password. Throws WorkflowError 401 (wrong name or password: one message for both),
 * 423-like 403 (locked, with the time), or 429 (too many failures from this address).
 */
export async function login(
  db: WorkflowDb,
  settings: AuthSettings,
  name: string,
  password: string,
  ip: string,
  now = new Date(),
): Promise<LoginResult> {
  const recent = await db
    .selectFrom("login_failures")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("ip", "=", ip)
    .where("at", ">", minutesAgo(now, settings.ipWindowMinutes))
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= settings.ipLimit) {
    throw new WorkflowError(429, `登录失败次数过多，请 ${settings.ipWindowMinutes} 分钟后再试。`);
  }
  const user = await db.selectFrom("users").selectAll().where("name", "=", name).executeTakeFirst();
  if (user?.locked_until && user.locked_until > now.toISOString()) {
    await recordFailure(db, name, ip, now, "locked");
    throw new WorkflowError(403, `账户已锁定，请于 ${localTime(user.locked_until)} 后再试，或请管理员解锁。`);
  }
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  const ok = await verifyPassword(user?.password_hash ?? (await dummyHash), password);
  if (!user || !ok || user.disabled) {
    const locked =
      user && !user.disabled ? await countFailure(db, settings, user.id, user.failed_logins, now) : false;
    await recordFailure(db, name, ip, now, user ? (user.disabled ? "disabled" : "password") : "unknown-user");
    if (locked) throw new WorkflowError(403, `密码错误次数过多，账户已锁定 ${settings.lockMinutes} 分钟。`);
    throw new WorkflowError(401, "用户名或密码不正确。");
  }
  const principal = (await principalOf(db, user.id))!;
  await sweep(db, now);
  const needsTotp = user.totp_enabled === 1 || user.role === "admin";
  const token = randomBytes(32).toString("base64url");
  const session = await inTransaction(db, async (trx) => {
    await trx
      .updateTable("users")
      .set({ failed_logins: 0, locked_until: null })
      .where("id", "=", user.id)
      .execute();
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
      after: { ip },
    });
    return state;
  });
  return {
    token,
    session: { ...session, pending: pendingOf(user, needsTotp ? "password" : "full", settings) },
  };
}

/** Drops expired sessions and day-old failure records, so neither table grows without bound. */
async function sweep(db: WorkflowDb, now: Date): Promise<void> {
  await db.deleteFrom("sessions").where("expires_at", "<=", now.toISOString()).execute();
  await db
    .deleteFrom("login_failures")
    .where("at", "<", minutesAgo(now, 24 * 60))
    .execute();
}

function localTime(iso: string): string {
  return new Date(iso).toLocaleString("zh-CN", { hour12: false, timeZone: "Asia/Shanghai" });
}

/** Adds one to the user's consecutive failures; locks the account at the limit. Returns whether it locked. */
async function countFailure(
  db: WorkflowDb,
  settings: AuthSettings,
  userId: number,
  failed: number,
  now: Date,
): Promise<boolean> {
  const count = failed + 1;
  const lock = count >= settings.lockAfter;
  await db
    .updateTable("users")
    .set({
      failed_logins: lock ? 0 : count,
      locked_until: lock ? new Date(now.getTime() + settings.lockMinutes * 60_000).toISOString() : null,
    })
    .where("id", "=", userId)
    .execute();
  return lock;
}

async function recordFailure(
  db: WorkflowDb,
  name: string,
  ip: string,
  now: Date,
  why: string,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx.insertInto("login_failures").values({ ip, name, at: now.toISOString() }).execute();
    await appendAudit(trx, {
      actor: "anonymous",
      action: "auth.login_failed",
      subject: `user:${name}`,
      after: { ip, why },
    });
  });
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
  await db
    .insertInto("sessions")
    .values({
      id,
      user_id: userId,
      stage,
      csrf,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt,
    })
    .execute();
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
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.id",
      "sessions.user_id",
      "sessions.stage",
      "sessions.csrf",
      "sessions.last_seen_at",
      "sessions.expires_at",
      "users.role",
      "users.totp_enabled",
      "users.must_change",
      "users.password_changed_at",
      "users.disabled",
    ])
    .where("sessions.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const iso = now.toISOString();
  if (row.disabled || row.expires_at <= iso || row.last_seen_at <= minutesAgo(now, settings.idleMinutes)) {
    await db.deleteFrom("sessions").where("id", "=", id).execute();
    return null;
  }
  // One write a minute at most, not one per request.
  if (row.last_seen_at <= minutesAgo(now, 1)) {
    await db.updateTable("sessions").set({ last_seen_at: iso }).where("id", "=", id).execute();
  }
  const principal = await principalOf(db, row.user_id);
  if (!principal) return null;
  return {
    id,
    principal,
    csrf: row.csrf,
    pending: pendingOf(row, row.stage, settings),
    expiresAt: row.expires_at,
  };
}

/** Ends a session (sign out). */
export async function logout(db: WorkflowDb, session: SessionState): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom("sessions").where("id", "=", session.id).execute();
    await appendAudit(trx, {
      actor: session.principal.name,
      action: "auth.logout",
      subject: `user:${session.principal.name}`,
    });
  });
}

/**
 * The second step of signing in: a TOTP code. A wrong code counts as a failed login (lockout applies).
 */
export async function verifySecondFactor(
  db: WorkflowDb,
  settings: AuthSettings,
  session: SessionState,
  code: string,
  ip: string,
  now = new Date(),
): Promise<void> {
  if (session.pending !== "totp") throw invalid("此会话无需动态口令。");
  const user = await db
    .selectFrom("users")
    .selectAll()
    .where("id", "=", session.principal.id)
    .executeTakeFirstOrThrow();
  const step = user.totp_secret
    ? acceptTotp(user.totp_secret, code, user.totp_last_step, now.getTime())
    : null;
  if (step === null) {
    const locked = await countFailure(db, settings, user.id, user.failed_logins, now);
    await recordFailure(db, user.name, ip, now, "totp");
    if (locked) {
      await db.deleteFrom("sessions").where("user_id", "=", user.id).execute();
      throw new WorkflowError(403, `动态口令错误次数过多，账户已锁定 ${settings.lockMinutes} 分钟。`);
    }
    throw new WorkflowError(401, "动态口令不正确或已使用过。");
  }
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable("users")
      .set({ totp_last_step: step, failed_logins: 0 })
      .where("id", "=", user.id)
      .execute();
    await trx.updateTable("sessions").set({ stage: "full" }).where("id", "=", session.id).execute();
    await appendAudit(trx, { actor: user.name, action: "auth.totp_ok", subject: `user:${user.name}` });
  });
}

export interface Enrolment {
  secret: string;
  uri: string;
  /** PNG data: URL of the QR code. */
  qr: string;
}

/**
 * Starts enrolling a (new) second factor: asks for the current password, and the current code when one
 * is already enrolled. The secret stays pending until confirmTotp.
 */
export async function startTotpEnrolment(
  db: WorkflowDb,
  session: SessionState,
  password: string,
  currentCode: string | undefined,
  now = new Date(),
): Promise<Enrolment> {
  const user = await db
    .selectFrom("users")
    .selectAll()
    .where("id", "=", session.principal.id)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, password))) throw forbidden("当前密码不正确。");
  if (user.totp_enabled === 1) {
    const step = user.totp_secret
      ? acceptTotp(user.totp_secret, currentCode ?? "", user.totp_last_step, now.getTime())
      : null;
    if (step === null) throw forbidden("请输入当前动态口令以更换。");
    await db.updateTable("users").set({ totp_last_step: step }).where("id", "=", user.id).execute();
  }
  const secret = newTotpSecret();
  await db.updateTable("users").set({ totp_pending: secret }).where("id", "=", user.id).execute();
  const uri = totpUri(secret, user.name);
  return { secret, uri, qr: await qrDataUrl(uri) };
}

/** Confirms the pending secret with a code from it; the session then counts as fully signed in. */
export async function confirmTotp(
  db: WorkflowDb,
  session: SessionState,
  code: string,
  now = new Date(),
): Promise<void> {
  const user = await db
    .selectFrom("users")
    .selectAll()
    .where("id", "=", session.principal.id)
    .executeTakeFirstOrThrow();
  if (!user.totp_pending) throw invalid("请先开始绑定。");
  const step = acceptTotp(user.totp_pending, code, null, now.getTime());
  if (step === null) throw invalid("动态口令不正确：请核对手机时间后重试。");
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable("users")
      .set({ totp_secret: user.totp_pending, totp_pending: null, totp_enabled: 1, totp_last_step: step })
      .where("id", "=", user.id)
      .execute();
    // Other sessions were made with the old factor (or none).
    await trx.deleteFrom("sessions").where("user_id", "=", user.id).where("id", "!=", session.id).execute();
    await trx.updateTable("sessions").set({ stage: "full" }).where("id", "=", session.id).execute();
    await appendAudit(trx, {
      actor: user.name,
      action: user.totp_enabled ? "user.totp_change" : "user.totp_enroll",
      subject: `user:${user.name}`,
    });
  });
}
