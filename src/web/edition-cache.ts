/**
 * Loaded editions, kept between requests. Loading a whole edition costs several milliseconds; finding which
 * edition a reader is shown (and the township's editions) costs small queries, so every request still sees
 * what the store holds now, including changes made by other processes. Access is decided on every load,
 * cached or not, on the edition actually returned. Cached editions are shared: treat them as read-only.
 */
import { LRUCache } from "lru-cache";
import type { DutyStore, EditionReader, EditionRow, StoredEdition } from "../store/types.ts";

interface Entry {
  signature: string;
  edition: StoredEdition;
}

/** What identifies the state of a stored edition (a replace imports under a new id and time). */
function signatureOf(row: EditionRow): string {
  return `${row.id}:${row.date}:${row.status}:${row.importedAt}`;
}

export interface LoadedEdition {
  edition: StoredEdition;
  /** Every edition of the township the reader may read, newest first. */
  editions: EditionRow[];
  /** The precedents' revision, read with them when the store does (see precedentsFor). */
  precedentRevision?: number;
}

export class EditionCache {
  private readonly cache: LRUCache<number, Entry>;

  constructor(
    private readonly store: DutyStore,
    max = 64,
  ) {
    this.cache = new LRUCache({ max });
  }

  /**
   * The edition a reader is shown for a township reference (the one of `date`, else the current one) and
   * the editions they may read; undefined when none exists; the reader's refusal when it may not be read.
   */
  async load(
    township: string,
    date: string | null,
    reader: EditionReader,
  ): Promise<LoadedEdition | undefined> {
    const found = await this.store.readableEditions(township, date, reader);
    if (!found) return undefined;
    const signature = signatureOf(found.shown);
    const hit = this.cache.get(found.shown.id);
    let edition = hit?.signature === signature ? hit.edition : undefined;
    if (!edition) {
      edition = await this.store.getEditionById(found.shown.id);
      if (!edition) return undefined;
      this.cache.set(edition.id, { signature: signatureOf(edition), edition });
    }
    // The edition actually returned is what the reader sees: its status decides, whatever the lookup found.
    if (!reader.canRead(edition)) throw reader.refusal();
    return found.precedentRevision === undefined
      ? { edition, editions: found.editions }
      : { edition, editions: found.editions, precedentRevision: found.precedentRevision };
  }
}
