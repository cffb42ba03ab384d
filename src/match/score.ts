/**
 * Scoring a query against an item index. A query is a set of groups, one per task word: the word
 * itself, the thesaurus concepts it carries, its sub-words, its bigrams, its characters, its
 * abbreviation expansions. An item scores the best alternative of each group, not their sum, so a word
 * matched exactly (which also matches its sub-words and bigrams) does not count three times over a
 * word matched through a concept. Terms outside any word (bigrams across words, departments) form
 * groups of their own. The head (name, category, departments) and each passage (one step) are scored
 * that way; an item scores its head plus its best passage and a little of the second.
 */
import type { Field, ItemIndex, Postings, TermImpact } from "./item-index.ts";
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

/**
 * What each group of a query gave, per item head and per passage: entries [starts[g], starts[g + 1])
 * of `ids` (items or passages) and `values` belong to group g.
 */
interface GroupShares {
  starts: number[];
  ids: number[];
  values: number[];
  /** Per id: the sum over all groups. */
  total: Float64Array;
  /** Ids with a non-zero total, in the order first touched. */
  touched: number[];
}

/** Per-kind scratch reused across checks of one index (checks run one at a time). */
type Pair = [best: Float64Array, alt: Float64Array];

/** Scratch of ScoreSheet: each item's score without a group, and each passage's loss. */
interface Without {
  /** Per item, a mark (items seen while building the sheet, items changed without a group); 0 between uses. */
  marks: Uint8Array;
  score: Float64Array;
  passageLoss: Float64Array;
}

interface Scratch {
  items: Pair;
  passages: Pair;
  without: Without;
}
const scratch = new WeakMap<ItemIndex, Scratch>();

function scratchOf(index: ItemIndex): Scratch {
  let s = scratch.get(index);
  if (!s) {
    const pair = (n: number): Pair => [new Float64Array(n), new Float64Array(n)];
    const items = index.items.length;
    s = {
      items: pair(items),
      passages: pair(index.passages.length),
      without: {
        marks: new Uint8Array(items),
        score: new Float64Array(items),
        passageLoss: new Float64Array(index.passages.length),
      },
    };
    scratch.set(index, s);
  }
  return s;
}

/** Group-max accumulation of one kind of postings, keeping what each group gave each id. */
function accumulate(
  postings: Postings,
  groups: readonly QueryGroup[],
  size: number,
  [best, alt]: Pair,
): GroupShares {
  const shares: GroupShares = { starts: [], ids: [], values: [], total: new Float64Array(size), touched: [] };
  const { ids, values, total, touched } = shares;
  const groupDocs: number[] = [];
  const altDocs: number[] = [];
  for (const group of groups) {
    shares.starts.push(ids.length);
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
      ids.push(doc);
      values.push(best[doc]!);
      best[doc] = 0;
    }
    groupDocs.length = 0;
  }
  shares.starts.push(ids.length);
  return shares;
}

/**
 * Every item's score for a query — its head (name, category, departments) plus its best-matching
 * passage and a little of the second, each passage scored as a whole: a task restates one step, so
 * words matched in five different steps do not add up as if one step said them all — kept with what
 * each group gave, so that the scores without one group (one task word) come without scoring again.
 */
export class ScoreSheet {
  private readonly head: GroupShares;
  private readonly passage: GroupShares;
  /** Items touched through the head, then those touched through a passage only. */
  private readonly docs: number[];
  /** Per item: its whole score, and its passages' part (best and a little of the second). */
  private readonly score: Float64Array;
  private readonly passagePart: Float64Array;
  private readonly passages: ItemIndex["passages"];
  private readonly items: ItemIndex["items"];
  private readonly without: Without;

  constructor(index: ItemIndex, groups: readonly QueryGroup[]) {
    this.passages = index.passages;
    this.items = index.items;
    const s = scratchOf(index);
    this.without = s.without;
    this.head = accumulate(index.headPostings, groups, index.items.length, s.items);
    this.passage = accumulate(index.passagePostings, groups, index.passages.length, s.passages);
    const seen = s.without.marks;
    this.docs = [...this.head.touched];
    for (const doc of this.docs) seen[doc] = 1;
    for (const id of this.passage.touched) {
      const doc = index.passages[id]!.doc;
      if (seen[doc]) continue;
      seen[doc] = 1;
      this.docs.push(doc);
    }
    for (const doc of this.docs) seen[doc] = 0;
    this.score = new Float64Array(index.items.length);
    this.passagePart = new Float64Array(index.items.length);
    const total = this.passage.total;
    for (const doc of this.docs) {
      const part = this.passagePartOf(doc, (id) => total[id]!);
      this.passagePart[doc] = part;
      this.score[doc] = this.head.total[doc]! + part;
    }
  }

  /** An item's passage part by `value` of its passages (an untouched passage's value is 0: no part). */
  private passagePartOf(doc: number, value: (id: number) => number): number {
    let first = 0;
    let second = 0;
    for (const id of this.items[doc]!.passageIds) {
      const v = value(id);
      if (v > first) {
        second = first;
        first = v;
      } else if (v > second) second = v;
    }
    return passageBest * first + passageRest * second;
  }

  /** Whether group `g` gave item `doc` anything (through its head or a passage). */
  reaches(g: number, doc: number): boolean {
    const { head, passage } = this;
    for (let i = head.starts[g]!; i < head.starts[g + 1]!; i++) if (head.ids[i] === doc) return true;
    for (let i = passage.starts[g]!; i < passage.starts[g + 1]!; i++) {
      if (this.passages[passage.ids[i]!]!.doc === doc) return true;
    }
    return false;
  }

  /** Calls `visit` with every touched item and its score (in no particular order). */
  forEach(visit: (doc: number, score: number) => void): void {
    for (const doc of this.docs) visit(doc, this.score[doc]!);
  }

  /**
   * The same as if group `g` were not in the query: only the items the group reached are worked out
   * again, the others keep their score.
   */
  forEachWithout(g: number, visit: (doc: number, score: number) => void): void {
    const { head, passage } = this;
    // Scratch arrays, not maps: this runs once per task word, over every touched item. An item's mark:
    // 1 = its head lost the group's share, 2 = its passage part is worked out again too.
    const { marks: changed, score, passageLoss } = this.without;
    const reached: number[] = [];
    for (let i = head.starts[g]!; i < head.starts[g + 1]!; i++) {
      const doc = head.ids[i]!;
      score[doc] = this.score[doc]! - head.values[i]!;
      changed[doc] = 1;
    }
    for (let i = passage.starts[g]!; i < passage.starts[g + 1]!; i++) {
      const id = passage.ids[i]!;
      passageLoss[id] = passage.values[i]!;
      reached.push(this.passages[id]!.doc);
    }
    for (const doc of reached) {
      if (changed[doc] === 2) continue;
      const part = this.passagePartOf(doc, (id) => passage.total[id]! - passageLoss[id]!);
      const before = changed[doc] ? score[doc]! : this.score[doc]!;
      score[doc] = before - this.passagePart[doc]! + part;
      changed[doc] = 2;
    }
    for (const doc of this.docs) {
      const left = changed[doc] ? score[doc]! : this.score[doc]!;
      changed[doc] = 0;
      // What is left of an item only the dropped group reached is rounding.
      if (left > 1e-9) visit(doc, left);
    }
    for (let i = passage.starts[g]!; i < passage.starts[g + 1]!; i++) passageLoss[passage.ids[i]!] = 0;
  }
}

/** A term of a task's query that an item holds, with its impact there. */
type Hit = readonly [term: string, impact: TermImpact];

/**
 * The items' hits of one task's query, each item's looked up on first use and kept for the task: the
 * rankings of the task without one of its words (rankWithout) query subsets of the same terms and ask
 * mostly about the same items.
 */
export class TaskHits {
  private readonly byDoc = new Map<number, Hit[]>();
  constructor(
    private readonly index: ItemIndex,
    private readonly query: Query,
  ) {}
  of(doc: number): readonly Hit[] {
    let hits = this.byDoc.get(doc);
    if (!hits) {
      hits = [];
      const impacts = this.index.items[doc]!.impacts;
      for (const term of this.query.keys()) {
        const impact = impacts.get(term);
        if (impact) hits.push([term, impact]);
      }
      this.byDoc.set(doc, hits);
    }
    return hits;
  }
}

/**
 * What each term of `query` (the task's query or a subset of its terms) contributed to one item, and in
 * which field, in the order of the task's query.
 */
export function matchesOf(hits: TaskHits, doc: number, query: Query): TermMatch[] {
  const out: TermMatch[] = [];
  for (const [term, hit] of hits.of(doc)) {
    const weight = query.get(term);
    if (weight !== undefined) {
      out.push({ term, field: hit.field, contribution: weight * hit.total, name: weight * hit.name });
    }
  }
  return out;
}
