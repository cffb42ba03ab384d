/**
 * The task check against every township of a county at once: each township's published edition gets its
 * own index (its own items and wording decide), built on first use and kept in a bounded cache keyed by
 * edition id and import time, so a replaced edition is indexed anew.
 */
import { LRUCache } from "lru-cache";
import { buildIndex, checkText, type ItemIndex, type TextCheck } from "../match/index.ts";
import type { DutyStore, StoredEdition } from "../store/types.ts";

/** Indexes kept per process (each ~1–2 MB for a 250-item edition; see README, 省级部署). */
export const INDEX_CACHE_SIZE =
  Number(process.env.LVZHI_INDEX_CACHE) > 0 ? Number(process.env.LVZHI_INDEX_CACHE) : 64;

const indexes = new LRUCache<string, ItemIndex>({ max: INDEX_CACHE_SIZE });

/** The index of a stored edition, from the cache or built now. */
export function editionIndex(edition: Pick<StoredEdition, "id" | "importedAt" | "draft">): ItemIndex {
  const key = `${edition.id}@${edition.importedAt}`;
  let index = indexes.get(key);
  if (!index) {
    index = buildIndex(edition.draft);
    indexes.set(key, index);
  }
  return index;
}

/** How many indexes the process holds now. */
export function cachedIndexes(): number {
  return indexes.size;
}

export interface CountyCheck {
  county: string;
  /** One entry per township with an edition, in the order stored. */
  townships: ({ township: string; editionId: number; date: string } & TextCheck)[];
}

/** Checks a sentence or notice against the published edition of every township of the county. */
export async function checkCounty(store: DutyStore, county: string, text: string): Promise<CountyCheck> {
  const editions = await store.countyEditions(county);
  return {
    county,
    townships: editions.map((edition) => ({
      township: edition.township,
      editionId: edition.id,
      date: edition.date,
      ...checkText(editionIndex(edition), text),
    })),
  };
}
