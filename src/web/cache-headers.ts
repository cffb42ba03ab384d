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
  const vary = headers.get("vary");
  if (!vary?.split(",").some((v) => v.trim().toLowerCase() === "cookie")) {
    headers.set("vary", vary ? `${vary}, Cookie` : "Cookie");
  }
  const personal = (c.get("session") ?? null) !== null || headers.has("set-cookie");
  if (personal) headers.set("cache-control", "private, no-store");
};
