/**
 * The sign-in and account forms (page fields or JSON), parsed once with zod. Passwords are taken exactly
 * as typed (never trimmed); anything malformed is Refusal invalid, before any counter is touched.
 */
import type { Context } from "hono";
import { z } from "zod";
import { Refusal } from "../../domain/refusal.ts";
import { MAX_PASSWORD_LENGTH } from "../../workflow/passwords.ts";
import { safeParseBody } from "./body.ts";

/** A text field: missing, sent twice (a repeated form field arrives as an array) or not text is refused. */
function field(what: string) {
  return z.string({
    error: (issue) =>
      issue.input === undefined
        ? `请输入${what}`
        : Array.isArray(issue.input)
          ? `${what}只能填一次`
          : `${what}应为文本`,
  });
}

const password = field("密码")
  .min(1, "请输入密码")
  .max(MAX_PASSWORD_LENGTH * 4, "密码过长");

export const LoginForm = z.object({
  name: field("用户名").trim().min(1, "请输入用户名").max(64, "用户名过长"),
  password,
});

/** Six digits; spaces an authenticator shows ("123 456") are dropped. */
const code = field("动态口令")
  .transform((v) => v.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "动态口令应为 6 位数字"));

export const CodeForm = z.object({ code });

export const PasswordChangeForm = z.object({
  current: password,
  password,
  /** The page asks twice; the API once. */
  again: field("确认密码")
    .max(MAX_PASSWORD_LENGTH * 4, "密码过长")
    .optional(),
});

/** The password is left out when the session owes the enrolment (it was typed at sign-in just now). */
export const EnrolForm = z.object({
  password: password.optional(),
  code: field("动态口令")
    .optional()
    .transform((v) => (v?.trim() ? v : undefined))
    .pipe(code.optional()),
});

/** The request body parsed by `schema`; Refusal invalid (with each field's message) otherwise. */
export async function parseForm<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  const parsed = await safeParseBody(c, schema);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => ({ field: i.path.join("."), message: i.message }));
  throw new Refusal("invalid", fields.map((f) => f.message).join("；"), { fields });
}
