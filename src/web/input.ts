/**
 * Request input parsed once, at the edge, with zod: query and path parameters, form and JSON bodies become
 * typed values, or an invalid-input refusal that names the parameter and says what was expected. Unknown
 * values are refused, never mapped to a default.
 */
import type { Context } from "hono";
import { z } from "zod";
import { Refusal } from "../domain/refusal.ts";
import { safeParseBody } from "./auth/body.ts";
import { CONTROL } from "./control-chars.ts";

type Issue = z.core.$ZodIssue;

/** What an issue expected, in the user's words. */
function expected(issue: Issue): string {
  if (issue.code === "invalid_value") return `应为 ${issue.values.map(String).join("、")} 之一`;
  // zod's own English for a missing or mistyped value (a schema's message of its own is kept).
  if (issue.code === "invalid_type" && issue.message.startsWith("Invalid input")) {
    if (/received undefined$/.test(issue.message)) return "未填写";
    return `应为${TYPE_WORDS[issue.expected] ?? issue.expected}`;
  }
  return issue.message;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: "文本",
  number: "数字",
  int: "整数",
  boolean: "是或否",
  array: "列表",
  object: "对象",
};

/**
 * The refusal for a failed parse: the first issue in the message, all of them in the details. `labels`
 * names a form's fields in the form's words (days → 持续天数), so a person reads 持续天数不能大于 366, not
 * the parameter's name; the details still name the parameter.
 */
export function invalidInput(error: z.ZodError, labels: Readonly<Record<string, string>> = {}): Refusal {
  const issues = error.issues.map((i) => ({ parameter: i.path.join(".") || "body", expected: expected(i) }));
  const first = issues[0] ?? { parameter: "body", expected: "格式不正确" };
  const label = labels[first.parameter];
  const message = label ? `${label}${first.expected}` : `参数 ${first.parameter} 无效：${first.expected}`;
  return new Refusal("invalid", message, {
    parameter: first.parameter,
    expected: first.expected,
    issues,
  });
}

/** Parses a value with a schema; an invalid-input refusal otherwise. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

/**
 * The query parameters of a request, parsed (a repeated parameter counts by its first value). A blank
 * parameter (`?status=`) means its default, as a form with blank fields sends it.
 */
export function parseQuery<S extends z.ZodType>(
  c: Context,
  schema: S,
  labels?: Readonly<Record<string, string>>,
): z.output<S> {
  const given = Object.entries(c.req.query()).filter(([, v]) => v.trim() !== "");
  const parsed = schema.safeParse(Object.fromEntries(given));
  if (!parsed.success) throw invalidInput(parsed.error, labels);
  return parsed.data;
}

/** The path parameters of a request, parsed. */
export function parseParams<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return parseWith(schema, c.req.param());
}

/** The form or JSON body of a request, parsed. */
export async function parseBody<S extends z.ZodType>(
  c: Context,
  schema: S,
  labels?: Readonly<Record<string, string>>,
): Promise<z.output<S>> {
  const parsed = await safeParseBody(c, schema);
  if (!parsed.success) throw invalidInput(parsed.error, labels);
  return parsed.data;
}

/**
 * White space and the invisible characters a paste brings (zero-width space and joiners, word joiner, BOM):
 * at either end of a text they are trimmed, so that a reason of them only is blank, as one of spaces is.
 */
const BLANK_ENDS = /^[\s\u200b-\u200d\u2060\ufeff]+|[\s\u200b-\u200d\u2060\ufeff]+$/gu;

/** The first value of a form field (forms repeat fields; JSON gives scalars), trimmed when text. */
function firstValue(v: unknown): unknown {
  const first = Array.isArray(v) ? v[0] : v;
  if (typeof first === "number") return String(first);
  return typeof first === "string" ? first.replace(BLANK_ENDS, "") : first;
}

/** Text without control characters (PostgreSQL refuses NUL; no field needs any of them). */
const plainText = z
  .string({ message: "应为文本" })
  .refine((s) => !CONTROL.test(s), { message: "不能含控制字符" });

/** A text field up to `max` characters; absent or blank → "". */
export function textField(max: number) {
  return z.preprocess((v) => firstValue(v) ?? "", plainText.max(max, { message: `不能超过 ${max} 个字` }));
}

/**
 * An optional positive whole number (a form's text or JSON's number); blank → undefined. Digits past `max`
 * (however many) are refused as over the limit, which a number field lets through: not as "not a number".
 */
export function optionalCount(max = 999_999) {
  return z.preprocess(
    (v) => {
      const first = firstValue(v);
      return first === "" || first === undefined || first === null ? undefined : first;
    },
    z
      .string()
      .regex(/^\d+$/, { message: "应为正整数" })
      .transform((digits) => (digits.length > 15 ? Number.MAX_SAFE_INTEGER : Number(digits)))
      .pipe(
        z
          .number()
          .int()
          .min(1, { message: "应为正整数" })
          .max(max, { message: `不能超过 ${max}` }),
      )
      .optional(),
  );
}

/** Every value of a list field (checkboxes, multi-selects, JSON arrays), trimmed, blanks dropped. */
export function listField(max: number, maxLength = 100) {
  return z.preprocess(
    (v) => (Array.isArray(v) ? v : v === undefined || v === "" ? [] : [v]),
    z
      .array(
        z
          .string()
          .trim()
          .max(maxLength, { message: `每项不能超过 ${maxLength} 个字` }),
        {
          message: "应为文本列表",
        },
      )
      .max(max, { message: `最多 ${max} 项` })
      .transform((values) => values.filter(Boolean)),
  );
}

/** A choice among fixed values; anything else is refused with the list of what is allowed. */
export function choice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(firstValue, z.enum(values));
}

/** A checkbox or JSON boolean: "1", "true", "on" (or true) → true; absent, "0", "false", "off" → false. */
export function flag() {
  return z.preprocess(
    (v) => {
      const first = typeof v === "boolean" ? String(v) : firstValue(v);
      return first === undefined || first === "" ? "false" : first;
    },
    z
      .enum(["1", "true", "on", "0", "false", "off"])
      .transform((v) => v === "1" || v === "true" || v === "on"),
  );
}

/** Lines of a textarea (or a JSON array of lines), trimmed, blanks dropped. */
export function linesField(maxLines: number, maxLength = 2000) {
  return z.preprocess(
    (v) => {
      if (Array.isArray(v)) return v;
      const first = firstValue(v);
      return typeof first === "string" ? first.split(/\r?\n/) : first === undefined ? [] : first;
    },
    z
      .array(
        z
          .string()
          .trim()
          .max(maxLength, { message: `每行不能超过 ${maxLength} 个字` }),
        {
          message: "应为多行文本",
        },
      )
      .transform((values) => values.filter(Boolean))
      .pipe(z.array(z.string()).max(maxLines, { message: `最多 ${maxLines} 行` })),
  );
}

/** An edition date as URLs carry it (YYYY-MM, or YYYY-MM-DD). */
export const editionDate = z
  .string()
  .regex(/^\d{4}-\d{2}(?:-\d{2})?$/, { message: "版本日期应为 YYYY-MM 格式" });

/** A numeric id in a path. */
export const pathId = z
  .string()
  .regex(/^\d{1,9}$/, { message: "编号应为正整数" })
  .transform(Number);
