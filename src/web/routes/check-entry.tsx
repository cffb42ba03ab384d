/** @jsxImportSource hono/jsx */
/**
 * The ways into the task check: GET /check (pick a county and a township; the last choice, kept in a
 * cookie, comes first; a single township goes straight to its page), GET /check/go?township= (the
 * picker's form without script), its JSON twin GET /api/v1/check/townships, and the county-wide check
 * GET/POST /c/:county/check (every task against every township of the county, as a matrix).
 */
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { checkCounty, currentEditions } from "../../county/check.ts";
import type { RouteModule } from "../app.ts";
import {
  checkAgainst,
  checkLength,
  checkLimit,
  MAX_FORM_BYTES,
  sizeLimit,
  UPLOAD_COST,
} from "../check-work.ts";
import type { WebContext } from "../context.ts";
import { parseBody, parseParams, parseQuery, textField } from "../input.ts";
import { pickerTownships as townships } from "../picker-townships.ts";
import { notFound, page } from "../respond.tsx";
import { viewerOf } from "../viewer.ts";
import { CheckPicker, type PickerCounty, type PickerView, pickerJson } from "../views/check-picker.tsx";
import { CountyCheckPage } from "../views/county-check-page.tsx";

/** The cookie that remembers the township last checked against (its URL name). */
const LAST_TOWNSHIP_COOKIE = "lvzhi_check_township";

/**
 * Remembers the township a visitor checks against, for the picker next time (a year). The cookie is set
 * only when it changes: an answer that sets a cookie is never stored (cache-headers.ts), and the answer to
 * an anonymous visitor's check must be kept by the browser for Back to show it again.
 */
export function rememberTownship(c: Context, townshipRef: string): void {
  if (lastTownship(c) === townshipRef) return;
  setCookie(c, LAST_TOWNSHIP_COOKIE, encodeURIComponent(townshipRef), {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    maxAge: 365 * 24 * 3600,
  });
}

function lastTownship(c: Context): string | null {
  const raw = getCookie(c, LAST_TOWNSHIP_COOKIE);
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

export const checkHref = (townshipRef: string) => `/t/${encodeURIComponent(townshipRef)}/check`;
export const countyCheckHref = (county: string) => `/c/${encodeURIComponent(county)}/check`;

/** Above this many townships the picker asks for the county first (a province has ~10 000). */
const ONE_PAGE_TOWNSHIPS = 300;

/** `pick=1`: the check page's 换一个乡镇, which shows the picker even when it holds one township only. */
const PickerQuery = z.object({ county: textField(30).optional(), pick: z.literal("1").optional() });

/** The townships the visitor may check against, by county, the remembered one marked. */
async function pickerOf(c: Context, web: WebContext): Promise<PickerView> {
  const { county: chosen } = parseQuery(c, PickerQuery);
  const all = (await townships(web, c)).filter((t) => !chosen || t.county === chosen);
  if (chosen && all.length === 0) throw notFound(`没有“${chosen}”可核验的乡镇清单。`);
  const remembered = lastTownship(c);
  const byCounty = new Map<string, PickerCounty>();
  for (const t of all) {
    let county = byCounty.get(t.county);
    if (!county) {
      county = { county: t.county, region: t.region, href: countyCheckHref(t.county), townships: [] };
      byCounty.set(t.county, county);
    }
    county.townships.push({ township: t.name, ref: t.ref, href: checkHref(t.ref) });
  }
  const counties = [...byCounty.values()];
  const last = counties.some((k) => k.townships.some((t) => t.ref === remembered)) ? remembered : null;
  return { counties, last, county: chosen ?? null, countyFirst: !chosen && all.length > ONE_PAGE_TOWNSHIPS };
}

const GoQuery = z.object({ township: textField(100).optional() });
const CountyParam = z.object({ county: z.string().trim().min(1, "县名无效").max(30, "县名无效") });
const CountyCheckForm = z.object({ text: z.string({ message: "应为文本" }).max(200_000, "文本过长") });

export const checkEntryRoutes: RouteModule = (app, web) => {
  app.get("/check", async (c) => {
    const picker = await pickerOf(c, web);
    const only = picker.counties.length === 1 ? picker.counties[0]!.townships : [];
    // One township goes straight to its page, unless the visitor asked for another one from there: sent
    // back to the page they came from, they would not know why (the picker says there is no other).
    if (only.length === 1 && parseQuery(c, PickerQuery).pick !== "1") return c.redirect(only[0]!.href);
    return page(c, <CheckPicker {...picker} viewer={viewerOf(c)} />);
  });
  app.get("/api/v1/check/townships", async (c) => c.json(pickerJson(await pickerOf(c, web))));
  // The picker's <select> without script: a GET form lands here and goes on to the township's check page.
  app.get("/check/go", async (c) => {
    const { township } = parseQuery(c, GoQuery);
    return c.redirect(township ? checkHref(township) : "/check", 303);
  });

  const countyView = async (c: Context, text: string | null) => {
    const { county } = parseParams(c, CountyParam);
    if (text === null) {
      const editions = await currentEditions(web.store, county);
      if (editions.length === 0) throw notFound(`没有“${county}”已公布的乡镇清单。`);
      return { county, townships: editions.map((e) => e.township), text: "", result: null };
    }
    checkLength(text);
    const result = await checkCounty(web.store, county, text, checkAgainst);
    if (result.townships.length === 0) throw notFound(`没有“${county}”已公布的乡镇清单。`);
    return { county, townships: result.townships.map((t) => t.township), text, result };
  };
  app.get("/c/:county/check", async (c) =>
    page(c, <CountyCheckPage {...(await countyView(c, null))} viewer={viewerOf(c)} />),
  );
  app.post("/c/:county/check", checkLimit(web, UPLOAD_COST), sizeLimit(MAX_FORM_BYTES), async (c) => {
    const { text } = await parseBody(c, CountyCheckForm);
    return page(c, <CountyCheckPage {...(await countyView(c, text))} viewer={viewerOf(c)} />);
  });
};
