/** @jsxImportSource hono/jsx */
/**
 * The one place where errors become answers: a refusal (domain/refusal.ts) is answered with its code's
 * status, as a Chinese page or as `{"error":{"code","status","message","details"}}` under /api/. Anything
 * else is a logged 500 that never shows internals.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { Refusal, refusalCodeOf } from "../domain/refusal.ts";
import { page } from "./respond.tsx";
import { viewerOf } from "./viewer.ts";
import { ErrorPage } from "./views/error.tsx";

/** Refusals worth a line in the log (someone probing or throttled); never with a stack trace. */
const LOGGED = new Set(["forbidden", "unauthenticated", "rate-limited", "too-large"]);

/**
 * The refusal an error stands for: itself, a 4xx/413/503 HTTPException (Hono's own middleware throws those),
 * or a form body that does not parse as its Content-Type says (undici's TypeError from c.req.parseBody, for a
 * multipart body without its boundary or cut short): the sender's mistake, wherever a route reads a form.
 */
export function refusalOf(error: unknown): Refusal | undefined {
  if (error instanceof Refusal) return error;
  if (error instanceof TypeError && /parse body as FormData/i.test(error.message)) {
    return new Refusal(
      "invalid",
      "请求体无法按 multipart/form-data 读取（缺少 boundary、与之不符或内容不完整）：请重新提交表单或上传文件。",
      { expected: "multipart/form-data" },
    );
  }
  if (error instanceof HTTPException) {
    const code = refusalCodeOf(error.status);
    if (code) return new Refusal(code, error.message || "请求有误。");
  }
  return undefined;
}

/** Renders an error: refusals with their status and message, anything else as a logged 500. */
export function renderError(c: Context, error: unknown) {
  const refusal = refusalOf(error);
  if (refusal && LOGGED.has(refusal.code)) {
    console.warn(`${c.req.method} ${c.req.path} → ${refusal.status} ${refusal.code}: ${refusal.message}`);
  }
  if (!refusal) console.error(`${c.req.method} ${c.req.path}:`, error);
  // A throttled request says when to come back.
  const retryAfter = refusal?.details?.retryAfter;
  if (typeof retryAfter === "number") c.header("Retry-After", String(retryAfter));
  const status: ContentfulStatusCode = refusal?.status ?? 500;
  const message = refusal?.message ?? "服务器处理请求时出错，请稍后重试。";
  if (c.req.path.startsWith("/api/")) {
    const code = refusal?.code ?? "internal";
    return c.json({ error: { code, status, message, details: refusal?.details ?? {} } }, status);
  }
  return page(
    c,
    <ErrorPage status={status} message={message} viewer={viewerOf(c)} back={backOf(c)} />,
    status,
  );
}

/** The page on this site the request came from (its Referer), when it is another page or the form of a POST; else null. */
function backOf(c: Context): string | null {
  const referer = c.req.header("referer");
  if (!referer) return null;
  try {
    const from = new URL(referer);
    const here = new URL(c.req.url);
    if (from.origin !== here.origin) return null;
    const path = `${from.pathname}${from.search}`;
    // A GET refused at its own URL gets no link to itself; a form posted to the URL it was shown at (the
    // check page, an upload) gets the way back to the form.
    return c.req.method === "GET" && path === `${here.pathname}${here.search}` ? null : path;
  } catch {
    return null;
  }
}
