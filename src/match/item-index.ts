/**
 * The per-edition retrieval index. An item is scored from two kinds of text:
 *  - its head: the name (weighs most), the category and the departments named;
 *  - its passages: each township step, department step and takeover line on its own.
 * A task usually restates one step, so an item is ranked by its head plus its best-matching passage and
 * a little of the second (score.ts); a long step list then cannot outweigh a short name that says it
 * all. A long name lists several duties, one per clause: a name term counts by the clause that holds it.
 * Each term's impact in the item as a whole (for evidence and coverage) is its head impact plus its
 * best passage and a little of the second.
 * Word terms, character-bigram terms and (names only) character terms are indexed; term impacts
 * (idf × saturated frequency) are computed once here, so a check only adds numbers up.
 */
import { allSteps, type EditionDraft, type Item } from "../domain/edition.ts";
import type { Evidence } from "../domain/verdict.ts";
import { type Act, actsIn } from "./acts.ts";
import { type Analysis, analyzePrepared, BIGRAM, CHAR, wordSpans } from "./analyze.ts";
import { bm25Idf, lengthNorm, saturate } from "./bm25.ts";
import { prepareTask } from "./normalize.ts";
import { MATCH_PARAMS } from "./params.ts";
import { createSegmenter, type Segmenter } from "./segment.ts";
import { deriveAbbreviations } from "./synonyms.ts";
import { domainThesaurus, type Thesaurus } from "./thesaurus.ts";

export type Field = Evidence["field"];
export const FIELDS: readonly Field[] = [
  "name",
  "category",
  "townshipDuties",
  "departmentDuties",
  "takeover",
  "department",
];
type HeadField = "name" | "category" | "department";
const HEAD_FIELDS: readonly HeadField[] = ["name", "category", "department"];
type PassageField = "townshipDuties" | "departmentDuties" | "takeover";

const P = MATCH_PARAMS.index;
/** How much a match in each field counts, relative to the others (after saturation). */
export const FIELD_WEIGHTS: Record<Field, number> = P.fieldWeights;

interface FieldDoc {
  /** The field's prepared text, for evidence. */
  text: string;
  tf: Map<string, number>;
  length: number;
}

export interface IndexedItem {
  item: Item;
  fields: Record<Field, FieldDoc>;
  /** Word terms of the name (no bigrams or characters), for distinctive-term features. */
  nameWords: Set<string>;
  /** Impact of each term of the item, the name's share of it, and the field that gave the most. */
  impacts: Map<string, TermImpact>;
  /** Positions in `passages` of this item's passages. */
  passageIds: number[];
}

/** One step or takeover line of an item, scored on its own. */
export interface Passage {
  doc: number;
  field: PassageField;
  /** Impact of each term in this passage. */
  impacts: Map<string, number>;
}

/** What one term is worth in one item. */
export interface TermImpact {
  /** idf × (saturated name, category and department frequency + best passage + a little of the second). */
  total: number;
  /** The name's part of `total`. */
  name: number;
  field: Field;
}

/** Items holding a term, with the term's precomputed impact in each. */
export interface Posting {
  docs: Int32Array;
  impacts: Float64Array;
}

export interface ItemIndex {
  township: string;
  county: string;
  items: IndexedItem[];
  segmenter: Segmenter;
  /** Number of items each term occurs in (any field). */
  df: Map<string, number>;
  /** idf of each term known to the edition. */
  idf: Map<string, number>;
  /** idf of a term the edition does not know (the largest idf); scores are in units of it. */
  maxIdf: number;
  /**
   * idf of a term that one item holds: the unit of scores and term rarity, so that a term unique to
   * one item weighs 1 whether the edition has 30 items or 300.
   */
  uniqueIdf: number;
  /** Term → the items whose name, category or departments hold it, with that part of its impact. */
  headPostings: Map<string, Posting>;
  /** Term → the passages holding it (ids are positions in `passages`), with its impact in each. */
  passagePostings: Map<string, Posting>;
  passages: Passage[];
  /** The acts each item's name names (处罚, 审批…), by position in `items`. */
  itemActs: Set<Act>[];
  /** Terms of each township step of cooperative items, by item position (for the steps that apply). */
  stepTerms: Map<number, Set<string>[]>;
  /** abbreviation → the words it stands for (水保 → 水土保持), both derived from the edition. */
  abbreviations: Map<string, string[]>;
  /** The domain thesaurus whose concept terms the index holds. */
  thesaurus: Thesaurus;
  /** Canonical names of every department the edition names (leads, takeovers, blocks). */
  departments: Set<string>;
  /** All prepared text of the edition, for checking whether it mentions a name at all. */
  corpus: string;
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

/** Index terms of a prepared text: words, sub-words, bigrams, concepts (and characters for names). */
function termsOf(
  text: string,
  segmenter: Segmenter,
  thesaurus: Thesaurus,
  withCharacters: boolean,
): string[] {
  const analysis: Analysis = analyzePrepared(text, segmenter);
  const terms = [...analysis.words, ...analysis.subwords, ...analysis.bigrams];
  const words = MATCH_PARAMS.thesaurus.wordAligned ? wordSpans(text, segmenter) : undefined;
  for (const hit of thesaurus.conceptsIn(text, { words })) terms.push(hit.term);
  return withCharacters ? terms.concat(analysis.characters) : terms;
}

function countTerms(terms: readonly string[]): Map<string, number> {
  const tf = new Map<string, number>();
  for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
  return tf;
}

/** Postings of every term over passages, in passage order. */
function passagePostingsOf(passages: readonly Passage[]): Map<string, Posting> {
  const lists = new Map<string, { docs: number[]; impacts: number[] }>();
  passages.forEach((p, id) => {
    for (const [term, impact] of p.impacts) {
      let list = lists.get(term);
      if (!list) {
        list = { docs: [], impacts: [] };
        lists.set(term, list);
      }
      list.docs.push(id);
      list.impacts.push(impact);
    }
  });
  const out = new Map<string, Posting>();
  for (const [term, l] of lists) {
    out.set(term, { docs: Int32Array.from(l.docs), impacts: Float64Array.from(l.impacts) });
  }
  return out;
}

/** Postings of every term of the items' impacts, in item order. */
function postingsOf(items: readonly IndexedItem[]): Map<string, Posting> {
  const lists = new Map<string, { docs: number[]; impacts: number[] }>();
  items.forEach((entry, doc) => {
    for (const [term, impact] of entry.impacts) {
      let list = lists.get(term);
      if (!list) {
        list = { docs: [], impacts: [] };
        lists.set(term, list);
      }
      list.docs.push(doc);
      list.impacts.push(impact.total);
    }
  });
  const out = new Map<string, Posting>();
  for (const [term, l] of lists) {
    out.set(term, { docs: Int32Array.from(l.docs), impacts: Float64Array.from(l.impacts) });
  }
  return out;
}

/** Canonical department names an item names (leads, block owners, takeovers). */
function itemDepartments(item: Item): string[] {
  if (item.list === "cooperative") {
    return [
      ...item.leadDepartments,
      ...item.departmentDuties.flatMap((b) => (b.department ? [b.department] : [])),
    ];
  }
  if (item.list === "reclaimed") return [...item.takeover.departments];
  return [];
}

/** Builds the index of an edition. Takes ~300 ms for a 250-item edition (mostly loading jieba). */
export function buildIndex(draft: EditionDraft): ItemIndex {
  const segmenter = createSegmenter(draft);
  const thesaurus = domainThesaurus();
  const county = draft.county;
  const prepare = (text: string) => prepareTask(text, county);
  const items: IndexedItem[] = [];
  const passages: Passage[] = [];
  const passageTf: Map<string, number>[] = [];
  const passageLength: number[] = [];
  const clauses: { tf: Map<string, number>; length: number }[][] = [];
  const df = new Map<string, number>();
  const totals = { name: 0, category: 0, department: 0 } as Record<HeadField, number>;
  const departments = new Set<string>();

  for (const item of draft.items) {
    const doc = items.length;
    const texts = fieldTexts(item);
    const fields = {} as Record<Field, FieldDoc>;
    const seen = new Set<string>();
    for (const field of FIELDS) {
      const text = texts[field].map(prepare).join("。");
      const terms = termsOf(text, segmenter, thesaurus, field === "name");
      const tf = countTerms(terms);
      for (const term of tf.keys()) seen.add(term);
      fields[field] = { text, tf, length: terms.length };
      if (field === "name" || field === "category" || field === "department") totals[field] += terms.length;
    }
    clauses.push(
      prepare(item.name)
        .split(/[，,；;。]/)
        .map((clause) => termsOf(clause, segmenter, thesaurus, true))
        .filter((terms) => terms.length > 0)
        .map((terms) => ({ tf: countTerms(terms), length: terms.length })),
    );
    const firstPassage = passages.length;
    for (const field of ["townshipDuties", "departmentDuties", "takeover"] as const) {
      for (const text of texts[field]) {
        const terms = termsOf(prepare(text), segmenter, thesaurus, false);
        if (!terms.length) continue;
        const tf = countTerms(terms);
        passages.push({ doc, field, impacts: new Map() });
        passageTf.push(tf);
        passageLength.push(terms.length);
      }
    }
    for (const d of itemDepartments(item)) departments.add(d);
    const nameWords = new Set(
      [...fields.name.tf.keys()].filter((t) => !t.startsWith(BIGRAM) && !t.startsWith(CHAR)),
    );
    const passageIds = Array.from({ length: passages.length - firstPassage }, (_, i) => firstPassage + i);
    items.push({ item, fields, nameWords, impacts: new Map(), passageIds });
    for (const term of seen) df.set(term, (df.get(term) ?? 0) + 1);
  }

  const n = items.length;
  const maxIdf = bm25Idf(n, 0);
  const idf = new Map([...df].map(([term, d]) => [term, bm25Idf(n, d)]));
  const allClauses = clauses.flat();
  const avgClause = Math.max(
    1,
    allClauses.reduce((sum, c) => sum + c.length, 0) / Math.max(1, allClauses.length),
  );

  items.forEach((entry, doc) => {
    const terms = new Set(HEAD_FIELDS.flatMap((f) => [...entry.fields[f].tf.keys()]));
    // A long name lists several duties, one per clause: a term counts by the clause that holds it.
    const nameParts = new Map<string, { best: number; second: number }>();
    for (const clause of clauses[doc]!) {
      const norm = lengthNorm(clause.length, avgClause, P.nameB);
      for (const [term, tf] of clause.tf) {
        const part = saturate(tf / norm, P.k1);
        const seen = nameParts.get(term);
        if (!seen) nameParts.set(term, { best: part, second: 0 });
        else if (part > seen.best) {
          seen.second = seen.best;
          seen.best = part;
        } else seen.second = Math.max(seen.second, part);
      }
    }
    for (const term of terms) {
      const w = idf.get(term) ?? maxIdf;
      const part = nameParts.get(term);
      const name = part ? FIELD_WEIGHTS.name * (part.best + P.passageRest * part.second) : 0;
      const category = entry.fields.category.tf.has(term) ? FIELD_WEIGHTS.category : 0;
      const department = entry.fields.department.tf.has(term) ? FIELD_WEIGHTS.department : 0;
      const total = w * (name + category + department);
      const field: Field =
        name >= department && name >= category ? "name" : department >= category ? "department" : "category";
      entry.impacts.set(term, { total, name: w * name, field });
    }
  });

  const headPostings = postingsOf(items);
  // Passages: each term counts fully in its best passage and a little in the item's other passages.
  const avgPassage = Math.max(1, passageLength.reduce((sum, l) => sum + l, 0) / Math.max(1, passages.length));
  passages.forEach((p, id) => {
    const norm = lengthNorm(passageLength[id]!, avgPassage, P.passageB);
    for (const [term, tf] of passageTf[id]!) {
      const w = idf.get(term) ?? maxIdf;
      p.impacts.set(term, w * FIELD_WEIGHTS[p.field] * saturate(tf / norm, P.k1));
    }
  });
  for (const entry of items) {
    const best = new Map<string, { impact: number; field: Field; second: number }>();
    for (const id of entry.passageIds) {
      const p = passages[id]!;
      for (const [term, impact] of p.impacts) {
        const b = best.get(term);
        if (!b) best.set(term, { impact, field: p.field, second: 0 });
        else if (impact > b.impact) {
          b.second = b.impact;
          b.impact = impact;
          b.field = p.field;
        } else b.second = Math.max(b.second, impact);
      }
    }
    for (const [term, b] of best) {
      const part = P.passageBest * b.impact + P.passageRest * b.second;
      const head = entry.impacts.get(term);
      if (!head) entry.impacts.set(term, { total: part, name: 0, field: b.field });
      else {
        if (part > head.total) head.field = b.field;
        head.total += part;
      }
    }
  }

  const vocabulary = [...df.keys()].filter((t) => !t.startsWith(BIGRAM) && !t.startsWith(CHAR));
  const stepTerms = new Map<number, Set<string>[]>();
  items.forEach(({ item }, doc) => {
    if (item.list !== "cooperative") return;
    const steps = allSteps(item.townshipDuties).map((step) => {
      const a = analyzePrepared(prepare(step), segmenter);
      return new Set([...a.words, ...a.subwords, ...a.bigrams]);
    });
    stepTerms.set(doc, steps);
  });
  return {
    township: draft.township,
    county,
    items,
    segmenter,
    df,
    idf,
    maxIdf,
    uniqueIdf: bm25Idf(n, 1),
    headPostings,
    passagePostings: passagePostingsOf(passages),
    passages,
    itemActs: items.map((e) => actsIn(e.fields.name.text)),
    stepTerms,
    abbreviations: deriveAbbreviations(vocabulary),
    thesaurus,
    departments,
    corpus: items.map((e) => FIELDS.map((f) => e.fields[f].text).join("。")).join("\n"),
  };
}

/** Inverse document frequency (BM25's, never negative); unknown terms get the largest. */
export function idf(index: ItemIndex, term: string): number {
  return index.idf.get(term) ?? index.maxIdf;
}
