/** @jsxImportSource hono/jsx */
/** Helpers shared by route modules: full pages, errors as HTTP exceptions, loading an edition. */
import type { Context } from "hono";
import { html } from "hono/html";
import { HTTPException } from "hono/http-exception";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { WebContext } from "./context.ts";
import type { LoadedEdition } from "./edition-cache.ts";

/** Sends a JSX page with its doctype. */
export function page(c: Context, node: Child, status: ContentfulStatusCode = 200) {
  return c.html(html`<!DOCTYPE html>${node}`, status);
}

/** A 404 answer with a message for the user; thrown, it becomes a Chinese page or a JSON error. */
export function notFound(message: string): HTTPException {
  return new HTTPException(404, { message });
}

/** The township's current edition (or the one of the given date) and the list of its editions; 404 when none. */
export async function loadEdition(
  web: WebContext,
  township: string,
  date: string | null,
): Promise<LoadedEdition> {
  const loaded = await web.editions.load(township, date);
  if (loaded) return loaded;
  if (date) throw notFound(`未找到${township} ${date} 版的履职事项清单。`);
  throw notFound(`未找到乡镇“${township}”的履职事项清单。`);
}

/** Parses a positive integer path segment; 400 otherwise. */
export function positiveInt(value: string, what: string): number {
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1) {
    throw new HTTPException(400, { message: `${what}应为正整数。` });
  }
  return Number(value);
}
