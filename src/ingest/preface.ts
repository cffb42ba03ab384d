/**
 * The document's title and preface (说明): township, county, region, date, and the totals it states
 * per list ("…19 个类别，共有基本履职事项 116 项", "涉及 38 个部门（单位）").
 */
import type { ListKind, StatedTotals } from "../domain/edition.ts";
import type { RawParagraph } from "./raw.ts";

export interface Heading {
  township: string;
  county: string;
  region: string;
  title: string;
  date: string;
}

/** Administrative levels, outermost first: 新疆维吾尔自治区 | 和田地区 | 策勒县 | 策勒乡. */
const LEVEL =
  /.+?(?:自治区|特别行政区|省|自治州|地区|盟|自治县|县级市|县|市|区|旗|街道办事处|街道|民族乡|乡|镇|苏木)/gu;

/** Splits "新疆维吾尔自治区和田地区策勒县 策勒乡" into region, county and township. */
export function splitPlace(place: string): { region: string; county: string; township: string } | undefined {
  const levels = place.replace(/\s+/g, "").match(LEVEL);
  if (!levels || levels.length < 2) return undefined;
  const township = levels[levels.length - 1]!;
  const county = levels[levels.length - 2]!;
  if (!/(乡|镇|街道|苏木|街道办事处)$/.test(township)) return undefined;
  return { region: levels.slice(0, -2).join(""), county, township };
}

const DATE = /^(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?$/;

/**
 * Reads place and date from the paragraphs before the preface, falling back to a table title, then to the
 * file's document-properties title, for the place.
 */
export function readHeading(
  paragraphs: readonly RawParagraph[],
  tableTitles: readonly string[],
  propertiesTitle?: string,
): Heading | undefined {
  let place: ReturnType<typeof splitPlace>;
  let title = "";
  for (const p of paragraphs.slice(0, 12)) {
    const m = /^(.*?)履职事项清单$/.exec(p.text.trim());
    place = m?.[1] ? splitPlace(m[1]) : undefined;
    if (place) {
      title = p.text.trim();
      break;
    }
  }
  if (!place) {
    for (const t of tableTitles) {
      const m = /^(.*?)(基本|配合|上级部门收回)/.exec(t.replace(/\s+/g, ""));
      place = m?.[1] ? splitPlace(m[1]) : undefined;
      if (place) {
        title = `${place.county}${place.township}履职事项清单`;
        break;
      }
    }
  }
  if (!place && propertiesTitle) {
    const m = /^(.*?)(?:履职事项清单|基本履职事项|配合履职事项|上级部门收回事项)/.exec(
      propertiesTitle.replace(/\s+/g, ""),
    );
    place = m?.[1] ? splitPlace(m[1]) : undefined;
    if (place) title = `${place.county}${place.township}履职事项清单`;
  }
  if (!place) return undefined;
  let date = "";
  for (const p of paragraphs.slice(0, 20)) {
    const m = DATE.exec(p.text.normalize("NFKC").trim());
    if (m) {
      date = `${m[1]}-${m[2]!.padStart(2, "0")}${m[3] ? `-${m[3].padStart(2, "0")}` : ""}`;
      break;
    }
  }
  return { ...place, title, date };
}

/**
 * Joins paragraphs a page break cut in two: a paragraph that ends in 、 or a CJK character without closing
 * punctuation continues on the next one.
 */
export function joinBrokenParagraphs(paragraphs: readonly RawParagraph[]): RawParagraph[] {
  const out: RawParagraph[] = [];
  for (const p of paragraphs) {
    const last = out[out.length - 1];
    if (last && /[、，,（(]$/.test(last.text)) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

const LIST_LEADS: Record<ListKind, RegExp> = {
  basic: /基本履职事项清单是/,
  cooperative: /配合履职事项清单是/,
  reclaimed: /上级部门收回事项清单是/,
};

const ITEM_NOUN: Record<ListKind, string> = {
  basic: "基本履职事项",
  cooperative: "配合履职事项",
  reclaimed: "上级部门收回事项",
};

function number(text: string, pattern: RegExp): number | null {
  const m = pattern.exec(text.normalize("NFKC"));
  return m?.[1] ? Number(m[1]) : null;
}

/** The totals each list's preface paragraph states; nulls where the preface is silent. */
export function readStatedTotals(paragraphs: readonly RawParagraph[]): Record<ListKind, StatedTotals> {
  const out = {} as Record<ListKind, StatedTotals>;
  for (const list of Object.keys(LIST_LEADS) as ListKind[]) {
    const p = paragraphs.find((x) => LIST_LEADS[list].test(x.text))?.text ?? "";
    const names = /包括(.+?)\s*\d+\s*个类别/.exec(p.normalize("NFKC"))?.[1] ?? "";
    out[list] = {
      items: number(p, new RegExp(`共有${ITEM_NOUN[list]}\\s*(\\d+)\\s*项`)),
      categories: number(p, /(\d+)\s*个类别/),
      departments: number(p, /涉及\s*(\d+)\s*个部门/),
      categoryNames: names
        .split(/[、，,]/)
        .map((s) => s.trim())
        .filter(Boolean),
    };
  }
  return out;
}
