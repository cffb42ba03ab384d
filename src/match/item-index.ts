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
 * The items' analyses (terms and frequencies) come from item-analysis.ts, shared with other editions
 * holding the same items; what depends on the edition (idf, impacts, postings) is kept in typed arrays
 * over term ids, behind small lookups by term (Impacts, Postings, TermNumbers).
 */
import type { EditionDraft, Item } from "../domain/edition.ts";
import type { Act } from "./acts.ts";
import { BIGRAM, CHAR } from "./analyze.ts";
import { bm25Idf, lengthNorm, saturate } from "./bm25.ts";
import {
  FIELDS,
  type Field,
  type FieldDoc,
  type ItemAnalysis,
  itemAnalysis,
  knownTermId,
  type PassageField,
  termIdCount,
  termOfId,
} from "./item-analysis.ts";
import { itemBytes } from "./item-key.ts";
import { MATCH_PARAMS } from "./params.ts";
import { createSegmenter, type Segmenter } from "./segment.ts";
import { deriveAbbreviations } from "./synonyms.ts";
import { domainThesaurus, type Thesaurus } from "./thesaurus.ts";

export { FIELDS, type Field, fieldTexts } from "./item-analysis.ts";

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
  /** The items' analyses, held so that other editions holding the same items find and share them. */
  analyses: readonly ItemAnalysis[];
  /**
   * Rough bytes the index holds: its own arrays, its edition's items, and the item analyses it was the
   * first to make (those it reuses are charged to the index that made them). For the index cache's bound.
   */
  bytes: number;
}

const FIELD_CODE = new Map<Field, number>(FIELDS.map((f, i) => [f, i]));
const NAME = FIELD_CODE.get("name")!;
const CATEGORY = FIELD_CODE.get("category")!;
const DEPARTMENT_FIELD = FIELD_CODE.get("department")!;

/** More local ids than any edition has terms (2^21; packed keys stay below 2^53). */
const LOCAL_RANGE = 2 ** 21;

/** The edition's terms: term → local id (ids in order of first occurrence in the edition). */
class TermLookup {
  private readonly sorted: Int32Array;
  private readonly locals: Int32Array;
  constructor(globals: Int32Array) {
    // Sorted by process-wide id, packed with the local id into one number for a native numeric sort.
    const packed = new Float64Array(globals.length);
    for (let i = 0; i < globals.length; i++) packed[i] = globals[i]! * LOCAL_RANGE + i;
    packed.sort();
    this.sorted = new Int32Array(globals.length);
    this.locals = new Int32Array(globals.length);
    for (let i = 0; i < packed.length; i++) {
      const local = packed[i]! % LOCAL_RANGE;
      this.sorted[i] = (packed[i]! - local) / LOCAL_RANGE;
      this.locals[i] = local;
    }
  }
  /** The local id of a term, or -1 when the edition does not hold it. */
  local(term: string): number {
    const id = knownTermId(term);
    if (id === undefined) return -1;
    let lo = 0;
    let hi = this.sorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.sorted[mid]!;
      if (v === id) return this.locals[mid]!;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
  get bytes(): number {
    return this.sorted.byteLength + this.locals.byteLength;
  }
}

/** Postings of one kind in compressed rows: the entries of local term t are [starts[t], starts[t+1]). */
class PostingTable implements Postings {
  private readonly cache: (Posting | undefined)[] = [];
  constructor(
    private readonly terms: TermLookup,
    private readonly starts: Int32Array,
    private readonly docs: Int32Array,
    private readonly impacts: Float64Array,
  ) {}
  get(term: string): Posting | undefined {
    const id = this.terms.local(term);
    if (id < 0 || this.starts[id] === this.starts[id + 1]) return undefined;
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
  private size = 0;
  private terms = new Int32Array(1024);
  private docs = new Int32Array(1024);
  private impacts = new Float64Array(1024);
  add(term: number, doc: number, impact: number): void {
    if (this.size === this.terms.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T, b: T): T => {
        b.set(a as never);
        return b;
      };
      this.terms = grow(this.terms, new Int32Array(this.size * 2));
      this.docs = grow(this.docs, new Int32Array(this.size * 2));
      this.impacts = grow(this.impacts, new Float64Array(this.size * 2));
    }
    this.terms[this.size] = term;
    this.docs[this.size] = doc;
    this.impacts[this.size++] = impact;
  }
  build(terms: TermLookup, termCount: number): PostingTable {
    const starts = new Int32Array(termCount + 1);
    for (let i = 0; i < this.size; i++) starts[this.terms[i]! + 1]!++;
    for (let t = 0; t < termCount; t++) starts[t + 1]! += starts[t]!;
    const fill = starts.slice(0, termCount);
    const docs = new Int32Array(this.size);
    const impacts = new Float64Array(this.size);
    // Entries were added in doc order, so each term's docs stay ascending.
    for (let i = 0; i < this.size; i++) {
      const at = fill[this.terms[i]!]!++;
      docs[at] = this.docs[i]!;
      impacts[at] = this.impacts[i]!;
    }
    return new PostingTable(terms, starts, docs, impacts);
  }
}

/** Every item's term impacts in compressed rows, sorted by local term id within an item. */
class ImpactTable {
  constructor(
    private readonly lookup: TermLookup,
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
    const id = this.lookup.local(term);
    if (id < 0) return undefined;
    let lo = this.starts[doc]!;
    let hi = this.starts[doc + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const t = this.terms[mid]!;
      if (t === id) {
        return { total: this.totals[mid]!, name: this.names[mid]!, field: FIELDS[this.fields[mid]!]! };
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

/**
 * Term impacts of an edition's items, one item at a time, over per-term scratch arrays (reset through
 * `touched` after each item). A class of its own so that the engine compiles this hot loop on its own.
 */
class Weigher {
  readonly head = new PostingBuilder();
  readonly inPassages = new PostingBuilder();
  readonly impactStarts: Int32Array;
  readonly impactTerms: Int32Array;
  readonly impactTotals: Float64Array;
  readonly impactNames: Float64Array;
  readonly impactFields: Uint8Array;
  impactCount = 0;
  // The name's best and second clause, the head impact, and the best and second passage, per term.
  private readonly clauseBest: Float64Array;
  private readonly clauseSecond: Float64Array;
  private readonly hasClause: Uint8Array;
  private readonly total: Float64Array;
  private readonly name: Float64Array;
  private readonly field: Uint8Array;
  private readonly hasHead: Uint8Array;
  private readonly best: Float64Array;
  private readonly second: Float64Array;
  private readonly bestField: Uint8Array;
  private readonly hasBest: Uint8Array;
  private readonly touched: Int32Array;
  private readonly inClauses: Int32Array;

  constructor(
    analyses: readonly ItemAnalysis[],
    private readonly local: Int32Array,
    private readonly idfs: Float64Array,
    termCount: number,
    private readonly avgClause: number,
    private readonly avgPassage: number,
  ) {
    // At most one impact per head term and per passage term of each item.
    let capacity = 0;
    for (const a of analyses) {
      capacity += a.headTerms.length;
      for (const p of a.passages) capacity += p.ids.length;
    }
    this.impactStarts = new Int32Array(analyses.length + 1);
    this.impactTerms = new Int32Array(capacity);
    this.impactTotals = new Float64Array(capacity);
    this.impactNames = new Float64Array(capacity);
    this.impactFields = new Uint8Array(capacity);
    this.clauseBest = new Float64Array(termCount);
    this.clauseSecond = new Float64Array(termCount);
    this.hasClause = new Uint8Array(termCount);
    this.total = new Float64Array(termCount);
    this.name = new Float64Array(termCount);
    this.field = new Uint8Array(termCount);
    this.hasHead = new Uint8Array(termCount);
    this.best = new Float64Array(termCount);
    this.second = new Float64Array(termCount);
    this.bestField = new Uint8Array(termCount);
    this.hasBest = new Uint8Array(termCount);
    this.touched = new Int32Array(termCount);
    this.inClauses = new Int32Array(termCount);
  }

  /** Weighs item `doc`: its impacts, head postings and passages (appended to `passages`); its passage ids. */
  item(a: ItemAnalysis, doc: number, passages: Passage[]): number[] {
    const { local, idfs, hasClause, clauseBest, clauseSecond, hasHead, hasBest, best, second, bestField } =
      this;
    const { total, name, field, touched, inClauses } = this;
    let touchedCount = 0;
    let clauseCount = 0;
    // A long name lists several duties, one per clause: a term counts by the clause that holds it.
    for (const clause of a.clauses) {
      const norm = lengthNorm(clause.length, this.avgClause, P.nameB);
      for (let i = 0; i < clause.ids.length; i++) {
        const id = local[clause.ids[i]!]!;
        const part = saturate(clause.tfs[i]! / norm, P.k1);
        if (!hasClause[id]) {
          hasClause[id] = 1;
          clauseBest[id] = part;
          clauseSecond[id] = 0;
          inClauses[clauseCount++] = id;
        } else if (part > clauseBest[id]!) {
          clauseSecond[id] = clauseBest[id]!;
          clauseBest[id] = part;
        } else clauseSecond[id] = Math.max(clauseSecond[id]!, part);
      }
    }
    for (let i = 0; i < a.headTerms.length; i++) {
      const id = local[a.headTerms[i]!]!;
      const w = idfs[id]!;
      const flags = a.headFlags[i]!;
      const inName = hasClause[id]
        ? FIELD_WEIGHTS.name * (clauseBest[id]! + P.passageRest * clauseSecond[id]!)
        : 0;
      const category = flags & 1 ? FIELD_WEIGHTS.category : 0;
      const department = flags & 2 ? FIELD_WEIGHTS.department : 0;
      const t = w * (inName + category + department);
      total[id] = t;
      name[id] = w * inName;
      field[id] =
        inName >= department && inName >= category
          ? NAME
          : department >= category
            ? DEPARTMENT_FIELD
            : CATEGORY;
      hasHead[id] = 1;
      touched[touchedCount++] = id;
      this.head.add(id, doc, t);
    }
    for (let i = 0; i < clauseCount; i++) hasClause[inClauses[i]!] = 0;
    // Passages: each term counts fully in its best passage and a little in the item's other passages.
    const passageIds: number[] = [];
    for (const p of a.passages) {
      const pid = passages.length;
      passages.push({ doc, field: p.field });
      passageIds.push(pid);
      const norm = lengthNorm(p.length, this.avgPassage, P.passageB);
      const code = FIELD_CODE.get(p.field)!;
      const weight = FIELD_WEIGHTS[p.field];
      for (let i = 0; i < p.ids.length; i++) {
        const id = local[p.ids[i]!]!;
        const impact = idfs[id]! * weight * saturate(p.tfs[i]! / norm, P.k1);
        this.inPassages.add(id, pid, impact);
        if (!hasBest[id]) {
          hasBest[id] = 1;
          best[id] = impact;
          second[id] = 0;
          bestField[id] = code;
          if (!hasHead[id]) touched[touchedCount++] = id;
        } else if (impact > best[id]!) {
          second[id] = best[id]!;
          best[id] = impact;
          bestField[id] = code;
        } else second[id] = Math.max(second[id]!, impact);
      }
    }
    const these = touched.subarray(0, touchedCount).sort();
    let at = this.impactCount;
    for (let k = 0; k < these.length; k++) {
      const id = these[k]!;
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
      this.impactTerms[at] = id;
      this.impactTotals[at] = t;
      this.impactNames[at] = hasHead[id] ? name[id]! : 0;
      this.impactFields[at++] = f;
      hasHead[id] = 0;
      hasBest[id] = 0;
    }
    this.impactCount = at;
    this.impactStarts[doc + 1] = at;
    return passageIds;
  }
}

/** Local id of each process-wide term id while an index is built (-1: not in the edition); reset after. */
let localOf = new Int32Array(0);

function localIds(size: number): Int32Array {
  if (localOf.length < size) {
    const grown = new Int32Array(Math.max(size, localOf.length * 2)).fill(-1);
    localOf = grown;
  }
  return localOf;
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
  // Local term ids in order of first occurrence (the order the edition's vocabulary is read in).
  const local = localIds(termIdCount());
  const globals: number[] = [];
  const dfList: number[] = [];
  for (const a of analyses) {
    for (const g of a.terms) {
      const id = local[g]!;
      if (id < 0) {
        local[g] = dfList.length;
        globals.push(g);
        dfList.push(1);
      } else dfList[id]!++;
    }
  }
  // A passage or clause may hold a term its field's whole text does not (text is cut by the piece):
  // such a term has postings but no document frequency, and weighs the largest idf.
  const dfCount = dfList.length;
  for (const a of analyses) {
    for (const c of [...a.clauses, ...a.passages]) {
      for (const g of c.ids) {
        if (local[g]! < 0) {
          local[g] = globals.length;
          globals.push(g);
        }
      }
    }
  }
  const termCount = globals.length;
  const n = analyses.length;
  const maxIdf = bm25Idf(n, 0);
  const idfs = new Float64Array(termCount).fill(maxIdf);
  for (let id = 0; id < dfCount; id++) idfs[id] = bm25Idf(n, dfList[id]!);
  const df = Int32Array.from(dfList);

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

  const weigher = new Weigher(analyses, local, idfs, termCount, avgClause, avgPassage);
  const passages: Passage[] = [];
  const items: IndexedItem[] = [];
  const stepTerms = new Map<number, Set<string>[]>();
  const departments = new Set<string>();
  for (let doc = 0; doc < n; doc++) {
    const a = analyses[doc]!;
    const passageIds = weigher.item(a, doc, passages);
    items.push({
      item: draft.items[doc]!,
      fields: a.fields,
      nameWords: a.nameWords,
      impacts: NO_IMPACTS,
      passageIds,
    });
    if (a.stepTerms) stepTerms.set(doc, a.stepTerms);
    for (const d of a.departments) departments.add(d);
  }
  const {
    head,
    inPassages,
    impactStarts,
    impactTerms,
    impactTotals,
    impactNames,
    impactFields,
    impactCount,
  } = weigher;
  for (const g of globals) local[g] = -1;

  const lookup = new TermLookup(Int32Array.from(globals));
  const impacts = new ImpactTable(
    lookup,
    impactStarts,
    impactTerms.slice(0, impactCount),
    impactTotals.slice(0, impactCount),
    impactNames.slice(0, impactCount),
    impactFields.slice(0, impactCount),
  );
  for (let doc = 0; doc < n; doc++) items[doc]!.impacts = impacts.of(doc);
  const headPostings = head.build(lookup, termCount);
  const passagePostings = inPassages.build(lookup, termCount);
  const vocabulary = globals
    .slice(0, dfCount)
    .map(termOfId)
    .filter((t) => !t.startsWith(BIGRAM) && !t.startsWith(CHAR));
  const corpus = analyses.map((a) => a.corpus).join("\n");
  bytes +=
    lookup.bytes +
    impacts.bytes +
    headPostings.bytes +
    passagePostings.bytes +
    idfs.byteLength +
    df.byteLength +
    // The edition's items (held through `items`), passages, the corpus.
    draft.items.reduce((sum, item) => sum + itemBytes(item), 0) +
    200 * n +
    48 * passages.length +
    corpus.length * 2;
  return {
    township: draft.township,
    county,
    items,
    segmenter,
    df: termNumbers(lookup, df, dfCount),
    idf: termNumbers(lookup, idfs, dfCount),
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
    analyses,
    bytes,
  };
}

const NO_IMPACTS: Impacts = { get: () => undefined };

/** A number per term, for the first `count` local ids (the terms with a document frequency). */
function termNumbers(lookup: TermLookup, values: Float64Array | Int32Array, count: number): TermNumbers {
  return {
    get: (term) => {
      const id = lookup.local(term);
      return id < 0 || id >= count ? undefined : values[id];
    },
  };
}

/** Inverse document frequency (BM25's, never negative); unknown terms get the largest. */
export function idf(index: ItemIndex, term: string): number {
  return index.idf.get(term) ?? index.maxIdf;
}
