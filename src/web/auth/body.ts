/**
 * Reading form and JSON bodies the same way, always through a zod schema: the raw object never leaves this
 * module. The size limit is enforced before any read (../body-limit.ts).
 */
import type { Context } from "hono";
import type { z } from "zod";
import { Refusal } from "../../domain/refusal.ts";
import { jsonBody } from "../request-body.ts";

/** The request body as an object: JSON for the API, form fields for pages. Refusal invalid on malformed JSON. */
async function readBody(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header("content-type") ?? "";
  if (type.includes("application/json")) {
    try {
      const body = await jsonBody(c);
      if (body && typeof body === "object" && !Array.isArray(body)) return body as Record<string, unknown>;
    } catch {
      // fall through
    }
    throw new Refusal("invalid", "请求体应为 JSON 对象");
  }
  return (await c.req.parseBody({ all: true })) as Record<string, unknown>;
}

/**
 * The request body (JSON object, or form fields with repeated fields as arrays) checked by `schema`: zod's
 * result, for the caller to turn into its refusal (see parseBody in ../input.ts, parseForm in ./signin-forms.ts).
 */
export async function safeParseBody<S extends z.ZodType>(c: Context, schema: S) {
  return schema.safeParse(await readBody(c));
}
