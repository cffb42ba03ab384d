/** @jsxImportSource hono/jsx */
/**
 * The account pages of a signed-in user: /account/password (change it; the policy and the history of 5
 * apply; a change answers 303 to the user's workbench with `done=password`, which says 密码已修改, see
 * accountNote) and /account/totp (enrol or change the second factor, with a locally rendered QR code).
 * Mounted by loginRoutes, after the auth middleware.
 */
import type { Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import { Refusal } from "../../domain/refusal.ts";
import type { WorkflowDb } from "../../store/workflow-schema.ts";
import { type AuthSettings, confirmTotp, type Enrolment, startTotpEnrolment } from "../../workflow/auth.ts";
import { pendingEnrolment } from "../../workflow/totp-enrolment.ts";
import { changePassword, passwordChangedInSession } from "../../workflow/users.ts";
import { isApi, sessionOf } from "../auth/context.ts";
import { requireCsrf } from "../auth/csrf.tsx";
import { CodeForm, EnrolForm, PasswordChangeForm, parseForm } from "../auth/signin-forms.ts";
import { choice, parseQuery } from "../input.ts";
import { Form, Notice, workflowPage } from "../views/workflow-ui.tsx";

/** Where a fully signed-in user starts. */
export function homeOf(role: string): string {
  return role === "admin" ? "/admission" : role === "department" ? "/admission" : "/admission/township";
}

/** What the workbench is told was done after a redirect from here; an unknown `done` is refused. */
const DoneQuery = z.object({ done: choice(["password"]).optional() });

/**
 * The line the workbench shows after a password change (`?done=password`, the 303 below): a fixed
 * sentence, only while the store bears it out (the signed-in user changed it during this session), never
 * words from the address.
 */
export async function accountNote(c: Context, db: WorkflowDb): Promise<string | undefined> {
  const { done } = parseQuery(c, DoneQuery);
  const s = sessionOf(c);
  if (done !== "password" || !s) return undefined;
  return (await passwordChangedInSession(db, s.id)) ? "密码已修改。" : undefined;
}

function signedIn(c: Context) {
  const s = sessionOf(c);
  if (!s) throw new Refusal("unauthenticated", "请先登录。");
  return s;
}

/** A refusal shown on the page it came from: its status, its message (API requests get the JSON error). */
function shownOnPage(c: Context, error: unknown): Refusal {
  if (!(error instanceof Refusal) || isApi(c)) throw error;
  if (typeof error.details?.retryAfter === "number")
    c.header("Retry-After", String(error.details.retryAfter));
  return error;
}

function PasswordForm(props: { c: Context; error?: string; policy: string }) {
  const s = sessionOf(props.c);
  return (
    <>
      <h1>修改密码</h1>
      {s?.pending === "password" ? <Notice>首次登录或密码已到期：请先设置新密码。</Notice> : null}
      {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      <p>
        密码策略：
        {props.policy === "asvs"
          ? "至少 12 个字符，可用一句话作密码"
          : "至少 8 个字符，包含小写字母、大写字母、数字、符号中的至少 3 类，每 90 天更换"}
        ；不得使用常见密码、重复或连续的字符，不得与最近 5
        次的密码相同；首尾不能是空格（密码按输入原样保存）。
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

function EnrolPage(props: { c: Context; pending: boolean; error?: string }) {
  return (
    <>
      <h1>{props.pending ? "绑定动态口令（管理员必须）" : "绑定或更换动态口令"}</h1>
      <p>用手机上的验证器应用（如 FreeOTP、Google Authenticator、微信小程序“腾讯身份验证器”）扫描二维码。</p>
      {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      <Form c={props.c} action="/account/totp">
        {props.pending ? (
          // The password was typed at sign-in a moment ago: not asked again (one prompt per enrolment).
          <p>登录已验证密码，点击下面的按钮生成二维码。</p>
        ) : (
          <>
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
          </>
        )}
        <button type="submit">生成二维码</button>
      </Form>
    </>
  );
}

function QrPage(props: { c: Context; enrolment: Enrolment; error?: string }) {
  return (
    <>
      <h1>扫描二维码</h1>
      {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      <p>
        <img src={props.enrolment.qr} alt="动态口令二维码" width="250" height="250" />
      </p>
      <p>
        无法扫描时手动输入密钥：<code>{props.enrolment.secret}</code>
      </p>
      <Form c={props.c} action="/account/totp/confirm">
        <label>
          验证器显示的 6 位数字{" "}
          <input name="code" inputmode="numeric" autocomplete="one-time-code" required />
        </label>{" "}
        <button type="submit">完成绑定</button>
      </Form>
    </>
  );
}

export function accountRoutes(app: Hono, db: WorkflowDb, settings: AuthSettings): void {
  const passwordPage = (c: Context, error?: Refusal) =>
    workflowPage(
      c,
      "修改密码",
      <PasswordForm c={c} error={error?.message} policy={settings.policy.name} />,
      (error?.status ?? 200) as ContentfulStatusCode,
    );
  app.get("/account/password", (c) => {
    signedIn(c);
    return passwordPage(c);
  });
  app.post("/account/password", requireCsrf, async (c) => {
    const s = signedIn(c);
    try {
      const form = await parseForm(c, PasswordChangeForm);
      if (!isApi(c) && form.password !== form.again) throw new Refusal("invalid", "两次输入的新密码不一致");
      await changePassword(db, s.principal.id, form.current, form.password, settings.policy, s.id);
    } catch (error) {
      return passwordPage(c, shownOnPage(c, error));
    }
    if (isApi(c)) return c.json({ ok: true });
    return c.redirect(`${homeOf(s.principal.role)}?done=password`, 303);
  });

  const enrolPage = (c: Context, error?: Refusal) =>
    workflowPage(
      c,
      "动态口令",
      <EnrolPage c={c} pending={signedIn(c).pending === "enroll"} error={error?.message} />,
      (error?.status ?? 200) as ContentfulStatusCode,
    );
  app.get("/account/totp", (c) => enrolPage(c));
  app.post("/account/totp", requireCsrf, async (c) => {
    const s = signedIn(c);
    let enrolment: Enrolment;
    try {
      const form = await parseForm(c, EnrolForm);
      const enrolling = s.pending === "enroll";
      if (!enrolling && form.password === undefined) throw new Refusal("invalid", "请输入当前密码");
      enrolment = await startTotpEnrolment(db, s, enrolling ? null : form.password!, form.code);
    } catch (error) {
      return enrolPage(c, shownOnPage(c, error));
    }
    if (isApi(c)) return c.json({ uri: enrolment.uri, secret: enrolment.secret });
    return workflowPage(c, "动态口令", <QrPage c={c} enrolment={enrolment} />);
  });
  app.post("/account/totp/confirm", requireCsrf, async (c) => {
    const s = signedIn(c);
    try {
      const form = await parseForm(c, CodeForm);
      await confirmTotp(db, s, form.code);
    } catch (error) {
      // A mistyped code keeps the started enrolment: its QR code again, not the password prompt.
      const shown = shownOnPage(c, error);
      const enrolment = await pendingEnrolment(db, s);
      if (!enrolment) throw shown;
      return workflowPage(
        c,
        "动态口令",
        <QrPage c={c} enrolment={enrolment} error={shown.message} />,
        shown.status as ContentfulStatusCode,
      );
    }
    if (isApi(c)) return c.json({ ok: true });
    return c.redirect(homeOf(s.principal.role), 303);
  });
}
