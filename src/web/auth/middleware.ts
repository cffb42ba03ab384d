/**
 * The auth middleware, mounted before every route: finds the session from its cookie, keeps a session that
 * still owes a step (second factor, enrolment, new password) on the pages for that step, and stops anyone
 * who may not read an unpublished edition from seeing it through the browse pages.
 */
import type { Context, MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { SqlDutyStore } from "../../store/index.ts";
import { canReadEdition } from "../../workflow/access.ts";
import { type AuthSettings, loadSession, type Pending } from "../../workflow/auth.ts";
import { WorkflowError } from "../../workflow/errors.ts";
import { renderError } from "../errors.tsx";
import { dbOf, isApi, principalOf, sessionOf } from "./context.ts";
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
        if (isApi(c)) throw new HTTPException(403, { message: `请先完成登录步骤：${allowed}` });
        return c.redirect(allowed, 303);
      }
    }
    await guardUnpublished(c, db);
    await next();
    // A workflow refusal thrown by a handler (e.g. requireRole) is answered with its own status.
    if (c.error instanceof WorkflowError) {
      c.res = undefined;
      c.res = await renderError(
        c,
        new HTTPException(c.error.status as ContentfulStatusCode, { message: c.error.message }),
      );
    }
  };
}

const BROWSE = /^\/(?:api\/v1\/)?t\/([^/]+)/;

/**
 * Browse pages show a township's current edition, or the one named by ?edition=. Unpublished ones are
 * for the admin, the township itself and (in review) the departments: others get 403.
 */
async function guardUnpublished(c: Context, db: ReturnType<typeof dbOf>): Promise<void> {
  if (c.req.method !== "GET") return;
  const match = BROWSE.exec(c.req.path);
  if (!match) return;
  let name: string;
  try {
    name = decodeURIComponent(match[1]!);
  } catch {
    return;
  }
  const slash = name.indexOf("/");
  const townshipName = slash >= 0 ? name.slice(slash + 1) : name;
  const date = c.req.query("edition");
  let q = db
    .selectFrom("editions")
    .innerJoin("townships", "townships.id", "editions.township_id")
    .select(["editions.status", "editions.township_id", "editions.date"])
    .where("townships.name", "=", townshipName);
  if (date) q = q.where("editions.date", "=", date);
  const editions = await q.execute();
  if (editions.length === 0) return;
  // Without ?edition= the page shows the newest published edition, or the newest when none is published.
  const shown = date
    ? editions
    : editions.some((e) => e.status === "published")
      ? []
      : [editions.sort((a, b) => b.date.localeCompare(a.date))[0]!];
  const who = principalOf(c);
  for (const e of shown) {
    if (!canReadEdition(who, { status: e.status, townshipId: e.township_id })) {
      throw new HTTPException(403, {
        message: sessionOf(c) ? "无权查看该版本清单。" : "该版本清单尚未发布：请登录后查看。",
      });
    }
  }
}
