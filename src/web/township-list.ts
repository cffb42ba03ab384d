/**
 * The list of townships behind the home page, its JSON twin and CSV: the townships a visitor may read,
 * counted per county, one page at a time (by county, or page by page through all). Access and counts come
 * from one narrow row per edition; full rows (editions, counts of items) are read only for the page shown,
 * so a province of 10 000 townships lists as fast as one county.
 */
import { z } from "zod";
import { Refusal } from "../domain/refusal.ts";
import type { CatalogEntry, DutyStore, EditionRow, TownshipRow } from "../store/types.ts";
import { canReadEdition } from "../workflow/access.ts";
import type { Principal } from "../workflow/principal.ts";
import { optionalCount, textField } from "./input.ts";
import { browseHref, defaultBrowse } from "./urls.ts";

const COLLATOR = new Intl.Collator("zh-CN");

/** Townships per page; a deployment with no more than this many shows them all on the home page. */
export const PAGE_SIZE = 100;

export const listQuery = z.object({
  county: textField(60),
  page: optionalCount(),
});

export type ListQuery = z.output<typeof listQuery>;

export interface TownshipEntry extends TownshipRow {
  /** How links name it: 乡镇名, or 县名/乡镇名 when the visitor sees the name in several counties. */
  ref: string;
  url: string;
  apiUrl: string;
  editions: (EditionRow & { url: string })[];
}

export interface CountyCount {
  region: string;
  county: string;
  /** Townships of the county the visitor may read. */
  townships: number;
  url: string;
  apiUrl: string;
}

export interface TownshipList {
  /** Townships the visitor may read, in all counties. */
  total: number;
  counties: CountyCount[];
  /** The county asked for (null: all). */
  county: string | null;
  /** Townships in the county asked for (all of them without one). */
  matched: number;
  page: number;
  pages: number;
  pageSize: number;
  townships: TownshipEntry[];
}

/** The URL of the list of a county (or all), at a page when given. */
/** The editions a visitor may read, grouped by township once (filtering per township is quadratic). */
export function readableByTownship(
  editions: EditionRow[],
  principal: Principal | null,
): Map<number, EditionRow[]> {
  const byTownship = new Map<number, EditionRow[]>();
  for (const e of editions) {
    if (!canReadEdition(principal, e)) continue;
    const list = byTownship.get(e.townshipId);
    if (list) list.push(e);
    else byTownship.set(e.townshipId, [e]);
  }
  return byTownship;
}

/** A township with its links and readable editions, newest first; `seen` counts how often the visitor sees each name. */
export function townshipEntry(
  t: TownshipRow,
  seen: Map<string, number>,
  byTownship: Map<number, EditionRow[]>,
): TownshipEntry {
  // A name the visitor sees in several counties is linked as 县名/乡镇名, so every link names one township.
  const ref = (seen.get(t.name) ?? 0) > 1 ? `${t.county}/${t.name}` : t.name;
  return {
    ...t,
    ref,
    url: browseHref(ref, defaultBrowse()),
    apiUrl: browseHref(ref, defaultBrowse(), "json"),
    editions: (byTownship.get(t.id) ?? [])
      .sort((a, b) => b.date.localeCompare(a.date))
      .map((e) => ({ ...e, url: browseHref(ref, { ...defaultBrowse(), edition: e.date }) })),
  };
}

export function listHref(base: string, county: string | null, page?: number): string {
  const query = new URLSearchParams();
  if (county) query.set("county", county);
  if (page !== undefined) query.set("page", String(page));
  const text = query.toString();
  return text ? `${base}?${text}` : base;
}

/** The catalog as of the current edition revision, kept per store (it changes only when editions do). */
const catalogs = new WeakMap<DutyStore, { revision: number; rows: Promise<CatalogEntry[]> }>();

async function catalogOf(store: DutyStore): Promise<CatalogEntry[]> {
  const revision = await store.editionsVersion();
  const kept = catalogs.get(store);
  if (kept && kept.revision === revision) return kept.rows;
  // Read after the revision: a write racing the read can only make the kept catalog look older than it is.
  const rows = store.townshipCatalog();
  catalogs.set(store, { revision, rows });
  rows.catch(() => catalogs.delete(store));
  return rows;
}

interface ReadableSet {
  visible: TownshipRow[];
  /** How many visible townships carry each name. */
  seen: Map<string, number>;
  counties: CountyCount[];
}

/** What anonymous visitors may see, per catalog: the same for all of them, so worked out once. */
const publicSets = new WeakMap<CatalogEntry[], ReadableSet>();

/** The townships a principal may read (stored order), their names' counts and every county's count. */
function readableSet(catalog: CatalogEntry[], principal: Principal | null): ReadableSet {
  const kept = principal === null ? publicSets.get(catalog) : undefined;
  if (kept) return kept;
  const byId = new Map<number, TownshipRow>();
  for (const e of catalog) {
    if (byId.has(e.townshipId) || !canReadEdition(principal, e)) continue;
    byId.set(e.townshipId, { id: e.townshipId, name: e.name, county: e.county, region: e.region });
  }
  const seen = new Map<string, number>();
  const perCounty = new Map<string, CountyCount>();
  for (const t of byId.values()) {
    seen.set(t.name, (seen.get(t.name) ?? 0) + 1);
    const key = `${t.region}\u0000${t.county}`;
    const count = perCounty.get(key);
    if (count) count.townships++;
    else
      perCounty.set(key, {
        region: t.region,
        county: t.county,
        townships: 1,
        url: listHref("/", t.county),
        apiUrl: listHref("/api/v1/townships", t.county),
      });
  }
  const counties = [...perCounty.values()].sort(
    (a, b) => COLLATOR.compare(a.region, b.region) || COLLATOR.compare(a.county, b.county),
  );
  const set = { visible: [...byId.values()], seen, counties };
  if (principal === null) publicSets.set(catalog, set);
  return set;
}

/**
 * One page of the townships a principal may read, with every county's count. `all` returns every matching
 * township on one page (the CSV download). A county or page that has none is a not-found refusal.
 */
export async function townshipList(
  store: DutyStore,
  principal: Principal | null,
  query: ListQuery,
  all = false,
): Promise<TownshipList> {
  const { visible, seen, counties } = readableSet(await catalogOf(store), principal);
  const county = query.county || null;
  const matching = visible.filter((t) => county === null || t.county === county);
  if (county !== null && matching.length === 0) {
    throw new Refusal("not-found", `没有“${county}”的乡镇清单。`, { county });
  }
  const pageSize = all ? Math.max(1, matching.length) : PAGE_SIZE;
  const pages = Math.max(1, Math.ceil(matching.length / pageSize));
  const page = all ? 1 : (query.page ?? 1);
  if (page > pages) {
    throw new Refusal("not-found", `共 ${pages} 页，没有第 ${page} 页。`, { page, pages });
  }
  const shown = matching.slice((page - 1) * pageSize, page * pageSize);
  const editions = await store.editionsOf(shown.map((t) => t.id));
  const byTownship = readableByTownship(editions, principal);
  const townships = shown.map((t) => townshipEntry(t, seen, byTownship));
  return {
    total: visible.length,
    counties,
    county,
    matched: matching.length,
    page,
    pages,
    pageSize,
    townships,
  };
}
