/** @jsxImportSource hono/jsx */
/**
 * The township view: GET /t/:township (page), /api/v1/t/:township (JSON twin) and
 * /t/:township/list.csv (CSV of exactly the rows the page shows). Parameters: list, category,
 * department, local, q, edition (see ../params.ts).
 */
import type { Context } from "hono";
import { LIST_KINDS, LIST_LABELS } from "../../domain/edition.ts";
import type { StoredEdition } from "../../store/types.ts";
import type { RouteModule } from "../app.ts";
import { type BrowseView, browse } from "../browse.ts";
import { officialCells, officialHeader } from "../cells.ts";
import type { WebContext } from "../context.ts";
import { csvResponse, toCsv } from "../csv.ts";
import { parseBrowseParams, parsePageParams } from "../params.ts";
import { loadEdition, page } from "../respond.tsx";
import { browseHref, defaultBrowse, itemHref } from "../urls.ts";
import { viewerOf } from "../viewer.ts";
import { BrowseBody, listTitle, TownshipPage } from "../views/township-page.tsx";

/**
 * Loads the edition and computes the view a request asks for. For the page (`page`), a search text over
 * the limit is not an error page: the view comes back unsearched with the refusal for the form to show.
 */
async function viewOf(c: Context, web: WebContext, page = false) {
  const township = c.req.param("township") ?? "";
  const read = (county?: string) =>
    page
      ? parsePageParams(c.req.query(), county)
      : { params: parseBrowseParams(c.req.query(), county), refused: null };
  const { edition, editions } = await loadEdition(c, web, township, read().params.edition);
  // Department aliases fold with the edition's county (策勒县人社局 → 县人力资源和社会保障局).
  const { params, refused } = read(edition.county);
  const index = params.q ? web.search.indexOf(edition) : null;
  return { township, edition, editions, view: { ...browse(edition.draft.items, params, index), refused } };
}

/** The JSON twin of a view: the rows, and each facet value with its count and toggle URLs (Datasette style). */
export function viewJson(township: string, edition: StoredEdition, view: BrowseView) {
  const p = view.params;
  return {
    township: edition.township,
    county: edition.county,
    edition: { id: edition.id, date: edition.date },
    list: p.list,
    filters: { category: p.category, department: p.department, local: p.local, q: p.q || null },
    tabs: LIST_KINDS.map((list) => ({
      list,
      label: LIST_LABELS[list],
      count: view.listCounts[list],
      url: browseHref(township, { ...defaultBrowse(list), q: p.q, edition: p.edition }, "json"),
    })),
    search: view.search
      ? {
          q: p.q,
          mode: view.search.mode,
          terms: view.search.terms.map((t) => (t.kind === "text" ? t.text : t.letters)),
        }
      : null,
    count: view.rows.length,
    listTotal: view.listTotal,
    facets: view.facets.map((f) => ({
      name: f.name,
      label: f.label,
      values: f.values.map((v) => ({
        value: v.value,
        label: v.label,
        count: v.count,
        selected: v.selected,
        toggleUrl: browseHref(township, v.toggle, "json"),
        togglePage: browseHref(township, v.toggle),
      })),
    })),
    items: view.rows.map((r) => ({
      ...r.item,
      url: itemHref(township, r.item.list, r.item.number, p.edition),
      apiUrl: itemHref(township, r.item.list, r.item.number, p.edition, "json"),
      marks: { name: r.nameMarks },
    })),
    pageUrl: browseHref(township, p),
    csvUrl: browseHref(township, p, "csv"),
  };
}

export const townshipRoutes: RouteModule = (app, web) => {
  app.get("/t/:township", async (c) => {
    const { township, edition, editions, view } = await viewOf(c, web, true);
    c.header("vary", "X-Lvzhi-Partial", { append: true });
    const status = view.refused ? 400 : 200;
    // Search-as-you-type asks for the changing part only (see assets/search.js).
    if (c.req.header("x-lvzhi-partial") === "1")
      return c.html(<BrowseBody townshipRef={township} edition={edition} view={view} />, status);
    return page(
      c,
      <TownshipPage
        townshipRef={township}
        edition={edition}
        editions={editions}
        view={view}
        viewer={viewerOf(c)}
      />,
      status,
    );
  });

  app.get("/api/v1/t/:township", async (c) => {
    const { township, edition, view } = await viewOf(c, web);
    return c.json(viewJson(township, edition, view));
  });

  app.get("/t/:township/list.csv", async (c) => {
    const { edition, view } = await viewOf(c, web);
    const p = view.params;
    const rows = view.rows.map((r) => officialCells(r.item));
    const suffix = [p.category, p.department, p.local === null ? null : p.local ? "个性" : "共性", p.q]
      .filter((s): s is string => !!s)
      .join("-");
    const name = `${listTitle(edition, p.list)}-${edition.date}${suffix ? `-${suffix}` : ""}.csv`;
    return csvResponse(name, toCsv(officialHeader(p.list), rows));
  });
};
