/** Pinyin initials of item names, so `fxkh` finds 防汛抗旱 without an input method. */
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
