/**
 * County views cached per process, checked against the store's edition revision on every use: the
 * revision is one single-row read, so a new edition written by any process (another `lvzhi serve`, an
 * import on the command line) is seen at the next request, while unchanged counties are served from
 * memory. Bounded: the least recently used counties are dropped.
 */
import { LRUCache } from "lru-cache";
import type { DutyStore } from "../store/types.ts";
import { type CountyView, countyView } from "./summary.ts";

interface Entry {
  revision: number;
  view: Promise<CountyView | undefined>;
}

export class CountyCache {
  private readonly cache: LRUCache<string, Entry>;

  constructor(
    private readonly store: DutyStore,
    max = 64,
  ) {
    this.cache = new LRUCache({ max });
  }

  /** The view of a county as its current editions stand; undefined when it has no township with an edition. */
  async view(county: string): Promise<CountyView | undefined> {
    const revision = await this.store.editionsVersion();
    const hit = this.cache.get(county);
    if (hit && hit.revision === revision) return hit.view;
    const view = this.build(county);
    this.cache.set(county, { revision, view });
    // A failed build is not cached: the next request tries again.
    view.catch(() => this.cache.delete(county));
    return view;
  }

  private async build(county: string): Promise<CountyView | undefined> {
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
