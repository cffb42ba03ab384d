/** `lvzhi user add|list|reset-password|disable|enable|logout|reset-2fa`: accounts from the command line. */

import { openStore } from "../../store/index.ts";
import { ROLES, type Role, workflowDb } from "../../store/workflow-schema.ts";
import { cliActor } from "../../workflow/actor.ts";
import { WorkflowError } from "../../workflow/errors.ts";
import { ROLE_LABELS } from "../../workflow/principal.ts";
import {
  addUser,
  endSessions,
  listUsers,
  resetPassword,
  resetTotp,
  setDisabled,
} from "../../workflow/users.ts";
import { type Command, UsageError } from "../command.ts";
import { DB_OPTIONS, parseOptions, storeLocation } from "../options.ts";

const USAGE =
  "lvzhi user add NAME --role admin|township|department [--township 乡镇|--department 部门] [--db PATH]\n" +
  "lvzhi user list [--json]\n" +
  "lvzhi user reset-password NAME     新的一次性密码，下次登录须修改\n" +
  "lvzhi user disable NAME | enable NAME\n" +
  "lvzhi user logout NAME              结束该用户的全部会话\n" +
  "lvzhi user reset-2fa NAME           清除动态口令，下次登录重新绑定";

export const userCommand: Command = {
  name: "user",
  summary: "用户管理：添加用户（打印一次性密码）、重置密码、停用、结束会话",
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, {
      ...DB_OPTIONS,
      role: { type: "string" },
      township: { type: "string" },
      department: { type: "string" },
      json: { type: "boolean" },
    });
    const [sub, name, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError(`多余的参数：${extra.join(" ")}`);
    if (!sub) throw new UsageError("需要子命令");
    if (sub !== "list" && !name) throw new UsageError("需要用户名");
    const known = ["add", "list", "reset-password", "disable", "enable", "logout", "reset-2fa"];
    if (!known.includes(sub)) throw new UsageError(`未知的子命令 ${sub}`);
    if (sub === "add" && !ROLES.includes(values.role as Role))
      throw new UsageError(`--role 应为 ${ROLES.join("、")}`);

    const store = await openStore(storeLocation(values));
    const db = workflowDb(store.db);
    const actor = cliActor();
    try {
      switch (sub) {
        case "add": {
          const { password } = await addUser(
            db,
            {
              name: name!,
              role: values.role as Role,
              township: values.township,
              department: values.department,
            },
            actor,
          );
          io.out(
            `已添加用户 ${name}（${ROLE_LABELS[values.role as Role]}）。\n一次性密码：${password}\n首次登录后须修改密码。\n`,
          );
          return 0;
        }
        case "list": {
          const users = await listUsers(db);
          if (values.json) io.out(`${JSON.stringify(users)}\n`);
          else
            for (const u of users)
              io.out(
                `${u.name}\t${ROLE_LABELS[u.role]}\t${u.township ?? u.department ?? ""}\t${u.disabled ? "已停用" : u.lockedUntil ? "已锁定" : "正常"}\t会话 ${u.sessions}\n`,
              );
          return 0;
        }
        case "reset-password":
          io.out(`${name} 的新一次性密码：${await resetPassword(db, name!, actor)}\n下次登录须修改。\n`);
          return 0;
        case "disable":
        case "enable":
          await setDisabled(db, name!, sub === "disable", actor);
          io.out(`${name} 已${sub === "disable" ? "停用" : "启用"}。\n`);
          return 0;
        case "logout":
          io.out(`已结束 ${name} 的 ${await endSessions(db, name!, actor)} 个会话。\n`);
          return 0;
        default:
          await resetTotp(db, name!, actor);
          io.out(`已清除 ${name} 的动态口令，下次登录须重新绑定。\n`);
          return 0;
      }
    } catch (error) {
      if (error instanceof WorkflowError) {
        io.err(`lvzhi user: ${error.message}\n`);
        return 1;
      }
      throw error;
    } finally {
      await store.close();
    }
  },
};
