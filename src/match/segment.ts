/**
 * Chinese word segmentation with a domain dictionary generated from an edition, and pinyin initials.
 *
 *   const seg = createSegmenter(draft);
 *   seg.cut("落实三会一课制度");        // ["落实", "三会一课", "制度"]
 *   seg.cutForSearch("自建房安全隐患排查"); // words plus their dictionary sub-words
 *   pinyinInitials("防汛抗旱");          // "fxkh"
 *
 * Used by the task check and by search; both call `cut` on raw text (it normalises first).
 */

import { LRUCache } from "lru-cache";
import { pinyin } from "pinyin-pro";
import { DEPARTMENT_ALIASES } from "../domain/departments.ts";
import { allSteps, type EditionDraft, type Item } from "../domain/edition.ts";
import { itemKey } from "./item-key.ts";
import { Lexicon, readGeneralDictionary, WordTable } from "./lexicon.ts";
import { normalizeText } from "./normalize.ts";

export interface Segmenter {
  /** Words of a text in order; normalises first; punctuation and spaces dropped. */
  cut(text: string): string[];
  /** Like `cut`, plus the dictionary sub-words of long words (自建房安全隐患排查 → … 隐患, 排查): for indexing and recall. */
  cutForSearch(text: string): string[];
  /** `cut` for text that already went through normalizeText (skips normalising again). */
  cutNormalized(text: string, search?: boolean): string[];
  /** The domain terms added to jieba's dictionary, for display and tests. */
  readonly terms: readonly string[];
  /**
   * The edition's own terms (not those every edition holds) that occur in a normalised text: with the
   * text, all its cut depends on.
   */
  ownTermsIn(text: string): string[];
}

/**
 * Terms of government writing that jieba's general dictionary splits, independent of any township.
 * Written as normalizeText produces them (河（湖）长制 → 河湖长制).
 */
export const FIXED_TERMS: readonly string[] = [
  "三会一课",
  "河湖长制",
  "河长制",
  "湖长制",
  "林长制",
  "田长制",
  "枫桥经验",
  "两个确立",
  "两个维护",
  "四个意识",
  "四个自信",
  "主题党日",
  "第一书记",
  "驻村工作队",
  "网格化",
  "网格员",
  "一站式",
  "放管服",
  "最多跑一次",
  "两优一先",
  "七一勋章",
  "民主生活会",
  "组织生活会",
  "村规民约",
  "红白理事会",
  "移风易俗",
  "五保",
  "低保",
  "特困",
  "医保",
  "社保",
  "防返贫",
  "自建房",
  "危房",
  "人居环境",
  "防汛抗旱",
  "森林草原防火",
  "安全生产",
  "信访",
  "矛盾纠纷",
  "人民调解",
  "扫黑除恶",
  "禁毒",
  "反诈",
  "电信诈骗",
  // A manner of doing (at once), one word so that it can be a stopword and not match 第一书记.
  "第一时间",
];

const HAN_ONLY = /^[\u3400-\u9fff]+$/;
const WORDISH = /[\p{L}\p{N}]/u;

/** Every text field of an item, for dictionary and index building. */
export function itemTexts(item: Item): string[] {
  const texts = [item.name, item.category];
  if (item.list === "cooperative") {
    texts.push(...item.leadDepartments, ...item.otherLeads);
    for (const block of [...item.departmentDuties, ...item.townshipDuties]) {
      if (block.heading) texts.push(block.heading);
      if (block.department) texts.push(block.department);
    }
    texts.push(...allSteps(item.departmentDuties), ...allSteps(item.townshipDuties));
  } else if (item.list === "reclaimed") {
    texts.push(...item.takeover.departments, ...item.takeover.workMethod, ...item.takeover.workStandard);
  }
  return texts;
}

/** Adds a term to a set when it is one (normalised, 2+ Chinese characters, at most `maxLength`). */
function termAdder(terms: Set<string>): (raw: string, maxLength: number) => void {
  return (raw, maxLength) => {
    const term = normalizeText(raw).replace(/\s+/g, "");
    if (term.length >= 2 && term.length <= maxLength && HAN_ONLY.test(term)) terms.add(term);
  };
}

/** Terms every edition's dictionary holds: the fixed terms, department names and aliases. */
function staticTerms(): Set<string> {
  const terms = new Set<string>(FIXED_TERMS);
  const add = termAdder(terms);
  for (const [canonical, aliases] of Object.entries(DEPARTMENT_ALIASES)) {
    add(canonical, 20);
    for (const alias of aliases) add(alias, 20);
  }
  return terms;
}

/** The terms one item adds to its edition's dictionary (see domainTerms). */
function ownItemTerms(item: Item): string[] {
  const terms = new Set<string>();
  const add = termAdder(terms);
  // Short names are terms (禁牧轮牧); longer ones are phrases that would swallow their words.
  if (!/[的和及与对]/.test(item.name)) add(item.name, 6);
  add(item.category, 8);
  for (const text of itemTexts(item)) {
    for (const m of normalizeText(text).matchAll(/“([^”]{2,12})”/g)) add(m[1] ?? "", 12);
  }
  if (item.list === "cooperative") for (const d of item.leadDepartments) add(d, 20);
  if (item.list === "reclaimed") for (const d of item.takeover.departments) add(d, 20);
  return [...terms];
}

/** Items' terms by content: editions of a county mostly repeat each other's items. */
const itemTermsCache = new LRUCache<string, string[]>({ max: 20_000 });

function itemTerms(item: Item): string[] {
  const key = itemKey(item);
  let terms = itemTermsCache.get(key);
  if (!terms) {
    terms = ownItemTerms(item);
    itemTermsCache.set(key, terms);
  }
  return terms;
}

/**
 * The domain dictionary of an edition: department names and aliases, quoted terms (“三会一课”),
 * short item names, category names and the fixed terms of government writing.
 */
export function domainTerms(draft: EditionDraft | null | undefined): string[] {
  const terms = staticTerms();
  for (const item of draft?.items ?? []) for (const term of itemTerms(item)) terms.add(term);
  return [...terms].sort();
}

/** A high frequency makes a domain term win over its parts in jieba's route search. */
function termFrequency(term: string): number {
  return 2000 + 500 * term.length;
}

interface Base {
  table: WordTable;
  terms: Set<string>;
}

let base: Base | undefined;

/**
 * jieba's general dictionary with the terms every edition holds, once for the whole process (~300 ms,
 * ~13 MB); each segmenter adds only its edition's own terms on top (lexicon.ts).
 */
function sharedBase(): Base {
  if (!base) {
    const table = readGeneralDictionary();
    const terms = staticTerms();
    for (const term of [...terms].sort()) table.add(term, termFrequency(term));
    table.trim();
    base = { table, terms };
  }
  return base;
}

/** Longest dictionary word looked for around a span (a few very long words are never needed here). */
const LONGEST_WORD = 8;

/**
 * True when a word of jieba's general dictionary or of the fixed terms (not an edition's own terms,
 * so that a text prepares the same way for every edition) holds the start of text[start, end) and
 * reaches past the span: the span is part of a word (一次 of 一次性, 一场 of 三合一场所, 两个 of 两个确立).
 * Words that only begin inside the span do not count: the unit of 20头牛犊 or 一家种植 is no part of
 * 头牛 or 家种.
 */
export function splitsDictionaryWord(text: string, start: number, end: number): boolean {
  const { table } = sharedBase();
  for (let i = Math.max(0, start + 1 - LONGEST_WORD); i <= start; i++) {
    for (let j = Math.max(i + 2, start + 1); j <= Math.min(text.length, i + LONGEST_WORD); j++) {
      if (i >= start && j <= end) continue;
      if (table.freq(text.slice(i, j)) !== undefined) return true;
    }
  }
  return false;
}

/**
 * Recent cuts, shared by every segmenter: a task checked against a county's townships, and the items
 * they share, are cut once (a text's cut depends on it and the edition terms it holds; lexicon.ts).
 */
const cuts = new LRUCache<string, string[]>({
  maxSize: 8_000_000,
  sizeCalculation: (words, key) => key.length * 2 + words.length * 48 + 64,
});

/**
 * A segmenter whose dictionary knows the edition's own terms (see domainTerms). Pass null for a
 * segmenter with the fixed terms and department names only. Cheap (the general dictionary is shared
 * by the process); cuts depend only on the text and on the edition terms it holds.
 */
export function createSegmenter(
  draft: EditionDraft | null | undefined,
  extraTerms: readonly string[] = [],
): Segmenter {
  const terms = [...new Set([...domainTerms(draft), ...extraTerms])];
  const shared = sharedBase();
  const own = terms.filter((t) => !shared.terms.has(t));
  let overlay: WordTable | null = null;
  if (own.length) {
    overlay = new WordTable(own.length * 4);
    for (const term of own) overlay.add(term, termFrequency(term));
  }
  const lexicon = new Lexicon(shared.table, overlay);
  const cutNormalized = (text: string, search = false): string[] => {
    if (!text) return [];
    // A cut depends on the text and the edition terms it holds only: cuts are shared by the process.
    const key = `${search ? "s" : "c"}${lexicon.overlayWordsIn(text).join("\u0002")}\u0001${text}`;
    let words = cuts.get(key);
    if (!words) {
      const cut = search ? lexicon.cutForSearch(text) : lexicon.cut(text);
      words = cut.filter((w) => WORDISH.test(w)).map((w) => w.toLowerCase());
      cuts.set(key, words);
    }
    return words.slice();
  };
  return {
    terms,
    cutNormalized,
    cut: (text) => cutNormalized(normalizeText(text)),
    cutForSearch: (text) => cutNormalized(normalizeText(text), true),
    ownTermsIn: (text) => lexicon.overlayWordsIn(text),
  };
}

/**
 * Lower-case pinyin initials of a text, one letter per Chinese character; letters and digits are kept
 * as they are, everything else dropped: 防汛抗旱 → "fxkh", 110报警 → "110bj".
 */
export function pinyinInitials(text: string): string {
  const normalized = normalizeText(text);
  const letters = pinyin(normalized, {
    pattern: "first",
    toneType: "none",
    type: "array",
    nonZh: "consecutive",
  });
  return letters
    .join("")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/**
 * True when `query` looks like pinyin initials (2+ latin letters) and occurs in the initials of `text`:
 * matchesInitials("fxkh", "做好防汛抗旱工作") → true.
 */
export function matchesInitials(query: string, text: string): boolean {
  const q = query.trim().toLowerCase();
  return /^[a-z]{2,}$/.test(q) && pinyinInitials(text).includes(q);
}
