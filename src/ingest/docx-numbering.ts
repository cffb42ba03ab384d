/**
 * Word list numbering (word/numbering.xml): which text ("1.", "（二）", "①") a numbered paragraph shows.
 * Steps inside a cell are often Word numbering rather than typed numbers; the cell rules need them as text.
 */
import { XMLParser } from "fast-xml-parser";
import { DocumentError } from "../domain/problem.ts";

type Attrs = Record<string, string | undefined>;

interface Level {
  start: number;
  format: string;
  text: string;
}

/** A paragraph's numbering reference: w:numPr/w:numId and w:ilvl. */
export interface NumberingRef {
  numId: string;
  level: number;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  removeNSPrefix: false,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ["w:abstractNum", "w:num", "w:lvl", "w:lvlOverride", "w:style"].includes(name),
});

// fast-xml-parser's object output: shapes vary with the input, so reads below are guarded at each step.
// biome-ignore lint/suspicious/noExplicitAny: untyped parser output, every access is optional-chained
type Parsed = any;

/** Parses a numbering or styles part; DTDs (entity expansion) and malformed XML are refused as DocumentError. */
function parsePart(xml: string, file: string, part: string): Parsed {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml.slice(0, 4096))) {
    throw new DocumentError(file, undefined, `${part} 含有 DTD 声明，Office 文档不应如此，已拒绝`);
  }
  try {
    return parser.parse(xml);
  } catch (error) {
    throw new DocumentError(
      file,
      undefined,
      `${part} 不是有效的 XML（${error instanceof Error ? error.message : String(error)}）`,
    );
  }
}

/** Word has levels 0–8; anything else in a file is not a level. */
function levelOf(value: unknown): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && n <= 8 ? n : undefined;
}

const CHINESE_DIGITS = "零一二三四五六七八九";

/** 1 → 一, 12 → 十二, 20 → 二十, 105 → 一百零五 (enough for list numbering). */
function chineseCount(n: number): string {
  if (n <= 0 || n >= 1000) return String(n);
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const ones = n % 10;
  let out = hundreds ? `${CHINESE_DIGITS[hundreds]}百` : "";
  if (tens) out += `${hundreds || tens > 1 ? CHINESE_DIGITS[tens] : ""}十`;
  else if (hundreds && ones) out += "零";
  if (ones) out += CHINESE_DIGITS[ones];
  return out;
}

function letters(n: number): string {
  let out = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(97 + ((k - 1) % 26)) + out;
  return out;
}

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, "m"],
    [900, "cm"],
    [500, "d"],
    [400, "cd"],
    [100, "c"],
    [90, "xc"],
    [50, "l"],
    [40, "xl"],
    [10, "x"],
    [9, "ix"],
    [5, "v"],
    [4, "iv"],
    [1, "i"],
  ];
  let out = "";
  let k = n;
  for (const [value, digits] of table) {
    while (k >= value) {
      out += digits;
      k -= value;
    }
  }
  return out;
}

/** Formats one counter in a w:numFmt. */
export function formatNumber(n: number, format: string): string {
  // A start value from a hostile file (1e300) would spin roman() for ever: beyond real counts, digits.
  if (!Number.isInteger(n) || n < 0 || n > 100_000) return String(n);
  switch (format) {
    case "decimalZero":
      return n < 10 ? `0${n}` : String(n);
    case "decimalFullWidth":
    case "decimalFullWidth2":
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case "chineseCounting":
    case "chineseCountingThousand":
    case "chineseLegalSimplified":
    case "ideographTraditional":
    case "taiwaneseCountingThousand":
    case "japaneseCounting":
      return chineseCount(n);
    case "decimalEnclosedCircle":
    case "decimalEnclosedCircleChinese":
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : `(${n})`;
    case "lowerLetter":
      return letters(n);
    case "upperLetter":
      return letters(n).toUpperCase();
    case "lowerRoman":
      return roman(n);
    case "upperRoman":
      return roman(n).toUpperCase();
    case "none":
      return "";
    default:
      return String(n);
  }
}

/** The bullet marker the cell rules read as an unnumbered step (same as html.ts LIST_ITEM). */
const BULLET = "\u2022 ";

function num(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) ? n : fallback;
}

/** Counts numbered paragraphs in document order and renders each one's number text. */
export class Numbering {
  private readonly levels = new Map<string, Level[]>();
  private readonly startOverrides = new Map<string, Map<number, number>>();
  private readonly styleRefs = new Map<string, NumberingRef>();
  private readonly counters = new Map<string, number[]>();

  /**
   * Reads numbering.xml and styles.xml (either may be absent). Throws DocumentError naming `file` and the
   * part when one is not XML or declares a DTD.
   */
  constructor(numberingXml: string | undefined, stylesXml: string | undefined, file = "") {
    if (numberingXml) this.readNumbering(parsePart(numberingXml, file, "word/numbering.xml"));
    if (stylesXml) this.readStyles(parsePart(stylesXml, file, "word/styles.xml"));
  }

  private readNumbering(parsed: Parsed): void {
    const root = parsed?.["w:numbering"] ?? {};
    const abstract = new Map<string, Level[]>();
    for (const a of root["w:abstractNum"] ?? []) {
      const levels: Level[] = [];
      for (const lvl of a?.["w:lvl"] ?? []) {
        const at = levelOf(lvl?.["w:ilvl"] ?? 0);
        if (at === undefined) continue;
        levels[at] = {
          start: num((lvl?.["w:start"] as Attrs | undefined)?.["w:val"], 1),
          format: (lvl?.["w:numFmt"] as Attrs | undefined)?.["w:val"] ?? "decimal",
          text: (lvl?.["w:lvlText"] as Attrs | undefined)?.["w:val"] ?? "",
        };
      }
      abstract.set(String(a?.["w:abstractNumId"]), levels);
    }
    for (const n of root["w:num"] ?? []) {
      const id = String(n?.["w:numId"]);
      const abstractId = (n?.["w:abstractNumId"] as Attrs | undefined)?.["w:val"];
      const levels = [...(abstract.get(String(abstractId)) ?? [])];
      const overrides = new Map<number, number>();
      for (const o of n?.["w:lvlOverride"] ?? []) {
        const level = levelOf(o?.["w:ilvl"] ?? 0);
        if (level === undefined) continue;
        const start = (o?.["w:startOverride"] as Attrs | undefined)?.["w:val"];
        if (start !== undefined) overrides.set(level, num(start, 1));
        const lvl = o?.["w:lvl"]?.[0];
        if (lvl) {
          levels[level] = {
            start: num(lvl?.["w:start"]?.["w:val"], 1),
            format: lvl?.["w:numFmt"]?.["w:val"] ?? "decimal",
            text: lvl?.["w:lvlText"]?.["w:val"] ?? "",
          };
        }
      }
      this.levels.set(id, levels);
      this.startOverrides.set(id, overrides);
    }
  }

  private readStyles(parsed: Parsed): void {
    for (const style of parsed?.["w:styles"]?.["w:style"] ?? []) {
      const numPr = style?.["w:pPr"]?.["w:numPr"];
      const numId = numPr?.["w:numId"]?.["w:val"];
      if (numId !== undefined) {
        this.styleRefs.set(String(style?.["w:styleId"]), {
          numId: String(numId),
          level: levelOf(numPr["w:ilvl"]?.["w:val"] ?? 0) ?? 0,
        });
      }
    }
  }

  /** The numbering a paragraph style carries, if any. */
  styleRef(styleId: string | undefined): NumberingRef | undefined {
    return styleId ? this.styleRefs.get(styleId) : undefined;
  }

  /**
   * Advances the counter of a numbered paragraph and returns the text Word shows before it
   * ("1.", "一、"), the bullet marker for bulleted items, or "" for numId 0 (numbering removed).
   */
  next(ref: NumberingRef): string {
    const levels = this.levels.get(ref.numId);
    if (ref.numId === "0" || !levels) return "";
    if (levelOf(ref.level) === undefined) return "";
    const level = levels[ref.level];
    if (!level) return "";
    if (level.format === "bullet") return BULLET;
    let counters = this.counters.get(ref.numId);
    if (!counters) {
      counters = [];
      this.counters.set(ref.numId, counters);
    }
    const startOf = (i: number) => this.startOverrides.get(ref.numId)?.get(i) ?? levels[i]?.start ?? 1;
    counters[ref.level] = counters[ref.level] === undefined ? startOf(ref.level) : counters[ref.level]! + 1;
    counters.length = ref.level + 1; // deeper levels restart
    return level.text.replace(/%(\d)/g, (_m, d: string) => {
      const i = Number(d) - 1;
      const value = counters[i] ?? startOf(i);
      return formatNumber(value, levels[i]?.format ?? "decimal");
    });
  }
}
