/** @jsxImportSource hono/jsx */
/**
 * Signing in and the account: /login (password), /login/totp (second factor), /logout, /account/password,
 * /account/totp (enrol or change, with a locally rendered QR code). JSON twins under /api/v1. This module
 * also mounts the auth middleware, so it is registered first.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { confirmTotp, login, logout, startTotpEnrolment, verifySecondFactor } from "../../workflow/auth.ts";
import { WorkflowError } from "../../workflow/errors.ts";
import { changePassword } from "../../workflow/users.ts";
import type { RouteModule } from "../app.ts";
import { bodyOf, safeNext, text } from "../auth/body.ts";
import { dbOf, isApi, refusals, sessionOf, sqlStore } from "../auth/context.ts";
import { clearSessionCookie, clientIp, setSessionCookie } from "../auth/cookies.ts";
import { csrfToken, requireCsrf } from "../auth/csrf.tsx";
import { authMiddleware, PENDING_PAGES } from "../auth/middleware.ts";
import { authSettingsFromEnv } from "../auth/settings.ts";
import { Form, Notice, workflowPage } from "../auth/ui.tsx";

/** Where a fully signed-in user starts. */
export function homeOf(role: string): string {
  return role === "admin" ? "/admission" : role === "department" ? "/admission" : "/admission/township";
}

function LoginForm(props: { c: Context; error?: string; next?: string | null; name?: string }) {
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

function PasswordForm(props: { c: Context; error?: string; done?: boolean; policy: string }) {
  const s = sessionOf(props.c);
  return (
    <>
      <h1>修改密码</h1>
      {s?.pending === "password" ? <Notice>首次登录或密码已到期：请先设置新密码。</Notice> : null}
      {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      {props.done ? <Notice kind="ok">密码已修改；其他设备上的登录已结束。</Notice> : null}
      <p>
        密码策略：
        {props.policy === "asvs"
          ? "至少 12 个字符，不得使用常见密码（可用一句话作密码）。"
          : "至少 8 个字符，包含小写字母、大写字母、数字、符号中的至少 3 类，每 90 天更换。"}
      </p>
      <Form c={props.c} action="/account/password">
        <p>
          <label>
            当前密码 <input name="current" type="password" autocomplete="current-password" required />
          </label>
        </p>
        <p>
          <label>
            新密码 <input name="password" type="password" autocomplete="new-password" required />
          </label>
        </p>
        <p>
          <label>
            再输入一次 <input name="again" type="password" autocomplete="new-password" required />
          </label>
        </p>
        <button type="submit">修改</button>
      </Form>
    </>
  );
}

export const loginRoutes: RouteModule = (app, web) => {
  const store = sqlStore(web);
  if (!store) return;
  const db = dbOf(store);
  const settings = authSettingsFromEnv();
  app.use("*", authMiddleware(store, settings));

  const afterLogin = (pending: keyof typeof PENDING_PAGES | null, role: string, next: string | null) =>
    pending ? PENDING_PAGES[pending] : (next ?? homeOf(role));

  app.get("/login", (c) => {
    const s = sessionOf(c);
    if (s && s.pending === null) return c.redirect(homeOf(s.principal.role), 303);
    csrfToken(c);
    return workflowPage(c, "登录", <LoginForm c={c} next={safeNext(c.req.query("next"))} />);
  });

  app.post("/login", requireCsrf, async (c) => {
    const body = await bodyOf(c);
    const next = safeNext(c.req.query("next"));
    try {
      const { token, session } = await login(
        db,
        settings,
        text(body, "name"),
        text(body, "password"),
        clientIp(c),
      );
      setSessionCookie(c, token);
      return c.redirect(afterLogin(session.pending, session.principal.role, next), 303);
    } catch (error) {
      if (!(error instanceof WorkflowError)) throw error;
      const form = <LoginForm c={c} error={error.message} next={next} name={text(body, "name")} />;
      return workflowPage(c, "登录", form, error.status);
    }
  });

  app.get("/api/v1/csrf", (c) => c.json({ csrf: csrfToken(c) }));
  app.post("/api/v1/login", requireCsrf, async (c) => {
    const body = await bodyOf(c);
    const { token, session } = await refusals(() =>
      login(db, settings, text(body, "name"), text(body, "password"), clientIp(c)),
    );
    setSessionCookie(c, token);
    return c.json({
      user: session.principal,
      csrf: session.csrf,
      pending: session.pending,
      expiresAt: session.expiresAt,
    });
  });

  const totpPage = (c: Context, error?: string) =>
    workflowPage(
      c,
      "动态口令",
      <>
        <h1>输入动态口令</h1>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <Form c={c} action="/login/totp">
          <label>
            手机验证器上的 6 位数字{" "}
            <input name="code" inputmode="numeric" autocomplete="one-time-code" required />
          </label>{" "}
          <button type="submit">确认</button>
        </Form>
      </>,
    );
  app.get("/login/totp", (c) => (sessionOf(c)?.pending === "totp" ? totpPage(c) : c.redirect("/login", 303)));
  const second = async (c: Context) => {
    const session = sessionOf(c);
    if (!session) throw new HTTPException(403, { message: "请先登录。" });
    const body = await bodyOf(c);
    await refusals(() => verifySecondFactor(db, settings, session, text(body, "code"), clientIp(c)));
    return session;
  };
  app.post("/login/totp", requireCsrf, async (c) => {
    try {
      const session = await second(c);
      // The middleware sends a session that still owes a step (a new password) on to that page.
      return c.redirect(homeOf(session.principal.role), 303);
    } catch (error) {
      if (error instanceof HTTPException && error.status !== 403) return totpPage(c, error.message);
      throw error;
    }
  });
  app.post("/api/v1/login/totp", requireCsrf, async (c) => {
    await second(c);
    return c.json({ ok: true });
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

  const signedIn = (c: Context) => {
    const s = sessionOf(c);
    if (!s) throw new HTTPException(403, { message: "请先登录。" });
    return s;
  };

  app.get("/account/password", (c) => {
    signedIn(c);
    return workflowPage(c, "修改密码", <PasswordForm c={c} policy={settings.policy.name} />);
  });
  app.post("/account/password", requireCsrf, async (c) => {
    const s = signedIn(c);
    const body = await bodyOf(c);
    const password = text(body, "password");
    try {
      if (!isApi(c) && password !== text(body, "again"))
        throw new WorkflowError(400, "两次输入的新密码不一致");
      await changePassword(db, s.principal.id, text(body, "current"), password, settings.policy, s.id);
    } catch (error) {
      if (!(error instanceof WorkflowError)) throw error;
      return workflowPage(
        c,
        "修改密码",
        <PasswordForm c={c} error={error.message} policy={settings.policy.name} />,
        400,
      );
    }
    return c.redirect(homeOf(s.principal.role), 303);
  });

  const enrolForm = (c: Context, error?: string) => {
    const s = signedIn(c);
    return workflowPage(
      c,
      "动态口令",
      <>
        <h1>{s.pending === "enroll" ? "绑定动态口令（管理员必须）" : "绑定或更换动态口令"}</h1>
        <p>
          用手机上的验证器应用（如 FreeOTP、Google Authenticator、微信小程序“腾讯身份验证器”）扫描二维码。
        </p>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <Form c={c} action="/account/totp">
          <p>
            <label>
              当前密码 <input name="password" type="password" autocomplete="current-password" required />
            </label>
          </p>
          <p>
            <label>
              当前动态口令（已绑定时须填写）{" "}
              <input name="code" inputmode="numeric" autocomplete="one-time-code" />
            </label>
          </p>
          <button type="submit">生成二维码</button>
        </Form>
      </>,
      error ? 400 : 200,
    );
  };
  app.get("/account/totp", (c) => enrolForm(c));
  app.post("/account/totp", requireCsrf, async (c) => {
    const s = signedIn(c);
    const body = await bodyOf(c);
    let enrolment: Awaited<ReturnType<typeof startTotpEnrolment>>;
    try {
      enrolment = await startTotpEnrolment(db, s, text(body, "password"), text(body, "code") || undefined);
    } catch (error) {
      if (error instanceof WorkflowError) return enrolForm(c, error.message);
      throw error;
    }
    if (isApi(c)) return c.json({ uri: enrolment.uri, secret: enrolment.secret });
    return workflowPage(
      c,
      "动态口令",
      <>
        <h1>扫描二维码</h1>
        <p>
          <img src={enrolment.qr} alt="动态口令二维码" width="250" height="250" />
        </p>
        <p>
          无法扫描时手动输入密钥：<code>{enrolment.secret}</code>
        </p>
        <Form c={c} action="/account/totp/confirm">
          <label>
            验证器显示的 6 位数字{" "}
            <input name="code" inputmode="numeric" autocomplete="one-time-code" required />
          </label>{" "}
          <button type="submit">完成绑定</button>
        </Form>
      </>,
    );
  });
  app.post("/account/totp/confirm", requireCsrf, async (c) => {
    const s = signedIn(c);
    const body = await bodyOf(c);
    await refusals(() => confirmTotp(db, s, text(body, "code")));
    if (isApi(c)) return c.json({ ok: true });
    return c.redirect(homeOf(s.principal.role), 303);
  });
};
