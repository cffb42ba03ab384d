/** @jsxImportSource hono/jsx */
/**
 * Admin pages: users (add with a one-time password, reset, disable, end sessions), with JSON twins under
 * /api/v1/admin; the audit log is ./admin-audit.tsx. 停用、启用、清除动态口令、结束会话 answer with a 303 to
 * the list (Post/Redirect/Get: a reload repeats nothing), `done` and `user` naming what was done; adding a
 * user and 重置密码 show the one-time password on the page they answer with, since it must never be put
 * in an address.
 */
import type { Context } from "hono";
import { z } from "zod";
import { Refusal } from "../../domain/refusal.ts";
import { ROLES, type Role } from "../../store/workflow-schema.ts";
import { requireRole } from "../../workflow/access.ts";
import {
  addUser,
  departmentRegistry,
  endSessions,
  listUsers,
  resetPassword,
  resetTotp,
  setDisabled,
  type UserView,
} from "../../workflow/users.ts";
import type { RouteModule } from "../app.ts";
import { dbOf, isApi, principalOf, refusals, sqlStore } from "../auth/context.ts";
import { requireCsrf } from "../auth/csrf.tsx";
import { choice, parseBody, parseParams, parseQuery, textField } from "../input.ts";
import {
  EMPTY_USER_FORM,
  USER_ACTIONS,
  type UserAction,
  type UserFormInput,
  UsersPage,
} from "../views/admin-users.tsx";
import { workflowPage } from "../views/workflow-ui.tsx";
import { auditRoutes } from "./admin-audit.tsx";

/** What the admin routes accept, parsed once (see ../input.ts). The role has no default. */
const UserForm = z.object({
  name: textField(32),
  role: z.preprocess(
    (v) => (Array.isArray(v) ? v[0] : v) ?? "",
    z.enum(["", ...ROLES] as ["", ...Role[]], {
      error: "角色应为 乡镇（街道）、县直部门 或 县委编办（管理员）",
    }),
  ),
  township: textField(100),
  department: textField(100),
});
/** The user actions answered with a redirect, and what the list then says was done. */
const REDIRECTED = ["logout", "disable", "enable", "reset-2fa"] as const;
type Redirected = (typeof REDIRECTED)[number];
const DoneQuery = z.object({ done: choice(REDIRECTED).optional(), user: textField(32) });

/** The sentence for `done` after a redirect, only while the user list bears it out (never the address's words). */
function doneNote(
  users: readonly UserView[],
  done: Redirected | undefined,
  name: string,
): string | undefined {
  const u = users.find((x) => x.name === name);
  if (!done || !u) return undefined;
  switch (done) {
    case "logout":
      return u.sessions === 0 ? `已结束 ${u.name} 的全部会话。` : undefined;
    case "disable":
    case "enable":
      return u.disabled === (done === "disable")
        ? `${u.name} 已${u.disabled ? "停用" : "启用"}。`
        : undefined;
    case "reset-2fa":
      return u.totpEnabled ? undefined : `已清除 ${u.name} 的动态口令。`;
  }
}

const UserActionParams = z.object({
  name: z.string().max(32, { message: "用户名过长" }),
  action: choice(Object.keys(USER_ACTIONS) as [UserAction, ...UserAction[]]),
});

/** The form's own rules, in its words (addUser states them for the command line too). */
function formProblem(form: UserFormInput): string | null {
  if (!form.name) return "请填写用户名";
  if (form.role === "") return "请选择角色";
  if (form.role === "township" && !form.township) return "乡镇用户须选择乡镇";
  if (form.role === "department" && !form.department) return "部门用户须填写部门（从部门名录中选）";
  return null;
}

export const adminRoutes: RouteModule = (app, web) => {
  const store = sqlStore(web);
  if (!store) return;
  const db = dbOf(store);
  const admin = (c: Context) => requireRole(principalOf(c), "admin");

  const usersPage = async (
    c: Context,
    shown: { notice?: string; error?: Refusal; form?: UserFormInput } = {},
  ) => {
    admin(c);
    const [users, townships, registry] = await Promise.all([
      listUsers(db),
      store.listTownships(),
      departmentRegistry(db),
    ]);
    const repeated = new Set(
      townships.filter((t, i) => townships.findIndex((u) => u.name === t.name) !== i).map((t) => t.name),
    );
    const choices = townships.map((t) =>
      repeated.has(t.name)
        ? { value: `${t.county}/${t.name}`, label: `${t.county} ${t.name}` }
        : { value: t.name, label: t.name },
    );
    return workflowPage(
      c,
      "用户管理",
      <UsersPage
        c={c}
        users={users}
        townships={choices}
        departments={registry.names}
        notice={shown.notice}
        error={shown.error?.message}
        form={shown.form ?? EMPTY_USER_FORM}
        self={principalOf(c)?.name ?? ""}
      />,
      shown.error?.status ?? 200,
    );
  };

  app.get("/admin/users", async (c) => {
    admin(c);
    const { done, user } = parseQuery(c, DoneQuery);
    return usersPage(c, { notice: done ? doneNote(await listUsers(db), done, user) : undefined });
  });
  app.get("/api/v1/admin/users", async (c) => {
    admin(c);
    return c.json({ users: await listUsers(db) });
  });

  /** Adds the user the form or JSON describes; Refusal invalid/conflict when it cannot. */
  const add = async (c: Context, form: UserFormInput) => {
    const who = admin(c);
    const problem = formProblem(form);
    if (problem) throw new Refusal("invalid", problem);
    const r = await addUser(
      db,
      {
        name: form.name,
        role: form.role as Role,
        township: form.role === "township" ? form.township : undefined,
        department: form.role === "department" ? form.department : undefined,
      },
      who.name,
    );
    return { ...r, name: form.name };
  };
  app.post("/admin/users", requireCsrf, async (c) => {
    admin(c);
    const form = (await parseBody(c, UserForm)) as UserFormInput;
    try {
      const r = await add(c, form);
      return usersPage(c, {
        notice: `已添加用户 ${r.name}。一次性密码：${r.password}（只显示这一次，首次登录后须修改）`,
      });
    } catch (error) {
      // Refused: the form comes back as typed, with the reason above it.
      if (!(error instanceof Refusal) || isApi(c)) throw error;
      return usersPage(c, { error, form });
    }
  });
  app.post("/api/v1/admin/users", requireCsrf, async (c) => {
    const r = await add(c, (await parseBody(c, UserForm)) as UserFormInput);
    return c.json({ id: r.id, name: r.name, password: r.password }, 201);
  });

  const act = async (c: Context): Promise<string> => {
    const who = admin(c);
    const { name, action } = parseParams(c, UserActionParams);
    // Each of these signs the admin out or locks the account: one click would lock out the last admin.
    if (name === who.name && action !== "enable") {
      throw new Refusal(
        "conflict",
        `不能对当前登录的账号执行“${USER_ACTIONS[action]}”：请由另一位管理员操作；修改自己的密码或动态口令请到“修改密码”“动态口令”。`,
      );
    }
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
  app.post("/admin/users/:name/:action", requireCsrf, async (c) => {
    try {
      const notice = await act(c);
      const { name, action } = parseParams(c, UserActionParams);
      if (action === "reset-password") return await usersPage(c, { notice });
      return c.redirect(`/admin/users?${new URLSearchParams({ done: action, user: name })}`, 303);
    } catch (error) {
      // Refused: the user list again, with the reason above it.
      if (!(error instanceof Refusal)) throw error;
      return usersPage(c, { error });
    }
  });
  app.post("/api/v1/admin/users/:name/:action", requireCsrf, async (c) => c.json({ message: await act(c) }));

  auditRoutes(app, db);
};
