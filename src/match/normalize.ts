/**
 * Text normalisation shared by the task check and search: one spelling for what government writing
 * spells several ways (full/half width, traditional/simplified, department aliases), and masking of
 * details that never decide which item a task belongs to (dates, quantities, village names).
 */
import * as OpenCC from "opencc-js/t2cn";
import { abbreviatedDepartment, aliasPairs, DEPARTMENT_ALIASES } from "../domain/departments.ts";

let toSimplified: ((text: string) => string) | undefined;
let convertible: Set<number> | undefined;

/** Traditional → simplified (Mainland usage). Built lazily: the converter's tables take ~60 ms. */
export function simplified(text: string): string {
  const convert = toSimplified ?? OpenCC.Converter({ from: "t", to: "cn" });
  toSimplified = convert;
  convertible ??= changingCharacters(OpenCC.Locale.configs.t2s);
  // Most texts are simplified already, yet the converter walks its tries at every character (~2 % of a
  // check's CPU). Only an entry that changes something can change the text, and it needs its marked
  // character: a text with none of them comes back as it is.
  for (const ch of text) if (convertible.has(ch.codePointAt(0)!)) return convert(text);
  return text;
}

/**
 * One character of every dictionary entry that changes its source (the first that differs from the
 * target, else the source's first), over all dictionaries a converter configuration uses ("源 目|…"
 * strings or [source, target] pairs, nested in chains). Entries that map a phrase to itself only guard
 * it from shorter entries, which need their own character anyway.
 */
function changingCharacters(config: unknown): Set<number> {
  const marked = new Set<number>();
  const add = (source: string, target: string) => {
    if (source === target) return;
    const a = [...source];
    const b = [...target];
    const at = a.length === b.length ? a.findIndex((ch, i) => ch !== b[i]) : 0;
    marked.add(a[at]!.codePointAt(0)!);
  };
  const walk = (node: unknown): void => {
    if (typeof node === "string") {
      for (const entry of node.split("|")) {
        const [source, target] = entry.split(" ");
        if (source && target !== undefined) add(source, target);
      }
    } else if (Array.isArray(node)) {
      if (
        node.length === 2 &&
        typeof node[0] === "string" &&
        typeof node[1] === "string" &&
        !node[0].includes(" ")
      )
        add(node[0], node[1]);
      else for (const child of node) walk(child);
    } else if (node && typeof node === "object") for (const child of Object.values(node)) walk(child);
  };
  walk(config);
  return marked;
}

const HAN = "\\u3400-\\u9fff";
const TAGS = /<[^>]{0,200}>/g;
const ENTITIES: Record<string, string> = {
  "&nbsp;": " ",
  "&lt;": "<",
  "&gt;": ">",
  "&amp;": "&",
  "&quot;": '"',
};

/** A short parenthesised insertion inside a term: 河(湖)长制. */
const INSERTION = new RegExp(`([${HAN}])\\(([${HAN}]{1,3})\\)(?=[${HAN}])`, "g");

/**
 * Canonical surface form of any text: strips leftover HTML, NFKC (full-width letters, digits and
 * punctuation → half width), traditional → simplified, one space for any run of whitespace, and
 * short parenthesised insertions inside a term closed up: 河（湖）长制 → 河湖长制, 乡镇（街道） → 乡镇街道.
 * Full-width ，：；（） become , : ; ( ); 。、“” stay. Offsets into the input are not preserved.
 */
export function normalizeText(text: string): string {
  let out = text.replace(TAGS, " ").replace(/&(?:nbsp|lt|gt|amp|quot);/g, (e) => ENTITIES[e] ?? e);
  out = simplified(out.normalize("NFKC"));
  out = out.replace(INSERTION, "$1$2");
  return closeSpacedHan(out).replace(/\s+/g, " ").trim();
}

/** One space, or a line break with at most a space either side: not the wider gap a writer leaves. */
const ONE_SPACE = "(?:[^\\S\\n]?\\n[^\\S\\n]?|[^\\S\\n])";
const SPACED_PAIR = new RegExp(`[${HAN}]${ONE_SPACE}(?=[${HAN}])`, "g");
const TIGHT_PAIR = new RegExp(`[${HAN}](?=[${HAN}])`, "g");
const SPACE_BETWEEN_HAN = new RegExp(`(?<=[${HAN}])${ONE_SPACE}(?=[${HAN}])`, "g");
const WIDE_PAIR = new RegExp(`[${HAN}]\\s{2,}(?=[${HAN}])`, "g");
const WIDE_BETWEEN_HAN = new RegExp(`(?<=[${HAN}])\\s+(?=[${HAN}])`, "g");

/**
 * Text copied out of a PDF often has a space after every character (请 各 村 做 好 宣 传): when most
 * neighbouring Chinese characters are apart, the spaces between them are the copy's, not the writer's.
 * A space between phrases (县林业和草原局 县应急管理局) is kept: there most characters are together; so is
 * a wider gap in such a copy (防 汛  防 火), which is the writer's. Takes the text before its whitespace
 * is collapsed.
 */
function closeSpacedHan(text: string): string {
  const spaced = text.match(SPACED_PAIR)?.length ?? 0;
  const wide = text.match(WIDE_PAIR)?.length ?? 0;
  if (Math.max(spaced, wide) < 4) return text;
  const tight = text.match(TIGHT_PAIR)?.length ?? 0;
  // A copy that puts two spaces after every character (请  各  村) has no narrower gap to keep.
  if (wide > spaced) return wide > tight ? text.replace(WIDE_BETWEEN_HAN, "") : text;
  return spaced > tight ? text.replace(SPACE_BETWEEN_HAN, "") : text;
}

let departmentNames: { pattern: RegExp; withAbbreviations: RegExp; target: Map<string, string> } | undefined;

/**
 * All department names (canonical and aliases), longest first, so 县委组织部 wins over 组织部; and the
 * same alternation followed by a county organ in an abbreviation the alias table lacks (县文广旅局), tried
 * only where no known name starts.
 */
function departmentPattern(): { pattern: RegExp; withAbbreviations: RegExp; target: Map<string, string> } {
  if (!departmentNames) {
    const target = new Map(Object.keys(DEPARTMENT_ALIASES).map((c) => [c, c]));
    for (const [alias, canonical] of aliasPairs()) if (!target.has(alias)) target.set(alias, canonical);
    const names = [...target.keys()]
      .sort((a, b) => b.length - a.length)
      .map((name) => (ALIAS_GUARDS[name] ?? "") + escapeRegExp(name))
      .join("|");
    departmentNames = {
      pattern: new RegExp(names, "g"),
      withAbbreviations: new RegExp(`${names}|县([\u4e00-\u9fff]{2,5}?)(?:局|委|办)`, "g"),
      target,
    };
  }
  return departmentNames;
}

/**
 * Aliases that also end or start ordinary words: 工会 is the union, but not in 复工会议, 施工会, 开工会议,
 * 手工会计 (the 工 belongs to the word before it).
 */
const ALIAS_GUARDS: Record<string, string> = {
  工会: "(?<![复施开手竣停完动务分用打罢加做美])",
};

/** Text to be matched literally inside a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Replaces department aliases with their canonical names: 县住建局 → 县住房和城乡建设局,
 * 人社局 → 县人力资源和社会保障局, and abbreviations the table lacks when they name exactly one
 * registered department (县文广旅局, see abbreviatedDepartment). With `county` (策勒县), 策勒县应急局
 * folds as 县应急局 does. Expects normalised text.
 */
export function canonicalizeDepartments(text: string, county?: string): string {
  const { pattern, withAbbreviations, target } = departmentPattern();
  const fold = (name: string) => target.get(name) ?? name;
  const local = county && county.length > 1 ? text.split(county).join("县") : text;
  return local.replace(withAbbreviations, (name, core: string | undefined) => {
    if (core === undefined) return fold(name);
    const department = abbreviatedDepartment(core);
    if (department) return department;
    // Not an abbreviation of one department: fold the alias it holds (县生态环境分局, 县地方志办) without
    // doubling the county prefix that the canonical name carries.
    const inner = name.slice(1).replace(pattern, fold);
    return inner !== name.slice(1) && /^(?:县|和田地区|国家税务总局)/.test(inner) ? inner : `县${inner}`;
  });
}

/** Departments named in a text (canonical names, in order of first mention). Expects normalised text. */
export function departmentsIn(text: string): string[] {
  const { pattern, target } = departmentPattern();
  const seen = new Set<string>();
  for (const m of text.matchAll(pattern)) {
    const canonical = target.get(m[0]);
    if (canonical) seen.add(canonical);
  }
  return [...seen];
}

const NUMERAL = "[0-9零一二三四五六七八九十百千万两半]";
const NOISE: RegExp[] = [
  // Dates and deadlines: 2025年5月底前, 5月20日, 每月10日前, 上半年, 第三季度.
  new RegExp(
    `(?:${NUMERAL}{2,4}年)?${NUMERAL}{1,2}月(?:${NUMERAL}{1,3}[日号])?(?:底|初|中旬|上旬|下旬)?(?:之?前|以前|前后)?`,
    "g",
  ),
  new RegExp(`(?:每|本|当|次)?${NUMERAL}{1,3}[日号](?:之?前|以前|起)`, "g"),
  new RegExp(`${NUMERAL}{4}年(?:度)?`, "g"),
  new RegExp(`第?${NUMERAL}{1,3}(?:季度|个工作日|个月|周|天|小时)(?:之内|以内|内|之前|以前|前)?`, "g"),
  // A span in days (十五日内, 3个工作日以内): 日 is a span only before 内.
  new RegExp(`${NUMERAL}{1,3}(?:个工作)?日(?:之内|以内|内)`, "g"),
  // Times of day, phone numbers, percentages.
  /\d{1,2}[:：]\d{2}/g,
  /\d{7,}/g,
  /\d+(?:\.\d+)?%/g,
];
/** Units a count is said in; a longer one before the unit it ends with (人次 before 人, 万元 before 元). */
const UNITS =
  "户 人次 人 名 个 次 场 份 所 处 家 亩 公里 千米 米 万元 元 吨 头 只 台 辆 套 条 张 期 批 项 天 座 间 种".split(
    " ",
  );
/**
 * Quantities with a unit (二十名, 500户, 一次): noise unless they sit inside a word (一次性, 三合一场所,
 * 两个确立), which the caller's dictionary tells.
 */
const QUANTITY = new RegExp(`${NUMERAL}+(?:\\.\\d+)?(?:${UNITS.join("|")})`, "g");
const DIGITS = /\d+(?:\.\d+)?/g;
/** 一户一策, 一人一档, 一村一品: one phrase, not the quantity 一户 beside a fragment (一户一次 stays noise). */
const ONE_A_ONE_B = /^一[户人村家所场项个]一[\u4e00-\u9fff]$/u;
const UNIT_CHARS = new RegExp(`[${UNITS.filter((u) => u.length === 1).join("")}]`);
const WHOLE_QUANTITY = new RegExp(`^${QUANTITY.source}$`);

/** Generic words that end in 村 and carry meaning; everything else of the form "<name>村" is a place. */
const GENERIC_VILLAGE_WORDS =
  /(?:农村|乡村|各村|本村|全村|行政村|村村|每村|该村|邻村|进村|驻村|到村|在村|入村|新村|示范村|重点村|旅游村|贫困村|脱贫村|合并村|城中村|空心村|自然村|试点村|美丽乡村)$/;

/** A place name ending in 村/社区 when it follows a preposition or stands after a separator. */
const VILLAGE = new RegExp(
  `(^|[在到对赴为向于与和、，,;；\\s])((?![在到对赴为向于与和各本全每该])[${HAN}]{2,7}?)(村|社区)(?=[的、，,。；;\\s]|$|开展|组织|召开|举办|进行|完成)`,
  "g",
);

/**
 * Replaces what does not decide an item with spaces: dates and deadlines, times, numbers and
 * quantities, and village names such as 托帕村. Generic words (农村, 各村, 行政村) are kept.
 * Expects normalised text; the result keeps word boundaries (noise becomes a space). A quantity that
 * `splitsWord` says is part of a word stays (prepare.ts asks the segmenter's dictionary).
 */
export function maskNoise(
  text: string,
  splitsWord: (text: string, start: number, end: number) => boolean = () => false,
): string {
  let out = text;
  for (const pattern of NOISE) out = out.replace(pattern, " ");
  out = out.replace(QUANTITY, (quantity: string, at: number, whole: string) => {
    if (!splitsWord(whole, at, at + quantity.length))
      return ONE_A_ONE_B.test(whole.slice(at, at + 4)) && !UNIT_CHARS.test(whole.charAt(at + 3))
        ? quantity
        : " ";
    // The pattern may start at a numeral that ends the word before it (the 一 of 统一 in 统一三次,
    // of 唯一 in 唯一一家): when the rest is still a quantity that starts no word, only the rest is noise.
    for (let k = 1; k < Math.min(quantity.length - 1, 8); k++) {
      const rest = quantity.slice(k);
      if (!WHOLE_QUANTITY.test(rest)) continue;
      const after = whole.slice(at + k, at + quantity.length + 8);
      if (!splitsWord(after, 0, rest.length)) return `${quantity.slice(0, k)} `;
    }
    return quantity;
  });
  out = out.replace(DIGITS, " ");
  out = out.replace(VILLAGE, (whole, lead: string, name: string, suffix: string) =>
    GENERIC_VILLAGE_WORDS.test(name + suffix) || name.length < 2 ? whole : `${lead} `,
  );
  return out.replace(/\s+/g, " ").trim();
}
