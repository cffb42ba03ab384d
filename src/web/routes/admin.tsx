/** @jsxImportSource hono/jsx */
/** Admin pages: users (add with a one-time password, reset, disable, end sessions) and the audit log. */

import { stringify } from "csv-stringify/sync";
import type { Context } from "hono";
import { z } from "zod";
import { ROLES, type Role } from "../../store/workflow-schema.ts";
import { requireRole } from "../../workflow/access.ts";
import { allAudit, listAudit, verifyAudit } from "../../workflow/audit.ts";
import { ROLE_LABELS } from "../../workflow/principal.ts";
import {
  addUser,
  endSessions,
  listUsers,
  resetPassword,
  resetTotp,
  setDisabled,
} from "../../workflow/users.ts";
import type { RouteModule } from "../app.ts";
import { dbOf, principalOf, refusals, sqlStore } from "../auth/context.ts";
import { requireCsrf } from "../auth/csrf.tsx";
import { choice, optionalCount, parseBody, parseParams, parseQuery, textField } from "../input.ts";
import { Form, Notice, when, workflowPage } from "../views/workflow-ui.tsx";

const ACTIONS = {
  logout: "结束会话",
  "reset-password": "重置密码",
  disable: "停用",
  enable: "启用",
  "reset-2fa": "清除动态口令",
} as const;
type Action = keyof typeof ACTIONS;

/** What the admin routes accept, parsed once (see ../input.ts). */
const UserForm = z.object({
  name: textField(32),
  role: choice(ROLES as [Role, ...Role[]]),
  township: textField(100),
  department: textField(100),
});
const UserAction = z.object({
  name: z.string().max(32, { message: "用户名过长" }),
  action: choice(Object.keys(ACTIONS) as [Action, ...Action[]]),
});
const AuditQuery = z.object({
  actor: textField(64).optional(),
  action: textField(64).optional(),
  subject: textField(200).optional(),
  before: optionalCount(2_000_000_000),
});
const ExportQuery = z.object({ format: choice(["csv", "jsonl"]).default("csv") });

export const adminRoutes: RouteModule = (app, web) => {
  const store = sqlStore(web);
  if (!store) return;
  const db = dbOf(store);
  const admin = (c: Context) => requireRole(principalOf(c), "admin");

  const usersPage = async (c: Context, notice?: string) => {
    admin(c);
    const users = await listUsers(db);
    const townships = await store.listTownships();
    return workflowPage(
      c,
      "用户管理",
      <>
        <h1>用户管理</h1>
        {notice ? <Notice kind="ok">{notice}</Notice> : null}
        <table class="grid">
          <thead>
            <tr>
              <th scope="col">用户名</th>
              <th scope="col">角色</th>
              <th scope="col">范围</th>
              <th scope="col">状态</th>
              <th scope="col">动态口令</th>
              <th scope="col">会话</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr>
                <td>{u.name}</td>
                <td>{ROLE_LABELS[u.role]}</td>
                <td>{u.township ?? u.department ?? "全县"}</td>
                <td>
                  {u.disabled ? "已停用" : u.lockedUntil ? `锁定至 ${when(u.lockedUntil)}` : "正常"}
                  {u.mustChange ? "（待改密码）" : ""}
                </td>
                <td>{u.totpEnabled ? "已绑定" : "未绑定"}</td>
                <td class="num">{u.sessions}</td>
                <td>
                  {(Object.keys(ACTIONS) as Action[])
                    .filter((a) => (u.disabled ? a !== "disable" : a !== "enable"))
                    .map((a) => (
                      <Form c={c} action={`/admin/users/${encodeURIComponent(u.name)}/${a}`} class="inline">
                        <button type="submit">{ACTIONS[a]}</button>
                      </Form>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <Form c={c} action="/admin/users">
          <h2>添加用户</h2>
          <label>
            用户名 <input name="name" required />
          </label>{" "}
          <label>
            角色
            <select name="role">
              {ROLES.map((r) => (
                <option value={r}>{ROLE_LABELS[r]}</option>
              ))}
            </select>
          </label>{" "}
          <label>
            乡镇（乡镇用户）
            <select name="township">
              <option value="">—</option>
              {townships.map((t) => (
                <option value={t.name}>{t.name}</option>
              ))}
            </select>
          </label>{" "}
          <label>
            部门（部门用户） <input name="department" />
          </label>{" "}
          <button type="submit">添加</button>
        </Form>
      </>,
    );
  };

  app.get("/admin/users", (c) => usersPage(c));
  app.get("/api/v1/admin/users", async (c) => {
    admin(c);
    return c.json({ users: await listUsers(db) });
  });
  const add = async (c: Context) => {
    const who = admin(c);
    const form = await parseBody(c, UserForm);
    return refusals(() =>
      addUser(
        db,
        {
          name: form.name,
          role: form.role,
          township: form.role === "township" ? form.township || undefined : undefined,
          department: form.role === "department" ? form.department || undefined : undefined,
        },
        who.name,
      ),
    ).then((r) => ({ ...r, name: form.name }));
  };
  app.post("/admin/users", requireCsrf, async (c) => {
    const r = await add(c);
    return usersPage(c, `已添加用户 ${r.name}。一次性密码：${r.password}（只显示这一次，首次登录后须修改）`);
  });
  app.post("/api/v1/admin/users", requireCsrf, async (c) => {
    const r = await add(c);
    return c.json({ id: r.id, name: r.name, password: r.password }, 201);
  });

  const act = async (c: Context): Promise<string> => {
    const who = admin(c);
    const { name, action } = parseParams(c, UserAction);
    return refusals(async () => {
      switch (action) {
        case "logout":
          return `已结束 ${name} 的 ${await endSessions(db, name, who.name)} 个会话。`;
        case "reset-password":
          return `${name} 的新一次性密码：${await resetPassword(db, name, who.name)}`;
        case "disable":
        case "enable":
          await setDisabled(db, name, action === "disable", who.name);
          return `${name} 已${action === "disable" ? "停用" : "启用"}。`;
        case "reset-2fa":
          await resetTotp(db, name, who.name);
          return `已清除 ${name} 的动态口令。`;
      }
    });
  };
  app.post("/admin/users/:name/:action", requireCsrf, async (c) => usersPage(c, await act(c)));
  app.post("/api/v1/admin/users/:name/:action", requireCsrf, async (c) => c.json({ message: await act(c) }));

  const auditQuery = (c: Context) => ({ ...parseQuery(c, AuditQuery), limit: 200 });
  app.get("/admin/audit", async (c) => {
    admin(c);
    const q = auditQuery(c);
    const [entries, verdict] = await Promise.all([listAudit(db, q), verifyAudit(db)]);
    const last = entries.at(-1);
    return workflowPage(
      c,
      "审计日志",
      <>
        <h1>审计日志</h1>
        {verdict.ok ? (
          <Notice kind="ok">
            哈希链完好：共 {verdict.entries} 条，末条哈希 <code>{verdict.head.slice(0, 16)}…</code>
          </Notice>
        ) : (
          <Notice kind="error">
            哈希链在第 {verdict.broken!.id} 条记录处断裂：{verdict.broken!.reason}
          </Notice>
        )}
        <form method="get" action="/admin/audit">
          <label>
            操作人 <input name="actor" value={q.actor ?? ""} />
          </label>{" "}
          <label>
            操作 <input name="action" value={q.action ?? ""} />
          </label>{" "}
          <label>
            对象（前缀） <input name="subject" value={q.subject ?? ""} />
          </label>{" "}
          <button type="submit">筛选</button> <a href="/admin/audit/export?format=csv">导出 CSV</a>{" "}
          <a href="/admin/audit/export?format=jsonl">导出 JSONL</a>
        </form>
        <table class="grid">
          <thead>
            <tr>
              <th scope="col">序号</th>
              <th scope="col">时间</th>
              <th scope="col">操作人</th>
              <th scope="col">操作</th>
              <th scope="col">对象</th>
              <th scope="col">变更前</th>
              <th scope="col">变更后</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr>
                <td>{e.id}</td>
                <td>{when(e.at)}</td>
                <td>{e.actor}</td>
                <td>{e.action}</td>
                <td>{e.subject}</td>
                <td>
                  <code>{e.before ?? ""}</code>
                </td>
                <td>
                  <code>{e.after ?? ""}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {last && entries.length === q.limit ? (
          <a href={`/admin/audit?before=${last.id}`}>更早的记录</a>
        ) : null}
      </>,
    );
  });
  app.get("/api/v1/admin/audit", async (c) => {
    admin(c);
    const [entries, verdict] = await Promise.all([listAudit(db, auditQuery(c)), verifyAudit(db)]);
    return c.json({ verify: verdict, entries });
  });
  app.get("/admin/audit/export", async (c) => {
    admin(c);
    const { format } = parseQuery(c, ExportQuery);
    const all = await allAudit(db);
    const header = [
      "id",
      "at",
      "actor",
      "action",
      "subject",
      "before",
      "after",
      "prev_hash",
      "hash",
    ] as const;
    const body =
      format === "jsonl"
        ? all.map((e) => JSON.stringify(e)).join("\n")
        : stringify([[...header], ...all.map((e) => header.map((h) => e[h] ?? ""))], { bom: true });
    return c.body(body, 200, {
      "content-type": format === "jsonl" ? "application/x-ndjson; charset=utf-8" : "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="lvzhi-audit.${format}"`,
    });
  });
};
