/** @jsxImportSource hono/jsx */
/** Shared pieces of the workflow pages: the frame with the signed-in user's bar, messages, dates. */
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Principal } from "../../workflow/principal.ts";
import { sessionOf } from "../auth/context.ts";
import { CsrfField, csrfToken } from "../auth/csrf.tsx";
import { page } from "../respond.tsx";
import { viewerOf } from "../viewer.ts";
import { Layout } from "./layout.tsx";

/** Links for each role's work; the task check first (a township user's own township). */
function roleLinks(p: Principal): [string, string][] {
  const check: [string, string][] = [
    [
      p.role === "township" && p.township ? `/t/${encodeURIComponent(p.township)}/check` : "/check",
      "任务核验",
    ],
    ["/checks", "核验记录"],
  ];
  return [...check, ...workLinks(p.role)];
}

function workLinks(role: string): [string, string][] {
  if (role === "admin")
    return [
      ["/admission", "准入审核"],
      ["/admission/stats", "准入统计"],
      ["/adjust", "调整建议"],
      ["/admin/precedents", "先例"],
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

/** The signed-in user's work links (who they are and 退出 are in the site header, see views/layout.tsx). */
function UserBar(props: { c: Context }) {
  const s = sessionOf(props.c);
  if (!s) return null;
  return (
    <nav class="userbar" aria-label="我的工作">
      {s.pending === null
        ? roleLinks(s.principal).map(([href, label]) => (
            <>
              <a href={href}>{label}</a>{" "}
            </>
          ))
        : null}
      <a href="/account/password">修改密码</a> <a href="/account/totp">动态口令</a>
    </nav>
  );
}

/** A full workflow page. */
export function workflowPage(c: Context, title: string, body: Child, status: ContentfulStatusCode = 200) {
  return page(
    c,
    <Layout title={title} viewer={viewerOf(c)}>
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

/**
 * Who decided a precedent and when, as one clause after the answer it gave: 由 guanli 于 2026/12/2 10:04
 * 认定. Not in brackets: after 清单外事项（需职责准入） a second bracket group would stack. A string: JSX
 * escapes the name.
 */
export function decidedByLine(by: string, at: string): string {
  return `由 ${by} 于 ${when(at)} 认定`;
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

/**
 * One line of text a decision needs (答复, 不采纳理由), inside its label. A refusal (`refused`) shows its
 * message above the field, keeps what was typed and puts the focus there.
 */
export function RefusableLine(props: {
  label: string;
  name: string;
  refused: { message: string; value: string } | null;
}) {
  const r = props.refused;
  return (
    <>
      {r ? <Notice kind="error">{r.message}</Notice> : null}
      <label>
        {props.label}{" "}
        <input
          name={props.name}
          required
          value={r?.value ?? ""}
          aria-invalid={r ? "true" : undefined}
          autofocus={r ? true : undefined}
        />
      </label>{" "}
    </>
  );
}
