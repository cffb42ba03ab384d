/**
 * The task check's public surface. Everything else in src/match is internal.
 *
 *   const index = indexFor(edition.id, edition.draft);   // built once per edition, cached
 *   checkTask(index, "请各乡镇完成辖区自建房安全隐患排查");  // one task → CheckResult
 *   checkText(index, noticeText);                         // a sentence or a whole notice → tasks
 */
import { LRUCache } from "lru-cache";
import type { EditionDraft } from "../domain/edition.ts";
import type { CheckResult } from "../domain/verdict.ts";
import { buildIndex, type ItemIndex } from "./item-index.ts";
import { type NoticeTask, splitNotice } from "./notice.ts";
import { checkWithPrecedents, type Precedent, type PrecedentRef } from "./precedent.ts";

export { type Answer, answerTask, checkTask, choose, decide, MAX_TASK_CHARS } from "./check.ts";
export {
  CONFIDENCE_FEATURES,
  CONFIDENCE_LEVEL_LABELS,
  CONFIDENCE_MODEL,
  CONFIDENCE_MODEL_FILE,
  type ConfidenceFeature,
  type ConfidenceLevel,
  type ConfidenceModel,
  confidenceFeatures,
  confidenceLevel,
  confidenceOf,
  REVIEW_PRECISION,
} from "./confidence.ts";
export { buildIndex, type ItemIndex } from "./item-index.ts";
export {
  FEATURE_NAMES,
  FEATURE_SIGNS,
  LISTED_MODEL,
  LISTED_MODEL_FILE,
  type ListedModel,
  listedFeatures,
  listedProbability,
} from "./listed.ts";
export { canonicalizeDepartments, maskNoise, normalizeText } from "./normalize.ts";
export { type NoticeTask, splitNotice } from "./notice.ts";
export {
  checkWithPrecedents,
  closestPrecedent,
  type EditionItems,
  editionItems,
  PRECEDENT_THRESHOLD,
  type Precedent,
  type PrecedentCheck,
  type PrecedentRef,
  precedentApplies,
  precedentKey,
  type SetAsideReason,
  setAsidePrecedents,
  setAsideReason,
} from "./precedent.ts";
export { prepareTask } from "./prepare.ts";
export { rank } from "./rank.ts";
export { createSegmenter, matchesInitials, pinyinInitials, type Segmenter } from "./segment.ts";

/** Longest text a check accepts (a long notice is ~20 000 characters). */
export const MAX_TEXT_CHARS = 200_000;

/**
 * Megabytes of check indexes kept per process (README, 省级部署): LVZHI_INDEX_CACHE_MB, default 512. An
 * index of a 250-item edition takes ~2 MB (its items' analyses are shared with the editions holding the
 * same items; each is charged to the index that made it).
 */
export const INDEX_CACHE_MB =
  Number(process.env.LVZHI_INDEX_CACHE_MB) > 0 ? Number(process.env.LVZHI_INDEX_CACHE_MB) : 512;

/** Indexes by key, the least recently used dropped when their bytes (ItemIndex.bytes) pass `maxBytes`. */
export class IndexCache {
  private readonly cache: LRUCache<string, ItemIndex>;
  constructor(maxBytes: number) {
    this.cache = new LRUCache({
      maxSize: Math.max(1, maxBytes),
      sizeCalculation: (index) => Math.max(1, index.bytes),
    });
  }
  /** The index of `key`, built from `draft` on first use (an index larger than the bound is not kept). */
  get(key: string, draft: EditionDraft): ItemIndex {
    let index = this.cache.get(key);
    if (!index) {
      index = buildIndex(draft);
      this.cache.set(key, index);
    }
    return index;
  }
  /** How many indexes are kept. */
  get size(): number {
    return this.cache.size;
  }
  /** Bytes of the indexes kept. */
  get bytes(): number {
    return this.cache.calculatedSize;
  }
}

const cache = new IndexCache(INDEX_CACHE_MB * 1e6);

/**
 * The index of an edition, built on first use and kept for the next checks (least recently used dropped).
 * `key` must change when the edition's items change; for stored editions use editionIndex.
 */
export function indexFor(key: string | number, draft: EditionDraft): ItemIndex {
  return cache.get(String(key), draft);
}

/** The index of a stored edition: keyed by id and import time, so a replaced edition is indexed anew. */
export function editionIndex(edition: { id: number; importedAt: string; draft: EditionDraft }): ItemIndex {
  return indexFor(`edition:${edition.id}@${edition.importedAt}`, edition.draft);
}

/** How many indexes the process holds now. */
export function cachedIndexes(): number {
  return cache.size;
}

/** Bytes of the indexes the process holds now (bounded by LVZHI_INDEX_CACHE_MB). */
export function cachedIndexBytes(): number {
  return cache.bytes;
}

export type TaskCheck = NoticeTask & CheckResult & { precedent?: PrecedentRef };

export interface TextCheck {
  tasks: TaskCheck[];
  /** Set when the text could not be checked as given (empty, too long, no Chinese). */
  notice?: string;
}

/**
 * Notices split lately, by text: a county-wide check runs the same text against every township's index
 * (a hundred of them), and splitting it took a fifteenth of the check each time. The tasks are shared:
 * read only.
 */
const splits = new LRUCache<string, readonly NoticeTask[]>({ max: 8 });

function tasksOf(body: string): readonly NoticeTask[] {
  let tasks = splits.get(body);
  if (!tasks) {
    tasks = splitNotice(body);
    splits.set(body, tasks);
  }
  return tasks;
}

/**
 * Checks a sentence or a whole notice: splits it into tasks (see splitNotice) and checks each, the
 * county's precedents first (see checkWithPrecedents). Never throws on odd input: empty text gives no tasks and a notice saying why; text past
 * MAX_TEXT_CHARS is checked up to that length and says so.
 */
export function checkText(index: ItemIndex, text: string, precedents: readonly Precedent[] = []): TextCheck {
  const tooLong = text.length > MAX_TEXT_CHARS;
  const body = tooLong ? text.slice(0, MAX_TEXT_CHARS) : text;
  if (!body.trim()) return { tasks: [], notice: "文本为空：请粘贴任务或通知全文" };
  const tasks = tasksOf(body).map((t) => ({
    ...t,
    ...checkWithPrecedents(index, t.text, precedents, t.heading),
  }));
  const notes: string[] = [];
  if (tooLong) notes.push(`文本超过 ${MAX_TEXT_CHARS} 字，只核验了前 ${MAX_TEXT_CHARS} 字`);
  if (!/[\u3400-\u9fff]/.test(body)) notes.push("文本中没有中文内容，无法与清单事项对应");
  return notes.length ? { tasks, notice: notes.join("；") } : { tasks };
}
