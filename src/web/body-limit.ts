/**
 * The global request-size limit, checked before any handler reads a body: a declared Content-Length over
 * the limit is refused without reading a byte; a streamed (chunked) body is counted as it arrives and
 * refused as soon as it passes the limit, so memory stays bounded by the limit, not by the sender.
 */
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { Refusal } from "../domain/refusal.ts";

/** Forms and JSON bodies: the longest is a few thousand characters of text (admissions, adjustments). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The task check's uploads (a notice as .docx or text): a ceiling as large as the check routes' own limit
 * (routes/check.tsx), which stays the one that answers them.
 */
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;

/** Routes that accept uploaded notices, task sheets and 考核 indicator tables. */
const UPLOADS =
  /^\/(?:t\/[^/]+\/(?:check|check\/sheet|indicators)|c\/[^/]+\/indicators|api\/v1\/(?:check|t\/[^/]+\/check\/sheet))$/;

/**
 * Refuses a body past `maxSize`: a declared Content-Length is compared without reading a byte; a chunked
 * body is counted as it arrives (hono's bodyLimit). Requests without a body, and bodies whose length is
 * declared, are let through without touching the request's body: on node that would build a web Request
 * (and its stream) for every request, a good part of a small API call's cost.
 */
export function bodyWithin(maxSize: number, refuse: (c: Context) => never): MiddlewareHandler {
  const streamed = bodyLimit({ maxSize, onError: refuse });
  return (c, next) => {
    const { method } = c.req;
    if (method === "GET" || method === "HEAD") return next();
    const length = declaredLength(c);
    if (length === undefined) return streamed(c, next);
    if (length > maxSize) refuse(c);
    return next();
  };
}

/**
 * The body's declared length, when it frames the body (Content-Length without Transfer-Encoding): such a
 * body was held to the limit without being read (request-body.ts relies on it).
 */
export function declaredLength(c: Context): number | undefined {
  const length = c.req.header("content-length");
  if (length === undefined || c.req.header("transfer-encoding") !== undefined) return undefined;
  return Number.parseInt(length, 10);
}

function limited(maxSize: number): MiddlewareHandler {
  return bodyWithin(maxSize, () => {
    throw new Refusal("too-large", `请求内容超过 ${maxSize / 1024 / 1024} MB 的上限。`, { limit: maxSize });
  });
}

/** Mounted before every route. */
export function globalBodyLimit(): MiddlewareHandler {
  const forms = limited(MAX_BODY_BYTES);
  const uploads = limited(MAX_UPLOAD_BYTES);
  return (c, next) => (UPLOADS.test(c.req.path) ? uploads(c, next) : forms(c, next));
}
