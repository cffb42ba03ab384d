/** Every URL the web app links to, built in one place so pages, JSON twins and CSV downloads agree. */
import type { ListKind } from "../domain/edition.ts";

/** The state of a township view, as its URL carries it. */
export interface BrowseParams {
  list: ListKind;
  category: string | null;
  /** Canonical department name. */
  department: string | null;
  /** true: only 个性 items; false: only the others; null: all. */
  local: boolean | null;
  q: string;
  /** Edition date (YYYY-MM); null for the township's current edition. */
  edition: string | null;
}

export type Format = "page" | "json" | "csv";

const enc = encodeURIComponent;

/** The query string of a view, in a fixed order, defaults left out. */
export function browseQuery(p: BrowseParams): string {
  const parts: string[] = [];
  if (p.list !== "basic") parts.push(`list=${p.list}`);
  if (p.category !== null) parts.push(`category=${enc(p.category)}`);
  if (p.department !== null) parts.push(`department=${enc(p.department)}`);
  if (p.local !== null) parts.push(`local=${p.local ? 1 : 0}`);
  if (p.q) parts.push(`q=${enc(p.q)}`);
  if (p.edition) parts.push(`edition=${enc(p.edition)}`);
  return parts.length ? `?${parts.join("&")}` : "";
}

/** A township view as a page, its JSON twin or its CSV download. */
export function browseHref(township: string, p: BrowseParams, format: Format = "page"): string {
  const t = enc(township);
  const path = format === "json" ? `/api/v1/t/${t}` : format === "csv" ? `/t/${t}/list.csv` : `/t/${t}`;
  return path + browseQuery(p);
}

/** An item page (or its JSON twin); `q` marks a search's words on the page. */
export function itemHref(
  township: string,
  list: ListKind,
  number: number,
  edition: string | null = null,
  format: "page" | "json" = "page",
  q = "",
): string {
  const path = `/t/${enc(township)}/${list}/${number}`;
  const parts = [edition ? `edition=${enc(edition)}` : "", q ? `q=${enc(q)}` : ""].filter(Boolean);
  return (format === "json" ? `/api/v1${path}` : path) + (parts.length ? `?${parts.join("&")}` : "");
}

/** A department page, its JSON twin or its CSV download; `county` where the name occurs in several. */
export function departmentHref(name: string, format: Format = "page", county?: string): string {
  const path = `/departments/${enc(name)}`;
  const query = county ? `?county=${enc(county)}` : "";
  if (format === "json") return `/api/v1${path}${query}`;
  if (format === "csv") return `${path}/items.csv${query}`;
  return path + query;
}

/** The township view with defaults. */
export function defaultBrowse(list: ListKind = "basic"): BrowseParams {
  return { list, category: null, department: null, local: null, q: "", edition: null };
}

/** A whole-edition download in one of the export formats (xlsx, docx, csv zip, json). */
export function exportHref(township: string, format: string, edition: string | null = null): string {
  return `/t/${enc(township)}/export/${format}${edition ? `?edition=${enc(edition)}` : ""}`;
}

/** A township's working draft (or any edition) in the adjustment workflow. */
export function draftHref(township: string, date: string): string {
  return `/drafts/${enc(township)}/${enc(date)}`;
}

/** The comparison of two editions of a township (`to` defaults to the newest, `from` to the one before it). */
export function diffHref(township: string, to?: string, from?: string): string {
  const parts = [to ? `to=${enc(to)}` : "", from ? `from=${enc(from)}` : ""].filter(Boolean);
  return `/diff/${enc(township)}${parts.length ? `?${parts.join("&")}` : ""}`;
}

/** An item's history across the editions of its township, up to `date`. */
export function historyHref(township: string, date: string, list: ListKind, number: number): string {
  return `/history/${enc(township)}/${enc(date)}/${list}/${number}`;
}
