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
import type { EditionDraft, Item } from "../domain/edition.ts";
import type { Act } from "./acts.ts";
import { BIGRAM, CHAR } from "./analyze.ts";
import { bm25Idf, lengthNorm, saturate } from "./bm25.ts";
import {
  type Field,
  FIELDS,
  type FieldDoc,
  HEAD_FIELDS,
  type ItemAnalysis,
  itemAnalysis,
  type PassageField,
} from "./item-analysis.ts";
import { MATCH_PARAMS } from "./params.ts";
import { createSegmenter, type Segmenter } from "./segment.ts";
import { deriveAbbreviations } from "./synonyms.ts";
import { domainThesaurus, type Thesaurus } from "./thesaurus.ts";

export { type Field, FIELDS, fieldTexts } from "./item-analysis.ts";

const P = MATCH_PARAMS.index;
/** How much a match in each field counts, relative to the others (after saturation). */
export const FIELD_WEIGHTS: Record<Field, number> = P.fieldWeights;

/** What one term is worth in one item. */
export interface TermImpact {
  /** idf × (saturated name, category and department frequency + best passage + a little of the second). */
  total: number;
  /** The name's part of `total`. */
  name: number;
  field: Field;
}

/** The impact of each term of one item, looked up by term. */
export interface Impacts {
  get(term: string): TermImpact | undefined;
}

export interface IndexedItem {
  item: Item;
  /** The fields' prepared texts and term frequencies (shared by the editions holding the same item). */
  fields: Record<Field, FieldDoc>;
  /** Word terms of the name (no bigrams or characters), for distinctive-term features. */
  nameWords: Set<string>;
  /** Impact of each term of the item, the name's share of it, and the field that gave the most. */
  impacts: Impacts;
  /** Positions in `passages` of this item's passages. */
  passageIds: number[];
}

/** One step or takeover line of an item, scored on its own. */
export interface Passage {
  doc: number;
  field: PassageField;
}

/** Items holding a term, with the term's precomputed impact in each. */
export interface Posting {
  docs: Int32Array;
  impacts: Float64Array;
}

/** Postings looked up by term. */
export interface Postings {
  get(term: string): Posting | undefined;
}

/** A number per term of the edition (idf, document frequency). */
export interface TermNumbers {
  get(term: string): number | undefined;
}

export interface ItemIndex {
  township: string;
  county: string;
  items: IndexedItem[];
  segmenter: Segmenter;
  /** Number of items each term occurs in (any field). */
  df: TermNumbers;
  /** idf of each term known to the edition. */
  idf: TermNumbers;
  /** idf of a term the edition does not know (the largest idf); scores are in units of it. */
  maxIdf: number;
  /**
   * idf of a term that one item holds: the unit of scores and term rarity, so that a term unique to
   * one item weighs 1 whether the edition has 30 items or 300.
   */
  uniqueIdf: number;
  /** Term → the items whose name, category or departments hold it, with that part of its impact. */
  headPostings: Postings;
  /** Term → the passages holding it (ids are positions in `passages`), with its impact in each. */
  passagePostings: Postings;
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
  /**
   * Rough bytes the index holds: its own arrays and maps, and the item analyses it was the first to
   * make (those it reuses are charged to the index that made them). For the index cache's bound.
   */
  bytes: number;
}

const FIELD_CODES: readonly Field[] = FIELDS;
const FIELD_CODE = new Map<Field, number>(FIELDS.map((f, i) => [f, i]));

/** Postings of one kind in compressed rows: the entries of term id t are [starts[t], starts[t+1]). */
class PostingTable implements Postings {
  private readonly cache: (Posting | undefined)[] = [];
  constructor(
    private readonly ids: ReadonlyMap<string, number>,
    private readonly starts: Int32Array,
    private readonly docs: Int32Array,
    private readonly impacts: Float64Array,
  ) {}
  get(term: string): Posting | undefined {
    const id = this.ids.get(term);
    if (id === undefined || this.starts[id] === this.starts[id + 1]) return undefined;
    let posting = this.cache[id];
    if (!posting) {
      const from = this.starts[id]!;
      const to = this.starts[id + 1]!;
      posting = { docs: this.docs.subarray(from, to), impacts: this.impacts.subarray(from, to) };
      this.cache[id] = posting;
    }
    return posting;
  }
  get bytes(): number {
    return this.starts.byteLength + this.docs.byteLength + this.impacts.byteLength;
  }
}

/** Collects (term, doc, impact) in doc order and packs them by term. */
class PostingBuilder {
  private terms: number[] = [];
  private docs: number[] = [];
  private impacts: number[] = [];
  add(term: number, doc: number, impact: number): void {
    this.terms.push(term);
    this.docs.push(doc);
    this.impacts.push(impact);
  }
  build(ids: ReadonlyMap<string, number>, termCount: number): PostingTable {
    const starts = new Int32Array(termCount + 1);
    for (const t of this.terms) starts[t + 1]!++;
    for (let t = 0; t < termCount; t++) starts[t + 1]! += starts[t]!;
    const fill = starts.slice(0, termCount);
    const docs = new Int32Array(this.terms.length);
    const impacts = new Float64Array(this.terms.length);
    // Entries were added in doc order, so each term's docs stay ascending.
    for (let i = 0; i < this.terms.length; i++) {
      const at = fill[this.terms[i]!]!++;
      docs[at] = this.docs[i]!;
      impacts[at] = this.impacts[i]!;
    }
    return new PostingTable(ids, starts, docs, impacts);
  }
}

/** Every item's term impacts in compressed rows, sorted by term id within an item. */
class ImpactTable {
  constructor(
    private readonly ids: ReadonlyMap<string, number>,
    private readonly starts: Int32Array,
    private readonly terms: Int32Array,
    private readonly totals: Float64Array,
    private readonly names: Float64Array,
    private readonly fields: Uint8Array,
  ) {}
  of(doc: number): Impacts {
    return { get: (term) => this.get(doc, term) };
  }
  get(doc: number, term: string): TermImpact | undefined {
    const id = this.ids.get(term);
    if (id === undefined) return undefined;
    let lo = this.starts[doc]!;
    let hi = this.starts[doc + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const t = this.terms[mid]!;
      if (t === id) {
        return { total: this.totals[mid]!, name: this.names[mid]!, field: FIELD_CODES[this.fields[mid]!]! };
      }
      if (t < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }
  get bytes(): number {
    return (
      this.starts.byteLength +
      this.terms.byteLength +
      this.totals.byteLength +
      this.names.byteLength +
      this.fields.byteLength
    );
  }
}

/** Builds the index of an edition (the items' analyses shared with other editions holding them). */
export function buildIndex(draft: EditionDraft): ItemIndex {
  const segmenter = createSegmenter(draft);
  const thesaurus = domainThesaurus();
  const county = draft.county;
  let bytes = 0;
  const analyses: ItemAnalysis[] = [];
  for (const item of draft.items) {
    const { analysis, fresh } = itemAnalysis(item, county, segmenter, thesaurus);
    analyses.push(analysis);
    if (fresh) bytes += analysis.bytes;
  }
  // Term ids in order of first occurrence (the order the edition's vocabulary is read in).
  const ids = new Map<string, number>();
  const dfList: number[] = [];
  for (const a of analyses) {
    for (const term of a.terms) {
      const id = ids.get(term);
      if (id === undefined) {
        ids.set(term, dfList.length);
        dfList.push(1);
      } else dfList[id]!++;
    }
  }
  const termCount = dfList.length;
  const n = analyses.length;
  const maxIdf = bm25Idf(n, 0);
  const idfs = new Float64Array(termCount);
  for (let id = 0; id < termCount; id++) idfs[id] = bm25Idf(n, dfList[id]!);
  const df = Int32Array.from(dfList);
  const idOf = (term: string) => ids.get(term)!;

  let clauseLength = 0;
  let clauseCount = 0;
  let passageLength = 0;
  let passageCount = 0;
  for (const a of analyses) {
    for (const c of a.clauses) clauseLength += c.length;
    clauseCount += a.clauses.length;
    for (const p of a.passages) passageLength += p.length;
    passageCount += a.passages.length;
  }
  const avgClause = Math.max(1, clauseLength / Math.max(1, clauseCount));
  const avgPassage = Math.max(1, passageLength / Math.max(1, passageCount));

  const head = new PostingBuilder();
  const inPassages = new PostingBuilder();
  const passages: Passage[] = [];
  const impactStarts = new Int32Array(n + 1);
  const impactTerms: number[] = [];
  const impactTotals: number[] = [];
  const impactNames: number[] = [];
  const impactFields: number[] = [];
  // Per-term scratch for one item: its head impact and best passages (reset through `touched`).
  const total = new Float64Array(termCount);
  const name = new Float64Array(termCount);
  const field = new Uint8Array(termCount);
  const hasHead = new Uint8Array(termCount);
  const best = new Float64Array(termCount);
  const second = new Float64Array(termCount);
  const bestField = new Uint8Array(termCount);
  const hasBest = new Uint8Array(termCount);
  const items: IndexedItem[] = [];
  const stepTerms = new Map<number, Set<string>[]>();
  const departments = new Set<string>();

  analyses.forEach((a, doc) => {
    const touched: number[] = [];
    // A long name lists several duties, one per clause: a term counts by the clause that holds it.
    const nameParts = new Map<string, { best: number; second: number }>();
    for (const clause of a.clauses) {
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
    for (const term of a.headTerms) {
      const id = idOf(term);
      const w = idfs[id]!;
      const part = nameParts.get(term);
      const inName = part ? FIELD_WEIGHTS.name * (part.best + P.passageRest * part.second) : 0;
      const category = a.fields.category.tf.has(term) ? FIELD_WEIGHTS.category : 0;
      const department = a.fields.department.tf.has(term) ? FIELD_WEIGHTS.department : 0;
      const t = w * (inName + category + department);
      const f: Field =
        inName >= department && inName >= category ? "name" : department >= category ? "department" : "category";
      total[id] = t;
      name[id] = w * inName;
      field[id] = FIELD_CODE.get(f)!;
      hasHead[id] = 1;
      touched.push(id);
      head.add(id, doc, t);
    }
    // Passages: each term counts fully in its best passage and a little in the item's other passages.
    const passageIds: number[] = [];
    for (const p of a.passages) {
      const pid = passages.length;
      passages.push({ doc, field: p.field });
      passageIds.push(pid);
      const norm = lengthNorm(p.length, avgPassage, P.passageB);
      const code = FIELD_CODE.get(p.field)!;
      for (const [term, tf] of p.tf) {
        const id = idOf(term);
        const impact = idfs[id]! * FIELD_WEIGHTS[p.field] * saturate(tf / norm, P.k1);
        inPassages.add(id, pid, impact);
        if (!hasBest[id]) {
          hasBest[id] = 1;
          best[id] = impact;
          second[id] = 0;
          bestField[id] = code;
          if (!hasHead[id]) touched.push(id);
        } else if (impact > best[id]!) {
          second[id] = best[id]!;
          best[id] = impact;
          bestField[id] = code;
        } else second[id] = Math.max(second[id]!, impact);
      }
    }
    touched.sort((x, y) => x - y);
    for (const id of touched) {
      let t = hasHead[id] ? total[id]! : 0;
      let f = hasHead[id] ? field[id]! : 0;
      if (hasBest[id]) {
        const part = P.passageBest * best[id]! + P.passageRest * second[id]!;
        if (!hasHead[id]) {
          t = part;
          f = bestField[id]!;
        } else {
          if (part > t) f = bestField[id]!;
          t += part;
        }
      }
      impactTerms.push(id);
      impactTotals.push(t);
      impactNames.push(hasHead[id] ? name[id]! : 0);
      impactFields.push(f);
      hasHead[id] = 0;
      hasBest[id] = 0;
    }
    impactStarts[doc + 1] = impactTerms.length;
    const item = draft.items[doc]!;
    items.push({ item, fields: a.fields, nameWords: a.nameWords, impacts: { get: () => undefined }, passageIds });
    if (a.stepTerms) stepTerms.set(doc, a.stepTerms);
    for (const d of a.departments) departments.add(d);
  });

  const impacts = new ImpactTable(
    ids,
    impactStarts,
    Int32Array.from(impactTerms),
    Float64Array.from(impactTotals),
    Float64Array.from(impactNames),
    Uint8Array.from(impactFields),
  );
  items.forEach((entry, doc) => {
    entry.impacts = impacts.of(doc);
  });
  const headPostings = head.build(ids, termCount);
  const passagePostings = inPassages.build(ids, termCount);
  const vocabulary = [...ids.keys()].filter((t) => !t.startsWith(BIGRAM) && !t.startsWith(CHAR));
  const corpus = analyses.map((a) => a.corpus).join("\n");
  bytes +=
    impacts.bytes +
    headPostings.bytes +
    passagePostings.bytes +
    idfs.byteLength +
    df.byteLength +
    // The term map (entries, not keys: the analyses hold the strings), items, passages, corpus.
    40 * termCount +
    120 * n +
    48 * passages.length +
    corpus.length * 2;
  return {
    township: draft.township,
    county,
    items,
    segmenter,
    df: { get: (term) => (ids.has(term) ? df[ids.get(term)!] : undefined) },
    idf: { get: (term) => (ids.has(term) ? idfs[ids.get(term)!] : undefined) },
    maxIdf,
    uniqueIdf: bm25Idf(n, 1),
    headPostings,
    passagePostings,
    passages,
    itemActs: analyses.map((a) => a.acts),
    stepTerms,
    abbreviations: deriveAbbreviations(vocabulary),
    thesaurus,
    departments,
    corpus,
    bytes,
  };
}

/** Inverse document frequency (BM25's, never negative); unknown terms get the largest. */
export function idf(index: ItemIndex, term: string): number {
  return index.idf.get(term) ?? index.maxIdf;
}
