/** @jsxImportSource hono/jsx */
/**
 * Signing in: /login (password), /login/totp (second factor), /logout, with JSON twins under /api/v1
 * (/api/v1/login, /api/v1/login/totp, /api/v1/logout). Wrong names, passwords and codes answer 401;
 * throttled attempts 429 with Retry-After. This module also mounts the auth middleware (so it is
 * registered first) and the account pages (./account.tsx).
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { Refusal } from "../../domain/refusal.ts";
import { login, logout, verifySecondFactor } from "../../workflow/auth.ts";
import type { RouteModule } from "../app.ts";
import { clientAddress } from "../auth/client-address.ts";
import { dbOf, sessionOf, sqlStore } from "../auth/context.ts";
import { clearSessionCookie, setSessionCookie } from "../auth/cookies.ts";
import { csrfToken, requireCsrf } from "../auth/csrf.tsx";
import { authMiddleware, PENDING_PAGES } from "../auth/middleware.ts";
import { safeNext } from "../auth/next.ts";
import { authSettingsFromEnv } from "../auth/settings.ts";
import { CodeForm, LoginForm, parseForm } from "../auth/signin-forms.ts";
import { Form, Notice, workflowPage } from "../views/workflow-ui.tsx";
import { accountRoutes, homeOf } from "./account.tsx";

function LoginPage(props: { c: Context; error?: string; next?: string | null; name?: string }) {
  return (
    <>
      <h1>登录</h1>
      {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      <Form c={props.c} action={`/login${props.next ? `?next=${encodeURIComponent(props.next)}` : ""}`}>
        <p>
          <label>
            用户名 <input name="name" autocomplete="username" required value={props.name ?? ""} />
          </label>
        </p>
        <p>
          <label>
            密码 <input name="password" type="password" autocomplete="current-password" required />
          </label>
        </p>
        <button type="submit">登录</button>
      </Form>
    </>
  );
}

function TotpPage(props: { c: Context; error?: string }) {
  return (
    <>
      <h1>输入动态口令</h1>
      {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      <Form c={props.c} action="/login/totp">
        <label>
          手机验证器上的 6 位数字{" "}
          <input name="code" inputmode="numeric" autocomplete="one-time-code" required />
        </label>{" "}
        <button type="submit">确认</button>
      </Form>
    </>
  );
}

/** The page's status for a refusal, and Retry-After when it was throttled. */
function refusalStatus(c: Context, error: Refusal): ContentfulStatusCode {
  const retryAfter = error.details?.retryAfter;
  if (typeof retryAfter === "number") c.header("Retry-After", String(retryAfter));
  return error.status;
}

/** The name field as typed, to fill the form in again (never the password). */
async function typedName(c: Context): Promise<string> {
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const name = (body as Record<string, unknown>).name;
  return typeof name === "string" ? name.slice(0, 64) : "";
}

export const loginRoutes: RouteModule = (app, web) => {
  const store = sqlStore(web);
  if (!store) return;
  const db = dbOf(store);
  const settings = authSettingsFromEnv();
  app.use("*", authMiddleware(store, settings));

  /** Where a session goes once signed in: the step it still owes, else `next`, else its home. */
  const afterLogin = (pending: keyof typeof PENDING_PAGES | null, role: string, next: string | null) =>
    pending ? PENDING_PAGES[pending] : (next ?? homeOf(role));

  app.get("/login", (c) => {
    const s = sessionOf(c);
    if (s && s.pending === null) return c.redirect(homeOf(s.principal.role), 303);
    csrfToken(c);
    return workflowPage(c, "登录", <LoginPage c={c} next={safeNext(c.req.query("next"))} />);
  });

  app.post("/login", requireCsrf, async (c) => {
    const next = safeNext(c.req.query("next"));
    try {
      const form = await parseForm(c, LoginForm);
      const { token, session } = await login(db, settings, form.name, form.password, clientAddress(c));
      setSessionCookie(c, token);
      return c.redirect(afterLogin(session.pending, session.principal.role, next), 303);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      const page = <LoginPage c={c} error={error.message} next={next} name={await typedName(c)} />;
      return workflowPage(c, "登录", page, refusalStatus(c, error));
    }
  });

  app.get("/api/v1/csrf", (c) => c.json({ csrf: csrfToken(c) }));
  app.post("/api/v1/login", requireCsrf, async (c) => {
    const form = await parseForm(c, LoginForm);
    const { token, session } = await login(db, settings, form.name, form.password, clientAddress(c));
    setSessionCookie(c, token);
    return c.json({
      user: session.principal,
      csrf: session.csrf,
      pending: session.pending,
      expiresAt: session.expiresAt,
    });
  });

  /** The second factor of the request's session; Refusal when there is none or the code is wrong. */
  const secondFactor = async (c: Context) => {
    const session = sessionOf(c);
    if (!session) throw new Refusal("unauthenticated", "请先登录。");
    const form = await parseForm(c, CodeForm);
    const pending = await verifySecondFactor(db, settings, session, form.code, clientAddress(c));
    return { session, pending };
  };
  app.get("/login/totp", (c) =>
    sessionOf(c)?.pending === "totp"
      ? workflowPage(c, "动态口令", <TotpPage c={c} />)
      : c.redirect("/login", 303),
  );
  app.post("/login/totp", requireCsrf, async (c) => {
    try {
      const { session, pending } = await secondFactor(c);
      return c.redirect(afterLogin(pending, session.principal.role, null), 303);
    } catch (error) {
      if (!(error instanceof Refusal) || !sessionOf(c)) throw error;
      return workflowPage(c, "动态口令", <TotpPage c={c} error={error.message} />, refusalStatus(c, error));
    }
  });
  app.post("/api/v1/login/totp", requireCsrf, async (c) => {
    const { session, pending } = await secondFactor(c);
    return c.json({ ok: true, user: session.principal, csrf: session.csrf, pending });
  });

  const signOut = async (c: Context) => {
    const session = sessionOf(c);
    if (session) await logout(db, session);
    clearSessionCookie(c);
  };
  app.post("/logout", requireCsrf, async (c) => {
    await signOut(c);
    return c.redirect("/", 303);
  });
  app.post("/api/v1/logout", requireCsrf, async (c) => {
    await signOut(c);
    return c.json({ ok: true });
  });

  accountRoutes(app, db, settings);
};
