/** @jsxImportSource hono/jsx */
/** Helpers shared by route modules: full pages, refusals, loading an edition for the visitor. */
import type { Context, Hono } from "hono";
import { html } from "hono/html";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { normalizeName } from "../domain/names.ts";
import { Refusal } from "../domain/refusal.ts";
import { editionReader } from "../workflow/access.ts";
import { principalOf } from "./auth/context.ts";
import { requireCsrf } from "./auth/csrf.tsx";
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

/**
 * A view and its twins from one data function: the page at `page`, its JSON twin at `api` (and a CSV
 * download at `csv` when given). `data` loads (and decides access) once; each format only renders.
 */
export function mountView<T>(
  app: Hono,
  paths: { page?: string; api: string; csv?: string },
  data: (c: Context) => Promise<T>,
  render: {
    page?: (c: Context, data: T) => Response | Promise<Response>;
    json: (data: T, c: Context) => unknown;
    csv?: (data: T) => Response;
  },
): void {
  if (paths.page && render.page) {
    const html = render.page;
    app.get(paths.page, async (c) => html(c, await data(c)));
  }
  app.get(paths.api, async (c) => c.json(render.json(await data(c), c) as object));
  if (paths.csv && render.csv) {
    const csv = render.csv;
    app.get(paths.csv, async (c) => csv(await data(c)));
  }
}

/**
 * A state-changing action and its JSON twin from one function: the form posts to `page` and is answered
 * with `done` (a redirect, usually), the API posts to `api` and gets `json` of the result. Both require
 * the CSRF token. With `refused`, a form refused as invalid (a reason of spaces only…) comes back as the
 * page it was sent from, with the message and what was typed (status 400), instead of the error page.
 */
export function mountAction<T>(
  app: Hono,
  paths: { page?: string; api: string },
  run: (c: Context) => Promise<T>,
  answer: {
    done?: (c: Context, result: T) => Response | Promise<Response>;
    json: (result: T) => unknown;
    status?: ContentfulStatusCode;
    refused?: (c: Context, refusal: Refusal) => Response | Promise<Response>;
  },
): void {
  if (paths.page && answer.done) {
    const { done, refused } = answer;
    app.post(paths.page, requireCsrf, async (c) => {
      try {
        return await done(c, await run(c));
      } catch (error) {
        if (!refused || !(error instanceof Refusal) || error.code !== "invalid") throw error;
        const res = await refused(c, error);
        return new Response(res.body, { status: 400, headers: res.headers });
      }
    });
  }
  app.post(paths.api, requireCsrf, async (c) =>
    c.json(answer.json(await run(c)) as object, answer.status ?? 200),
  );
}
