/** What route modules receive: the app's dependencies and the caches built over them. */
import type { CountyCache } from "../county/cache.ts";
import type { DutyStore } from "../store/types.ts";
import type { EditionCache } from "./edition-cache.ts";
import type { PageCache } from "./page-cache.ts";
import type { AnalyzerFactory, SearchCache } from "./search-cache.ts";

/** The dependencies of the web app. Add optional fields here for what a new route module needs. */
export interface WebDeps {
  store: DutyStore;
  /** The search analyzer of an edition; default: jieba with the edition's domain dictionary (src/match). */
  analyzerFor?: AnalyzerFactory;
  /** How many editions keep a search index in memory (default 32). */
  searchCacheSize?: number;
  /** The cache of public answers; default: one of LVZHI_PAGE_CACHE_MB (64 MB) over the store. */
  pageCache?: PageCache;
}

/** Dependencies plus shared per-process caches (caches only: the store stays the truth). */
export interface WebContext extends WebDeps {
  search: SearchCache;
  /** Editions loaded for earlier requests, revalidated against the store on every use. */
  editions: EditionCache;
  /** County views (matrix and tables), shared by the county and department pages: one merging rule. */
  counties: CountyCache;
  /** Public answers to anonymous visitors, kept per edition revision (./page-cache.ts). */
  pages: PageCache;
}
