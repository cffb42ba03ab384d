/**
 * The cold-index figures of the scale bench: a township's check index built first in the process (jieba's
 * dictionary read too) and then another of the same county (its items' analyses mostly shared), the memory
 * one index keeps, and a county-wide check over every township of a county — cold (no index of the county
 * built yet) and warm (all cached).
 */
import { checkCounty } from "../county/check.ts";
import type { EditionDraft } from "../domain/edition.ts";
import { buildIndex, type ItemIndex } from "../match/index.ts";
import type { DutyStore } from "../store/types.ts";
import { type Latency, latency, timed } from "./measure.ts";

export interface ColdIndexFigures {
  /** The first index built in the process (reads jieba's dictionary). */
  firstBuildMs: number;
  /** Another township of the same county, built next. */
  nextBuildMs: number;
  /** Heap and typed arrays one index keeps (MB; after a collection when run with --expose-gc). */
  indexMb: number;
  /** What the index reckons it holds (ItemIndex.bytes), for the cache's bound (MB). */
  indexEstimateMb: number;
  county: { townships: number; coldMs: number; warm: Latency };
}

/** Heap plus array buffers in use after a collection (when --expose-gc), MB. */
async function memoryMb(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3 && gc; i++) {
    gc();
    // Array buffers of collected arrays are released after the collection.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 1e6;
}

/**
 * Measures the cold-index figures on `first` and `next` (two townships of `county`, not yet indexed in
 * this process) and the county-wide check of `task` over the county's stored townships.
 */
export async function coldIndexFigures(
  store: DutyStore,
  first: EditionDraft,
  next: EditionDraft,
  task: string,
  runs: number,
): Promise<ColdIndexFigures> {
  const firstBuild = await timed(() => buildIndex(first));
  const before = await memoryMb();
  const nextBuild = await timed(() => buildIndex(next));
  const kept: ItemIndex = nextBuild.value;
  const indexMb = (await memoryMb()) - before;
  void firstBuild.value;
  const cold = await timed(() => checkCounty(store, next.county, task));
  const warm = await latency(runs, () => checkCounty(store, next.county, task), 1);
  return {
    firstBuildMs: firstBuild.ms,
    nextBuildMs: nextBuild.ms,
    indexMb,
    indexEstimateMb: kept.bytes / 1e6,
    county: { townships: cold.value.townships.length, coldMs: cold.ms, warm },
  };
}
