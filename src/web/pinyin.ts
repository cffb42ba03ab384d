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

/**
 * Each character of a text with its toneless pinyin (ü written v; context-aware for polyphonic characters,
 * via pinyin-pro): a Han character's syllable, a letter or digit itself, lower case; "" for what is neither
 * (punctuation, spaces), which initials and syllables skip. One conversion serves both.
 */
function pinyinUnits(text: string): { char: string; unit: string }[] {
  const chars = Array.from(text);
  let full = pinyin(text, { toneType: "none", type: "array", v: true });
  // pinyin-pro returns one entry per code point; if it ever groups differently, go char by char.
  if (full.length !== chars.length) full = chars.map((ch) => pinyin(ch, { toneType: "none", v: true }));
  return chars.map((char, i) => {
    const unit = (full[i] ?? "").toLowerCase();
    return { char, unit: /^(?:[a-z]+|[0-9])$/.test(unit) ? unit : "" };
  });
}

/** The initials of units (see pinyinUnits): a syllable's first letter, a letter or digit itself. */
function initialsFrom(units: readonly { char: string; unit: string }[]): Initials {
  let letters = "";
  const positions: number[] = [];
  let offset = 0;
  for (const { char, unit } of units) {
    if (unit) {
      letters += unit[0];
      positions.push(offset);
    }
    offset += char.length;
  }
  return { letters, positions };
}

/** Computes the initials of a name (context-aware for polyphonic characters, via pinyin-pro). */
export function initialsOf(text: string): Initials {
  return initialsFrom(pinyinUnits(text));
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

/** The full pinyin of units (see pinyinUnits and Syllables). */
function syllablesFrom(units: readonly { char: string; unit: string }[]): Syllables {
  let letters = "";
  const startAt = new Map<number, number>();
  const endAt = new Map<number, number>();
  let offset = 0;
  for (const { char, unit } of units) {
    if (unit) {
      startAt.set(letters.length, offset);
      letters += unit;
      endAt.set(letters.length, offset + char.length);
    }
    offset += char.length;
  }
  return { letters, startAt, endAt };
}

/** A name's initials and full pinyin, from one conversion (a search index holds both for every name). */
export function pinyinOf(text: string): { initials: Initials; syllables: Syllables } {
  const units = pinyinUnits(text);
  return { initials: initialsFrom(units), syllables: syllablesFrom(units) };
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
