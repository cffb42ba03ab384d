/**
 * Idempotency keys on writes (issue 9, row 10). A client that sends `Idempotency-Key: K` with a POST, PUT,
 * PATCH or DELETE gets the write carried out once: a retry with the same key (per user, or per address when
 * anonymous) gets the first answer again with `Idempotent-Replayed: true`; the same key for a different
 * request is refused (conflict); a retry while the first is still running is told to wait. Answers of 5xx
 * and 429 are not kept, so such a request may be retried with its key. Without the header nothing changes.
 */
import { createHash } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { Refusal } from "../domain/refusal.ts";
import { claimIdempotencyKey, releaseIdempotencyKey, storeIdempotentAnswer } from "../store/idempotency.ts";
import type { RouteModule } from "./app.ts";
import { principalOf, sqlStore } from "./auth/context.ts";
import { clientIp } from "./auth/cookies.ts";
import type { WebContext } from "./context.ts";

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** Visible ASCII, as in the IETF draft's examples (UUIDs, random tokens). */
const KEY = /^[\x21-\x7e]{1,200}$/;
/** Headers of the first answer that a replay repeats (never Set-Cookie: a session is not handed out twice). */
const KEPT_HEADERS = ["content-type", "location", "content-disposition"];

/** The middleware; a store without users and sessions (a fake in tests) passes every request through. */
export function idempotency(web: WebContext): MiddlewareHandler {
  return async (c, next) => {
    const key = c.req.header("idempotency-key");
    if (key === undefined || !WRITES.has(c.req.method)) return next();
    if (!KEY.test(key)) throw new Refusal("invalid", "Idempotency-Key 应为 1–200 个可见 ASCII 字符。");
    const store = sqlStore(web);
    if (!store) return next();
    const who = principalOf(c);
    const scope = who ? `user:${who.id}` : `address:${clientIp(c)}`;
    const request = `${c.req.method} ${c.req.path}`;
    // The body was already bounded by the global body limit; Hono caches it for the route to parse again.
    let body: ArrayBuffer;
    try {
      body = await c.req.arrayBuffer();
    } catch {
      // The client went away mid-body: nothing to answer, and not a server fault to log as one.
      throw new Refusal("invalid", "请求体不完整：连接在发送途中断开。");
    }
    const requestHash = createHash("sha256").update(new Uint8Array(body)).digest("hex");
    const prior = await claimIdempotencyKey(store.db, { scope, key, request, requestHash, now: new Date() });
    if (prior) {
      if (prior.request !== request || prior.requestHash !== requestHash)
        throw new Refusal("conflict", "这个 Idempotency-Key 已用于另一个请求，请换一个。");
      if (!prior.answer) throw new Refusal("conflict", "同一请求仍在处理中，请稍后再试。", { retryAfter: 1 });
      return new Response(prior.answer.body, {
        status: prior.answer.status,
        headers: new Headers({ ...prior.answer.headers, "idempotent-replayed": "true" }),
      });
    }
    try {
      await next();
    } catch (error) {
      await releaseIdempotencyKey(store.db, scope, key);
      throw error;
    }
    const res = c.res;
    // Text answers only (pages, JSON, redirects): a binary export is cheap to ask for again.
    const textual = /^(text\/|application\/json)/.test(res.headers.get("content-type") ?? "text/plain");
    if (res.status >= 500 || res.status === 429 || !textual) {
      await releaseIdempotencyKey(store.db, scope, key);
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = res.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    await storeIdempotentAnswer(store.db, scope, key, {
      status: res.status,
      headers,
      body: await res.clone().text(),
    });
  };
}

/** Mounted right after the auth middleware, so the key's scope is the signed-in user. */
export const idempotencyRoutes: RouteModule = (app, web) => {
  app.use("*", idempotency(web));
};
