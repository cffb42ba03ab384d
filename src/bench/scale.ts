/**
 * The scale bench: N townships derived from the bundled lists are imported into each backend, then
 * the bench measures what a provincial deployment does all day — import throughput, the task check
 * against one township while N are stored (index built on demand, cached), search, township, county
 * and department pages, and the memory and disk all this takes.
 */
import { sql } from "kysely";
import type { EditionDraft } from "../domain/edition.ts";
import { checkTask, editionIndex } from "../match/index.ts";
import { openStore, type SqlDutyStore } from "../store/index.ts";
import { createApp } from "../web/app.ts";
import { PageCache } from "../web/page-cache.ts";
import { type ColdIndexFigures, coldIndexFigures } from "./county-check.ts";
import { deriveTownships } from "./derive.ts";
import { type Latency, latency, percentile, rssMb, timed } from "./measure.ts";

export type BackendName = "sqlite" | "postgres";

/** Where one backend's bench database lives, and how to drop it afterwards. */
export interface BenchBackend {
  name: BackendName;
  location: { path?: string; databaseUrl?: string };
  /** Bytes the database takes on disk (tables, indexes, WAL). */
  size(store: SqlDutyStore): Promise<number>;
  cleanup(store: SqlDutyStore): Promise<void>;
}

export interface ScaleOptions {
  townships: number;
  perCounty: number;
  seed: number;
  /** Task checks measured (warm index). */
  checks: number;
  /** Requests measured per page kind. */
  requests: number;
  /** Task texts to check, cycled. */
  tasks: string[];
  log: (line: string) => void;
  /** An open store to bench instead of opening `backend.location` (tests). */
  store?: SqlDutyStore;
}

export interface ScaleResult {
  backend: BackendName;
  townships: number;
  counties: number;
  items: number;
  import: { seconds: number; itemsPerSecond: number; townshipP50: number; townshipP99: number };
  databaseMb: number;
  check: {
    loadEditionMs: number;
    /** The first index built in the process (= cold.firstBuildMs). */
    indexBuildMs: number;
    /** Memory one index keeps (= cold.indexMb). */
    indexMb: number;
    engine: Latency;
    /** Per request in a server: revision poll + cached index + check. */
    request: Latency;
  };
  /** Index builds first and next in the process, memory per index, the county-wide check cold and warm. */
  cold: ColdIndexFigures;
  pages: {
    search: Latency;
    township: Latency;
    department: Latency;
    countyColdMs: number;
    county: Latency;
    /** /api/v1/townships: the first page of all townships, with every county's count. */
    home: Latency;
    /** The home page (the counties with their counts when there are many townships). */
    homePage: Latency;
    /** /api/v1/townships?county=: one county's townships. */
    countyList: Latency;
  };
  rssMb: number;
}

const SEARCHES = ["防汛", "fxkh", "食品安全", "党员发展", "河湖长制", "森林草原防火"];

/** Townships per transaction in the bulk import (each a few large statements). */
const BULK_BATCH = 250;
/** Townships (at most) imported one by one at the end, as `lvzhi import` stores a single file. */
const SINGLE_IMPORTS = 10;

/**
 * Imports the derived townships in bulk (BULK_BATCH per transaction; the throughput figure), the last few
 * (a tenth, at most SINGLE_IMPORTS) one edition per transaction (the per-township latency figures).
 */
async function importAll(store: SqlDutyStore, base: EditionDraft, options: ScaleOptions, name: string) {
  const perTownship: number[] = [];
  let items = 0;
  let bulkItems = 0;
  let bulkMs = 0;
  const counties = new Set<string>();
  let middle: EditionDraft | undefined;
  let neighbour: EditionDraft | undefined;
  let batch: EditionDraft[] = [];
  const flush = async () => {
    const { ms } = await timed(() => store.saveEditions(batch, { sourceFile: "bench" }));
    bulkMs += ms;
    bulkItems += batch.reduce((n, d) => n + d.items.length, 0);
    batch = [];
    options.log(`  [${name}] 已批量导入 ${n} 个乡镇，${((bulkItems / bulkMs) * 1000).toFixed(0)} 项/秒`);
  };
  const inBulk =
    options.townships - Math.min(SINGLE_IMPORTS, Math.max(1, Math.floor(options.townships / 10)));
  let n = 0;
  for (const draft of deriveTownships(base, options.townships, {
    perCounty: options.perCounty,
    seed: options.seed,
  })) {
    items += draft.items.length;
    counties.add(draft.county);
    if (n === Math.floor(options.townships / 2)) middle = draft;
    else if (middle && !neighbour && draft.county === middle.county) neighbour = draft;
    n++;
    if (n <= inBulk) {
      batch.push(draft);
      if (batch.length === BULK_BATCH || n === inBulk) await flush();
    } else {
      const { ms } = await timed(() => store.saveEdition(draft, { sourceFile: "bench" }));
      perTownship.push(ms);
    }
  }
  return {
    items,
    counties: counties.size,
    middle: middle!,
    neighbour,
    stats: {
      seconds: bulkMs / 1000,
      itemsPerSecond: (bulkItems / bulkMs) * 1000,
      townshipP50: percentile(perTownship, 50),
      townshipP99: percentile(perTownship, 99),
    },
  };
}

/** Runs the whole bench on one backend. */
export async function runScale(
  backend: BenchBackend,
  base: EditionDraft,
  options: ScaleOptions,
): Promise<ScaleResult> {
  const store = options.store ?? (await openStore(backend.location));
  try {
    options.log(`[${backend.name}] 导入 ${options.townships} 个乡镇…`);
    const imported = await importAll(store, base, options, backend.name);
    const databaseMb = (await backend.size(store)) / 1e6;
    const target = imported.middle;
    const ref = `${target.county}/${target.township}`;

    options.log(`[${backend.name}] 核验索引与全县核验（${target.county}）…`);
    const cold = await coldIndexFigures(
      store,
      target,
      imported.neighbour ?? target,
      options.tasks[0] ?? "请各乡镇做好烟花爆竹安全监管工作",
      Math.max(3, Math.min(10, options.requests)),
    );

    options.log(`[${backend.name}] 任务核验（${ref}）…`);
    const loaded = await timed(() => store.getEdition(ref));
    const edition = loaded.value!;
    editionIndex(edition);
    const tasks = options.tasks;
    const engine = await latency(options.checks, (i) =>
      checkTask(editionIndex(edition), tasks[i % tasks.length]!),
    );
    const request = await latency(options.checks, async (i) => {
      await store.editionsVersion();
      return checkTask(editionIndex(edition), tasks[i % tasks.length]!);
    });

    options.log(`[${backend.name}] 页面与搜索…`);
    // No page cache: these figures are what rendering costs (`lvzhi bench serve` measures cached serving).
    const app = createApp({ store, pageCache: new PageCache(store, { maxBytes: 0 }) });
    const get = async (path: string) => {
      const res = await app.request(path);
      if (res.status !== 200) throw new Error(`${path} → ${res.status}`);
      await res.arrayBuffer();
    };
    const enc = encodeURIComponent;
    const search = await latency(options.requests, (i) =>
      get(`/api/v1/t/${enc(ref)}?q=${enc(SEARCHES[i % SEARCHES.length]!)}`),
    );
    const township = await latency(options.requests, () => get(`/t/${enc(ref)}`));
    const department = await latency(options.requests, () =>
      get(`/api/v1/departments/${enc("县水利局")}?county=${enc(target.county)}`),
    );
    const countyCold = await timed(() => get(`/api/v1/counties/${enc(target.county)}`));
    const county = await latency(options.requests, () => get(`/c/${enc(target.county)}`));
    const home = await latency(options.requests, () => get("/api/v1/townships"), 1);
    const homePage = await latency(options.requests, () => get("/"), 1);
    const countyList = await latency(
      options.requests,
      () => get(`/api/v1/townships?county=${enc(target.county)}`),
      1,
    );

    return {
      backend: backend.name,
      townships: options.townships,
      counties: imported.counties,
      items: imported.items,
      import: imported.stats,
      databaseMb,
      check: {
        loadEditionMs: loaded.ms,
        indexBuildMs: cold.firstBuildMs,
        indexMb: cold.indexMb,
        engine,
        request,
      },
      cold,
      pages: {
        search,
        township,
        department,
        countyColdMs: countyCold.ms,
        county,
        home,
        homePage,
        countyList,
      },
      rssMb: rssMb(),
    };
  } finally {
    await backend.cleanup(store);
  }
}

/** PostgreSQL bytes of every table and index in the store's schema (or public). */
export async function postgresSize(store: SqlDutyStore, schema = "public"): Promise<number> {
  const { rows } = await sql<{ bytes: string | null }>`
    select sum(pg_total_relation_size(c.oid))::text as bytes
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema} and c.relkind = 'r'`.execute(store.db);
  return Number(rows[0]?.bytes ?? 0);
}
