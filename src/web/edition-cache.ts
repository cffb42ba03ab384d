/**
 * Loaded editions, kept between requests. Loading a whole edition costs several milliseconds; checking
 * that the township's editions are unchanged (ids, dates, status, import times) costs one small query,
 * so every request still sees what the store holds now, including changes made by other processes.
 * Cached editions are shared: treat them as read-only.
 */
import { LRUCache } from "lru-cache";
import type { DutyStore, EditionRow, StoredEdition } from "../store/types.ts";

interface Entry {
  signature: string;
  edition: StoredEdition;
}

/** What identifies the state of a township's editions. */
function signatureOf(rows: readonly EditionRow[]): string {
  return rows.map((r) => `${r.id}:${r.date}:${r.status}:${r.importedAt}`).join("|");
}

export interface LoadedEdition {
  edition: StoredEdition;
  /** Every edition of the township, newest first. */
  editions: EditionRow[];
  /** Changes whenever any edition of the township changes: a key for caching what is derived from them. */
  signature: string;
}

export class EditionCache {
  private readonly cache: LRUCache<string, Entry>;

  constructor(
    private readonly store: DutyStore,
    max = 64,
  ) {
    this.cache = new LRUCache({ max });
  }

  /** The township's current edition (or the one of `date`) and all its editions; undefined when none. */
  async load(township: string, date: string | null): Promise<LoadedEdition | undefined> {
    const editions = await this.store.listEditions(township);
    if (editions.length === 0) return undefined;
    const key = `${township}\u0000${date ?? ""}`;
    const signature = signatureOf(editions);
    const hit = this.cache.get(key);
    if (hit && hit.signature === signature) return { edition: hit.edition, editions, signature };
    const edition = await this.store.getEdition(township, date ?? undefined);
    if (!edition) return undefined;
    this.cache.set(key, { signature, edition });
    return { edition, editions, signature };
  }
}
