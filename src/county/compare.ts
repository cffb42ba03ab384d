/**
 * The comparison matrix of a county: which duties its townships share. Items are grouped into rows by
 * name (normalised), then rows that cover only some townships are merged into a similar row whose
 * townships they do not overlap, using the task-check engine's ranking (the same duty worded slightly
 * differently: 开展X / 组织开展X). 个性 items only ever group by identical name: they are local by definition.
 */
import type { EditionDraft, Item, ListKind } from "../domain/edition.ts";
import { buildIndex, normalizeText, rank } from "../match/index.ts";

export type RowKind = "common" | "shared" | "particular";

/** One township's item in a row of the matrix. */
export interface MatrixCell {
  list: ListKind;
  number: number;
  name: string;
  local: boolean;
  /** How the item joined the row: same name as the row, or recognised as the same duty. */
  match: "exact" | "similar";
}

export interface MatrixRow {
  /** The most common wording. */
  name: string;
  category: string;
  /** The list most townships have it in. */
  list: ListKind;
  /** common: every township has it; shared: two or more; particular: one. */
  kind: RowKind;
  local: boolean;
  /** By township, in the order of the compared townships; null where a township lacks it. */
  cells: (MatrixCell | null)[];
  /** True when townships put it in different lists. */
  crossList: boolean;
}

export interface TownshipEdition {
  township: string;
  draft: EditionDraft;
}

/**
 * Two names are the same duty when the engine ranks the other close to the name itself (score ratio)
 * and their wording overlaps (character-bigram Dice): the first keeps chance word overlaps out, the
 * second keeps out items of one template that differ in their subject (石榴 vs 葡萄 festival).
 */
export const SAME_DUTY = { scoreRatio: 0.5, dice: 0.6 };

/** A name reduced to what distinguishes it: normalised, without spaces and punctuation. */
export function nameKey(name: string): string {
  return normalizeText(name).replace(/[\s\p{P}\p{S}]/gu, "");
}

interface Group {
  key: string;
  members: Map<number, Item>;
  similar: Set<number>;
  local: boolean;
}

/** Groups items by name; a township with two items of one name gets a second group for the second. */
function exactGroups(editions: readonly TownshipEdition[]): Group[] {
  const groups: Group[] = [];
  const byKey = new Map<string, Group[]>();
  editions.forEach(({ draft }, t) => {
    for (const item of draft.items) {
      const key = nameKey(item.name);
      const candidates = byKey.get(key) ?? [];
      let group = candidates.find((g) => !g.members.has(t) && g.local === item.local);
      if (!group) {
        group = { key, members: new Map(), similar: new Set(), local: item.local };
        candidates.push(group);
        byKey.set(key, candidates);
        groups.push(group);
      }
      group.members.set(t, item);
    }
  });
  return groups;
}

function bigramsOf(key: string): Map<string, number> {
  const out = new Map<string, number>();
  const chars = [...key];
  for (let i = 0; i + 1 < chars.length; i++) {
    const b = chars[i]! + chars[i + 1]!;
    out.set(b, (out.get(b) ?? 0) + 1);
  }
  return out;
}

/** Character-bigram Dice coefficient of two name keys, 0..1. */
export function nameSimilarity(a: string, b: string): number {
  const x = bigramsOf(a);
  const y = bigramsOf(b);
  let shared = 0;
  let total = 0;
  for (const [bigram, n] of x) {
    shared += Math.min(n, y.get(bigram) ?? 0);
    total += n;
  }
  for (const n of y.values()) total += n;
  return total === 0 ? (a === b ? 1 : 0) : (2 * shared) / total;
}

/** The group's representative item: its most frequent wording. */
function representative(group: Group): Item {
  const counts = new Map<string, { n: number; item: Item }>();
  // Ties go to the wording of the first township compared.
  const byTownship = [...group.members].sort((a, b) => a[0] - b[0]);
  for (const [, item] of byTownship) {
    const entry = counts.get(item.name) ?? { n: 0, item };
    entry.n++;
    counts.set(item.name, entry);
  }
  return [...counts.values()].sort((a, b) => b.n - a.n)[0]!.item;
}

/**
 * Merges groups that miss some townships into a similar, larger group they do not overlap. Smaller
 * groups go first, so a one-township rewording joins the row most townships share.
 */
function mergeSimilar(groups: Group[], townships: number, county: string): Group[] {
  const open = groups.filter((g) => !g.local && g.members.size < townships);
  if (open.length === 0) return groups;
  const reps = groups.map(representative);
  const draft: EditionDraft = {
    township: "",
    county,
    region: "",
    date: "",
    title: "",
    preface: [],
    stated: {} as EditionDraft["stated"],
    items: reps.map((item, i) => ({ ...item, number: i + 1, list: "basic" }) as Item),
  };
  const index = buildIndex(draft);
  const position = new Map(draft.items.map((item, i) => [item, i]));
  const parent = groups.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i]!;
    return i;
  };

  // Smaller groups first; among equals the later ones, so they join the wording met first.
  const order = open
    .map((g) => groups.indexOf(g))
    .sort((a, b) => groups[a]!.members.size - groups[b]!.members.size || b - a);
  for (const g of order) {
    const self = root(g);
    const ranking = rank(index, reps[g]!.name);
    const selfScore =
      ranking.candidates.find((c) => c.item === draft.items[g])?.score ?? ranking.candidates[0]?.score;
    if (!selfScore) continue;
    for (const candidate of ranking.candidates) {
      const at = position.get(candidate.item)!;
      if (candidate.score < selfScore * SAME_DUTY.scoreRatio) break;
      if (nameSimilarity(groups[g]!.key, groups[at]!.key) < SAME_DUTY.dice) continue;
      const other = root(at);
      if (other === self || groups[other]!.local) continue;
      const into = groups[other]!;
      const from = groups[self]!;
      if ([...from.members.keys()].some((t) => into.members.has(t))) continue;
      if (into.members.size + from.members.size > townships) continue;
      for (const [t, item] of from.members) {
        into.members.set(t, item);
        into.similar.add(t);
      }
      parent[self] = other;
      break;
    }
  }
  return groups.filter((_, i) => root(i) === i);
}

function mostFrequent<T>(values: T[]): T {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

const KIND_ORDER: Record<RowKind, number> = { common: 0, shared: 1, particular: 2 };
const LIST_ORDER: Record<ListKind, number> = { basic: 0, cooperative: 1, reclaimed: 2 };

/** The comparison matrix of the given townships (one column each, in the given order). */
export function compareTownships(editions: readonly TownshipEdition[], county = ""): MatrixRow[] {
  const n = editions.length;
  const groups = mergeSimilar(exactGroups(editions), n, county);
  const rows = groups.map((group): MatrixRow => {
    const rep = representative(group);
    const members = [...group.members.values()];
    const lists = new Set(members.map((i) => i.list));
    const size = group.members.size;
    return {
      name: rep.name,
      category: rep.category,
      list: mostFrequent(members.map((i) => i.list)),
      kind: size === n && n > 1 ? "common" : size > 1 ? "shared" : "particular",
      local: group.local,
      crossList: lists.size > 1,
      cells: editions.map((_, t) => {
        const item = group.members.get(t);
        if (!item) return null;
        const match = group.similar.has(t) ? "similar" : "exact";
        return { list: item.list, number: item.number, name: item.name, local: item.local, match };
      }),
    };
  });
  // Rows in the lists' order, then by the first township's numbering, so the matrix reads like a list.
  const firstNumber = (row: MatrixRow) => row.cells.find((c) => c !== null)?.number ?? 0;
  return rows.sort(
    (a, b) =>
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      LIST_ORDER[a.list] - LIST_ORDER[b.list] ||
      firstNumber(a) - firstNumber(b),
  );
}

/**
 * The matrix row each township's item belongs to: the one merging rule (same name, or the same duty worded
 * differently) for every table of the county page, so a table grouped by department counts and names
 * duties exactly as the matrix does. `t` is the township's column in the compared order.
 */
export function matrixRowOf(
  matrix: readonly MatrixRow[],
): (t: number, item: Pick<Item, "list" | "number">) => MatrixRow | undefined {
  const rows = new Map<string, MatrixRow>();
  for (const row of matrix) {
    row.cells.forEach((cell, t) => {
      if (cell) rows.set(`${t}:${cell.list}:${cell.number}`, row);
    });
  }
  return (t, item) => rows.get(`${t}:${item.list}:${item.number}`);
}
