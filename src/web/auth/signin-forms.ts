/**
 * The sign-in and account forms (page fields or JSON), parsed once with zod. Passwords are taken exactly
 * as typed (never trimmed); anything malformed is Refusal invalid, before any counter is touched.
 */
import type { Context } from "hono";
import { z } from "zod";
import { Refusal } from "../../domain/refusal.ts";
import { MAX_PASSWORD_LENGTH } from "../../workflow/passwords.ts";
import { bodyOf } from "./body.ts";

// A form field sent twice arrives as an array: refused, not "the first one".
const password = z
  .string()
  .min(1, "请输入密码")
  .max(MAX_PASSWORD_LENGTH * 4, "密码过长");

export const LoginForm = z.object({
  name: z.string().trim().min(1, "请输入用户名").max(64, "用户名过长"),
  password,
});

/** Six digits; spaces an authenticator shows ("123 456") are dropped. */
const code = z
  .string()
  .transform((v) => v.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "动态口令应为 6 位数字"));

export const CodeForm = z.object({ code });

export const PasswordChangeForm = z.object({
  current: password,
  password,
  /** The page asks twice; the API once. */
  again: z
    .string()
    .max(MAX_PASSWORD_LENGTH * 4)
    .optional(),
});

export const EnrolForm = z.object({
  password,
  code: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v : undefined))
    .pipe(code.optional()),
});

/** The request body parsed by `schema`; Refusal invalid (with each field's message) otherwise. */
export async function parseForm<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  const parsed = schema.safeParse(await bodyOf(c));
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => ({ field: i.path.join("."), message: i.message }));
  throw new Refusal("invalid", fields.map((f) => f.message).join("；"), { fields });
}
