/** @jsxImportSource hono/jsx */
/** Shared pieces of the workflow pages: the frame with the signed-in user's bar, messages, dates. */
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ROLE_LABELS } from "../../workflow/principal.ts";
import { sessionOf } from "../auth/context.ts";
import { CsrfField, csrfToken } from "../auth/csrf.tsx";
import { page } from "../respond.tsx";
import { Layout } from "./layout.tsx";

/** Links for each role's work. */
function roleLinks(role: string): [string, string][] {
  if (role === "admin")
    return [
      ["/admission", "准入审核"],
      ["/admission/stats", "准入统计"],
      ["/adjust", "调整建议"],
      ["/admin/users", "用户"],
      ["/admin/audit", "审计日志"],
    ];
  if (role === "department")
    return [
      ["/admission", "职责准入申请"],
      ["/adjust", "调整建议"],
    ];
  return [
    ["/admission/township", "临时准入任务"],
    ["/adjust", "调整建议"],
  ];
}

/** The signed-in bar: who, their work, password/2FA, sign out. */
function UserBar(props: { c: Context }) {
  const s = sessionOf(props.c);
  if (!s) {
    return (
      <p class="userbar">
        <a href="/login">登录</a>
      </p>
    );
  }
  const p = s.principal;
  return (
    <form class="userbar" method="post" action="/logout">
      <span>
        {p.name}（{ROLE_LABELS[p.role]}
        {p.township ? `·${p.township}` : ""}
        {p.department ? `·${p.department}` : ""}）
      </span>{" "}
      {s.pending === null
        ? roleLinks(p.role).map(([href, label]) => (
            <>
              <a href={href}>{label}</a>{" "}
            </>
          ))
        : null}
      <a href="/account/password">修改密码</a> <a href="/account/totp">动态口令</a>{" "}
      <CsrfField token={s.csrf} />
      <button type="submit">退出</button>
    </form>
  );
}

/** A full workflow page. */
export function workflowPage(c: Context, title: string, body: Child, status: ContentfulStatusCode = 200) {
  return page(
    c,
    <Layout title={title}>
      <UserBar c={c} />
      {body}
    </Layout>,
    status,
  );
}

/** A form posting to `action` with the CSRF field. */
export function Form(props: { c: Context; action: string; children?: Child; class?: string }) {
  return (
    <form method="post" action={props.action} class={props.class}>
      <CsrfField token={csrfToken(props.c)} />
      {props.children}
    </form>
  );
}

/** An ISO time as Beijing time, minutes. */
export function when(iso: string | null | undefined): string {
  if (!iso) return "";
  return new Date(iso)
    .toLocaleString("zh-CN", { hour12: false, timeZone: "Asia/Shanghai" })
    .replace(/:\d\d$/, "");
}

/** A message box (error or notice). */
export function Notice(props: { kind?: "error" | "ok"; children?: Child }) {
  return (
    <p
      class={props.kind === "error" ? "notice error" : "notice"}
      role={props.kind === "error" ? "alert" : "status"}
    >
      {props.children}
    </p>
  );
}
