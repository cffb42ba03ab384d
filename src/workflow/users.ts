/**
 * Users: adding (with a one-time password), listing, password changes and resets, disabling, ending
 * sessions. Every change is audited in the same transaction. Hashes: ./password-hash.ts.
 */
import { DEPARTMENT_ALIASES, registeredDepartment } from "../domain/departments.ts";
import { Refusal } from "../domain/refusal.ts";
import { storedDepartmentNames } from "../store/departments.ts";
import { townshipsNamed } from "../store/places.ts";
import { deleteSessionsOf, sessionPasswordTimes } from "../store/sessions.ts";
import { clearAccount, rememberPassword, throttledAccounts } from "../store/signin.ts";
import {
  insertUser,
  principalRow,
  updateUser,
  userListRows,
  userRowById,
  userRowByName,
} from "../store/users.ts";
import { ROLES, type Role, signinDb, storeDb, type WorkflowDb } from "../store/workflow-schema.ts";
import { inTransaction } from "../store/workflow-transaction.ts";
import { appendAudit } from "./audit.ts";
import { conflict, invalid, missing } from "./errors.ts";
import { hashPassword } from "./password-hash.ts";
import { PASSWORD_HISTORY, reusedPassword } from "./password-history.ts";
import { oneTimePassword, type PasswordPolicy, passwordProblems } from "./passwords.ts";
import type { Principal } from "./principal.ts";
import { checkCurrentPassword } from "./reauth.ts";

export interface UserInput {
  name: string;
  role: Role;
  township?: string;
  department?: string;
}

export interface UserView {
  id: number;
  name: string;
  role: Role;
  township: string | null;
  county: string | null;
  department: string | null;
  mustChange: boolean;
  totpEnabled: boolean;
  /**
   * Until when some address must wait before trying this account again (sign-in throttling: other
   * addresses are not held up), or null.
   */
  lockedUntil: string | null;
  disabled: boolean;
  createdAt: string;
  sessions: number;
}

const NAME = /^[\p{L}\p{N}_.@-]{2,32}$/u;

/** The township a user is scoped to: "策勒乡", or "策勒县/策勒乡" when the name repeats across counties. */
async function townshipIdOf(db: WorkflowDb, given: string): Promise<number> {
  const [county, name] = given.includes("/") ? given.split("/", 2) : [undefined, given];
  const rows = await townshipsNamed(db, name!.trim(), county ? county.trim() : null);
  if (rows.length === 0) throw invalid(`没有乡镇“${given}”：请先导入它的清单`);
  if (rows.length > 1) throw invalid(`乡镇“${given}”在多个县重名：请写成“县名/乡镇名”`);
  return rows[0]!.id;
}

/**
 * The department registry a department user is chosen from: the canonical names of the alias table and
 * every department the stored lists name, in Chinese collation order.
 */
export async function departmentRegistry(db: WorkflowDb): Promise<{ names: string[]; counties: string[] }> {
  const stored = await storedDepartmentNames(storeDb(db));
  const names = [...new Set([...Object.keys(DEPARTMENT_ALIASES), ...stored.departments])];
  return { names: names.sort((a, b) => a.localeCompare(b, "zh")), counties: stored.counties };
}

/** A department as typed (an alias or a county-prefixed name is fine), or refused when not registered. */
async function registered(db: WorkflowDb, given: string): Promise<string> {
  const registry = await departmentRegistry(db);
  const found = registeredDepartment(given, new Set(registry.names), registry.counties);
  if (found.ok) return found.name;
  const hint = found.suggestions.length ? `是否指：${found.suggestions.join("、")}？` : "";
  throw invalid(`部门名录中没有“${given}”：${hint}请从部门名录中选择（可用简称，如 人社局）`, {
    field: "department",
    suggestions: found.suggestions,
  });
}

/** Creates a user with a one-time password (returned once, never stored in clear). */
export async function addUser(
  db: WorkflowDb,
  input: UserInput,
  actor: string,
): Promise<{ id: number; password: string }> {
  if (!NAME.test(input.name)) throw invalid("用户名须为 2–32 个字母、汉字、数字或 _ . @ -");
  if (!ROLES.includes(input.role)) throw invalid(`角色应为 ${ROLES.join("、")}`);
  if (input.role === "township" && !input.township) throw invalid("乡镇用户须指定 --township");
  if (input.role === "department" && !input.department) throw invalid("部门用户须指定 --department");
  if (input.role !== "township" && input.township) throw invalid("只有乡镇用户可指定乡镇");
  if (input.role !== "department" && input.department) throw invalid("只有部门用户可指定部门");
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (trx) => {
    const taken = await userRowByName(trx, input.name);
    if (taken) throw conflict(`用户“${input.name}”已存在`);
    const townshipId = input.township ? await townshipIdOf(trx, input.township) : null;
    const department = input.department ? await registered(trx, input.department.trim()) : null;
    const now = new Date().toISOString();
    const id = await insertUser(trx, {
      name: input.name,
      role: input.role,
      township_id: townshipId,
      department,
      password_hash: passwordHash,
      must_change: 1,
      password_changed_at: now,
      totp_enabled: 0,
      failed_logins: 0,
      disabled: 0,
      created_at: now,
    });
    await appendAudit(trx, {
      actor,
      action: "user.add",
      subject: `user:${input.name}`,
      after: { id, role: input.role, township: input.township ?? null, department },
    });
    return { id, password };
  });
}

/** The principal of a user id (null when missing or disabled). */
export async function principalOf(db: WorkflowDb, userId: number): Promise<Principal | null> {
  const row = await principalRow(db, userId);
  return row && !row.disabled ? principalFrom(row) : null;
}

/** A principal from its columns (store/users.ts PRINCIPAL_COLUMNS). */
export function principalFrom(row: {
  id: number;
  name: string;
  role: Principal["role"];
  township_id: number | null;
  township: string | null;
  county: string | null;
  department: string | null;
}): Principal {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    townshipId: row.township_id,
    township: row.township,
    county: row.county,
    department: row.department,
  };
}

/** Every user, by name, with how many live sessions each has. */
export async function listUsers(db: WorkflowDb): Promise<UserView[]> {
  const now = new Date().toISOString();
  const rows = await userListRows(db, now);
  const throttled = await throttledAccounts(signinDb(db), now);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    township: r.township,
    county: r.county,
    department: r.department,
    mustChange: r.must_change === 1,
    totpEnabled: r.totp_enabled === 1,
    lockedUntil: latest(
      r.locked_until && r.locked_until > now ? r.locked_until : null,
      throttled.get(r.name),
    ),
    disabled: r.disabled === 1,
    createdAt: r.created_at,
    sessions: Number(r.sessions ?? 0),
  }));
}

function latest(a: string | null, b: string | undefined): string | null {
  return b && (!a || b > a) ? b : a;
}

async function userByName(db: WorkflowDb, name: string) {
  const row = await userRowByName(db, name);
  if (!row) throw missing(`没有用户“${name}”`);
  return row;
}

/**
 * Changes one's own password: asks for the current one (throttled), applies the policy, refuses any of
 * the last PASSWORD_HISTORY passwords, ends every other session. `keepSession` is the session id (hash)
 * to keep. Refusals: forbidden (wrong current password), invalid (policy, reuse), rate-limited.
 */
export async function changePassword(
  db: WorkflowDb,
  userId: number,
  current: string,
  next: string,
  policy: PasswordPolicy,
  keepSession?: string,
): Promise<void> {
  const user = await userRowById(db, userId);
  if (!user) throw new Refusal("not-found", "用户不存在");
  await checkCurrentPassword(db, user, current);
  if (next === current) throw new Refusal("invalid", "新密码不能与当前密码相同");
  const problems = passwordProblems(policy, next, user.name);
  if (problems.length > 0) throw new Refusal("invalid", problems.join("；"), { problems });
  if (await reusedPassword(db, user, next)) {
    throw new Refusal("invalid", `不能使用最近 ${PASSWORD_HISTORY} 次用过的密码`);
  }
  const passwordHash = await hashPassword(next);
  await inTransaction(db, async (trx) => {
    const at = new Date().toISOString();
    await rememberPassword(signinDb(trx), userId, user.password_hash, at, PASSWORD_HISTORY - 1);
    await updateUser(trx, userId, { password_hash: passwordHash, must_change: 0, password_changed_at: at });
    await deleteSessionsOf(trx, userId, keepSession);
    await appendAudit(trx, {
      actor: user.name,
      action: "user.password_change",
      subject: `user:${user.name}`,
      after: { policy: policy.name },
    });
  });
}

/**
 * Whether the user of session `sessionId` changed their password during that session (after it began): what
 * bears out the 密码已修改 line shown after the change. False for an unknown session.
 */
export async function passwordChangedInSession(db: WorkflowDb, sessionId: string): Promise<boolean> {
  const times = await sessionPasswordTimes(db, sessionId);
  return times !== undefined && times.passwordChangedAt >= times.startedAt;
}

/** Admin: a new one-time password (returned), to be changed at next login; ends the user's sessions. */
export async function resetPassword(db: WorkflowDb, name: string, actor: string): Promise<string> {
  const user = await userByName(db, name);
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  await inTransaction(db, async (trx) => {
    const at = new Date().toISOString();
    await rememberPassword(signinDb(trx), user.id, user.password_hash, at, PASSWORD_HISTORY - 1);
    await clearAccount(signinDb(trx), name);
    await updateUser(trx, user.id, {
      password_hash: passwordHash,
      must_change: 1,
      password_changed_at: at,
      failed_logins: 0,
      locked_until: null,
    });
    await deleteSessionsOf(trx, user.id);
    await appendAudit(trx, { actor, action: "user.password_reset", subject: `user:${name}` });
  });
  return password;
}

/** Admin: disables or re-enables a user; disabling ends the user's sessions. */
export async function setDisabled(
  db: WorkflowDb,
  name: string,
  disabled: boolean,
  actor: string,
): Promise<void> {
  const user = await userByName(db, name);
  await inTransaction(db, async (trx) => {
    await updateUser(trx, user.id, {
      disabled: disabled ? 1 : 0,
      ...(disabled ? {} : { failed_logins: 0, locked_until: null }),
    });
    if (disabled) await deleteSessionsOf(trx, user.id);
    // Enabling again also lets every address try again at once.
    else await clearAccount(signinDb(trx), name);
    await appendAudit(trx, {
      actor,
      action: disabled ? "user.disable" : "user.enable",
      subject: `user:${name}`,
      before: { disabled: user.disabled === 1 },
      after: { disabled },
    });
  });
}

/** Admin: ends every session of a user. Returns how many were ended. */
export async function endSessions(db: WorkflowDb, name: string, actor: string): Promise<number> {
  const user = await userByName(db, name);
  return inTransaction(db, async (trx) => {
    const ended = await deleteSessionsOf(trx, user.id);
    await appendAudit(trx, { actor, action: "user.sessions_end", subject: `user:${name}`, after: { ended } });
    return ended;
  });
}

/** Admin: removes a user's second factor, so it is enrolled again at next login. */
export async function resetTotp(db: WorkflowDb, name: string, actor: string): Promise<void> {
  const user = await userByName(db, name);
  await inTransaction(db, async (trx) => {
    await updateUser(trx, user.id, { totp_secret: null, totp_enabled: 0, totp_last_step: null });
    await deleteSessionsOf(trx, user.id);
    await appendAudit(trx, { actor, action: "user.totp_reset", subject: `user:${name}` });
  });
}
