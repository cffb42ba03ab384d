/**
 * From task text to ranked candidate items: builds the weighted query (words, bigrams, characters and
 * abbreviation expansions), scores it with BM25F, then reweighs by the act the task asks for.
 */
import type { Item } from "../domain/edition.ts";
import { type Act, actsIn, sharedAuthorityActs } from "./acts.ts";
import { analyzePrepared, BIGRAM, CHAR, DEPARTMENT } from "./analyze.ts";
import {
  BIGRAM_WEIGHT,
  CHAR_WEIGHT,
  type ItemIndex,
  idf,
  matchesOf,
  type Query,
  scoreAll,
  type TermMatch,
} from "./item-index.ts";
import { prepareTask } from "./normalize.ts";
import { abbreviationsIn } from "./synonyms.ts";

/** Weight of a dictionary sub-word of a longer task word. */
const SUBWORD_WEIGHT = 0.5;
/** Weight of a one-character word. */
const SINGLE_WEIGHT = 0.3;
/** Weight of a word the task does not say but abbreviates (农技 → 农业技术). */
const EXPANSION_WEIGHT = 0.7;
/** Score factor when the task asks for the same authority act (处罚, 审批, 检疫…) the item names. */
const ACT_AGREEMENT = 1.35;
/** Candidates explained per task (the answer, runner-ups and the decision layer's look-behind). */
const MAX_CANDIDATES = 10;
/** Score factor when an item is about an authority act the task does not ask for. */
const ACT_MISSING = 0.75;

export interface Candidate {
  item: Item;
  /**
   * BM25F score after the act adjustment, in units of the edition's largest idf, so that thresholds
   * mean the same for a 30-item and a 300-item edition.
   */
  score: number;
  /** BM25F score before it. */
  textScore: number;
  matches: TermMatch[];
  /** Share of the task's word weight (idf) that this item matches, 0..1. */
  coverage: number;
  /** Authority acts the task and the item name share. */
  sharedActs: Act[];
}

export interface Ranking {
  /** The task after normalisation, folding and noise masking. */
  prepared: string;
  query: Query;
  /** Where each expansion term came from in the task (农业技术 → 农技). */
  expandedFrom: Map<string, string>;
  /** Acts the task asks for. */
  acts: Set<Act>;
  /** Sum of idf over the task's content words, known to the edition or not. */
  wordMass: number;
  candidates: Candidate[];
}

/** Builds the query of a prepared task. */
export function buildQuery(
  index: ItemIndex,
  prepared: string,
): { query: Query; expandedFrom: Map<string, string> } {
  const analysis = analyzePrepared(prepared, index.segmenter);
  const query: Query = new Map();
  const expandedFrom = new Map<string, string>();
  // A one-character word is mostly a fragment jieba could not place; sub-words restate their word.
  for (const w of analysis.subwords) query.set(w, SUBWORD_WEIGHT);
  for (const w of analysis.words) query.set(w, w.length === 1 ? SINGLE_WEIGHT : 1);
  for (const b of analysis.bigrams) query.set(b, Math.max(query.get(b) ?? 0, BIGRAM_WEIGHT));
  for (const c of analysis.characters) query.set(c, Math.max(query.get(c) ?? 0, CHAR_WEIGHT));
  for (const abbreviation of abbreviationsIn(index.segmenter.cutNormalized(prepared), index.abbreviations)) {
    for (const word of index.abbreviations.get(abbreviation) ?? []) {
      if (query.has(word)) continue;
      query.set(word, EXPANSION_WEIGHT);
      expandedFrom.set(word, abbreviation);
    }
  }
  return { query, expandedFrom };
}

function isWordTerm(term: string): boolean {
  return !term.startsWith(BIGRAM) && !term.startsWith(CHAR);
}

/** Ranks the items of an index for one task (raw text). */
export function rank(index: ItemIndex, text: string): Ranking {
  const prepared = prepareTask(text, index.county);
  const { query, expandedFrom } = buildQuery(index, prepared);
  const acts = actsIn(prepared);
  let wordMass = 0;
  for (const [term, weight] of query) {
    if (isWordTerm(term) && !term.startsWith(DEPARTMENT) && weight === 1) wordMass += idf(index, term);
  }
  // Reweigh every scored item by the act, then explain only the few that can be shown or chosen.
  const adjusted = scoreAll(index, query).map(({ doc, score }) => {
    const shared = sharedAuthorityActs(acts, index.itemActs[doc]!);
    const itemActs = index.itemActs[doc]!;
    const itemAuthority = itemActs.has("penalize") || itemActs.has("approve");
    let factor = 1;
    if (shared.length) factor = ACT_AGREEMENT;
    else if (itemAuthority && !acts.has("penalize") && !acts.has("approve")) factor = ACT_MISSING;
    return { doc, textScore: score, score: score * factor, shared };
  });
  adjusted.sort((a, b) => b.score - a.score || a.doc - b.doc);
  const scale = Math.log(1 + (index.items.length + 0.5) / 0.5);
  const candidates = adjusted.slice(0, MAX_CANDIDATES).map((a): Candidate => {
    const matches = matchesOf(index, a.doc, query);
    let matched = 0;
    for (const m of matches) {
      if (isWordTerm(m.term) && !m.term.startsWith(DEPARTMENT) && query.get(m.term) === 1) {
        matched += idf(index, m.term);
      }
    }
    return {
      item: index.items[a.doc]!.item,
      score: a.score / scale,
      textScore: a.textScore / scale,
      matches,
      coverage: wordMass > 0 ? matched / wordMass : 0,
      sharedActs: a.shared,
    };
  });
  return { prepared, query, expandedFrom, acts, wordMass, candidates };
}
