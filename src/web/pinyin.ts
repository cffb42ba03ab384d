/**
 * Pinyin of item names, so `fxkh` (initials) and `fangxunkanghan` (full pinyin, toneless) find 防汛抗旱
 * without an input method.
 */
import { pinyin } from "pinyin-pro";

/** The initials of a text's letters and Han characters, with where each one stands in the text. */
export interface Initials {
  /** Lower-case initials; punctuation and spaces are skipped, so `hhcz` spans 河（湖）长制. */
  letters: string;
  /** UTF-16 offset in the text of each letter of `letters`. */
  positions: number[];
}

/** Computes the initials of a name (context-aware for polyphonic characters, via pinyin-pro). */
export function initialsOf(text: string): Initials {
  const chars = Array.from(text);
  let firsts = pinyin(text, { pattern: "first", toneType: "none", type: "array" });
  // pinyin-pro returns one entry per code point; if it ever groups differently, go char by char.
  if (firsts.length !== chars.length) {
    firsts = chars.map((ch) => pinyin(ch, { pattern: "first", toneType: "none" }));
  }
  let letters = "";
  const positions: number[] = [];
  let offset = 0;
  chars.forEach((ch, i) => {
    const first = (firsts[i] ?? "").toLowerCase();
    if (/^[a-z0-9]$/.test(first)) {
      letters += first;
      positions.push(offset);
    }
    offset += ch.length;
  });
  return { letters, positions };
}

/** Ranges ([start, end) in the text) where the letters occur as consecutive initials. */
export function findInitials(initials: Initials, text: string, query: string): [number, number][] {
  const ranges: [number, number][] = [];
  if (!query) return ranges;
  let at = initials.letters.indexOf(query);
  while (at >= 0) {
    const start = initials.positions[at] ?? 0;
    const lastStart = initials.positions[at + query.length - 1] ?? start;
    const last = text.codePointAt(lastStart) ?? 0;
    ranges.push([start, lastStart + (last > 0xffff ? 2 : 1)]);
    at = initials.letters.indexOf(query, at + query.length);
  }
  return ranges;
}

/**
 * The full pinyin of a text, one syllable per Han character (toneless, ü written v, context-aware for
 * polyphonic characters), each letter or digit its own unit; punctuation and spaces are skipped, so
 * `anquanshengchan` spans 安全生产 and `senlinfanghuo` 森林防火.
 */
export interface Syllables {
  /** The units joined, lower case. */
  letters: string;
  /** For each offset in `letters` where a unit starts: the unit's start in the text (UTF-16). */
  startAt: Map<number, number>;
  /** For each offset in `letters` where a unit ends: the unit's end in the text (UTF-16). */
  endAt: Map<number, number>;
}

/** Computes the full pinyin of a name (see Syllables). */
export function syllablesOf(text: string): Syllables {
  const chars = Array.from(text);
  let full = pinyin(text, { toneType: "none", type: "array", v: true });
  if (full.length !== chars.length) {
    full = chars.map((ch) => pinyin(ch, { toneType: "none", v: true }));
  }
  let letters = "";
  const startAt = new Map<number, number>();
  const endAt = new Map<number, number>();
  let offset = 0;
  chars.forEach((ch, i) => {
    const unit = (full[i] ?? "").toLowerCase();
    if (/^(?:[a-z]+|[0-9])$/.test(unit)) {
      startAt.set(letters.length, offset);
      letters += unit;
      endAt.set(letters.length, offset + ch.length);
    }
    offset += ch.length;
  });
  return { letters, startAt, endAt };
}

/** Ranges ([start, end) in the text) where the letters are the full pinyin of whole consecutive syllables. */
export function findSyllables(syllables: Syllables, query: string): [number, number][] {
  const ranges: [number, number][] = [];
  if (!query) return ranges;
  let at = syllables.letters.indexOf(query);
  while (at >= 0) {
    const start = syllables.startAt.get(at);
    const end = syllables.endAt.get(at + query.length);
    if (start !== undefined && end !== undefined) ranges.push([start, end]);
    at = syllables.letters.indexOf(query, at + 1);
  }
  return ranges;
}
