/**
 * The signed-in session of a request, put there by the auth middleware, and helpers route modules use:
 * who is asking, the workflow's database.
 */
import type { Context } from "hono";
import { SqlDutyStore } from "../../store/index.ts";
import { type WorkflowDb, workflowDb } from "../../store/workflow-schema.ts";
import type { SessionState } from "../../workflow/auth.ts";
import type { Principal } from "../../workflow/principal.ts";
import type { WebContext } from "../context.ts";

declare module "hono" {
  interface ContextVariableMap {
    session: SessionState | null;
    /** The pre-login CSRF token chosen for this response, when the request had none. */
    preloginCsrf: string;
  }
}

/** The request's session (null when anonymous). */
export function sessionOf(c: Context): SessionState | null {
  return c.get("session") ?? null;
}

/** The request's principal, once fully signed in (null when anonymous or still owing a step). */
export function principalOf(c: Context): Principal | null {
  const s = sessionOf(c);
  return s && s.pending === null ? s.principal : null;
}

/** The SQL store behind the app; the workflow needs it (a fake DutyStore has no users). */
export function sqlStore(web: WebContext): SqlDutyStore | null {
  return web.store instanceof SqlDutyStore ? web.store : null;
}

export function dbOf(store: SqlDutyStore): WorkflowDb {
  return workflowDb(store.db);
}

/**
 * Runs workflow code. Its refusals (WorkflowError is a Refusal) reach the error handler as they are, which
 * maps them to status and page (web/errors.tsx); kept as the marked boundary between routes and workflow.
 */
export function refusals<T>(work: () => Promise<T>): Promise<T> {
  return work();
}

/** Whether the request wants JSON (the API) rather than a page. */
export function isApi(c: Context): boolean {
  return c.req.path.startsWith("/api/");
}
