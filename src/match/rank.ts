/**
 * From task text to ranked candidate items: builds the weighted query (words, sub-words, bigrams,
 * characters, thesaurus concepts and abbreviation expansions), scores it (score.ts), reweighs by the
 * act the task asks for, and describes each leading candidate by what of the task it explains.
 */
import { LRUCache } from "lru-cache";
import type { Item } from "../domain/edition.ts";
import { type Act, actsIn, sharedAuthorityActs } from "./acts.ts";
import { analyzePrepared, BIGRAM, CHAR, DEPARTMENT, wordSpans } from "./analyze.ts";
import { type TaskCues, taskCues } from "./cues.ts";
import { type ItemIndex, idf } from "./item-index.ts";
import { type LicenceAsked, licencesAsked } from "./licences.ts";
import { canonicalizeDepartments, normalizeText } from "./normalize.ts";
import { withoutFormulae } from "./notice-roles.ts";
import { MATCH_PARAMS } from "./params.ts";
import { maskTaskNoise } from "./prepare.ts";
import {
  type Alternative,
  matchesOf,
  type Query,
  type QueryGroup,
  ScoreSheet,
  TaskHits,
  type TermMatch,
} from "./score.ts";
import { abbreviationsIn } from "./synonyms.ts";
import { CONCEPT } from "./thesaurus.ts";

const Q = MATCH_PARAMS.query;
const A = MATCH_PARAMS.acts;
const BIGRAM_WEIGHT = Q.bigram;
const CHAR_WEIGHT = Q.char;
const SUBWORD_WEIGHT = Q.subword;
const SINGLE_WEIGHT = Q.single;
const EXPANSION_WEIGHT = Q.expansion;
/** A concept the task names in several places (老党员、老干部、老战士) is what the task is about. */
const conceptWeight = (count: number) => Q.concept * Math.min(2, 1 + Q.conceptRepeat * (count - 1));
const CREDIT = Q.credit;

export interface Candidate {
  readonly item: Item;
  /** Position of the item in the index. */
  doc: number;
  /**
   * Score after the act adjustment, in units of the idf of a term unique to one item, so that the
   * decision means the same for a 30-item and a 300-item edition.
   */
  score: number;
  /** Score before it. */
  textScore: number;
  matches: TermMatch[];
  /** Share of the task's word mass (idf) that this item explains, 0..1. */
  coverage: number;
  /**
   * The same share over the task's object words only — those that hold no act word (acts.ts): 0 when it
   * has none. An item that explains only 许可证 of 核发取水许可证 shares the act, not the object 取水.
   */
  objectCoverage: number;
  /** Rarity of the rarest task word or concept matched in the name: its idf over uniqueIdf, ≤ 1. */
  nameBest: number;
  /**
   * How many distinct words of the task the item shares anything with: the word, a concept or expansion
   * of it, a part of it, down to one character (the terms of the word's query group); a word the
   * segmenter cut into characters (巡河 as 巡/河, a Fragment) counts as one.
   */
  wordsShared: number;
  /** Authority acts the task and the item name share. */
  sharedActs: Act[];
  /**
   * Whether the item leaves unexplained the kind of a licence the task asks to have issued (取水 of
   * 核发取水许可证): less than half of the kind's word mass (licences.ts).
   */
  missesLicenceKind: boolean;
  /** The licences whose kind the item leaves unexplained (empty unless missesLicenceKind). */
  missedLicences: readonly LicenceAsked[];
  /** Whether the task says the item's whole name (as prepared, at least WHOLE_NAME_CHARS characters). */
  namedWhole: boolean;
}

/** Shortest item name that counts as said whole by a task: two or three characters are said by chance. */
export const WHOLE_NAME_CHARS = 4;

/** One content word of the task, with everything that can explain it. */
export interface Unit {
  word: string;
  /** Where the word stands in the prepared task (−1 when it could not be placed). */
  start: number;
  /** Its weight in the coverage (idf, or a share of the largest idf when the edition lacks it). */
  mass: number;
  subwords: string[];
  bigrams: string[];
  /** Concept terms whose member overlaps the word. */
  concepts: string[];
  /** Concept terms of broader terms that the word (a narrower term) reaches. */
  broader: string[];
  /** Abbreviation expansions of the word. */
  expansions: string[];
  /**
   * Whether the word holds an act word (acts.ts ACT_WORDS: 许可证, 宣传教育): what is to be done, not to
   * what. By substring, so 义务教育 counts as an act too; whole-word matching did worse on tune CV.
   */
  act: boolean;
  /** The word's query group: everything that can explain it (set when the query is built). */
  group: QueryGroup;
}

/**
 * A word the segmenter could not place, cut into one-character words that stand side by side (巡河 as
 * 巡/河): not a unit (it has no idf of its own), but a word of the task all the same, with the terms that
 * can explain it (its characters, the bigrams across them, a concept over it).
 */
export interface Fragment {
  word: string;
  terms: string[];
  /** Where it stands in the prepared task, [start, end). */
  start: number;
  end: number;
}

export interface Ranking {
  /** The task after normalisation, folding and noise masking. */
  prepared: string;
  query: Query;
  groups: QueryGroup[];
  /** Where each expansion or concept term came from in the task (农业技术 → 农技). */
  expandedFrom: Map<string, string>;
  /** Acts the task asks for. */
  acts: ReadonlySet<Act>;
  units: Unit[];
  /** Words cut into characters (see Fragment). */
  fragments: Fragment[];
  /** Sum of the units' mass. */
  wordMass: number;
  /** Signs that the task lies outside the lists (see cues.ts). */
  cues: TaskCues;
  /** The licences the task asks to have issued, with the words naming their kinds (licences.ts). */
  licences: LicenceAsked[];
  /** The items' hits of the task's whole query (shared by its rankings without a word). */
  hits: TaskHits;
  /** Every item's score and what each group gave it (for rankWithout). */
  sheet: ScoreSheet;
  candidates: Candidate[];
}

/** Builds the query (terms and groups) and the units of a prepared task. */
export function buildQuery(
  index: ItemIndex,
  prepared: string,
): {
  query: Query;
  groups: QueryGroup[];
  expandedFrom: Map<string, string>;
  units: Unit[];
  fragments: Fragment[];
} {
  const analysis = analyzePrepared(prepared, index.segmenter);
  const query: Query = new Map();
  const expandedFrom = new Map<string, string>();
  const put = (term: string, weight: number) => query.set(term, Math.max(query.get(term) ?? 0, weight));
  const units: Unit[] = [];
  const spans: { unit: Unit; start: number; end: number }[] = [];
  const groups: QueryGroup[] = [];
  const inWords = new Set<string>();
  const chars: { char: string; start: number }[] = [];
  let cursor = 0;
  for (const word of analysis.words) {
    if (word.startsWith(DEPARTMENT)) {
      put(word, 1);
      groups.push([[[word, 1]]]);
      continue;
    }
    const start = prepared.indexOf(word, cursor);
    if (start >= 0) cursor = start + word.length;
    if (word.length < 2) {
      // A one-character word is mostly a fragment jieba could not place.
      if (start >= 0) chars.push({ char: word, start });
      put(word, SINGLE_WEIGHT);
      put(CHAR + word, CHAR_WEIGHT);
      groups.push([[[word, SINGLE_WEIGHT]], [[CHAR + word, CHAR_WEIGHT]]]);
      inWords.add(CHAR + word);
      continue;
    }
    const unit: Unit = {
      word,
      start,
      mass: index.idf.get(word) ?? index.maxIdf * Q.unknownWordMass,
      subwords: word.length > 2 ? analysis.subwords.filter((sub) => word.includes(sub)) : [],
      bigrams: [...word.slice(1)].map((c, i) => BIGRAM + word[i] + c),
      concepts: [],
      broader: [],
      expansions: [],
      act: actsIn(word).size > 0,
      group: [],
    };
    units.push(unit);
    if (start >= 0) spans.push({ unit, start, end: start + word.length });
  }
  const fragments = fragmentsOf(chars);
  // Each concept explains the word it overlaps most; one over no word stands alone.
  const loose: string[] = [];
  const words = MATCH_PARAMS.thesaurus.wordAligned ? wordSpans(prepared, index.segmenter) : undefined;
  const departments = departmentSpans(prepared, analysis.words);
  for (const hit of index.thesaurus.conceptsIn(prepared, { broader: true, words })) {
    expandedFrom.set(hit.term, hit.member);
    if (onlyInDepartments(prepared, hit.member, hit.count, departments)) {
      // Inside a department's name: a hint at the topic only, and no word of the task it explains.
      put(hit.term, Q.inDepartmentName * (hit.broader ? Q.broader : Q.concept));
      loose.push(hit.term);
      continue;
    }
    put(hit.term, hit.broader ? Q.broader : conceptWeight(hit.count));
    let owner: Unit | undefined;
    let most = 0;
    for (const sp of spans) {
      const overlap = Math.min(sp.end, hit.end) - Math.max(sp.start, hit.start);
      if (overlap > most) {
        most = overlap;
        owner = sp.unit;
      }
    }
    if (owner) (hit.broader ? owner.broader : owner.concepts).push(hit.term);
    else {
      loose.push(hit.term);
      for (const f of fragments) if (f.start < hit.end && hit.start < f.end) f.terms.push(hit.term);
    }
  }
  for (const abbreviation of abbreviationsIn(index.segmenter.cutNormalized(prepared), index.abbreviations)) {
    for (const word of index.abbreviations.get(abbreviation) ?? []) {
      if (query.has(word)) continue;
      expandedFrom.set(word, abbreviation);
      const owner = units.find((u) => u.word.includes(abbreviation));
      if (owner) owner.expansions.push(word);
      else loose.push(word);
      put(word, EXPANSION_WEIGHT);
    }
  }
  for (const unit of units) {
    const chars = [...unit.word].map((c) => CHAR + c);
    put(unit.word, 1);
    for (const sub of unit.subwords) put(sub, SUBWORD_WEIGHT);
    for (const b of unit.bigrams) put(b, BIGRAM_WEIGHT);
    for (const c of chars) put(c, CHAR_WEIGHT);
    for (const t of [...unit.bigrams, ...chars]) inWords.add(t);
    const alternatives: Alternative[] = [[[unit.word, 1]]];
    for (const c of [...unit.concepts, ...unit.broader]) alternatives.push([[c, query.get(c)!]]);
    for (const e of unit.expansions) alternatives.push([[e, EXPANSION_WEIGHT]]);
    if (unit.subwords.length) alternatives.push(unit.subwords.map((sub) => [sub, SUBWORD_WEIGHT] as const));
    alternatives.push(unit.bigrams.map((b) => [b, BIGRAM_WEIGHT] as const));
    alternatives.push(chars.map((c) => [c, CHAR_WEIGHT] as const));
    unit.group = alternatives;
    groups.push(alternatives);
  }
  for (const term of loose) groups.push([[[term, query.get(term)!]]]);
  // Bigrams across adjacent words catch compounds jieba split apart.
  for (const b of analysis.bigrams) {
    if (inWords.has(b) || query.has(b)) continue;
    put(b, BIGRAM_WEIGHT);
    groups.push([[[b, BIGRAM_WEIGHT]]]);
  }
  return {
    query,
    groups,
    expandedFrom,
    units,
    fragments,
  };
}

/** Runs of two or more one-character words side by side, each with its characters and inner bigrams. */
function fragmentsOf(chars: readonly { char: string; start: number }[]) {
  const fragments: Fragment[] = [];
  let run: { char: string; start: number }[] = [];
  const close = () => {
    if (run.length >= 2) {
      const word = run.map((c) => c.char).join("");
      const terms = [...word].flatMap((c) => [c, CHAR + c]);
      for (let i = 1; i < word.length; i++) terms.push(BIGRAM + word[i - 1] + word[i]);
      fragments.push({ word, terms, start: run[0]!.start, end: run[0]!.start + word.length });
    }
    run = [];
  };
  for (const c of chars) {
    const last = run[run.length - 1];
    if (last && c.start !== last.start + 1) close();
    run.push(c);
  }
  close();
  return fragments;
}

/** Where the task names departments (their canonical names, as prepared), [start, end). */
function departmentSpans(prepared: string, words: readonly string[]): [number, number][] {
  const spans: [number, number][] = [];
  for (const word of words) {
    if (!word.startsWith(DEPARTMENT)) continue;
    const name = word.slice(DEPARTMENT.length);
    for (let i = prepared.indexOf(name); i >= 0; i = prepared.indexOf(name, i + 1))
      spans.push([i, i + name.length]);
  }
  return spans;
}

/** True when every place the task names a concept (`count` of them) lies inside a department's name. */
function onlyInDepartments(
  prepared: string,
  member: string,
  count: number,
  departments: readonly [number, number][],
): boolean {
  if (!departments.length) return false;
  let inside = 0;
  for (let i = prepared.indexOf(member); i >= 0; i = prepared.indexOf(member, i + 1)) {
    if (!departments.some(([a, b]) => a <= i && i + member.length <= b)) return false;
    inside++;
  }
  return inside >= count;
}

/** How much of a unit the matched terms explain, 0..1. */
export function explained(index: ItemIndex, unit: Unit, matched: ReadonlySet<string>): number {
  if (matched.has(unit.word)) return 1;
  let best = 0;
  if (unit.concepts.some((c) => matched.has(c))) best = CREDIT.concept;
  if (unit.broader.some((c) => matched.has(c))) best = Math.max(best, CREDIT.broader);
  if (unit.expansions.some((e) => matched.has(e))) best = Math.max(best, CREDIT.expansion);
  if (unit.subwords.length) {
    let hit = 0;
    let all = 0;
    for (const s of unit.subwords) {
      const w = idf(index, s);
      all += w;
      if (matched.has(s)) hit += w;
    }
    best = Math.max(best, (CREDIT.subword * hit) / all);
  }
  if (unit.bigrams.length) {
    const hit = unit.bigrams.filter((b) => matched.has(b)).length;
    best = Math.max(best, (CREDIT.bigram * hit) / unit.bigrams.length);
  }
  return best;
}

function isWordTerm(term: string): boolean {
  return !term.startsWith(BIGRAM) && !term.startsWith(CHAR);
}

interface Details {
  matches: TermMatch[];
  coverage: number;
  objectCoverage: number;
  nameBest: number;
  missedLicences: LicenceAsked[];
  wordsShared: number;
}

/** Share of a licence kind's word mass an item must explain for the kind to count as named. */
const LICENCE_KIND_EXPLAINED = 0.5;

/** What of the task one scored item explains. */
function details(index: ItemIndex, ranking: Omit<Ranking, "candidates" | "sheet">, doc: number): Details {
  const matches = matchesOf(ranking.hits, doc, ranking.query);
  const all = new Set<string>();
  const inName = new Set<string>();
  for (const m of matches) {
    all.add(m.term);
    if (m.name > 0) inName.add(m.term);
  }
  let covered = 0;
  let objectMass = 0;
  let objectCovered = 0;
  const words = new Set<string>();
  for (const unit of ranking.units) {
    if (unit.mass > 0 && unit.group.some((alt) => alt.some(([term]) => all.has(term)))) words.add(unit.word);
    const part = unit.mass * explained(index, unit, all);
    covered += part;
    if (unit.act) continue;
    objectMass += unit.mass;
    objectCovered += part;
  }
  for (const f of ranking.fragments) if (f.terms.some((t) => all.has(t))) words.add(f.word);
  let nameBest = 0;
  for (const term of inName) {
    if (!isWordTerm(term) || term.startsWith(DEPARTMENT)) continue;
    if (!term.startsWith(CONCEPT) && term.length < 2) continue;
    if ((ranking.query.get(term) ?? 0) < SUBWORD_WEIGHT) continue;
    nameBest = Math.max(nameBest, Math.min(1, idf(index, term) / index.uniqueIdf));
  }
  const missedLicences = ranking.licences.filter(({ kind }) => {
    let mass = 0;
    let explainedMass = 0;
    for (const unit of kind) {
      mass += unit.mass;
      explainedMass += unit.mass * explained(index, unit, all);
    }
    return explainedMass < LICENCE_KIND_EXPLAINED * mass;
  });
  const mass = ranking.wordMass;
  return {
    missedLicences,
    matches,
    coverage: mass > 0 ? covered / mass : 0,
    // A task without object words gives no evidence that an item explains its object.
    objectCoverage: objectMass > 0 ? objectCovered / objectMass : 0,
    nameBest,
    wordsShared: words.size,
  };
}

/** A scored item; what it explains is worked out on first use (most candidates are never asked). */
class ScoredCandidate implements Candidate {
  readonly item: Item;
  private cache: Details | undefined;
  constructor(
    private readonly index: ItemIndex,
    private readonly ranking: Omit<Ranking, "candidates" | "sheet">,
    readonly doc: number,
    readonly score: number,
    readonly textScore: number,
    readonly sharedActs: Act[],
  ) {
    this.item = index.items[doc]!.item;
  }
  private get details(): Details {
    this.cache ??= details(this.index, this.ranking, this.doc);
    return this.cache;
  }
  get matches() {
    return this.details.matches;
  }
  get coverage() {
    return this.details.coverage;
  }
  get objectCoverage() {
    return this.details.objectCoverage;
  }
  get nameBest() {
    return this.details.nameBest;
  }
  get wordsShared() {
    return this.details.wordsShared;
  }
  get missesLicenceKind() {
    return this.details.missedLicences.length > 0;
  }
  get missedLicences() {
    return this.details.missedLicences;
  }
  get namedWhole() {
    // The name as the index prepared it, against the task prepared the same way.
    const name = this.index.items[this.doc]!.fields.name.text;
    return name.length >= WHOLE_NAME_CHARS && this.ranking.prepared.includes(name);
  }
}

/** Per index, the act factor of every item for each set of acts a task asks for (at most 2⁵ sets). */
const actFactorSets = new WeakMap<ItemIndex, Map<string, Float64Array>>();

/** Each item's score factor for a task asking `acts`: agreement on an authority act, or one it lacks. */
function actFactors(index: ItemIndex, acts: ReadonlySet<Act>): Float64Array {
  let sets = actFactorSets.get(index);
  if (!sets) {
    sets = new Map();
    actFactorSets.set(index, sets);
  }
  const key = [...acts].sort().join();
  let factors = sets.get(key);
  if (!factors) {
    const taskAuthority = A.missingFor.some((a) => acts.has(a));
    factors = new Float64Array(index.items.length).fill(1);
    index.itemActs.forEach((itemActs, doc) => {
      if (sharedAuthorityActs(acts, itemActs).length > 0) factors![doc] = A.agreement;
      else if (!taskAuthority && A.missingFor.some((a) => itemActs.has(a))) factors![doc] = A.missing;
    });
    sets.set(key, factors);
  }
  return factors;
}

/** Reweighs the scored items by the act and keeps the leading ones as candidates. */
function candidatesOf(
  index: ItemIndex,
  base: Omit<Ranking, "candidates" | "sheet">,
  scored: (visit: (doc: number, score: number) => void) => void,
): Candidate[] {
  const { acts } = base;
  const factors = actFactors(index, acts);
  const keep = MATCH_PARAMS.answer.candidates;
  // Reweigh every scored item by the act and keep the best few, in order (ties by position).
  const best: { doc: number; textScore: number; score: number }[] = [];
  const before = (a: { doc: number; score: number }, b: { doc: number; score: number }) =>
    a.score > b.score || (a.score === b.score && a.doc < b.doc);
  scored((doc, textScore) => {
    const score = textScore * factors[doc]!;
    const last = best[keep - 1];
    if (last && !before({ doc, score }, last)) return;
    const entry = { doc, textScore, score };
    let at = best.length;
    while (at > 0 && before(entry, best[at - 1]!)) at--;
    best.splice(at, 0, entry);
    if (best.length > keep) best.pop();
  });
  // Only the few that can be shown or chosen are described.
  return best.map(
    (a) =>
      new ScoredCandidate(
        index,
        base,
        a.doc,
        a.score / index.uniqueIdf,
        a.textScore / index.uniqueIdf,
        sharedAuthorityActs(acts, index.itemActs[a.doc]!),
      ),
  );
}

/** Ranks the items of an index for one task (raw text). */
export function rank(index: ItemIndex, text: string): Ranking {
  const { unframed, prepared, acts } = preparedTask(text, index.county);
  const { query, groups, expandedFrom, units, fragments } = buildQuery(index, prepared);
  const wordMass = units.reduce((s, u) => s + u.mass, 0);
  // Cues are read without the framing too: a department the message is copied to (抄送：县委办) is not
  // one the task names, nor is a contact's telephone a quota.
  const cues = taskCues(unframed, index.departments, index.corpus);
  const licences = licencesAsked(prepared, units);
  const hits = new TaskHits(index, query);
  const base = {
    prepared,
    query,
    groups,
    expandedFrom,
    acts,
    units,
    fragments,
    wordMass,
    cues,
    licences,
    hits,
  };
  const sheet = new ScoreSheet(index, groups);
  return { ...base, sheet, candidates: candidatesOf(index, base, (visit) => sheet.forEach(visit)) };
}

/**
 * A task's text as ranking reads it — normalised, departments folded for the county, the words that frame
 * it blanked (unframed; the cues read this), noise masked (prepared) — and the acts it asks for, kept for
 * the tasks checked lately: a county-wide check ranks the same tasks against every township's index.
 * Shared: read only.
 */
const prepared = new LRUCache<string, { unframed: string; prepared: string; acts: ReadonlySet<Act> }>({
  max: 256,
});
/**
 * Longer tasks are not kept: a task is a sentence or a paragraph, but a pasted text without breaks is one
 * task of up to MAX_TEXT_CHARS, and 256 of those would hold half a gigabyte (three strings of each).
 */
const KEPT_TASK_CHARS = 2000;

function preparedTask(text: string, county: string) {
  const key = `${county}\u0001${text}`;
  let found = prepared.get(key);
  if (!found) {
    const unframed = withoutFormulae(canonicalizeDepartments(normalizeText(text), county));
    const masked = maskTaskNoise(unframed);
    found = { unframed, prepared: masked, acts: actsIn(masked) };
    if (text.length <= KEPT_TASK_CHARS) prepared.set(key, found);
  }
  return found;
}

/**
 * The same task (a ranking made by `rank`) ranked as if one of its words were not there: the word's query
 * group and the act it names are dropped; everything else (other words, cues) stays as analysed. Cheaper
 * than ranking the shortened text again (no segmentation), and the same for every word a task repeats
 * elsewhere.
 */
export function rankWithout(index: ItemIndex, ranking: Ranking, unit: Unit): Ranking {
  const dropped = ranking.groups.indexOf(unit.group);
  const groups = ranking.groups.filter((_, g) => g !== dropped);
  const query: Query = new Map();
  for (const group of groups) {
    for (const alternative of group) {
      for (const [term, weight] of alternative) query.set(term, Math.max(query.get(term) ?? 0, weight));
    }
  }
  const at = ranking.prepared.indexOf(unit.word);
  const prepared =
    at < 0
      ? ranking.prepared
      : `${ranking.prepared.slice(0, at)},${ranking.prepared.slice(at + unit.word.length)}`;
  const units = ranking.units.filter((u) => u !== unit);
  const base = {
    prepared,
    query,
    groups,
    expandedFrom: ranking.expandedFrom,
    acts: actsIn(prepared),
    units,
    fragments: ranking.fragments,
    wordMass: ranking.wordMass - unit.mass,
    cues: ranking.cues,
    licences: ranking.licences
      .map((l) => ({ ...l, kind: l.kind.filter((u) => u !== unit) }))
      .filter((l) => l.kind.length),
    hits: ranking.hits,
  };
  const { sheet } = ranking;
  const scored =
    dropped < 0
      ? (visit: (doc: number, score: number) => void) => sheet.forEach(visit)
      : (visit: (doc: number, score: number) => void) => sheet.forEachWithout(dropped, visit);
  return { ...base, sheet, candidates: candidatesOf(index, base, scored) };
}
