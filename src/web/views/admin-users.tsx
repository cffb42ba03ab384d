/** @jsxImportSource hono/jsx */
/**
 * The admin's user page: every user with the actions on it, and the form to add one. The form picks a
 * township and a department from the registry (a department may be typed as an alias: 人社局), starts
 * with no role chosen (never 管理员 by default), and comes back filled in with the message when refused.
 */
import type { Context } from "hono";
import type { Role } from "../../store/workflow-schema.ts";
import { ROLE_LABELS } from "../../workflow/principal.ts";
import type { UserView } from "../../workflow/users.ts";
import { Form, Notice, when } from "./workflow-ui.tsx";

export const USER_ACTIONS = {
  logout: "结束会话",
  "reset-password": "重置密码",
  disable: "停用",
  enable: "启用",
  "reset-2fa": "清除动态口令",
} as const;
export type UserAction = keyof typeof USER_ACTIONS;

/** The add-user form as typed: kept to fill the form in again after a refusal. */
export interface UserFormInput {
  name: string;
  role: Role | "";
  township: string;
  department: string;
}

export const EMPTY_USER_FORM: UserFormInput = { name: "", role: "", township: "", department: "" };

export interface UsersPageProps {
  c: Context;
  users: UserView[];
  /** Township choices: value (乡镇名, or 县名/乡镇名 when the name repeats) and label. */
  townships: { value: string; label: string }[];
  /** Canonical department names of the registry. */
  departments: string[];
  notice?: string;
  error?: string;
  form: UserFormInput;
  /** The signed-in admin: their own row offers no action that would sign them out or lock them out. */
  self: string;
}

function UserRows(props: { c: Context; users: UserView[]; self: string }) {
  return (
    <table class="grid cards">
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
        {props.users.map((u) => (
          <tr>
            <td data-label="用户名">{u.name}</td>
            <td data-label="角色">{ROLE_LABELS[u.role]}</td>
            <td data-label="范围">{u.township ?? u.department ?? "全县"}</td>
            <td data-label="状态">
              {u.disabled ? "已停用" : u.lockedUntil ? `锁定至 ${when(u.lockedUntil)}` : "正常"}
              {u.mustChange ? "（待改密码）" : ""}
            </td>
            <td data-label="动态口令">{u.totpEnabled ? "已绑定" : "未绑定"}</td>
            <td data-label="会话" class="num">
              {u.sessions}
            </td>
            <td data-label="操作" class="actions">
              {u.name === props.self ? "（当前登录：修改密码、动态口令见上方链接）" : null}
              {(Object.keys(USER_ACTIONS) as UserAction[])
                .filter(() => u.name !== props.self)
                .filter((a) => (u.disabled ? a !== "disable" : a !== "enable"))
                .map((a) => (
                  <Form c={props.c} action={`/admin/users/${encodeURIComponent(u.name)}/${a}`} class="inline">
                    <button type="submit">{USER_ACTIONS[a]}</button>
                  </Form>
                ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AddUserForm(props: UsersPageProps) {
  const f = props.form;
  return (
    <Form c={props.c} action="/admin/users" class="stacked">
      <h2 id="add">添加用户</h2>
      {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      <p>
        <label for="user-name">用户名</label>
        <input id="user-name" name="name" required maxlength={32} value={f.name} autocomplete="off" />
      </p>
      <p>
        <label for="user-role">角色</label>
        <select id="user-role" name="role" required>
          <option value="" selected={f.role === ""} disabled>
            请选择角色
          </option>
          {(["township", "department", "admin"] as const).map((r) => (
            <option value={r} selected={f.role === r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </p>
      <p>
        <label for="user-township">乡镇（乡镇用户必填）</label>
        <select id="user-township" name="township">
          <option value="">—</option>
          {props.townships.map((t) => (
            <option value={t.value} selected={f.township === t.value}>
              {t.label}
            </option>
          ))}
        </select>
      </p>
      <p>
        <label for="user-department">部门（部门用户必填，从名录中选，可用简称如 人社局）</label>
        <input
          id="user-department"
          name="department"
          list="department-registry"
          maxlength={100}
          value={f.department}
          autocomplete="off"
        />
        <datalist id="department-registry">
          {props.departments.map((d) => (
            <option value={d}></option>
          ))}
        </datalist>
      </p>
      <button type="submit">添加</button>
    </Form>
  );
}

/** The page body (wrapped by workflowPage). */
export function UsersPage(props: UsersPageProps) {
  return (
    <>
      <h1>用户管理</h1>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      <p>
        <a href="#add">添加用户</a>
      </p>
      <UserRows c={props.c} users={props.users} self={props.self} />
      <AddUserForm {...props} />
    </>
  );
}
