/**
 * Per-address rate limits for anonymous work that costs CPU (task checks, uploads): a token bucket per
 * client address, in this process's memory (each app server limits on its own). Signed-in users are not
 * limited here: they are few, known, and audited.
 */
import type { Context, MiddlewareHandler } from "hono";
import { LRUCache } from "lru-cache";
import { Refusal } from "../domain/refusal.ts";
import { principalOf } from "./auth/context.ts";
import { clientIp } from "./auth/cookies.ts";

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date (ms, monotonic). */
  at: number;
}

/** Token buckets keyed by client address; the least recently seen addresses are forgotten first. */
export class TokenBuckets {
  private readonly buckets = new LRUCache<string, Bucket>({ max: 50_000 });

  /**
   * @param capacity  burst: tokens a new or rested address has
   * @param perSecond tokens given back per second
   */
  constructor(
    readonly capacity: number,
    readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes `cost` tokens for `key`: 0 when granted, else the whole seconds to wait before it would be. */
  take(key: string, cost = 1): number {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return 0;
    }
    return Math.max(1, Math.ceil((cost - bucket.tokens) / this.perSecond));
  }
}

/** Refuses an anonymous request with 429 (rate-limited, Retry-After) when its address has no tokens left. */
export function anonymousLimit(buckets: TokenBuckets, cost: number): MiddlewareHandler {
  return async (c, next) => {
    chargeAnonymous(buckets, c, cost);
    await next();
  };
}

/** Takes `cost` tokens from an anonymous request's address; 429 (rate-limited, Retry-After) when short. */
export function chargeAnonymous(buckets: TokenBuckets, c: Context, cost: number): void {
  if (principalOf(c)) return;
  const wait = buckets.take(clientIp(c), cost);
  if (wait > 0) {
    throw new Refusal("rate-limited", `请求过于频繁，请 ${wait} 秒后再试。`, { retryAfter: wait });
  }
}
