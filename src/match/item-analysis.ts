/**
 * The analysis of one item — its prepared texts, and the terms and term frequencies of its fields, name
 * clauses, passages and township steps — shared by every edition holding the same item. It does not
 * depend on the edition's idf; it depends on the item's content, the county (departments are folded to
 * the county's names) and the edition's own dictionary terms that occur in the item's text (segment.ts:
 * a cut depends on the text and those terms only). Editions of one county mostly repeat each other's
 * items, so a county's indexes analyse most items once.
 *
 * Analyses are held by the indexes using them; this cache only finds a live one again (WeakRef), so it
 * adds no memory of its own beyond its keys.
 */
import { allSteps, type Item } from "../domain/edition.ts";
import { type Act, actsIn } from "./acts.ts";
import { analyzePrepared, BIGRAM, CHAR, characters, wordSpans } from "./analyze.ts";
import { itemKey } from "./item-key.ts";
import { MATCH_PARAMS } from "./params.ts";
import { prepareTask } from "./prepare.ts";
import type { Segmenter } from "./segment.ts";
import type { Thesaurus } from "./thesaurus.ts";

export type Field = "name" | "category" | "townshipDuties" | "departmentDuties" | "takeover" | "department";
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
export type PassageField = "townshipDuties" | "departmentDuties" | "takeover";
const PASSAGE_FIELDS: readonly PassageField[] = ["townshipDuties", "departmentDuties", "takeover"];

export interface FieldDoc {
  /** The field's prepared text, for evidence. */
  text: string;
  tf: Map<string, number>;
  length: number;
}

/** Term frequencies of one text (by term id, see termId) and its number of terms. */
export interface Counted {
  ids: Int32Array;
  tfs: Int32Array;
  length: number;
}

/**
 * Process-wide ids of index terms, so that an edition's index is built over integers and typed arrays
 * rather than maps of strings. Ids only name terms: no result depends on their values or order. The
 * table grows with the vocabulary of the editions indexed (words, bigrams and characters of government
 * writing: tens of thousands of terms).
 */
const ids = new Map<string, number>();
const terms: string[] = [];

/** The id of a term, given one on first sight. */
export function termId(term: string): number {
  let id = ids.get(term);
  if (id === undefined) {
    id = terms.length;
    ids.set(term, id);
    terms.push(term);
  }
  return id;
}

/** The id of a term some index holds, or undefined. */
export function knownTermId(term: string): number | undefined {
  return ids.get(term);
}

/** The term of an id. */
export function termOfId(id: number): string {
  return terms[id]!;
}

/** Number of term ids given so far. */
export function termIdCount(): number {
  return terms.length;
}

export interface ItemAnalysis {
  fields: Record<Field, FieldDoc>;
  /** Every term of the fields, each once, in the order the fields name them (for document frequencies). */
  terms: Int32Array;
  /** Terms of the head fields (name, category, departments), each once, in that order. */
  headTerms: Int32Array;
  /** Per head term: 1 when the category holds it, 2 when the departments do (both: 3). */
  headFlags: Uint8Array;
  /** The name's clauses (a long name lists several duties, one per clause). */
  clauses: Counted[];
  /** Each step or takeover line with terms, in field order. */
  passages: (Counted & { field: PassageField })[];
  /** Word terms of the name (no bigrams or characters). */
  nameWords: Set<string>;
  /** Terms of each township step (cooperative items), for the steps that apply. */
  stepTerms: Set<string>[] | undefined;
  /** Acts the name names. */
  acts: Set<Act>;
  /** Canonical department names the item names (leads, block owners, takeovers). */
  departments: string[];
  /** The fields' prepared texts joined, for the edition's corpus. */
  corpus: string;
  /** Rough bytes the analysis holds (strings, maps), for the index cache's memory bound. */
  bytes: number;
  /** The prepared texts it was made from (held here so that the cache finds them while it lives). */
  prepared: Prepared;
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

/** An item's texts prepared for analysis (normalised, departments folded for the county, noise masked). */
interface Prepared {
  fields: Record<Field, string[]>;
  name: string;
  steps: string[];
  /** Everything above, for finding the edition terms the item holds. */
  all: string;
}

function prepareItem(item: Item, county: string): Prepared {
  const prepare = (text: string) => prepareTask(text, county);
  const texts = fieldTexts(item);
  const fields = {} as Record<Field, string[]>;
  for (const field of FIELDS) fields[field] = texts[field].map(prepare);
  const name = prepare(item.name);
  const steps = item.list === "cooperative" ? allSteps(item.townshipDuties).map(prepare) : [];
  const all = [...FIELDS.flatMap((f) => fields[f]), name, ...steps].join("\n");
  return { fields, name, steps, all };
}

/** Index terms of a prepared text: words, sub-words, bigrams, concepts (and characters for names). */
function termsOf(
  text: string,
  segmenter: Segmenter,
  thesaurus: Thesaurus,
  withCharacters: boolean,
): string[] {
  const analysis = analyzePrepared(text, segmenter);
  const terms = [...analysis.words, ...analysis.subwords, ...analysis.bigrams];
  const words = MATCH_PARAMS.thesaurus.wordAligned ? wordSpans(text, segmenter) : undefined;
  for (const hit of thesaurus.conceptsIn(text, { words })) terms.push(hit.term);
  return withCharacters ? terms.concat(analysis.runs.flatMap(characters)) : terms;
}

function frequencies(terms: readonly string[]): Map<string, number> {
  const tf = new Map<string, number>();
  for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
  return tf;
}

/** Term frequencies by id, in the order the terms first occur. */
function count(terms: readonly string[]): Counted {
  const tf = frequencies(terms);
  const out = { ids: new Int32Array(tf.size), tfs: new Int32Array(tf.size), length: terms.length };
  let i = 0;
  for (const [term, n] of tf) {
    out.ids[i] = termId(term);
    out.tfs[i++] = n;
  }
  return out;
}

/** Bytes of a map of terms (key reference, value, hash entry). */
function mapBytes(tf: ReadonlyMap<string, number>): number {
  return 40 * tf.size;
}

/**
 * Analyses of single texts (a field, a clause, a step) shared between items: editions reword an item's
 * name or change its lead department and keep its steps, so most of a changed item's texts were analysed
 * before. Keyed by kind, text and the edition terms it holds (all its analysis depends on); held weakly.
 */
const texts = new Map<string, WeakRef<object>>();
const forgetText = new FinalizationRegistry<string>((key) => {
  if (!texts.get(key)?.deref()) texts.delete(key);
});

function sharedText<T extends object>(
  kind: string,
  text: string,
  segmenter: Segmenter,
  anyTerms: boolean,
  make: () => T,
): T {
  const key = `${kind}\u0001${text}\u0001${anyTerms ? segmenter.ownTermsIn(text).sort().join("\u0002") : ""}`;
  const found = texts.get(key)?.deref();
  if (found) return found as T;
  const made = make();
  texts.set(key, new WeakRef(made));
  forgetText.register(made, key);
  return made;
}

function analyze(
  item: Item,
  prepared: Prepared,
  segmenter: Segmenter,
  thesaurus: Thesaurus,
  anyTerms: boolean,
): ItemAnalysis {
  const fields = {} as Record<Field, FieldDoc>;
  const seen = new Set<string>();
  for (const field of FIELDS) {
    const text = prepared.fields[field].join("。");
    const withCharacters = field === "name";
    fields[field] = sharedText(withCharacters ? "n" : "f", text, segmenter, anyTerms, () => {
      const terms = termsOf(text, segmenter, thesaurus, withCharacters);
      return { text, tf: frequencies(terms), length: terms.length };
    });
    for (const term of fields[field].tf.keys()) seen.add(term);
  }
  const clauses = prepared.name
    .split(/[，,；;。]/)
    .map((clause) =>
      sharedText("c", clause, segmenter, anyTerms, () => count(termsOf(clause, segmenter, thesaurus, true))),
    )
    .filter((c) => c.length > 0);
  const passages: ItemAnalysis["passages"] = [];
  for (const field of PASSAGE_FIELDS) {
    for (const text of prepared.fields[field]) {
      const c = sharedText("p", text, segmenter, anyTerms, () =>
        count(termsOf(text, segmenter, thesaurus, false)),
      );
      if (c.length) passages.push({ field, ids: c.ids, tfs: c.tfs, length: c.length });
    }
  }
  const stepTerms =
    item.list === "cooperative"
      ? prepared.steps.map((step) =>
          sharedText("s", step, segmenter, anyTerms, () => {
            const a = analyzePrepared(step, segmenter);
            return new Set([...a.words, ...a.subwords, ...a.bigrams]);
          }),
        )
      : undefined;
  const headTerms = [...new Set(HEAD_FIELDS.flatMap((f) => [...fields[f].tf.keys()]))];
  const headFlags = Uint8Array.from(
    headTerms,
    (t) => (fields.category.tf.has(t) ? 1 : 0) | (fields.department.tf.has(t) ? 2 : 0),
  );
  const nameWords = new Set(
    [...fields.name.tf.keys()].filter((t) => !t.startsWith(BIGRAM) && !t.startsWith(CHAR)),
  );
  const corpus = FIELDS.map((f) => fields[f].text).join("。");
  let bytes = 200 + corpus.length * 4 + prepared.all.length * 2;
  for (const f of FIELDS) bytes += mapBytes(fields[f].tf);
  for (const c of [...clauses, ...passages]) bytes += 8 * c.ids.length + 120;
  for (const s of stepTerms ?? []) bytes += 32 * s.size + 40;
  bytes += 4 * seen.size + 5 * headTerms.length + 32 * nameWords.size;
  return {
    fields,
    terms: Int32Array.from(seen, termId),
    headTerms: Int32Array.from(headTerms, termId),
    headFlags,
    clauses,
    passages,
    nameWords,
    stepTerms,
    acts: actsIn(fields.name.text),
    departments: itemDepartments(item),
    corpus,
    bytes,
    prepared,
  };
}

/**
 * Live analyses: by content key (county and item) the item's prepared texts, and by the edition terms
 * in them the analyses. Entries are dropped when no index holds them any more.
 */
interface Live {
  prepared: WeakRef<Prepared>;
  analyses: Map<string, WeakRef<ItemAnalysis>>;
}
const live = new Map<string, Live>();
const forget = new FinalizationRegistry<{ content: string; terms: string }>(({ content, terms }) => {
  const entry = live.get(content);
  if (!entry) return;
  if (!entry.analyses.get(terms)?.deref()) entry.analyses.delete(terms);
  if (entry.analyses.size === 0) live.delete(content);
});

/** Items analysed and reused since the process started (tests and benches). */
export const analysisStats = { analysed: 0, reused: 0 };

/** Forgets every live analysis, so the next indexes analyse their items anew (tests). */
export function forgetAnalyses(): void {
  live.clear();
  texts.clear();
}

/**
 * The analysis of an item as an edition of `county` whose segmenter is `segmenter` sees it: reused when
 * an index already holds the same item (same content, county and edition terms in its text), else made
 * (`fresh`).
 */
export function itemAnalysis(
  item: Item,
  county: string,
  segmenter: Segmenter,
  thesaurus: Thesaurus,
): { analysis: ItemAnalysis; fresh: boolean } {
  const content = `${county}\u0001${itemKey(item)}`;
  let entry = live.get(content);
  let prepared = entry?.prepared.deref();
  if (!prepared) {
    prepared = prepareItem(item, county);
    entry = { prepared: new WeakRef(prepared), analyses: entry?.analyses ?? new Map() };
    live.set(content, entry);
  }
  const own = segmenter.ownTermsIn(prepared.all);
  const terms = own.sort().join("\u0002");
  const found = entry!.analyses.get(terms)?.deref();
  if (found) {
    analysisStats.reused++;
    return { analysis: found, fresh: false };
  }
  const analysis = analyze(item, prepared, segmenter, thesaurus, own.length > 0);
  analysisStats.analysed++;
  entry!.analyses.set(terms, new WeakRef(analysis));
  forget.register(analysis, { content, terms });
  return { analysis, fresh: true };
}
