/**
 * The task check against every township of a county at once: each township's published edition gets its
 * own index (its own items and wording decide), built on first use and kept in a bounded cache keyed by
 * edition id and import time, so a replaced edition is indexed anew.
 */
import { checkText, editionIndex, type TextCheck } from "../match/index.ts";
import type { DutyStore } from "../store/types.ts";

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
