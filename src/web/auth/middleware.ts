/**
 * The auth middleware, mounted before every route: finds the session from its cookie and keeps a session
 * that still owes a step (second factor, enrolment, new password) on the pages for that step. Who may read
 * which edition is decided where editions are loaded (web/respond.tsx loadEdition), not here.
 */
import type { MiddlewareHandler } from "hono";
import { Refusal } from "../../domain/refusal.ts";
import type { SqlDutyStore } from "../../store/index.ts";
import { type AuthSettings, loadSession, type Pending } from "../../workflow/auth.ts";
import { dbOf, isApi } from "./context.ts";
import { clearSessionCookie, sessionCookie } from "./cookies.ts";

/** Where a session that owes a step is sent. */
export const PENDING_PAGES: Record<Exclude<Pending, null>, string> = {
  totp: "/login/totp",
  enroll: "/account/totp",
  password: "/account/password",
};

const ALWAYS_OPEN = [/^\/assets\//, /^\/logout$/, /^\/api\/v1\/logout$/, /^\/favicon/];

export function authMiddleware(store: SqlDutyStore, settings: AuthSettings): MiddlewareHandler {
  const db = dbOf(store);
  return async (c, next) => {
    const token = sessionCookie(c);
    const session = token ? await loadSession(db, settings, token) : null;
    if (token && !session) clearSessionCookie(c);
    c.set("session", session);
    if (session?.pending) {
      const allowed = PENDING_PAGES[session.pending];
      const path = c.req.path;
      // The step's page and its JSON twin under /api/v1 (the API's TOTP step).
      const step = path.startsWith("/api/v1/") ? path.slice("/api/v1".length) : path;
      const open =
        ALWAYS_OPEN.some((re) => re.test(path)) || step === allowed || step.startsWith(`${allowed}/`);
      if (!open) {
        if (isApi(c)) throw new Refusal("forbidden", `请先完成登录步骤：${allowed}`, { step: allowed });
        return c.redirect(allowed, 303);
      }
    }
    await next();
  };
}
