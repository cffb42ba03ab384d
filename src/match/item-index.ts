/**
 * The per-edition retrieval index: BM25F over each item's fields (name weighs most; category, the
 * departments' and the township's steps, the takeover text and department names less), with word terms,
 * character-bigram terms and abbreviation expansion derived from the edition's own vocabulary.
 */
import { allSteps, type EditionDraft, type Item } from "../domain/edition.ts";
import type { Evidence } from "../domain/verdict.ts";
import { type Act, actsIn } from "./acts.ts";
import { type Analysis, analyzePrepared, BIGRAM } from "./analyze.ts";
import { prepareTask } from "./normalize.ts";
import { createSegmenter, type Segmenter } from "./segment.ts";
import { deriveAbbreviations } from "./synonyms.ts";

export type Field = Evidence["field"];
export const FIELDS: readonly Field[] = [
  "name",
  "category",
  "townshipDuties",
  "departmentDuties",
  "takeover",
  "department",
];

/** How much a match in each field counts, relative to the others. */
export const FIELD_WEIGHTS: Record<Field, number> = {
  name: 3,
  category: 0.3,
  townshipDuties: 1,
  departmentDuties: 0.5,
  takeover: 0.6,
  department: 1.2,
};

/** Length normalisation per field: long step lists should not outweigh a short name that says it all. */
const FIELD_B: Record<Field, number> = {
  name: 0.5,
  category: 0,
  townshipDuties: 0.75,
  departmentDuties: 0.75,
  takeover: 0.75,
  department: 0,
};

const K1 = 1.2;
/** Bigrams count for less than words: they find unknown words but also match by chance. */
export const BIGRAM_WEIGHT = 0.35;
/** Single characters count least: they only break ties between otherwise equal candidates. */
export const CHAR_WEIGHT = 0.15;

interface FieldDoc {
  /** The field's prepared text, for evidence. */
  text: string;
  tf: Map<string, number>;
  length: number;
}

export interface IndexedItem {
  item: Item;
  fields: Record<Field, FieldDoc>;
  /** BM25F pseudo term frequency of every term of the item, and the field that gave it most. */
  terms: Map<string, { tf: number; field: Field }>;
}

export interface ItemIndex {
  township: string;
  county: string;
  items: IndexedItem[];
  segmenter: Segmenter;
  /** Number of items each term occurs in (any field). */
  df: Map<string, number>;
  /** Items holding each term. */
  postings: Map<string, number[]>;
  /** idf of each term known to the edition. */
  idf: Map<string, number>;
  /** The acts each item's name names (处罚, 审批…), by position in `items`. */
  itemActs: Set<Act>[];
  /** Terms of each township step of cooperative items, by item position (for the steps that apply). */
  stepTerms: Map<number, Set<string>[]>;
  avgLength: Record<Field, number>;
  /** abbreviation → the words it stands for (水保 → 水土保持), both derived from the edition. */
  abbreviations: Map<string, string[]>;
}

/** The texts of each field of an item, before analysis. */
export function fieldTexts(item: Item): Record<Field, string[]> {
  const out: Record<Field, string[]> = {
    name: [item.name],
    category: [item.category],
    townshipDuties: [],
    departmentDuties: [],
    takeover: [],
    department: [],
  };
  if (item.list === "cooperative") {
    out.townshipDuties = [
      ...item.townshipDuties.flatMap((b) => (b.heading ? [b.heading] : [])),
      ...allSteps(item.townshipDuties),
    ];
    out.departmentDuties = [
      ...item.departmentDuties.flatMap((b) => (b.heading ? [b.heading] : [])),
      ...allSteps(item.departmentDuties),
    ];
    out.department = [...item.leadDepartments];
  } else if (item.list === "reclaimed") {
    out.takeover = [...item.takeover.workMethod, ...item.takeover.workStandard];
    out.department = [...item.takeover.departments];
  }
  return out;
}

function termsOf(analysis: Analysis): string[] {
  return [...analysis.words, ...analysis.subwords, ...analysis.bigrams, ...analysis.characters];
}

/** Builds the index of an edition. Takes ~300 ms for a 250-item edition (mostly loading jieba). */
export function buildIndex(draft: EditionDraft): ItemIndex {
  const segmenter = createSegmenter(draft);
  const county = draft.county;
  const items: IndexedItem[] = [];
  const df = new Map<string, number>();
  const postings = new Map<string, number[]>();
  const totals = Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<Field, number>;

  for (const item of draft.items) {
    const texts = fieldTexts(item);
    const fields = {} as Record<Field, FieldDoc>;
    const seen = new Set<string>();
    for (const field of FIELDS) {
      const text = texts[field].map((t) => prepareTask(t, county)).join("。");
      const terms = termsOf(analyzePrepared(text, segmenter));
      const tf = new Map<string, number>();
      for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
      for (const term of tf.keys()) seen.add(term);
      fields[field] = { text, tf, length: terms.length };
      totals[field] += terms.length;
    }
    const doc = items.length;
    items.push({ item, fields, terms: new Map() });
    for (const term of seen) {
      df.set(term, (df.get(term) ?? 0) + 1);
      const list = postings.get(term);
      if (list) list.push(doc);
      else postings.set(term, [doc]);
    }
  }
  const avgLength = Object.fromEntries(
    FIELDS.map((f) => [f, Math.max(1, totals[f] / Math.max(1, items.length))]),
  ) as Record<Field, number>;
  for (const entry of items) {
    for (const field of FIELDS) {
      for (const term of entry.fields[field].tf.keys()) {
        if (!entry.terms.has(term)) entry.terms.set(term, weightedTf(entry, term, avgLength));
      }
    }
  }
  const n = items.length;
  const idfs = new Map([...df].map(([term, d]) => [term, Math.log(1 + (n - d + 0.5) / (d + 0.5))]));
  const vocabulary = [...df.keys()].filter((t) => !t.startsWith(BIGRAM));
  const stepTerms = new Map<number, Set<string>[]>();
  items.forEach(({ item }, doc) => {
    if (item.list !== "cooperative") return;
    const steps = allSteps(item.townshipDuties).map((step) => {
      const a = analyzePrepared(prepareTask(step, county), segmenter);
      return new Set([...a.words, ...a.subwords, ...a.bigrams]);
    });
    stepTerms.set(doc, steps);
  });
  return {
    itemActs: items.map((e) => actsIn(e.fields.name.text)),
    stepTerms,
    township: draft.township,
    county,
    items,
    segmenter,
    df,
    postings,
    idf: idfs,
    avgLength,
    abbreviations: deriveAbbreviations(vocabulary),
  };
}

/** Inverse document frequency (BM25's, never negative). */
export function idf(index: ItemIndex, term: string): number {
  const known = index.idf.get(term);
  if (known !== undefined) return known;
  const n = index.items.length;
  return Math.log(1 + (n + 0.5) / 0.5);
}

/** A query: terms with weights (1 for the task's own words, less for bigrams and expansions). */
export type Query = Map<string, number>;

export interface TermMatch {
  term: string;
  /** The field where this term contributed most to the item's score. */
  field: Field;
  contribution: number;
}

export interface Scored {
  doc: number;
  score: number;
  matches: TermMatch[];
}

/** Pseudo term frequency of BM25F for one term in one item, and the field that gave the most. */
function weightedTf(
  entry: IndexedItem,
  term: string,
  avgLength: Record<Field, number>,
): { tf: number; field: Field } {
  let tf = 0;
  let best: Field = "name";
  let bestPart = 0;
  for (const field of FIELDS) {
    const doc = entry.fields[field];
    const raw = doc.tf.get(term);
    if (!raw) continue;
    const b = FIELD_B[field];
    const part = (FIELD_WEIGHTS[field] * raw) / (1 - b + (b * doc.length) / avgLength[field]);
    tf += part;
    if (part > bestPart) {
      bestPart = part;
      best = field;
    }
  }
  return { tf, field: best };
}

const saturate = (tf: number) => (tf * (K1 + 1)) / (tf + K1);

/** Scores every item that shares a term with the query (one pass over the postings); best first. */
export function scoreAll(index: ItemIndex, query: Query): { doc: number; score: number }[] {
  const scores = new Float64Array(index.items.length);
  const touched: number[] = [];
  for (const [term, weight] of query) {
    const docs = index.postings.get(term);
    if (!docs) continue;
    const w = weight * idf(index, term);
    for (const doc of docs) {
      if (scores[doc] === 0) touched.push(doc);
      scores[doc] = (scores[doc] ?? 0) + w * saturate(index.items[doc]!.terms.get(term)!.tf);
    }
  }
  return touched
    .map((doc) => ({ doc, score: scores[doc]! }))
    .sort((a, b) => b.score - a.score || a.doc - b.doc);
}

/** What each query term contributed to one item's score, and in which field. */
export function matchesOf(index: ItemIndex, doc: number, query: Query): TermMatch[] {
  const entry = index.items[doc]!;
  const out: TermMatch[] = [];
  for (const [term, weight] of query) {
    const hit = entry.terms.get(term);
    if (hit) out.push({ term, field: hit.field, contribution: weight * idf(index, term) * saturate(hit.tf) });
  }
  return out;
}

/** Scores every item that shares a term with the query, with each one's matches; best first. */
export function search(index: ItemIndex, query: Query): Scored[] {
  return scoreAll(index, query).map(({ doc, score }) => ({
    doc,
    score,
    matches: matchesOf(index, doc, query),
  }));
}
