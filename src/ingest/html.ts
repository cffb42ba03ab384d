/**
 * Leftover HTML inside cells (<p>, <ol>, <li>, <br>, style attributes) → plain lines.
 * Only known formatting tags are removed: angle brackets are also used as Chinese title marks
 * (e.g. <地方党政领导干部安全生产责任制规定>), which must stay as text.
 */
import { lookup } from "../domain/lookup.ts";

const TAG = /<\/?(p|ol|ul|li|br|span|div|strong|b|i|em|u|font|sup|sub|section|h[1-6])(\s[^<>]*)?\/?>/gi;

const ENTITIES: Record<string, string> = {
  nbsp: " ",
  lt: "<",
  gt: ">",
  amp: "&",
  quot: '"',
  apos: "'",
  ldquo: "“",
  rdquo: "”",
};

/** Decodes HTML/XML character references (&amp;, &#20013;, &#x4e2d;); unknown names stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code =
        name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return lookup(ENTITIES, name.toLowerCase()) ?? whole;
  });
}

/** Marks the start of an unnumbered list item (<li>) in the lines that `cellLines` returns. */
export const LIST_ITEM = "\u2022 ";

/** True when the cell contains formatting HTML. */
export function hasHtml(cell: string): boolean {
  TAG.lastIndex = 0;
  return TAG.test(cell);
}

/**
 * Splits a cell into lines: each <p>…</p>, <li> and <br> starts a new line; <li> items are prefixed with
 * LIST_ITEM so that unnumbered list items become steps. Text outside tags keeps its inline spacing.
 */
export function cellLines(cell: string): string[] {
  // Cells from Word, Excel or CSV are plain text: "&amp;" or "<" there is literal and stays as written.
  if (!hasHtml(cell)) return splitLines(cell);
  const marked = cell.replace(TAG, (_tag, name: string) => {
    const tag = name.toLowerCase();
    if (tag === "li") return _tag.startsWith("</") ? "\n" : `\n${LIST_ITEM}`;
    if (tag === "p" || tag === "br" || tag === "div" || tag === "ol" || tag === "ul" || tag.startsWith("h"))
      return "\n";
    return "";
  });
  return splitLines(decodeEntities(marked));
}

function splitLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/[\s\u3000]+/g, " ").trim())
    .filter((line) => line.length > 0 && line !== LIST_ITEM.trim());
}

/** A cell as one line of plain text (names, categories, remarks). */
export function plainText(cell: string): string {
  return cellLines(cell).join(" ").replace(new RegExp(LIST_ITEM, "g"), "").trim();
}

/** True when the raw cell opened an ordered list without numbering its items (<ol> with bare text). */
export function hasOrderedList(cell: string): boolean {
  return /<ol[\s>]/i.test(cell);
}
