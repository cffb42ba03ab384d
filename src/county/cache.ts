/**
 * County views cached per process. On every use the store's edition revision is read (one single-row
 * query); while it stands still the cached view is served. When it moves — an edition was written by any
 * process — the county's signature (ids of its published editions, one county-sized query) tells whether this
 * county changed: only then is the view rebuilt, so an import in one county does not make every other
 * county's page rebuild. Bounded: the least recently used counties are dropped.
 */
import { LRUCache } from "lru-cache";
import type { DutyStore } from "../store/types.ts";
import { type CountyView, countyView } from "./summary.ts";

interface Entry {
  revision: number;
  signature: string;
  view: Promise<CountyView | undefined>;
}

export class CountyCache {
  private readonly cache: LRUCache<string, Entry>;
  /** Views built, for tests and the bench. */
  builds = 0;

  constructor(
    private readonly store: DutyStore,
    max = 64,
  ) {
    this.cache = new LRUCache({ max });
  }

  /** The view of a county as its published editions stand; undefined when none of its townships has one. */
  async view(county: string): Promise<CountyView | undefined> {
    const revision = await this.store.editionsVersion();
    const hit = this.cache.get(county);
    if (hit && hit.revision === revision) return hit.view;
    const signature = await this.store.countySignature(county);
    if (hit && hit.signature === signature) {
      hit.revision = revision;
      return hit.view;
    }
    const view = this.build(county);
    this.cache.set(county, { revision, signature, view });
    // A failed build is not cached: the next request tries again.
    view.catch(() => this.cache.delete(county));
    return view;
  }

  private async build(county: string): Promise<CountyView | undefined> {
    this.builds++;
    const editions = await this.store.countyEditions(county);
    if (editions.length === 0) return undefined;
    return countyView(
      county,
      editions.map((e) => ({ township: e.township, editionId: e.id, draft: e.draft })),
    );
  }

  get size(): number {
    return this.cache.size;
  }
}
