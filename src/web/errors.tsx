/** @jsxImportSource hono/jsx */
/** Turns any error into an answer: a Chinese error page, or a JSON error under /api/. Never leaks internals. */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { Refusal } from "../domain/refusal.ts";
import { AmbiguousTownshipError } from "../store/index.ts";
import { page } from "./respond.tsx";
import { ErrorPage } from "./views/error.tsx";

/**
 * Renders an error; a Refusal and 4xx HTTP exceptions keep their status and message, anything else is a
 * logged 500.
 */
export function renderError(c: Context, error: Error) {
  let status: ContentfulStatusCode = 500;
  let message = "服务器处理请求时出错，请稍后重试。";
  if (error instanceof Refusal) {
    // Expected refusals (limits, busy workers) keep their status, and say when to come back.
    status = error.status;
    message = error.message;
    const retryAfter = error.details?.retryAfter;
    if (typeof retryAfter === "number") c.header("Retry-After", String(retryAfter));
  } else if (error instanceof HTTPException && error.status >= 400 && error.status < 500) {
    status = error.status as ContentfulStatusCode;
    message = error.message || "请求有误。";
  } else if (error instanceof AmbiguousTownshipError) {
    // Two counties have a township of this name: the message says to write 县名/乡镇名.
    status = 400;
    message = error.message;
  } else {
    console.error(`${c.req.method} ${c.req.path}:`, error);
  }
  if (c.req.path.startsWith("/api/")) return c.json({ error: { status, message } }, status);
  return page(c, <ErrorPage status={status} message={message} />, status);
}
