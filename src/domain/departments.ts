/**
 * County departments: canonical names and the aliases government writing uses for them.
 * Used by the importer (to merge spellings), by search and by the task check (人社局 → 县人力资源和社会保障局).
 */
import { lookup } from "./lookup.ts";

/** Canonical name → common aliases. Canonical names use the "县…" form of the documents. */
export const DEPARTMENT_ALIASES: Record<string, readonly string[]> = {
  县委办公室: ["县委办"],
  县政府办公室: ["县政府办", "县人民政府办公室", "政府办"],
  县人大办公室: ["县人大常委会办公室", "人大办"],
  县政协办公室: ["政协办"],
  县委组织部: ["组织部"],
  县委宣传部: ["宣传部"],
  县委统战部: ["统战部", "县委统一战线工作部"],
  县委政法委: ["政法委", "县委政法委员会"],
  县委编办: ["编办", "县委机构编制委员会办公室", "县编办"],
  县委社会工作部: ["社会工作部", "县委社工部", "社工部"],
  县委网信办: ["网信办", "县委网络安全和信息化委员会办公室"],
  县委党史地方志研究所: ["党史研究室", "地方志办", "史志办", "党史地方志研究所"],
  县纪委监委: ["纪委监委", "县纪委", "县监委", "纪委"],
  县发展和改革委员会: ["发改委", "县发改委", "发展改革委"],
  县教育局: ["教育局"],
  县科技局: ["科技局", "县科学技术局"],
  县科协: ["科协", "县科学技术协会"],
  县公安局: ["公安局", "派出所", "公安机关"],
  县民政局: ["民政局"],
  县司法局: ["司法局"],
  县财政局: ["财政局"],
  县人力资源和社会保障局: ["人社局", "县人社局", "人力资源和社会保障局", "人力资源社会保障局"],
  县自然资源局: ["自然资源局", "自然资源部门", "国土局"],
  和田地区生态环境局策勒县分局: ["生态环境局", "环保局", "生态环境分局", "县生态环境局", "生态环境部门"],
  县住房和城乡建设局: ["住建局", "县住建局", "住房和城乡建设局", "住房城乡建设局"],
  县交通运输局: ["交通局", "交通运输局", "县交通局"],
  县水利局: ["水利局", "水利部门"],
  县农业农村局: ["农业农村局", "农业局", "县农业局", "农业农村部门"],
  县商务和工业信息化局: ["商工局", "商务局", "工信局", "县商务局", "县工信局"],
  县文化体育广播电视和旅游局: ["文旅局", "县文旅局", "文体广旅局", "文化体育广播电视和旅游局", "文化旅游局"],
  县卫生健康委员会: ["卫健委", "县卫健委", "卫生健康委", "卫生健康委员会", "卫生局"],
  县应急管理局: ["应急局", "县应急局", "应急管理局", "应急管理部门"],
  县审计局: ["审计局"],
  县市场监督管理局: ["市场监管局", "县市场监管局", "市场监督管理局", "市监局", "市场监管部门"],
  县统计局: ["统计局"],
  县医疗保障局: ["医保局", "县医保局", "医疗保障局"],
  县林业和草原局: ["林草局", "县林草局", "林业和草原局", "林业局", "县林业草原局", "林业草原局"],
  县气象局: ["气象局"],
  县消防救援局: ["消防救援大队", "消防大队", "消防救援局", "消防部门"],
  县退役军人事务局: ["退役军人事务局", "退役军人局"],
  县信访局: ["信访局"],
  县总工会: ["总工会", "工会"],
  县残疾人联合会: ["残联", "县残联", "残疾人联合会"],
  县红十字会: ["红十字会"],
  县妇女联合会: ["妇联", "县妇联"],
  县团委: ["团县委", "共青团县委", "团委"],
  县融媒体中心: ["融媒体中心"],
  县乡村振兴局: ["乡村振兴局"],
  县数据局: ["数据局", "县数据管理局"],
  国家税务总局策勒县税务局: ["税务局", "县税务局"],
  县供销合作社: ["供销社", "县供销社"],
  县人民武装部: ["人武部", "武装部"],
};

/** Characters and spacing that vary between spellings of the same department. */
function squeeze(raw: string): string {
  return raw
    .normalize("NFKC")
    .replace(/[\s\u3000]+/g, "")
    .replace(/[（(]/g, "（")
    .replace(/[）)]/g, "）");
}

let aliasIndex: Map<string, string> | undefined;

function index(): Map<string, string> {
  if (aliasIndex) return aliasIndex;
  aliasIndex = new Map();
  for (const [canonical, aliases] of Object.entries(DEPARTMENT_ALIASES)) {
    aliasIndex.set(canonical, canonical);
    for (const alias of aliases) if (!aliasIndex.has(alias)) aliasIndex.set(alias, canonical);
  }
  return aliasIndex;
}

/**
 * The canonical name of a department as printed in a document or typed by a user.
 * Folds spacing and full-width forms, a leading county name (策勒县农业农村局 → 县农业农村局) and known aliases.
 * Unknown names come back squeezed but otherwise unchanged.
 */
export function canonicalDepartment(raw: string, county?: string): string {
  let name = squeeze(raw);
  const known = index().get(name);
  if (known) return known;
  if (county && name.startsWith(county) && name.length > county.length + 1) {
    name = `县${name.slice(county.length)}`;
    return index().get(name) ?? name;
  }
  return name;
}

/** A canonical name's distinctive core: 县文化体育广播电视和旅游局 → 文化体育广播电视和旅游. */
function coreOfCanonical(name: string): string {
  return name
    .replace(/^(?:县委|县|和田地区|国家税务总局策勒县)/, "")
    .replace(/(?:委员会|办公室|联合会|合作社|管理局|分局|局|委|办|部|会|社)$/, "")
    .replace(/策勒县$/, "");
}

/** True when every character of `short` occurs in `long`, in order. */
function isSubsequence(short: string, long: string): boolean {
  let at = 0;
  for (const ch of short) {
    at = long.indexOf(ch, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

let abbreviationCores: [core: string, canonical: string][] | undefined;

/**
 * The registered department that an ad-hoc abbreviation stands for, or null. Chinese abbreviates an
 * organ's name by keeping characters of it in order (文化体育广播电视和旅游局 → 文广旅局, 卫生健康委员会 →
 * 卫健局), so a core of two or more characters that starts as exactly one registered core starts and
 * runs through it in order names that department. `core` is the name between 县 and the organ suffix.
 */
export function abbreviatedDepartment(core: string): string | null {
  if ([...core].length < 2) return null;
  abbreviationCores ??= Object.keys(DEPARTMENT_ALIASES).map((c) => [coreOfCanonical(c), c]);
  const hits = abbreviationCores.filter(([full]) => full.startsWith(core[0]!) && isSubsequence(core, full));
  return hits.length === 1 ? hits[0]![1] : null;
}

/** All names (canonical and aliases) that denote the given canonical department. */
export function namesOf(canonical: string): string[] {
  return [canonical, ...(lookup(DEPARTMENT_ALIASES, canonical) ?? [])];
}

/** Every alias → canonical pair of the registry. */
export function aliasPairs(): [alias: string, canonical: string][] {
  return [...index().entries()].filter(([alias, canonical]) => alias !== canonical);
}

/** Suffixes that end a department's name; used to recognise "县XX局：" prefixes inside cells. */
export const DEPARTMENT_SUFFIX = /(局|部|委|办|会|所|协|队|院|室|中心|分局|委员会|办公室|联合会|大队|站|社)$/;

/** Splits a compound such as "县住房和城乡建设局以及其他负有安全监管职责的部门" into the named part and a generic group. */
export function splitGenericGroup(raw: string): { named: string; group: string | null } {
  const m = /^(.+?)(?:以及|及|和)(其他.+|相关.+|有关.+)$/.exec(squeeze(raw));
  if (m?.[1] && m[2] && DEPARTMENT_SUFFIX.test(m[1])) return { named: m[1], group: m[2] };
  return { named: squeeze(raw), group: null };
}

/** Share of characters two names have in common (Dice over characters), 0..1: 县水力局 ~ 县水利局 = 0.75. */
function characterOverlap(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  const pool = new Map<string, number>();
  for (const ch of right) pool.set(ch, (pool.get(ch) ?? 0) + 1);
  let shared = 0;
  for (const ch of left) {
    const n = pool.get(ch) ?? 0;
    if (n > 0) {
      shared++;
      pool.set(ch, n - 1);
    }
  }
  return left.length + right.length === 0 ? 0 : (2 * shared) / (left.length + right.length);
}

export type RegisteredDepartment = { ok: true; name: string } | { ok: false; suggestions: string[] };

/**
 * A department as a user typed it, checked against the registry (`known`: canonical names of the alias
 * table and the departments the stored lists name). Aliases and a leading county name (`counties`) are
 * folded; a name the registry does not hold is refused, with the closest registered names to offer.
 */
export function registeredDepartment(
  raw: string,
  known: ReadonlySet<string>,
  counties: readonly string[] = [],
): RegisteredDepartment {
  const county = counties.find((c) => squeeze(raw).startsWith(c));
  const name = canonicalDepartment(raw, county);
  if (known.has(name)) return { ok: true, name };
  const suggestions = [...known]
    .map((k) => ({ k, score: characterOverlap(name, k) }))
    .filter((s) => s.score >= 0.6)
    .sort((a, b) => b.score - a.score || a.k.localeCompare(b.k, "zh"))
    .slice(0, 3)
    .map((s) => s.k);
  return { ok: false, suggestions };
}
