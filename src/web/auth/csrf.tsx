/** @jsxImportSource hono/jsx */
/**
 * CSRF protection for every state-changing request of the workflow routes: a per-session token (or, before
 * sign-in, a double-submit cookie) that each form carries as `_csrf` and each API call as X-CSRF-Token.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { Refusal } from "../../domain/refusal.ts";
import { sessionOf } from "./context.ts";
import { preloginCookie, setPreloginCookie } from "./cookies.ts";

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The token to put in a form: the session's, or a pre-login one (set as a cookie now if missing). */
export function csrfToken(c: Context): string {
  const session = sessionOf(c);
  if (session) return session.csrf;
  const sent = preloginCookie(c);
  if (sent && /^[\w-]{32}$/.test(sent)) return sent;
  let token = c.get("preloginCsrf");
  if (!token) {
    token = randomBytes(24).toString("base64url");
    c.set("preloginCsrf", token);
    setPreloginCookie(c, token);
  }
  return token;
}

/** The token a request sent: header, or the `_csrf` field of a form body. */
async function sentToken(c: Context): Promise<string> {
  const header = c.req.header("x-csrf-token");
  if (header) return header;
  const type = c.req.header("content-type") ?? "";
  if (type.includes("application/x-www-form-urlencoded") || type.includes("multipart/form-data")) {
    const body = await c.req.parseBody();
    const field = body._csrf;
    return typeof field === "string" ? field : "";
  }
  return "";
}

function csrfRefusal(): Refusal {
  return new Refusal("forbidden", "表单已过期或来源不明（CSRF 校验失败）：请刷新页面后重试。", {
    csrf: true,
  });
}

/** Refuses (403) a POST/PUT/PATCH/DELETE whose token does not match. */
export const requireCsrf: MiddlewareHandler = async (c, next) => {
  if (["GET", "HEAD", "OPTIONS"].includes(c.req.method)) return next();
  const session = sessionOf(c);
  const expected = session ? session.csrf : preloginCookie(c);
  // Without a token to compare against, refuse before reading (and buffering) any body.
  if (!expected) throw csrfRefusal();
  const sent = await sentToken(c);
  if (!sent || !same(expected, sent)) throw csrfRefusal();
  return next();
};

/** A hidden form field with the token. */
export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}
