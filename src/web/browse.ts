/**
 * The township view as data: which items a URL selects (list, facets, search), the facet values with
 * their counts and toggle parameters, and the matches to mark. The page, its JSON twin and the CSV
 * download all render this one value, so they always show the same items.
 */
import { departmentsOf, type Item, LIST_KINDS, type ListKind } from "../domain/edition.ts";
import { findWords, mergeRanges, type Range } from "./highlight.ts";
import { type SearchIndex, type SearchResult, textTerms } from "./search.ts";
import type { BrowseParams } from "./urls.ts";

export type FacetName = "category" | "department" | "local";

export interface FacetValue {
  /** The parameter value (category name, canonical department, "1"/"0"). */
  value: string;
  label: string;
  count: number;
  selected: boolean;
  /** The view with this value toggled: selected → removed, otherwise → chosen instead of the current one. */
  toggle: BrowseParams;
}

export interface Facet {
  name: FacetName;
  label: string;
  values: FacetValue[];
}

export interface BrowseRow {
  item: Item;
  /** Ranges of the name to mark (search words and pinyin initials). */
  nameMarks: Range[];
}

export interface BrowseView {
  params: BrowseParams;
  /** Items per list that match the search (all items without one): the tabs' counts. */
  listCounts: Record<ListKind, number>;
  /** Items of the chosen list before facets and search. */
  listTotal: number;
  facets: Facet[];
  rows: BrowseRow[];
  search: SearchResult | null;
  /** Search words to mark in other text (categories, steps). */
  marks: string[];
  /** A search text refused (too long): the view is unsearched, the form shows the text and the message. */
  refused?: { q: string; message: string } | null;
}

export const FACET_LABELS: Record<FacetName, string> = {
  category: "事项类别",
  department: "部门",
  local: "个性事项",
};

/** Whether an item passes the view's facets, leaving out one facet (for that facet's own counts). */
function passes(item: Item, p: BrowseParams, except?: FacetName): boolean {
  if (except !== "category" && p.category !== null && item.category !== p.category) return false;
  if (except !== "department" && p.department !== null && !departmentsOf(item).includes(p.department))
    return false;
  if (except !== "local" && p.local !== null && item.local !== p.local) return false;
  return true;
}

/** Computes the view of an edition's items for the given parameters. */
export function browse(items: readonly Item[], p: BrowseParams, index: SearchIndex | null): BrowseView {
  const search = p.q && index ? index.search(p.q) : null;
  const hits = search ? new Map(search.hits.map((h) => [h.item, h])) : null;
  // Search order (by relevance) when searching, document order otherwise.
  const candidates = search ? search.hits.map((h) => h.item) : [...items];

  const listCounts = Object.fromEntries(LIST_KINDS.map((l) => [l, 0])) as Record<ListKind, number>;
  for (const item of candidates) listCounts[item.list]++;

  const inList = candidates.filter((i) => i.list === p.list);
  const marks = search ? textTerms(search.terms) : [];
  const rows = inList
    .filter((i) => passes(i, p))
    .map((item) => ({
      item,
      nameMarks: mergeRanges([...findWords(item.name, marks), ...(hits?.get(item)?.pinyinRanges ?? [])]),
    }));

  return {
    params: p,
    listCounts,
    listTotal: items.filter((i) => i.list === p.list).length,
    facets: facets(inList, p),
    rows,
    search,
    marks,
  };
}

function facets(inList: readonly Item[], p: BrowseParams): Facet[] {
  const out: Facet[] = [];
  out.push(
    facet(
      "category",
      inList,
      p,
      (i) => [i.category],
      (v) => v,
    ),
  );
  if (p.list !== "basic") {
    out.push(facet("department", inList, p, departmentsOf, (v) => v));
  }
  out.push(
    facet(
      "local",
      inList,
      p,
      (i) => [i.local ? "1" : "0"],
      (v) => (v === "1" ? "个性" : "共性"),
    ),
  );
  // A facet with nothing to choose from says nothing (e.g. no 个性 items in this list).
  return out.filter((f) => f.values.length > 1 || f.values.some((v) => v.selected));
}

function current(p: BrowseParams, name: FacetName): string | null {
  if (name === "local") return p.local === null ? null : p.local ? "1" : "0";
  return p[name];
}

function withValue(p: BrowseParams, name: FacetName, value: string | null): BrowseParams {
  if (name === "local") return { ...p, local: value === null ? null : value === "1" };
  return { ...p, [name]: value };
}

function facet(
  name: FacetName,
  inList: readonly Item[],
  p: BrowseParams,
  valuesOf: (item: Item) => string[],
  label: (value: string) => string,
): Facet {
  const counts = new Map<string, number>();
  // The lists' official order: where each value first appears in the list (category order of the document),
  // not by count, so the facets read like the document and stay put as other facets change.
  const order = new Map<string, number>();
  for (const item of inList) {
    for (const v of valuesOf(item)) if (!order.has(v)) order.set(v, order.size);
    if (!passes(item, p, name)) continue;
    for (const v of new Set(valuesOf(item))) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const selected = current(p, name);
  if (selected !== null && !counts.has(selected)) counts.set(selected, 0);
  const rank = (value: string) => order.get(value) ?? order.size;
  const values = [...counts.entries()]
    .sort((a, b) => rank(a[0]) - rank(b[0]))
    .map(([value, count]) => ({
      value,
      label: label(value),
      count,
      selected: value === selected,
      toggle: withValue(p, name, value === selected ? null : value),
    }));
  return { name, label: FACET_LABELS[name], values };
}
