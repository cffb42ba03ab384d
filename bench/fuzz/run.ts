/**
 * The fuzz loop: mutated documents go through the importer and, when read, into a SQLite store, as
 * `lvzhi import` does. Each input must either import or be refused with a DocumentError (or, at the
 * store, EditionExistsError); a refusal must leave every table's row count as it was. Anything else is
 * a failure, reported with the run seed and input number that rebuild it.
 */
import type { Kysely } from "kysely";
import { DocumentError } from "../../src/domain/problem.ts";
import { assertImportable, readDocument } from "../../src/ingest/index.ts";
import { EditionExistsError, openStore, type SqlDutyStore } from "../../src/store/index.ts";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { type Mutated, mutate, Rng } from "./mutate.ts";
import { buildSeeds, type Seed } from "./seeds.ts";

export interface FuzzOptions {
  /** Run seed: the same seed gives the same inputs. */
  seed: number;
  /** Stop after this many inputs… */
  count?: number;
  /** …or after this many seconds, whichever comes first. */
  seconds?: number;
  /** Run only input number `only` (to reproduce a failure). */
  only?: number;
  /** Called for each failure as it happens. */
  onFailure?: (failure: FuzzFailure) => void;
  /** Called after every 500th input, with the report so far. */
  onProgress?: (report: FuzzReport) => void;
}

export interface FuzzFailure {
  index: number;
  seed: string;
  steps: string[];
  what: "exception" | "partial-write";
  message: string;
  bytes: Uint8Array;
}

export interface KindStats {
  tried: number;
  /** Time spent on these inputs, in milliseconds. */
  ms: number;
  imported: number;
  refused: number;
  failures: number;
}

export interface FuzzReport {
  seed: number;
  tried: number;
  imported: number;
  refused: number;
  failures: FuzzFailure[];
  /** Per seed file (cele.docx, small.txt …) and per first mutation (byte-flip, text-repeat(word/document.xml) …). */
  bySeed: Record<string, KindStats>;
  byMutation: Record<string, KindStats>;
  slowest: { index: number; ms: number; seed: string; steps: string[] };
  seconds: number;
}

// The fuzzer counts rows itself (the store has no such query): every table an import writes.
const TABLES = [
  "counties",
  "townships",
  "editions",
  "items",
  "departments",
  "item_departments",
  "audit_log",
] as const;

async function rowCounts(store: SqlDutyStore): Promise<string> {
  const db = workflowDb(store.db) as unknown as Kysely<Record<string, object>>;
  const counts: number[] = [];
  for (const table of TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    counts.push(Number(row.n));
  }
  return counts.join(",");
}

/**
 * The seed an input starts from: the small seeds (read in tens of milliseconds) ten times as often as the
 * Cele ones (read in about a second).
 */
function pickSeed(seeds: readonly Seed[], rng: Rng): Seed {
  const weighted = seeds.flatMap((s) => (s.name.startsWith("small") ? Array<Seed>(10).fill(s) : [s]));
  return rng.pick(weighted);
}

/** Input `index` of run `seed`, rebuilt the same every time. */
export async function inputOf(
  seeds: readonly Seed[],
  seed: number,
  index: number,
): Promise<Mutated & { seed: Seed }> {
  const rng = new Rng(Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b));
  const from = pickSeed(seeds, rng);
  return { ...(await mutate(from, rng)), seed: from };
}

type Outcome = "imported" | "refused";

/** Reads and imports one input; throws a FuzzFailure-shaped error for anything unexpected. */
async function tryInput(
  store: SqlDutyStore,
  name: string,
  bytes: Uint8Array,
  replace: boolean,
): Promise<Outcome> {
  const before = await rowCounts(store);
  const refusedIntact = async (): Promise<Outcome> => {
    const after = await rowCounts(store);
    if (after !== before)
      throw Object.assign(new Error(`row counts ${before} → ${after}`), { partial: true });
    return "refused";
  };
  let read: Awaited<ReturnType<typeof readDocument>>;
  try {
    read = await readDocument(bytes, name);
    assertImportable(read, name);
  } catch (error) {
    // A wrapped parser error is still a DocumentError to the user, but no rule foresaw it: a failure here.
    if (error instanceof DocumentError && error.unexpected === undefined) return refusedIntact();
    throw error instanceof DocumentError ? error.unexpected : error;
  }
  try {
    await importEdition(store, read.draft, "fuzz", {
      status: "draft",
      replace,
      sourceFile: name,
      warnings: read.problems,
    });
    return "imported";
  } catch (error) {
    if (error instanceof EditionExistsError) return refusedIntact();
    throw error;
  }
}

function add(stats: Record<string, KindStats>, key: string, outcome: Outcome | "failure", ms: number): void {
  const s = stats[key] ?? { tried: 0, ms: 0, imported: 0, refused: 0, failures: 0 };
  stats[key] = s;
  s.tried++;
  s.ms += ms;
  if (outcome === "imported") s.imported++;
  else if (outcome === "refused") s.refused++;
  else s.failures++;
}

/** Runs the fuzzer; resolves with the report (failures included, never thrown). */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const seeds = await buildSeeds();
  const store = await openStore({ path: ":memory:" });
  const started = performance.now();
  const report: FuzzReport = {
    seed: options.seed,
    tried: 0,
    imported: 0,
    refused: 0,
    failures: [],
    bySeed: {},
    byMutation: {},
    slowest: { index: -1, ms: 0, seed: "", steps: [] },
    seconds: 0,
  };
  const deadline = options.seconds === undefined ? Infinity : started + options.seconds * 1000;
  const count = options.count ?? Infinity;
  try {
    for (let index = options.only ?? 0; report.tried < count && performance.now() < deadline; index++) {
      const input = await inputOf(seeds, options.seed, index);
      const t0 = performance.now();
      let outcome: Outcome | "failure";
      try {
        outcome = await tryInput(store, input.seed.name, input.bytes, index % 2 === 0);
      } catch (error) {
        outcome = "failure";
        const failure: FuzzFailure = {
          index,
          seed: input.seed.name,
          steps: input.steps,
          what: (error as { partial?: boolean }).partial ? "partial-write" : "exception",
          message: error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 500) : String(error),
          bytes: input.bytes,
        };
        report.failures.push(failure);
        options.onFailure?.(failure);
      }
      const ms = performance.now() - t0;
      if (ms > report.slowest.ms) report.slowest = { index, ms, seed: input.seed.name, steps: input.steps };
      report.tried++;
      if (outcome === "imported") report.imported++;
      if (outcome === "refused") report.refused++;
      add(report.bySeed, input.seed.name, outcome, ms);
      add(report.byMutation, input.steps[0]!.replace(/\(.*$/, ""), outcome, ms);
      if (report.tried % 500 === 0)
        options.onProgress?.({ ...report, seconds: (performance.now() - started) / 1000 });
      if (options.only !== undefined) break;
    }
  } finally {
    await store.close();
  }
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
