/**
 * Search inside one edition for the township page: Chinese words (segmented by the match layer's
 * analyzer), department aliases, pinyin initials (`fxkh` finds 防汛抗旱) and full pinyin without tones
 * (`fangxun kanghan` or `fangxunkanghan`). Every query word must occur in an item (name, category,
 * departments or steps; pinyin in the name); when no item has them all, items with some of them are
 * returned, ranked, and the result says so.
 */
import type { Item } from "../domain/edition.ts";
import { findInitials, findSyllables, type Initials, pinyinOf, type Syllables } from "./pinyin.ts";

/** What search needs from the text tools of src/match. */
export interface TextAnalyzer {
  /** Canonical form used on both sides of a match: half width, simplified, department aliases folded. */
  normalize(text: string, county?: string): string;
  /** The words of a normalised query, in order. */
  words(normalized: string): string[];
}

/** One query word: Chinese text (with alternative spellings) or pinyin letters. */
export type QueryTerm = { kind: "text"; text: string } | { kind: "pinyin"; letters: string };

export type Field = "name" | "category" | "departments" | "steps";

/** Field weights: the name says what an item is; steps only mention things. */
const WEIGHTS: Record<Field, number> = { name: 4, category: 2, departments: 2, steps: 1 };

interface Entry {
  item: Item;
  fields: Record<Field, string>;
  initials: Initials;
  syllables: Syllables;
  /** Offsets in the name where a segmented word starts or ends: initials that span whole words rank higher. */
  wordEdges: Set<number>;
}

export interface SearchHit {
  item: Item;
  score: number;
  /** How many query terms the item contains. */
  matched: number;
  /** Character ranges of the name matched by pinyin initials, [start, end). */
  pinyinRanges: [number, number][];
}

export interface SearchResult {
  terms: QueryTerm[];
  /** "all": every hit contains every term; "any": no item had them all, these contain some. */
  mode: "all" | "any";
  /** Hits by descending score; ties keep document order. */
  hits: SearchHit[];
}

/** Words that carry no meaning on their own in a query. */
const STOP_WORDS = new Set([
  "的",
  "了",
  "和",
  "与",
  "及",
  "或",
  "等",
  "在",
  "是",
  "对",
  "把",
  "将",
  "之",
  "其",
  "为",
]);
/** Latin letters read as pinyin (initials or full syllables); long enough for a phrase's full pinyin. */
const PINYIN = /^[a-z]{2,60}$/;

/** The searchable form of one edition's items. Build once per edition (see SearchCache). */
export class SearchIndex {
  private readonly entries: Entry[];

  constructor(
    items: readonly Item[],
    private readonly analyzer: TextAnalyzer,
    private readonly county?: string,
  ) {
    const field = (text: string) => compact(analyzer.normalize(text, county));
    this.entries = items.map((item) => ({
      item,
      fields: {
        name: field(item.name),
        category: field(item.category),
        departments: field(departmentText(item)),
        steps: field(stepText(item)),
      },
      ...pinyinOf(item.name),
      wordEdges: this.wordEdges(item.name),
    }));
  }

  /** Word boundaries of a name, located in the name itself (words come from its normalised form). */
  private wordEdges(name: string): Set<number> {
    const edges = new Set([0, name.length]);
    const lower = name.toLowerCase();
    let at = 0;
    for (const word of this.analyzer.words(this.analyzer.normalize(name))) {
      const found = lower.indexOf(word, at);
      if (found < 0) continue;
      edges.add(found);
      edges.add(found + word.length);
      at = found + word.length;
    }
    return edges;
  }

  /** Splits a query into terms: Latin runs are pinyin, the rest is segmented into words. */
  terms(query: string): QueryTerm[] {
    const terms: QueryTerm[] = [];
    const seen = new Set<string>();
    for (const part of query.trim().split(/\s+/)) {
      if (!part) continue;
      // ü is typed v (as the names' pinyin has it), or ü itself; nüe and lüe also as nue and lue, which input
      // methods take (no syllable starts with u, so the letters mean nothing else).
      const lower = part
        .normalize("NFKC")
        .toLowerCase()
        .replace(/ü/g, "v")
        .replace(/([ln])ue/g, "$1ve");
      if (PINYIN.test(lower)) {
        if (!seen.has(`p:${lower}`)) terms.push({ kind: "pinyin", letters: lower });
        seen.add(`p:${lower}`);
        continue;
      }
      const normalized = this.analyzer.normalize(part, this.county);
      for (const word of this.analyzer.words(normalized)) {
        const w = compact(word);
        if (!w || STOP_WORDS.has(w) || seen.has(`t:${w}`)) continue;
        seen.add(`t:${w}`);
        terms.push({ kind: "text", text: w });
      }
    }
    return terms;
  }

  /** Runs a query; `within` restricts the hits to items it accepts (a list, facets). */
  search(query: string, within: (item: Item) => boolean = () => true): SearchResult {
    const terms = this.terms(query);
    const entries = this.entries.filter((e) => within(e.item));
    if (terms.length === 0) return { terms, mode: "all", hits: [] };
    const rarity = terms.map((t) => idf(this.entries, t));
    const phrase =
      terms.length > 1 && terms.every((t) => t.kind === "pinyin") ? terms.map((t) => t.letters).join("") : "";
    const scored: SearchHit[] = [];
    for (const entry of entries) {
      let score = 0;
      let matched = 0;
      const pinyinRanges: [number, number][] = [];
      terms.forEach((term, i) => {
        const weight = termWeight(entry, term, pinyinRanges);
        if (weight > 0) {
          matched++;
          score += weight * (rarity[i] ?? 1);
        }
      });
      // Full pinyin typed as separate words (anquan shengchan) ranks the names where they stand together
      // (安全生产) above names that hold them apart, as one word in Chinese would.
      if (phrase && matched === terms.length) {
        const together = findSyllables(entry.syllables, phrase);
        if (together.length > 0) {
          score += WEIGHTS.name * Math.max(...rarity);
          pinyinRanges.push(...together);
        }
      }
      if (matched > 0) scored.push({ item: entry.item, score, matched, pinyinRanges });
    }
    const complete = scored.filter((h) => h.matched === terms.length);
    const mode = complete.length > 0 || terms.length === 1 ? "all" : "any";
    const hits = mode === "all" ? complete : scored;
    // Stable sort: equal scores keep the document's order.
    hits.sort((a, b) => b.matched - a.matched || b.score - a.score);
    return { terms, mode, hits };
  }
}

/** The best field weight of a term in an entry, 0 when absent; records pinyin ranges of the name. */
function termWeight(entry: Entry, term: QueryTerm, ranges: [number, number][]): number {
  if (term.kind === "pinyin") {
    const initials = findInitials(entry.initials, entry.item.name, term.letters);
    const syllables = findSyllables(entry.syllables, term.letters);
    if (initials.length > 0 || syllables.length > 0) {
      ranges.push(...initials, ...syllables);
      return Math.max(initialsWeight(entry, initials), syllablesWeight(entry, syllables));
    }
    // Letters that really occur in the text (a code such as "12345" or "PPP") still count.
    return literalWeight(entry, term.letters);
  }
  return literalWeight(entry, term.text);
}

/** The weight of initials found in the name (0 when none). */
function initialsWeight(entry: Entry, found: readonly [number, number][]): number {
  if (found.length === 0) return 0;
  // zjf should rank 自建房 (a word) above the z-j-f that happen to meet inside a long sentence.
  const whole = found.some(([start, end]) => entry.wordEdges.has(start) && entry.wordEdges.has(end));
  if (!whole) return WEIGHTS.name / 2;
  return found.some(([start]) => start === 0) ? WEIGHTS.name + 1 : WEIGHTS.name;
}

/**
 * The weight of full pinyin found in the name (0 when none). Whole syllables are already specific, so a
 * match that starts or ends a word counts fully (anquan in 安全生产); one inside a word and across another
 * (anquan in 平安全面) counts half.
 */
function syllablesWeight(entry: Entry, found: readonly [number, number][]): number {
  if (found.length === 0) return 0;
  if (found.some(([start]) => start === 0)) return WEIGHTS.name + 1;
  const edged = found.some(([start, end]) => entry.wordEdges.has(start) || entry.wordEdges.has(end));
  return edged ? WEIGHTS.name : WEIGHTS.name / 2;
}

function literalWeight(entry: Entry, text: string): number {
  let best = 0;
  for (const field of Object.keys(WEIGHTS) as Field[]) {
    if (WEIGHTS[field] > best && entry.fields[field].includes(text)) best = WEIGHTS[field];
  }
  // A term that is the whole name (or starts it) says more than one buried inside it.
  if (best === WEIGHTS.name && entry.fields.name.startsWith(text)) best += 1;
  return best;
}

/** Inverse document frequency of a term over all items of the edition. */
function idf(entries: readonly Entry[], term: QueryTerm): number {
  let df = 0;
  for (const e of entries) if (termWeight(e, term, []) > 0) df++;
  return Math.log(1 + entries.length / (1 + df));
}

/**
 * Text without punctuation, spaces or case, on both sides of a match: 防汛抗旱 finds 防汛、抗旱, and
 * words never fail on a comma the query did not type.
 */
function compact(text: string): string {
  return text.replace(/[\p{P}\p{S}\s]+/gu, "").toLowerCase();
}

function departmentText(item: Item): string {
  if (item.list === "cooperative") return [...item.leadDepartments, ...item.otherLeads].join(" ");
  if (item.list === "reclaimed") return item.takeover.departments.join(" ");
  return "";
}

function stepText(item: Item): string {
  if (item.list === "cooperative") {
    const blocks = [...item.departmentDuties, ...item.townshipDuties];
    return blocks.flatMap((b) => [b.heading ?? "", ...b.steps]).join(" ");
  }
  if (item.list === "reclaimed")
    return [...item.takeover.workMethod, ...item.takeover.workStandard].join(" ");
  return item.remark ?? "";
}

/** The words to mark in text: Chinese words, and Latin letters where they occur literally (a code, "PPP"). */
export function textTerms(terms: readonly QueryTerm[]): string[] {
  return terms.map((t) => (t.kind === "text" ? t.text : t.letters));
}
