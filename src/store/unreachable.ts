/** Turns the errors of opening a PostgreSQL connection into one plain sentence (no stack, no driver jargon). */
import type { PostgresTarget } from "./location.ts";

/** Node's network error codes and PostgreSQL's SQLSTATEs that mean "cannot use this server". */
const REASONS: Record<string, string> = {
  ECONNREFUSED: "连接被拒绝：服务器没有在该端口监听",
  ENOTFOUND: "找不到该主机名",
  EAI_AGAIN: "主机名暂时无法解析",
  ETIMEDOUT: "连接超时",
  EHOSTUNREACH: "主机不可达",
  ENETUNREACH: "网络不可达",
  ECONNRESET: "连接被服务器重置",
  "28P01": "用户名或密码错误",
  "28000": "服务器拒绝了该用户的连接（pg_hba.conf）",
  "3D000": "数据库不存在",
  "57P03": "服务器正在启动或关闭",
  "53300": "服务器连接数已满",
};

function codeOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") return code;
  // Node 20 reports a host with several addresses (localhost → ::1, 127.0.0.1) as an AggregateError.
  const inner = (error as { errors?: unknown[] }).errors;
  return Array.isArray(inner) ? inner.map(codeOf).find(Boolean) : undefined;
}

/**
 * A message for a failed first contact with the server, or undefined when the error is not about reaching
 * it (then the caller reports it as it is). `pg` says "timeout expired" with no code on a connect timeout.
 */
export function unreachableMessage(target: PostgresTarget, error: unknown): string | undefined {
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  let reason = code ? REASONS[code] : undefined;
  if (!reason && /timeout expired|Connection terminated/i.test(message)) reason = "连接超时或被中断";
  if (!reason) return undefined;
  const where = `${target.host}:${target.port}`;
  const what = code === "3D000" ? `${where}：数据库 "${target.database}" 不存在` : `${where}：${reason}`;
  return `无法连接 PostgreSQL 服务器 ${what}。请确认服务器已启动、地址端口和账号无误（${target.label}）`;
}
