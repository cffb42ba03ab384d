/**
 * Scoring a query against an item index. A query is a set of groups, one per task word: the word
 * itself, the thesaurus concepts it carries, its sub-words, its bigrams, its characters, its
 * abbreviation expansions. An item scores the best alternative of each group, not their sum, so a word
 * matched exactly (which also matches its sub-words and bigrams) does not count three times over a
 * word matched through a concept. Terms outside any word (bigrams across words, departments) form
 * groups of their own. The head (name, category, departments) and each passage (one step) are scored
 * that way; an item scores its head plus its best passage and a little of the second.
 */
import type { Field, ItemIndex, Postings } from "./item-index.ts";
import { MATCH_PARAMS } from "./params.ts";

const { passageBest, passageRest } = MATCH_PARAMS.index;

/** Every term of a query with its weight (for evidence and step selection). */
export type Query = Map<string, number>;

/** One alternative way of matching a task word: terms whose impacts add up. */
export type Alternative = readonly (readonly [term: string, weight: number])[];

/** Alternatives for one task word; an item scores the best one. */
export type QueryGroup = readonly Alternative[];

export interface TermMatch {
  term: string;
  /** The field where this term contributed most to the item's score. */
  field: Field;
  contribution: number;
  /** What the term contributed through the item's name. */
  name: number;
}

export interface ItemScore {
  doc: number;
  score: number;
}

interface Scratch {
  total: Float64Array;
  best: Float64Array;
  alt: Float64Array;
}

/** Scratch arrays reused across checks of one index (checks run one at a time), per item and per passage. */
const itemScratch = new WeakMap<ItemIndex, Scratch>();
const passageScratch = new WeakMap<ItemIndex, Scratch>();

function scratchOf(cache: WeakMap<ItemIndex, Scratch>, index: ItemIndex, size: number): Scratch {
  let s = cache.get(index);
  if (!s) {
    s = { total: new Float64Array(size), best: new Float64Array(size), alt: new Float64Array(size) };
    cache.set(index, s);
  }
  return s;
}

/** Group-max accumulation of one kind of postings into `total` (ids are items or passages). */
function accumulate(postings: Postings, groups: readonly QueryGroup[], s: Scratch, touched: number[]): void {
  const { total, best, alt } = s;
  const groupDocs: number[] = [];
  const altDocs: number[] = [];
  for (const group of groups) {
    for (const alternative of group) {
      for (const [term, weight] of alternative) {
        const posting = postings.get(term);
        if (!posting) continue;
        const { docs, impacts } = posting;
        for (let i = 0; i < docs.length; i++) {
          const doc = docs[i]!;
          if (alt[doc] === 0) altDocs.push(doc);
          alt[doc] = alt[doc]! + weight * impacts[i]!;
        }
      }
      for (const doc of altDocs) {
        const value = alt[doc]!;
        alt[doc] = 0;
        if (value > best[doc]!) {
          if (best[doc] === 0) groupDocs.push(doc);
          best[doc] = value;
        }
      }
      altDocs.length = 0;
    }
    for (const doc of groupDocs) {
      if (total[doc] === 0) touched.push(doc);
      total[doc] = total[doc]! + best[doc]!;
      best[doc] = 0;
    }
    groupDocs.length = 0;
  }
}

/**
 * Scores every item: its head (name, category, departments) plus its best-matching passage and a
 * little of the second, each passage scored as a whole — a task restates one step, so words matched
 * in five different steps do not add up as if one step said them all.
 */
export function scoreAll(index: ItemIndex, groups: readonly QueryGroup[]): ItemScore[] {
  const h = scratchOf(itemScratch, index, index.items.length);
  const p = scratchOf(passageScratch, index, index.passages.length);
  const docs: number[] = [];
  accumulate(index.headPostings, groups, h, docs);
  const passages: number[] = [];
  accumulate(index.passagePostings, groups, p, passages);
  const first = new Map<number, number>();
  const second = new Map<number, number>();
  for (const id of passages) {
    const doc = index.passages[id]!.doc;
    const v = p.total[id]!;
    p.total[id] = 0;
    const b = first.get(doc) ?? 0;
    if (v > b) {
      second.set(doc, b);
      first.set(doc, v);
    } else if (v > (second.get(doc) ?? 0)) second.set(doc, v);
  }
  const seen = new Set(docs);
  for (const doc of first.keys()) if (!seen.has(doc)) docs.push(doc);
  const out = docs.map((doc) => ({
    doc,
    score: h.total[doc]! + passageBest * (first.get(doc) ?? 0) + passageRest * (second.get(doc) ?? 0),
  }));
  for (const doc of docs) h.total[doc] = 0;
  return out.sort((a, b) => b.score - a.score || a.doc - b.doc);
}

/** One item's score for the query, counting only the part each term earns through `part`. */
export function itemScore(
  index: ItemIndex,
  doc: number,
  groups: readonly QueryGroup[],
  part: "total" | "name",
): number {
  const impacts = index.items[doc]!.impacts;
  let score = 0;
  for (const group of groups) {
    let best = 0;
    for (const alternative of group) {
      let value = 0;
      for (const [term, weight] of alternative) value += weight * (impacts.get(term)?.[part] ?? 0);
      if (value > best) best = value;
    }
    score += best;
  }
  return score;
}

/** What each query term contributed to one item, and in which field. */
export function matchesOf(index: ItemIndex, doc: number, query: Query): TermMatch[] {
  const impacts = index.items[doc]!.impacts;
  const out: TermMatch[] = [];
  for (const [term, weight] of query) {
    const hit = impacts.get(term);
    if (hit) out.push({ term, field: hit.field, contribution: weight * hit.total, name: weight * hit.name });
  }
  return out;
}
