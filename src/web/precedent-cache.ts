/**
 * The precedents a task check weighs, kept per county between requests. They were read from the database
 * on every check; now one row (the precedents' revision, which every insert, re-decision and deletion
 * bumps; shared by the checks that wait on it together) tells whether any changed since, and only then is
 * the county's list read again.
 */
import type { Kysely } from "kysely";
import { LRUCache } from "lru-cache";
import { precedentsForEdition, readPrecedentRevision, type StoredPrecedent } from "../store/precedents.ts";
import type { Database } from "../store/schema.ts";
import type { StoredEdition } from "../store/types.ts";

interface Entry {
  latest: number;
  precedents: Promise<StoredPrecedent[]>;
}

export class PrecedentCache {
  private readonly counties = new LRUCache<string, Entry>({ max: 256 });
  private pending: Promise<number> | null = null;
  /** Reads of a county's precedents, for tests. */
  loads = 0;

  constructor(private readonly db: Kysely<Database>) {}

  /**
   * The precedents of the edition's county, oldest first (shared: treat as read-only). `revision`: the
   * precedents' revision when the caller read it already (with the edition); else it is read here.
   */
  async forEdition(edition: StoredEdition, revision?: number): Promise<StoredPrecedent[]> {
    const latest = revision ?? (await this.latest());
    // A county is its region and name (county names repeat across China).
    const key = `${edition.draft.region}\u0000${edition.county}`;
    const hit = this.counties.get(key);
    if (hit && hit.latest === latest) return hit.precedents;
    this.loads++;
    const precedents = precedentsForEdition(this.db, edition.id);
    this.counties.set(key, { latest, precedents });
    precedents.catch(() => this.counties.delete(key));
    return precedents;
  }

  private latest(): Promise<number> {
    if (!this.pending) {
      this.pending = readPrecedentRevision(this.db).finally(() => {
        this.pending = null;
      });
    }
    return this.pending;
  }
}
