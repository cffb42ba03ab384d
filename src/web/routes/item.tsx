/** @jsxImportSource hono/jsx */
/** One item: GET /t/:township/:list/:number (page) and /api/v1/t/:township/:list/:number (JSON twin). */
import type { Context } from "hono";
import { z } from "zod";
import { type Item, itemsOf, LIST_KINDS, type ListKind } from "../../domain/edition.ts";
import type { RouteModule } from "../app.ts";
import type { WebContext } from "../context.ts";
import { findWords, mergeRanges } from "../highlight.ts";
import { editionDate, parseQuery, textField } from "../input.ts";
import { MAX_QUERY } from "../params.ts";
import { loadEdition, notFound, page, positiveInt } from "../respond.tsx";
import { textTerms } from "../search.ts";
import { browseHref, defaultBrowse, departmentHref, historyHref, itemHref } from "../urls.ts";
import { viewerOf } from "../viewer.ts";
import { ItemPage } from "../views/item-page.tsx";

/**
 * An item page's query: the edition, and the search it was reached from (its words are marked). The search
 * only marks words, so one the search box would refuse (a hand-made link past MAX_QUERY) marks nothing
 * instead of costing the reader the page.
 */
const ItemQuery = z.object({
  edition: editionDate.optional(),
  q: textField(MAX_QUERY).catch(""),
});

function isList(value: string): value is ListKind {
  return (LIST_KINDS as readonly string[]).includes(value);
}

/** The item a URL names, with its neighbours in the list; 404 when absent, 400 for a bad number. */
async function itemOf(c: Context, web: WebContext) {
  const township = c.req.param("township") ?? "";
  const list = c.req.param("list") ?? "";
  if (!isList(list))
    throw notFound(`没有名为“${list}”的清单：清单只有基本履职事项、配合履职事项、上级部门收回事项三种。`);
  const number = positiveInt(c.req.param("number") ?? "", "序号");
  const query = parseQuery(c, ItemQuery);
  const date = query.edition ?? null;
  const { edition, editions } = await loadEdition(c, web, township, date);
  // An earlier public edition: the item's history across editions has something to show.
  const earlier = editions.some(
    (e) => e.date < edition.date && (e.status === "published" || e.status === "superseded"),
  );
  const items: Item[] = itemsOf(edition.draft.items, list);
  const at = items.findIndex((i) => i.number === number);
  const item = items[at];
  if (!item) throw notFound(`${edition.township}的该清单中没有序号为 ${number} 的事项。`);
  // Arriving from a search (?q=), the page marks the same words the result list marked.
  const q = query.q;
  const search = q ? web.search.indexOf(edition).search(q, (i) => i === item) : null;
  const marks = search ? textTerms(search.terms) : [];
  const nameMarks = mergeRanges([...findWords(item.name, marks), ...(search?.hits[0]?.pinyinRanges ?? [])]);
  return {
    townshipRef: township,
    edition,
    item,
    date,
    previous: items[at - 1] ?? null,
    next: items[at + 1] ?? null,
    history: earlier ? historyHref(township, edition.date, item.list, item.number) : null,
    q,
    marks,
    nameMarks,
  };
}

export const itemRoutes: RouteModule = (app, web) => {
  app.get("/t/:township/:list/:number", async (c) =>
    page(c, <ItemPage {...(await itemOf(c, web))} viewer={viewerOf(c)} />),
  );

  app.get("/api/v1/t/:township/:list/:number", async (c) => {
    const { townshipRef: t, edition, item, date, previous, next, q, marks, nameMarks } = await itemOf(c, web);
    const departments =
      item.list === "cooperative"
        ? item.leadDepartments
        : item.list === "reclaimed"
          ? item.takeover.departments
          : [];
    return c.json({
      township: edition.township,
      county: edition.county,
      edition: { id: edition.id, date: edition.date },
      item,
      departments: departments.map((name) => ({ name, url: departmentHref(name, "json") })),
      url: itemHref(t, item.list, item.number, date),
      listUrl: browseHref(t, { ...defaultBrowse(item.list), edition: date }, "json"),
      previous: previous ? itemHref(t, item.list, previous.number, date, "json") : null,
      next: next ? itemHref(t, item.list, next.number, date, "json") : null,
      search: q ? { q, words: marks, marks: { name: nameMarks } } : null,
    });
  });
};
