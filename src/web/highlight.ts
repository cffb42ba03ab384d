/**
 * Where query words occur in a text, as ranges on the original text, so the page can mark them.
 * Rendering stays escaped: callers split the text at these ranges and let JSX escape each piece.
 */
import { namesOf } from "../domain/departments.ts";
import { escapeRegExp, simplified } from "../match/normalize.ts";

export type Range = [start: number, end: number];

const folded = new Map<string, string>();

/** One character in matching form (half width, simplified, lower case), or itself when that changes its length. */
function foldChar(ch: string): string {
  let f = folded.get(ch);
  if (f === undefined) {
    const n = simplified(ch.normalize("NFKC")).toLowerCase();
    f = n.length === ch.length ? n : ch;
    if (folded.size < 20_000) folded.set(ch, f);
  }
  return f;
}

/** The text folded character by character: same length as the input, so offsets carry over. */
function foldText(text: string): string {
  let out = "";
  for (const ch of text) out += foldChar(ch);
  return out;
}

/**
 * Ranges of the words in the text. A word may span punctuation and spaces that search ignores
 * (河湖长制 marks 河（湖）长制, 防汛抗旱 marks 防汛、抗旱), and a canonical department name also marks
 * its aliases (人社局).
 */
export function findWords(text: string, words: readonly string[]): Range[] {
  if (words.length === 0 || text.length === 0) return [];
  const hay = foldText(text);
  const ranges: Range[] = [];
  const variants = new Set<string>();
  for (const w of words) for (const name of namesOf(w)) variants.add(foldText(name));
  for (const word of variants) {
    if (!word) continue;
    const pattern = new RegExp(Array.from(word, escapeRegExp).join("[\\p{P}\\p{S}\\s]*"), "gu");
    for (const m of hay.matchAll(pattern)) {
      if (m[0].length > 0) ranges.push([m.index, m.index + m[0].length]);
    }
  }
  return mergeRanges(ranges);
}

/** Sorts and merges overlapping or touching ranges. */
export function mergeRanges(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Range[] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** Splits a text into plain and marked pieces at the given (merged) ranges. */
export function splitMarked(text: string, ranges: readonly Range[]): { text: string; mark: boolean }[] {
  const pieces: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const [s, e] of mergeRanges(ranges)) {
    if (s > at) pieces.push({ text: text.slice(at, s), mark: false });
    if (e > s) pieces.push({ text: text.slice(Math.max(s, at), e), mark: true });
    at = Math.max(at, e);
  }
  if (at < text.length) pieces.push({ text: text.slice(at), mark: false });
  return pieces;
}
