/** Per-edition search indexes, built on first use and kept in a bounded cache. */
import { LRUCache } from "lru-cache";
import type { EditionDraft } from "../domain/edition.ts";
import type { StoredEdition } from "../store/types.ts";
import { SearchIndex, type TextAnalyzer } from "./search.ts";

export type AnalyzerFactory = (draft: EditionDraft) => TextAnalyzer;

/** Keeps the indexes of the most recently searched editions (each with its edition's segmenter). */
export class SearchCache {
  private readonly cache: LRUCache<string, SearchIndex>;

  constructor(
    private readonly analyzerFor: AnalyzerFactory,
    max = 32,
  ) {
    this.cache = new LRUCache({ max });
  }

  /** The index of a stored edition; a re-imported edition (new import time) gets a fresh one. */
  indexOf(edition: StoredEdition): SearchIndex {
    const key = `${edition.id}@${edition.importedAt}`;
    let index = this.cache.get(key);
    if (!index) {
      index = new SearchIndex(edition.draft.items, this.analyzerFor(edition.draft), edition.county);
      this.cache.set(key, index);
    }
    return index;
  }

  get size(): number {
    return this.cache.size;
  }
}
