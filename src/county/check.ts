/**
 * The task check against every township of a county at once: each township's published edition gets its
 * own index (its own items and wording decide), built on first use and kept in a bounded cache keyed by
 * edition id and import time, so a replaced edition is indexed anew.
 */
import { LRUCache } from "lru-cache";
import { checkText, editionIndex, type TextCheck } from "../match/index.ts";
import type { DutyStore, StoredEdition } from "../store/types.ts";

/** How one edition is checked: inline by default; the web passes one that uses its worker pool. */
export type EditionChecker = (edition: StoredEdition, text: string) => TextCheck | Promise<TextCheck>;

const inline: EditionChecker = (edition, text) => checkText(editionIndex(edition), text);

export interface CountyCheck {
  county: string;
  /** One entry per township with an edition, in the order stored. */
  townships: ({ township: string; editionId: number; date: string } & TextCheck)[];
}

/**
 * The county's published editions as last read, by county, with the signature (ids and import times) they
 * were read at. A check of an unchanged county then costs one small query instead of reading every
 * township's items again. The items are mostly held by the cached check indexes anyway, so a few counties
 * cost little more.
 */
const read = new WeakMap<DutyStore, LRUCache<string, { signature: string; editions: StoredEdition[] }>>();

/** The published edition of every township of a county, read again only when the county changed. */
export async function currentEditions(store: DutyStore, county: string): Promise<StoredEdition[]> {
  let countyEditions = read.get(store);
  if (!countyEditions) {
    countyEditions = new LRUCache({ max: 4 });
    read.set(store, countyEditions);
  }
  const signature = await store.countySignature(county);
  const hit = countyEditions.get(county);
  if (hit?.signature === signature) return hit.editions;
  const editions = await store.countyEditions(county);
  // Kept only when nothing was published between reading the signature and the editions.
  if ((await store.countySignature(county)) === signature)
    countyEditions.set(county, { signature, editions });
  return editions;
}

/** Checks a sentence or notice against the published edition of every township of the county. */
export async function checkCounty(
  store: DutyStore,
  county: string,
  text: string,
  check: EditionChecker = inline,
): Promise<CountyCheck> {
  const editions = await currentEditions(store, county);
  const townships: CountyCheck["townships"] = [];
  // One after another: each may be a job in a bounded pool, and together they must not fill its queue.
  for (const edition of editions) {
    const result = await check(edition, text);
    townships.push({ township: edition.township, editionId: edition.id, date: edition.date, ...result });
  }
  return { county, townships };
}
