/**
 * Caching rules for dynamic answers. What a page shows depends on the session cookie (drafts, the user
 * bar, one-time passwords, TOTP secrets), so every dynamic answer varies by Cookie; an answer to a
 * signed-in (or signing-in) visitor, or one that sets a cookie, is never stored by the browser or a proxy.
 * Static files (content-hashed assets, vendored scripts) keep their own long-lived public caching.
 */
import type { MiddlewareHandler } from "hono";

const STATIC = /^\/(?:assets|vendor)\/|^\/favicon\.ico$/;

/** Mounted first, so it also sees error pages and answers of every later middleware. */
export const cacheHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  if (STATIC.test(c.req.path)) return;
  const headers = c.res.headers;
  varyBy(headers, "Cookie");
  const personal = (c.get("session") ?? null) !== null || headers.has("set-cookie");
  if (personal) headers.set("cache-control", "private, no-store");
};

/** Adds `name` to the headers' Vary unless it is there. */
export function varyBy(headers: Headers, name: string): void {
  const vary = headers.get("vary");
  const lower = name.toLowerCase();
  if (vary?.split(",").some((v) => v.trim().toLowerCase() === lower)) return;
  headers.set("vary", vary ? `${vary}, ${name}` : name);
}

/**
 * Says that every answer varies by Accept-Encoding before hono's compress (mounted just outside) looks: set
 * before the route runs, the header is part of the answer it builds. compress would add it with c.header()
 * to the finished answer, which on @hono/node-server turns it into a web stream (its body copied through
 * undici) and costs a check answered over the API about a fifth of its time.
 */
export const varyByEncoding: MiddlewareHandler = (c, next) => {
  c.header("vary", "Accept-Encoding");
  return next();
};
