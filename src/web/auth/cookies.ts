/** The session and CSRF cookies: HttpOnly, SameSite=Strict, Secure behind HTTPS. */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { trustedHops } from "./client-address.ts";

export { clientAddress as clientIp } from "./client-address.ts";

export const SESSION_COOKIE = "lvzhi_session";
/** Double-submit token for forms shown before sign-in (the login form). */
export const PRELOGIN_COOKIE = "lvzhi_csrf";

/** HTTPS directly, or (with LVZHI_TRUST_PROXY set) behind a proxy that says so. */
export function isHttps(c: Context): boolean {
  if (new URL(c.req.url).protocol === "https:") return true;
  return trustedHops() > 0 && c.req.header("x-forwarded-proto") === "https";
}

function options(c: Context) {
  return { path: "/", httpOnly: true, sameSite: "Strict" as const, secure: isHttps(c) };
}

export function setSessionCookie(c: Context, token: string): void {
  setCookie(c, SESSION_COOKIE, token, options(c));
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, options(c));
}

export function sessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

export function setPreloginCookie(c: Context, token: string): void {
  setCookie(c, PRELOGIN_COOKIE, token, options(c));
}

export function preloginCookie(c: Context): string | undefined {
  return getCookie(c, PRELOGIN_COOKIE);
}
