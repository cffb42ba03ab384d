/**
 * Numbered points of a notice: 一、 （一） (1) 1. 1、 ① 第一， 一是 其一， wherever they stand — at a line's start
 * or right after the preamble's colon or the previous point's full stop. A marker in the middle of a line is
 * only believed when it is part of a run (一是…；二是…), so "3、5月" or a stray "一是" inside a sentence is not.
 */

export type MarkerStyle = "cn" | "cnParen" | "numParen" | "numHalf" | "num" | "circled" | "di" | "shi" | "qi";

export interface Marker {
  /** Offset of the marker's first character. */
  start: number;
  /** Offset just past the marker (and the blanks after it): where the point's own text begins. */
  bodyStart: number;
  style: MarkerStyle;
  ordinal: number;
  lineStart: boolean;
}

const CN_DIGITS = "〇一二三四五六七八九";

/** 一 → 1, 十二 → 12, 二十 → 20. */
export function chineseOrdinal(s: string): number {
  if (s === "十") return 10;
  const ten = s.indexOf("十");
  if (ten < 0) return CN_DIGITS.indexOf(s);
  const tens = ten === 0 ? 1 : CN_DIGITS.indexOf(s[0] ?? "");
  const ones = ten === s.length - 1 ? 0 : CN_DIGITS.indexOf(s[ten + 1] ?? "");
  return tens * 10 + ones;
}

const CN = "[一二三四五六七八九十]{1,3}";
/**
 * Each style's pattern, anchored where a marker may stand. "num" takes 1. 1． 1、 but not 1.5 or 3、5月 (a
 * run check settles the latter); "di" needs its comma so 第一时间 is not a point.
 */
const STYLES: [MarkerStyle, RegExp][] = [
  ["cnParen", new RegExp(`^[（(](${CN})[)）]`)],
  ["numParen", /^[（(](\d{1,2})[)）]/],
  ["numHalf", /^(\d{1,2})[)）](?!\d)/],
  ["cn", new RegExp(`^(${CN})(?:、|[．.](?!\\d))`)],
  ["num", /^(\d{1,2})(?:[.．](?![\d])|、)/],
  ["circled", /^([①-⑳])/],
  ["di", new RegExp(`^第(${CN})[，,、：:]`)],
  ["shi", new RegExp(`^(${CN})是`)],
  ["qi", new RegExp(`^其(${CN})[，,、：:]`)],
];

/** Where a point may begin: the text's or a line's start, or after a colon or a sentence's end. */
const BOUNDARY = /(^|\n)[ \t\u3000]*|[：:。；;！？!?，,][ \t\u3000]*/g;
/** Styles that may follow a comma (一是…，二是…); the others need a colon, a full stop or a line break. */
const AFTER_COMMA = new Set<MarkerStyle>(["shi", "di", "qi"]);

function ordinalOf(style: MarkerStyle, raw: string): number {
  if (style === "circled") return raw.charCodeAt(0) - 0x2460 + 1;
  if (style === "num" || style === "numParen" || style === "numHalf") return Number(raw);
  return chineseOrdinal(raw);
}

function candidates(text: string): Marker[] {
  const out: Marker[] = [];
  const seen = new Set<number>();
  for (const b of text.matchAll(BOUNDARY)) {
    const at = (b.index ?? 0) + b[0].length;
    if (seen.has(at) || at >= text.length) continue;
    seen.add(at);
    const rest = text.slice(at, at + 8);
    const comma = /[，,]/.test(b[0]);
    for (const [style, re] of STYLES) {
      const m = re.exec(rest);
      if (!m) continue;
      if (comma && !AFTER_COMMA.has(style)) break;
      const ordinal = ordinalOf(style, m[1] ?? "");
      if (ordinal < 1) break;
      const after = text.slice(at + m[0].length).match(/^[ \t\u3000]*/)?.[0].length ?? 0;
      const lineStart = at === 0 || /\n[ \t\u3000]*$/.test(text.slice(Math.max(0, at - 40), at));
      out.push({ start: at, bodyStart: at + m[0].length + after, style, ordinal, lineStart });
      break;
    }
  }
  return out;
}

/**
 * The believed markers, in text order. A marker at a line's start stands on its own (a list may begin at 3
 * when the text was cut); one inside a line needs a neighbour of its style numbered one before or after it.
 */
export function findMarkers(text: string): Marker[] {
  const all = candidates(text);
  const inRun = (m: Marker) =>
    all.some(
      (o) =>
        o !== m &&
        o.style === m.style &&
        Math.abs(o.ordinal - m.ordinal) === 1 &&
        o.start < m.start === o.ordinal < m.ordinal,
    );
  return all.filter((m) => {
    if (m.style === "shi" || m.style === "qi") return inRun(m);
    return m.lineStart || inRun(m);
  });
}
