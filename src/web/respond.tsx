/** @jsxImportSource hono/jsx */
/** Helpers shared by route modules: full pages, refusals, loading an edition for the visitor. */
import type { Context } from "hono";
import { html } from "hono/html";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { normalizeName } from "../domain/names.ts";
import { Refusal } from "../domain/refusal.ts";
import { editionReader } from "../workflow/access.ts";
import { principalOf } from "./auth/context.ts";
import type { WebContext } from "./context.ts";
import type { LoadedEdition } from "./edition-cache.ts";

/** Sends a JSX page with its doctype. */
export function page(c: Context, node: Child, status: ContentfulStatusCode = 200) {
  return c.html(html`<!DOCTYPE html>${node}`, status);
}

/** A not-found refusal with a message for the user; thrown, it becomes a Chinese page or a JSON error. */
export function notFound(message: string, details?: Record<string, unknown>): Refusal {
  return new Refusal("not-found", message, details);
}

/**
 * The edition a request shows — the township's current one, or the one of the given date — and the
 * editions the visitor may read. Every route that shows an edition (pages, JSON, CSV, exports, checks, any
 * method) loads it here, so access is decided once, for the signed-in visitor, on the edition returned.
 */
export async function loadEdition(
  c: Context,
  web: WebContext,
  township: string,
  date: string | null,
): Promise<LoadedEdition> {
  const loaded = await web.editions.load(township, date, editionReader(principalOf(c)));
  if (loaded) return loaded;
  const name = normalizeName(township);
  if (date) throw notFound(`未找到${name} ${date} 版的履职事项清单。`, { township: name, edition: date });
  throw notFound(`未找到乡镇“${name}”的履职事项清单。`, { township: name });
}

/** Parses a positive integer path segment; an invalid-input refusal otherwise. */
export function positiveInt(value: string, what: string): number {
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1) {
    throw new Refusal("invalid", `${what}应为正整数。`, { expected: "1–999999", got: value.slice(0, 20) });
  }
  return Number(value);
}
