/**
 * Answers already given, kept for the next identical check. A county department sends one notice to
 * every township, and the township's clerk, the department and the county office each check it: the
 * same text against the same edition and the same precedents gives the same answer, so it is worked out
 * once. The key is the edition's index key (id and import time: a replaced edition is a new key) and the
 * text and the precedent list the answer used: the precedent cache hands out a new list when a precedent
 * is added, so a new precedent can never be hidden behind an old answer (answers under the old list
 * are simply no longer asked for and age out).
 *
 * Answers are shared between requests: they are deep-frozen when kept, so a caller that tried to change
 * one would fail loudly instead of changing another visitor's answer.
 */
import { LRUCache } from "lru-cache";
import type { Precedent } from "../domain/precedent.ts";
import type { TextCheck } from "../match/index.ts";

/** Memory for kept answers: LVZHI_CHECK_CACHE_MB (default 32; 0 keeps none). */
function budgetBytes(): number {
  const mb = Number(process.env.LVZHI_CHECK_CACHE_MB ?? 32);
  return Number.isFinite(mb) && mb >= 0 ? mb * 1024 * 1024 : 32 * 1024 * 1024;
}

/**
 * Rough bytes of a kept answer: the text twice (key and tasks' text, UTF-16) plus a task's evidence,
 * candidates and steps (measured ≈ 1–2 KB serialised; 3 KB leaves room for the objects around them).
 */
const sizeOf = (text: string, check: TextCheck) => 4 * text.length + 3072 * Math.max(1, check.tasks.length);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export class CheckResults {
  /** A number per precedent list seen; 0 for an empty list (each call may pass a new empty array). */
  private readonly listIds = new WeakMap<readonly Precedent[], number>();
  private nextListId = 1;
  private readonly kept: LRUCache<string, TextCheck> | null;
  private readonly maxSize: number;
  /** Answers worked out (misses), for tests and the bench. */
  computed = 0;

  constructor(maxBytes = budgetBytes()) {
    this.maxSize = maxBytes;
    this.kept =
      maxBytes > 0
        ? new LRUCache<string, TextCheck>({
            maxSize: maxBytes,
            sizeCalculation: (check, key) => sizeOf(key, check),
          })
        : null;
  }

  private listId(precedents: readonly Precedent[]): number {
    if (!precedents.length) return 0;
    let id = this.listIds.get(precedents);
    if (id === undefined) {
      id = this.nextListId++;
      this.listIds.set(precedents, id);
    }
    return id;
  }

  /**
   * The answer for `text` against the edition whose index key is `editionKey` with `precedents`,
   * computed by `compute` when not kept. Failures are not kept.
   */
  async answer(
    editionKey: string,
    text: string,
    precedents: readonly Precedent[],
    compute: () => TextCheck | Promise<TextCheck>,
  ): Promise<TextCheck> {
    const kept = this.kept;
    if (!kept) {
      this.computed++;
      return compute();
    }
    const key = `${this.listId(precedents)}\u0000${editionKey}\u0000${text}`;
    const hit = kept.get(key);
    if (hit) return hit;
    this.computed++;
    const check = deepFreeze(await compute());
    // An answer larger than the whole budget is given but not kept (lru-cache would refuse it anyway).
    if (sizeOf(key, check) <= this.maxSize) kept.set(key, check);
    return check;
  }
}
