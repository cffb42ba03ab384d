/**
 * Which counters a sign-in step is taken from, and what the audit log says about failures. Keys are per
 * account + address and per address (plus, for the second factor, per account: only someone who knows the
 * password can reach it). The audit log gets one row per checked failure and one when a key starts to
 * wait; attempts refused while waiting are only counted, and reported in the next row.
 */
import { Refusal } from "../domain/refusal.ts";
import { clearKey, refundAttempt } from "../store/signin.ts";
import { signinDb, type WorkflowDb } from "../store/workflow-schema.ts";
import { appendAudit } from "./audit.ts";
import {
  addressBucket,
  type Gate,
  passGates,
  refusalCount,
  refusalsReported,
  type ThrottleRule,
} from "./throttle.ts";

export interface ThrottleSettings {
  /** Attempts on one account from one address. */
  accountAddress: ThrottleRule;
  /** Attempts from one address, whatever the account. */
  address: ThrottleRule;
  /** Second-factor codes for one account, from anywhere. */
  secondFactor: ThrottleRule;
}

export const DEFAULT_THROTTLE: ThrottleSettings = {
  accountAddress: { free: 5, firstWaitSeconds: 2, maxWaitSeconds: 15 * 60, forgetSeconds: 24 * 3600 },
  address: { free: 20, firstWaitSeconds: 1, maxWaitSeconds: 15 * 60, forgetSeconds: 3600 },
  secondFactor: { free: 5, firstWaitSeconds: 30, maxWaitSeconds: 15 * 60, forgetSeconds: 24 * 3600 },
};

/** Checking the current password again (password change, TOTP enrolment) from a signed-in session. */
const REAUTH: ThrottleRule = DEFAULT_THROTTLE.accountAddress;

/** The gates of the password step: account + address, then address. */
export function passwordGates(t: ThrottleSettings, name: string, ip: string): Gate[] {
  const bucket = addressBucket(ip);
  return [
    { key: `acct:${name}|${bucket}`, account: name, rule: t.accountAddress },
    { key: `addr:${bucket}`, account: null, rule: t.address },
  ];
}

/** The gates of the second-factor step: those of the password step, then the account's codes. */
export function secondFactorGates(t: ThrottleSettings, name: string, userId: number, ip: string): Gate[] {
  return [...passwordGates(t, name, ip), { key: `totp:${userId}`, account: name, rule: t.secondFactor }];
}

/** "3 秒" / "约 4 分钟". */
function wait(seconds: number): string {
  return seconds < 90 ? `${seconds} 秒` : `约 ${Math.ceil(seconds / 60)} 分钟`;
}

/**
 * Takes an attempt from the gates, or refuses it (rate-limited, with retryAfter seconds) without it being
 * checked. Returns the refusals to report with the attempt's own audit row.
 */
export async function admit(
  db: WorkflowDb,
  gates: Gate[],
  who: { name: string; ip: string },
  now: Date,
): Promise<Map<string, number>> {
  const result = await passGates(signinDb(db), gates, now);
  if (result.open) return result.unreported;
  if (result.firstRefusal) {
    await appendAudit(db, {
      actor: "anonymous",
      action: "auth.login_throttled",
      subject: `user:${who.name}`,
      after: { ip: who.ip, key: result.gate.key.split(":")[0], retryAfter: result.retryAfter },
    });
    await refusalsReported(signinDb(db), new Map([[result.gate.key, 1]]));
  }
  throw new Refusal("rate-limited", `尝试次数过多，请 ${wait(result.retryAfter)}后再试。`, {
    retryAfter: result.retryAfter,
  });
}

/** One audit row for a checked failure, with the refusals since the last row. */
export async function auditFailure(
  db: WorkflowDb,
  who: { name: string; ip: string },
  why: string,
  unreported: Map<string, number>,
): Promise<void> {
  const refused = refusalCount(unreported);
  await appendAudit(db, {
    actor: "anonymous",
    action: "auth.login_failed",
    subject: `user:${who.name}`,
    after: { ip: who.ip, why, ...(refused > 0 ? { refusedWhileWaiting: refused } : {}) },
  });
  await refusalsReported(signinDb(db), unreported);
}

/**
 * The whole sign-in succeeded: the account's keys start again from zero and the address gets back the
 * attempts of its `steps` (2 after a code: the password step's too). Returns how many refused attempts
 * were still unreported (for the success's audit row).
 */
export async function signedIn(db: WorkflowDb, gates: Gate[], steps = 1): Promise<number> {
  let refused = 0;
  for (const gate of gates) {
    if (gate.account !== null) refused += await clearKey(signinDb(db), gate.key);
    else for (let i = 0; i < steps; i++) await refundAttempt(signinDb(db), gate.key);
  }
  return refused;
}

/** The gate of re-entering one's password (or code) inside a session. */
export function reauthGates(name: string, userId: number): Gate[] {
  return [{ key: `reauth:${userId}`, account: name, rule: REAUTH }];
}
