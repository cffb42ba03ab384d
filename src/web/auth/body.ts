/** Reading form and JSON bodies of workflow requests the same way. */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";

export type Body = Record<string, unknown>;

/** The request body as an object: JSON for the API, form fields for pages. 400 on malformed JSON. */
export async function bodyOf(c: Context): Promise<Body> {
  const type = c.req.header("content-type") ?? "";
  if (type.includes("application/json")) {
    try {
      const body = await c.req.json();
      if (body && typeof body === "object" && !Array.isArray(body)) return body as Body;
    } catch {
      // fall through
    }
    throw new HTTPException(400, { message: "请求体应为 JSON 对象" });
  }
  return (await c.req.parseBody({ all: true })) as Body;
}

/** A text field (first value when repeated), trimmed; "" when absent. */
export function text(body: Body, name: string): string {
  const v = body[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === "string" ? first.trim() : typeof first === "number" ? String(first) : "";
}

/** Every value of a field (checkboxes, multi-selects, JSON arrays). */
export function list(body: Body, name: string): string[] {
  const v = body[name] ?? body[`${name}[]`];
  const all = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return all
    .filter((x): x is string => typeof x === "string")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Lines of a textarea, trimmed, blanks dropped; JSON arrays pass through. */
export function lines(body: Body, name: string): string[] {
  const v = body[name];
  if (Array.isArray(v)) return list(body, name);
  return text(body, name)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** A positive integer field, or undefined when empty; 400 when not a number. */
export function int(body: Body, name: string): number | undefined {
  const t = text(body, name);
  if (!t) return undefined;
  if (!/^\d{1,6}$/.test(t)) throw new HTTPException(400, { message: `${name} 应为正整数` });
  return Number(t);
}
