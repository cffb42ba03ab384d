/**
 * Control characters (NUL above all) never belong in a URL parameter or a text field, and PostgreSQL
 * refuses NUL in text outright — which used to surface as a 500. They are refused at the edge, once.
 */
import type { MiddlewareHandler } from "hono";
import { Refusal } from "../domain/refusal.ts";

/** Control characters other than tab, line feed and carriage return (which text areas send). */
export const CONTROL = /(?![\t\n\r])\p{Cc}/u;

/** Percent-escapes of those characters in a raw URL. */
export const ESCAPED_CONTROL = /%(?:0[0-8bcef]|1[0-9a-f]|7f)/i;

/** Mounted before every route: a URL with an escaped control character is refused (400). */
export const refuseControlChars: MiddlewareHandler = async (c, next) => {
  const url = c.req.url;
  if (ESCAPED_CONTROL.test(url) || CONTROL.test(url)) {
    throw new Refusal("invalid", "网址中含有控制字符。", { expected: "不含控制字符的网址" });
  }
  await next();
};
