/**
 * Derives realistic townships from one real edition, for the scale bench and for tests of many
 * townships: items are dropped, reworded and renumbered, local (个性) items added, and lead departments
 * spelled by alias or moved to another department, as happens between the townships of a county.
 * Deterministic: the same seed gives the same townships.
 */
import { DEPARTMENT_ALIASES } from "../domain/departments.ts";
import { type EditionDraft, type Item, LIST_KINDS } from "../domain/edition.ts";
import { lookup } from "../domain/lookup.ts";

function unique(chars: string): string[] {
  return [...new Set(chars)];
}

/** A small fast PRNG (mulberry32); seeded so a bench run can be repeated exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Deduplicated: a repeated syllable would give two counties (or townships) one name.
const SYLLABLES = unique("阿巴博策达恰固和喀克拉玛奴托乌英依萨塔吐兰铁沙红柳青杨桃泉石河湖山岭川坪");
const COUNTY_SYLLABLES = unique("昆仑叶城皮墨洛于民丰泽普莎车疏勒伽师岳普湖巴楚麦盖提温宿拜城新和沙雅");
const PRODUCTS = [
  "石榴",
  "红枣",
  "核桃",
  "葡萄",
  "玉石",
  "肉苁蓉",
  "棉花",
  "蜂蜜",
  "杏子",
  "花椒",
  "枸杞",
  "沙棘",
];
const LOCAL_TEMPLATES = [
  (p: string) => `举办${p}文化旅游节`,
  (p: string) => `${p}特色产业园区服务保障`,
  (p: string) => `${p}种植技术培训推广`,
  (p: string) => `${p}电商销售平台运营协调`,
  (p: string) => `${p}产品品牌宣传推介`,
];

/** Rewordings officials actually make between versions: the same duty, other words. */
const REWORDINGS: [RegExp, string][] = [
  [/^开展/, "组织开展"],
  [/^组织开展/, "开展"],
  [/工作$/, ""],
  [/管理$/, "管理工作"],
  [/^负责/, "承担"],
  [/建设$/, "建设工作"],
  [/宣传/, "宣传教育"],
  [/排查/, "摸排"],
  [/落实/, "推进落实"],
  [/服务$/, "服务保障"],
];

/** The name of the n-th derived county (distinct for n < ~200 000). */
export function countyName(n: number): string {
  const s = COUNTY_SYLLABLES;
  const a = s[n % s.length]!;
  const b = s[Math.floor(n / s.length) % s.length]!;
  const round = Math.floor(n / (s.length * s.length));
  return `${a}${b}${round > 0 ? round + 1 : ""}县`;
}

/** The name of the n-th township of a county (distinct within the county). */
export function townshipName(n: number, random: () => number): string {
  const s = SYLLABLES;
  const a = s[Math.floor(random() * s.length)]!;
  const b = s[n % s.length]!;
  const round = Math.floor(n / s.length);
  return `${a}${b}${round > 0 ? round + 1 : ""}${random() < 0.6 ? "乡" : "镇"}`;
}

function reword(name: string, random: () => number): string {
  const start = Math.floor(random() * REWORDINGS.length);
  for (let i = 0; i < REWORDINGS.length; i++) {
    const [pattern, replacement] = REWORDINGS[(start + i) % REWORDINGS.length]!;
    if (pattern.test(name)) {
      const changed = name.replace(pattern, replacement);
      if (changed.length >= 4 && changed !== name) return changed;
    }
  }
  return name;
}

const CANONICAL_DEPARTMENTS = Object.keys(DEPARTMENT_ALIASES);

/** A lead department as another township of the county might write it: an alias, or another department. */
function varyDepartment(name: string, county: string, random: () => number): string {
  const roll = random();
  const aliases = lookup(DEPARTMENT_ALIASES, name);
  if (roll < 0.5 && aliases?.length) return aliases[Math.floor(random() * aliases.length)]!;
  if (roll < 0.75 && name.startsWith("县")) return `${county}${name.slice(1)}`;
  return CANONICAL_DEPARTMENTS[Math.floor(random() * CANONICAL_DEPARTMENTS.length)]!;
}

function varyItem(item: Item, county: string, random: () => number): Item {
  const name = random() < 0.15 ? reword(item.name, random) : item.name;
  if (item.list !== "cooperative" || random() >= 0.1) return { ...item, name };
  const leads = item.leadDepartments.map((d) => (random() < 0.5 ? varyDepartment(d, county, random) : d));
  return { ...item, name, leadDepartments: [...new Set(leads)] };
}

export interface DeriveOptions {
  county: string;
  region: string;
  township: string;
  seed: number;
  /** Share of items dropped (default 0.06). */
  drop?: number;
}

/** One derived township's edition: its own items, renumbered 1… within each list. */
export function deriveTownship(base: EditionDraft, options: DeriveOptions): EditionDraft {
  const random = seededRandom(options.seed);
  const drop = options.drop ?? 0.06;
  const items: Item[] = [];
  for (const list of LIST_KINDS) {
    // The base township's own 个性 items rarely recur elsewhere; the shared duties mostly do.
    const kept = base.items
      .filter((i) => i.list === list && random() >= (i.local ? 0.85 : drop))
      .map((i) => varyItem(i, options.county, random));
    if (list === "basic") {
      const extra = 1 + Math.floor(random() * 4);
      for (let k = 0; k < extra; k++) {
        const product = PRODUCTS[Math.floor(random() * PRODUCTS.length)]!;
        const template = LOCAL_TEMPLATES[Math.floor(random() * LOCAL_TEMPLATES.length)]!;
        const name = template(product);
        if (kept.some((i) => i.name === name)) continue;
        kept.push({ list: "basic", number: 0, category: "乡村振兴", name, local: true, remark: "个性" });
      }
    }
    for (const [i, item] of kept.entries()) items.push({ ...item, number: i + 1 });
  }
  const name = options.township;
  return {
    ...base,
    township: name,
    county: options.county,
    region: options.region,
    title: `${name}履职事项清单`,
    preface: base.preface.map((line) =>
      line.replaceAll(base.township, name).replaceAll(base.county, options.county),
    ),
    items,
  };
}

/** `count` townships spread over counties of `perCounty` townships each, named and seeded by position. */
export function* deriveTownships(
  base: EditionDraft,
  count: number,
  options: { perCounty?: number; seed?: number; region?: string } = {},
): Generator<EditionDraft> {
  const perCounty = options.perCounty ?? 15;
  const seed = options.seed ?? 1;
  const region = options.region ?? base.region;
  let names = new Set<string>();
  for (let n = 0; n < count; n++) {
    const within = n % perCounty;
    if (within === 0) names = new Set();
    const county = countyName(Math.floor(n / perCounty));
    const random = seededRandom(seed * 1_000_003 + n);
    let township = townshipName(within, random);
    while (names.has(township)) township = townshipName(within + perCounty * names.size, random);
    names.add(township);
    yield deriveTownship(base, { county, region, township, seed: seed * 7919 + n });
  }
}
