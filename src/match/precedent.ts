/**
 * Precedents (decisions remembered): a task's wording with the verdict and item a person decided for it.
 * The check consults them first — a task close enough to a precedent gets the precedent's answer — but a
 * precedent whose item the edition no longer has under the same name (removed, or moved by a later
 * edition) is set aside for review and never applied. Pure: precedents come in as values (the store loads
 * them).
 */
import { type Item, LIST_LABELS, type ListKind } from "../domain/edition.ts";
import type { Precedent } from "../domain/precedent.ts";
import { type CheckResult, VERDICT_LABELS } from "../domain/verdict.ts";
import { checkTask } from "./check.ts";
import type { ItemIndex } from "./item-index.ts";
import { keySimilarity, precedentKey } from "./precedent-text.ts";

export type { Precedent } from "../domain/precedent.ts";
export { keySimilarity, precedentKey } from "./precedent-text.ts";

/** What a result says about the precedent it came from. */
export interface PrecedentRef {
  id: number;
  text: string;
  decidedBy: string;
  decidedAt: string;
  similarity: number;
}

export type PrecedentCheck = CheckResult & { precedent?: PrecedentRef };

/**
 * How close (bigram Jaccard of the normalised wordings) a task must be to a precedent to take its answer.
 * Over the 300 dev cases no two different tasks reach 0.36 (the closest pair with different answers: 0.22),
 * while the same task reissued with other dates, counts and villages normalises to the same key (1.0) and a
 * light rewording stays above 0.7; 0.6 keeps a wide margin on both sides.
 */
export const PRECEDENT_THRESHOLD = 0.6;

/** Normalised wordings of precedents, kept across requests (precedents are reloaded per check). */
const KEYS = new Map<string, string>();
const KEYS_MAX = 20_000;

function keyOf(text: string): string {
  let key = KEYS.get(text);
  if (key === undefined) {
    if (KEYS.size >= KEYS_MAX) KEYS.clear();
    key = precedentKey(text);
    KEYS.set(text, key);
  }
  return key;
}

/** An edition's items, as deciding whether a precedent applies needs them: an ItemIndex is one. */
export interface EditionItems {
  readonly items: readonly { readonly item: Item }[];
}

/**
 * The items of an edition's draft without its match index: listing precedents set aside needs only the
 * items, and building the index of every township of a county takes seconds on a cold server.
 */
export function editionItems(draft: { readonly items: readonly Item[] }): EditionItems {
  return { items: draft.items.map((item) => ({ item })) };
}

/** Whether the edition still has the precedent's item, under the same list, number and name. */
export function precedentApplies(index: EditionItems, precedent: Precedent): boolean {
  const wanted = precedent.item;
  if (!wanted) return true;
  const found = index.items.find((i) => i.item.list === wanted.list && i.item.number === wanted.number);
  return found !== undefined && found.item.name === wanted.name;
}

/** Why a precedent is set aside for an edition: its item's place is gone, holds another item, or it moved. */
export interface SetAsideReason {
  /** removed: neither the place nor the name is in the edition; moved: the name is at another place;
   *  replaced: the place holds another item and the name is nowhere. */
  kind: "removed" | "moved" | "replaced";
  /** Where the item's name is now (moved). */
  movedTo?: { list: ListKind; number: number };
  /** The name now at the precedent's place (moved, replaced). */
  nowThere?: string;
  /** The reason in words, for the review page. */
  text: string;
}

/** Why the edition sets the precedent aside, or null when it applies. */
export function setAsideReason(index: EditionItems, precedent: Precedent): SetAsideReason | null {
  const wanted = precedent.item;
  if (!wanted || precedentApplies(index, precedent)) return null;
  const place = `${LIST_LABELS[wanted.list]}第${wanted.number}项`;
  const there = index.items.find((i) => i.item.list === wanted.list && i.item.number === wanted.number)?.item;
  const named = index.items.find((i) => i.item.name === wanted.name)?.item;
  if (named) {
    const movedTo = { list: named.list, number: named.number };
    const now = there ? `，原位置现为“${there.name}”` : "";
    return {
      kind: "moved",
      movedTo,
      ...(there ? { nowThere: there.name } : {}),
      text: `事项“${wanted.name}”已调整为${LIST_LABELS[named.list]}第${named.number}项${now}`,
    };
  }
  if (there)
    return {
      kind: "replaced",
      nowThere: there.name,
      text: `${place}现为“${there.name}”，原事项“${wanted.name}”已不在清单中`,
    };
  return { kind: "removed", text: `${place}“${wanted.name}”已从清单中删除` };
}

/** Precedents set aside for this edition: their item was removed or moved. */
export function setAsidePrecedents(index: EditionItems, precedents: readonly Precedent[]): Precedent[] {
  return precedents.filter((p) => !precedentApplies(index, p));
}

/**
 * The closest applicable precedent at or above the threshold, with its similarity; on a tie the later one
 * (precedents come oldest first), so a correction overrides an earlier decision on the same wording.
 */
export function closestPrecedent(
  index: ItemIndex,
  text: string,
  precedents: readonly Precedent[],
): { precedent: Precedent; similarity: number } | null {
  if (precedents.length === 0) return null;
  const key = precedentKey(text);
  let best: { precedent: Precedent; similarity: number } | null = null;
  for (const precedent of precedents) {
    const similarity = keySimilarity(key, keyOf(precedent.text));
    if (
      similarity >= PRECEDENT_THRESHOLD &&
      similarity >= (best?.similarity ?? 0) &&
      precedentApplies(index, precedent)
    )
      best = { precedent, similarity };
  }
  return best;
}

/** How the evidence names the decided answer: 配合履职事项第18项“…” or 清单外事项（需职责准入）. */
function decidedAs(p: Precedent): string {
  return p.item
    ? `${LIST_LABELS[p.item.list]}第${p.item.number}项“${p.item.name}”`
    : VERDICT_LABELS[p.verdict];
}

/**
 * The task check, precedents first: a task close to an applicable precedent gets the precedent's verdict
 * and item (with the item's departments, steps or takeover from the edition) and says so in its reason;
 * otherwise the engine's answer. `heading` is the heading the task stands under in a notice, if any.
 */
export function checkWithPrecedents(
  index: ItemIndex,
  text: string,
  precedents: readonly Precedent[],
  heading?: string,
): PrecedentCheck {
  // Under a heading (一、安全生产 over its sub-points) the engine reads the task with its heading, as it
  // reads a heading joined to its body; precedents are matched on the task's own wording.
  const engine = checkTask(index, heading ? `${heading}：${text}` : text);
  const hit = closestPrecedent(index, text, precedents);
  if (!hit) return engine;
  const { precedent, similarity } = hit;
  const found = precedent.item
    ? index.items.find((i) => i.item.list === precedent.item?.list && i.item.number === precedent.item.number)
        ?.item
    : undefined;
  const result: PrecedentCheck = {
    verdict: precedent.verdict,
    confidence: Math.max(engine.confidence, Math.round(similarity * 100) / 100),
    // A person decided this task's like: the answer stands without another review.
    needs_review: false,
    item: found ? { list: found.list, number: found.number, name: found.name } : null,
    alternatives: engine.alternatives.filter(
      (a) => !(found && a.list === found.list && a.number === found.number),
    ),
    evidence:
      engine.item && found && engine.item.number === found.number && engine.item.list === found.list
        ? engine.evidence
        : [],
    reason: `同类任务已于 ${precedent.decidedAt.slice(0, 10)} 认定为${decidedAs(precedent)}（${precedent.decidedBy}）。`,
    precedent: {
      id: precedent.id,
      text: precedent.text,
      decidedBy: precedent.decidedBy,
      decidedAt: precedent.decidedAt,
      similarity: Math.round(similarity * 100) / 100,
    },
  };
  if (found?.list === "cooperative") {
    result.leadDepartments = found.leadDepartments;
    result.townshipSteps =
      engine.item?.list === "cooperative" && engine.item.number === found.number
        ? engine.townshipSteps
        : found.townshipDuties.flatMap((b) => b.steps);
  } else if (found?.list === "reclaimed") {
    const { departments, none, workMethod } = found.takeover;
    result.takeover = { departments, none, workMethod };
  }
  return result;
}
