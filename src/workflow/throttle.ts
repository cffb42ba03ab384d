/**
 * Progressive delay for sign-in attempts, CAPTCHA-free. Each attempt is taken from its keys (account +
 * address, address, second factor) atomically BEFORE the password or code is checked, so parallel
 * attempts cannot slip past a counter. A few attempts are free; after that each one makes the key wait
 * twice as long, up to a cap. Keys are per address, so nobody can lock a victim out from elsewhere.
 */
import { isIP } from "node:net";
import {
  markRefusalsReported,
  refundAttempt,
  refuseAttempt,
  type SigninDb,
  takeAttempt,
} from "../store/signin.ts";

export interface ThrottleRule {
  /** Attempts without any wait. */
  free: number;
  /** The wait after the first attempt beyond `free`; it doubles with each further one … */
  firstWaitSeconds: number;
  /** … up to this. */
  maxWaitSeconds: number;
  /** A key left alone this long starts again from zero (at least maxWaitSeconds). */
  forgetSeconds: number;
}

/** One counter an attempt is taken from. */
export interface Gate {
  key: string;
  /** The user name the key is about (null for address keys). */
  account: string | null;
  rule: ThrottleRule;
}

export type GateResult =
  | {
      open: true;
      /** Per key, attempts refused earlier and not yet reported in the audit log. */
      unreported: Map<string, number>;
    }
  | { open: false; gate: Gate; retryAfter: number; firstRefusal: boolean };

/** Seconds a key waits after its n-th attempt (n counted from 1). */
export function waitAfter(rule: ThrottleRule, n: number): number {
  if (n < rule.free) return 0;
  return Math.min(rule.firstWaitSeconds * 2 ** (n - rule.free), rule.maxWaitSeconds);
}

const NO_WAIT = new Date(0).toISOString();

/** next_at after each count of earlier attempts, until the cap (the store's precomputed schedule). */
export function schedule(rule: ThrottleRule, now: Date): string[] {
  const waits: string[] = [];
  for (let n = 1; ; n++) {
    const seconds = waitAfter(rule, n);
    // No wait: a time long past, not `now`, so app servers whose clocks lag a little are not held up.
    waits.push(seconds > 0 ? new Date(now.getTime() + seconds * 1000).toISOString() : NO_WAIT);
    if (seconds >= rule.maxWaitSeconds || n > rule.free + 64) return waits;
  }
}

/**
 * The bucket an address is counted in: IPv4 as is, IPv6 by its /64 (one host usually holds a whole /64,
 * so counting single IPv6 addresses would let it rotate them freely).
 */
export function addressBucket(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (isIP(ip) !== 6) return ip;
  const [head = "", tail = ""] = ip.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = ip.includes("::")
    ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}

/**
 * Takes one attempt from every gate, in order. When one is waiting, the attempts already taken from the
 * earlier gates are given back and the answer says how long to wait (the attempt must not be checked).
 */
export async function passGates(db: SigninDb, gates: Gate[], now: Date): Promise<GateResult> {
  const at = now.toISOString();
  const unreported = new Map<string, number>();
  for (const [i, gate] of gates.entries()) {
    const forgetBefore = new Date(now.getTime() - gate.rule.forgetSeconds * 1000).toISOString();
    const taken = await takeAttempt(db, {
      key: gate.key,
      account: gate.account,
      now: at,
      forgetBefore,
      waits: schedule(gate.rule, now),
    });
    if (taken) {
      if (taken.refused > 0) unreported.set(gate.key, taken.refused);
      continue;
    }
    for (const earlier of gates.slice(0, i)) await refundAttempt(db, earlier.key);
    const waiting = await refuseAttempt(db, gate.key);
    const until = waiting ? Date.parse(waiting.nextAt) : now.getTime();
    return {
      open: false,
      gate,
      retryAfter: Math.max(1, Math.ceil((until - now.getTime()) / 1000)),
      firstRefusal: waiting?.refused === 1,
    };
  }
  return { open: true, unreported };
}

/** How many refusals `unreported` holds in all. */
export function refusalCount(unreported: Map<string, number>): number {
  let n = 0;
  for (const count of unreported.values()) n += count;
  return n;
}

/** Once the refusals were written to the audit log (in one aggregate row), they are not reported again. */
export async function refusalsReported(db: SigninDb, unreported: Map<string, number>): Promise<void> {
  for (const [key, count] of unreported) await markRefusalsReported(db, key, count);
}
