/**
 * Concept terms from the domain thesaurus (thesaurus-data.ts). Every group of words that government
 * writing uses for one thing becomes one concept; a text that contains any member of the group carries
 * the concept's term. Items and tasks go through the same lookup, so 开具未婚证明 and 出具婚姻状况证明
 * meet on the concept 婚姻状况证明 without either side being rewritten.
 */
import { adminBroader, adminGroups } from "./admin-thesaurus.ts";
import { MATCH_PARAMS } from "./params.ts";
import { BROADER_TEXT, HEAD_BROADER_TEXT, THESAURUS_TEXT } from "./thesaurus-data.ts";

/** Concept terms carry this prefix so they never collide with words, bigrams or characters. */
export const CONCEPT = "\u0004";

export interface ConceptHit {
  /** The concept's term (CONCEPT + group number). */
  term: string;
  /** The member found, as it stands in the text. */
  member: string;
  start: number;
  end: number;
  /** How many distinct places in the text name the concept (老党员、老干部、老战士 → 3). */
  count: number;
  /** Reached only through a narrower term (红枣 for 特色林果), never by a member of its own. */
  broader: boolean;
}

export interface Thesaurus {
  /** The groups' members, by concept term. */
  readonly groups: ReadonlyMap<string, readonly string[]>;
  /**
   * Every concept a text carries, once each, at its first (longest) occurrence. With `broader` (tasks
   * only), a narrower term also carries its broader term's concept (红枣 → 特色林果): a task naming an
   * instance reaches the item naming its class, never the other way round.
   */
  conceptsIn(text: string, options?: ConceptOptions): ConceptHit[];
}

export interface ConceptOptions {
  /** Tasks only: narrower terms also carry their broader term's concept. */
  broader?: boolean;
  /**
   * The text's words as [start, end) spans in order. A member that starts inside one word and ends
   * inside another is a collision, not a mention (调解 in 协调|解决, 好人 in 做好|人才), and is skipped.
   */
  words?: readonly (readonly [number, number])[];
}

/** True when [start, end) begins inside one word and ends inside another. */
export function crossesWords(
  words: readonly (readonly [number, number])[],
  start: number,
  end: number,
): boolean {
  const first = words.find(([a, b]) => a <= start && start < b);
  const last = words.find(([a, b]) => a < end && end <= b);
  return !!first && !!last && first !== last && first[0] !== start && last[1] !== end;
}

/**
 * Groups without those whose members all sit in another group (a subset adds no relation, only a
 * second concept for the same words); of two equal groups the first is kept.
 */
export function withoutSubsets(groups: readonly (readonly string[])[]): (readonly string[])[] {
  const sets = groups.map((g) => new Set(g));
  const byMember = new Map<string, number[]>();
  sets.forEach((set, i) => {
    for (const m of set) byMember.set(m, [...(byMember.get(m) ?? []), i]);
  });
  return groups.filter((g, i) => {
    const others = new Set(g.flatMap((m) => byMember.get(m) ?? []).filter((j) => j !== i));
    for (const j of others) {
      const other = sets[j]!;
      if (g.every((m) => other.has(m)) && (other.size > sets[i]!.size || j < i)) return false;
    }
    return true;
  });
}

/** Parses thesaurus text: one group per line, members separated by spaces, `#` comments. */
export function parseThesaurus(text: string): string[][] {
  const groups: string[][] = [];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) continue;
    const members = [...new Set(line.split(/\s+/).filter((m) => m.length >= 2))];
    if (members.length >= 2) groups.push(members);
  }
  return groups;
}

/** Word heads that reach a broader term (thesaurus-data.ts HEAD_BROADER_TEXT). */
export interface HeadRelations {
  /** Head character → broader term, and whether the character alone is such a word. */
  heads: Map<string, { broader: string; alone: boolean }>;
  /** Words that end in a head character but are no instance of it. */
  except: Set<string>;
}

/** Parses `头字[*] > 上位词` lines and `! 词…` exceptions (`#` comments). */
export function parseHeads(text: string): HeadRelations {
  const heads = new Map<string, { broader: string; alone: boolean }>();
  const except = new Set<string>();
  for (const raw of text.split("\n")) {
    const line = raw.replace(/#.*/, "").trim();
    if (line.startsWith("!")) for (const w of line.slice(1).trim().split(/\s+/)) if (w) except.add(w);
    const m = /^(\S)(\*?)\s*>\s*(\S{2,})$/.exec(line);
    if (m) heads.set(m[1]!, { broader: m[3]!, alone: m[2] === "*" });
  }
  return { heads, except };
}

/** Parses `narrower > broader` lines (`#` comments) into pairs. */
export function parseBroader(text: string): [narrower: string, broader: string][] {
  const out: [string, string][] = [];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/#.*/, "").trim();
    const m = /^(\S{2,})\s*>\s*(\S{2,})$/.exec(line);
    if (m) out.push([m[1]!, m[2]!]);
  }
  return out;
}

type Entry = { member: string; term: string; broader?: true };
type Lookup = Map<string, Entry[]>;

/**
 * Members by their first two characters (one-character members by their one), longest first as in the
 * lookup by first character: a text position is tried against the few members that can start there
 * rather than every member sharing its first character (up to two hundred).
 */
class PrefixLookup {
  private readonly pairs = new Map<number, Entry[]>();
  private readonly singles = new Map<number, Entry[]>();
  constructor(byFirst: Lookup) {
    for (const list of byFirst.values()) {
      for (const entry of list) {
        const { member } = entry;
        const [map, key] =
          member.length > 1
            ? [this.pairs, member.charCodeAt(0) * 0x10000 + member.charCodeAt(1)]
            : [this.singles, member.charCodeAt(0)];
        const same = map.get(key);
        if (same) same.push(entry);
        else map.set(key, [entry]);
      }
    }
  }
  /** Calls `visit` with each member that may start at `text[i]`, longest first. */
  forEachAt(text: string, i: number, visit: (entry: Entry, i: number) => void): void {
    if (i + 1 < text.length) {
      const longer = this.pairs.get(text.charCodeAt(i) * 0x10000 + text.charCodeAt(i + 1));
      if (longer) for (const entry of longer) visit(entry, i);
    }
    const single = this.singles.get(text.charCodeAt(i));
    if (single) for (const entry of single) visit(entry, i);
  }
}

function addMember(lookup: Lookup, member: string, term: string, broader?: true): void {
  const first = member[0]!;
  let list = lookup.get(first);
  if (!list) {
    list = [];
    lookup.set(first, list);
  }
  list.push(broader ? { member, term, broader } : { member, term });
}

/**
 * A thesaurus over the given groups and `narrower > broader` relations; members are looked up by their
 * first character. A broader term in no group becomes a concept of its own (its only member itself).
 */
export function createThesaurus(
  groups: readonly (readonly string[])[],
  broader: readonly (readonly [string, string])[] = [],
  headRelations: HeadRelations = { heads: new Map(), except: new Set() },
): Thesaurus {
  const byFirst: Lookup = new Map();
  const narrowerByFirst: Lookup = new Map();
  const byTerm = new Map<string, readonly string[]>();
  const termOf = new Map<string, string>();
  groups.forEach((members, i) => {
    const term = CONCEPT + i;
    byTerm.set(term, members);
    for (const member of members) {
      addMember(byFirst, member, term);
      if (!termOf.has(member)) termOf.set(member, term);
    }
  });
  /** The concept of a broader term: its group's, or one of its own (its only member itself). */
  const conceptOf = (wide: string): string => {
    let term = termOf.get(wide);
    if (!term) {
      term = CONCEPT + byTerm.size;
      byTerm.set(term, [wide]);
      termOf.set(wide, term);
      addMember(byFirst, wide, term);
    }
    return term;
  };
  for (const [narrower, wide] of broader) addMember(narrowerByFirst, narrower, conceptOf(wide), true);
  // A head's broader term is a concept too, so items that name it carry it.
  const headTerm = new Map<string, { term: string; alone: boolean }>();
  for (const [head, { broader: wide, alone }] of headRelations.heads)
    headTerm.set(head, { term: conceptOf(wide), alone });
  for (const lookup of [byFirst, narrowerByFirst])
    for (const list of lookup.values()) list.sort((a, b) => b.member.length - a.member.length);
  const own = new PrefixLookup(byFirst);
  const narrower = new PrefixLookup(narrowerByFirst);
  return {
    groups: byTerm,
    conceptsIn(text, options) {
      const found = new Map<string, ConceptHit>();
      // End of the last counted occurrence of each concept: an occurrence inside it is not another place.
      const reach = new Map<string, number>();
      const visit = ({ member, term, broader }: Entry, i: number) => {
        if (!text.startsWith(member, i)) return;
        const end = i + member.length;
        if (options?.words && crossesWords(options.words, i, end)) return;
        const seen = found.get(term);
        if (!seen) found.set(term, { term, member, start: i, end, count: 1, broader: !!broader });
        else {
          if (i >= (reach.get(term) ?? 0)) seen.count++;
          // A member of its own outranks a narrower term: the text names the concept itself.
          if (seen.broader && !broader) Object.assign(seen, { member, start: i, end, broader: false });
          else if (member.length > seen.member.length && seen.broader === !!broader)
            Object.assign(seen, { member, start: i, end });
        }
        reach.set(term, Math.max(reach.get(term) ?? 0, end));
      };
      for (let i = 0; i < text.length; i++) {
        own.forEachAt(text, i, visit);
        if (options?.broader) narrower.forEachAt(text, i, visit);
      }
      // Words by their head (牛犊 → 动物): only where the words are known, and only for tasks.
      if (options?.broader && options.words && headTerm.size) {
        for (const [start, end] of options.words) {
          const head = headTerm.get(text[end - 1]!);
          if (!head || (end - start < 2 && !head.alone)) continue;
          const word = text.slice(start, end);
          if (headRelations.except.has(word) || found.has(head.term)) continue;
          found.set(head.term, { term: head.term, member: word, start, end, count: 1, broader: true });
        }
      }
      return [...found.values()];
    },
  };
}

let shared: Thesaurus | undefined;

/**
 * The bundled domain thesaurus (built once): the project's own groups (thesaurus-data.ts), then, as the
 * parameters say, the general administrative thesaurus and its broader relations (admin-thesaurus.ts).
 */
export function domainThesaurus(): Thesaurus {
  const { adminGroups: withAdmin, broader: withBroader, heads: withHeads } = MATCH_PARAMS.thesaurus;
  shared ??= createThesaurus(
    withoutSubsets([...parseThesaurus(THESAURUS_TEXT), ...(withAdmin ? adminGroups() : [])]),
    withBroader ? [...parseBroader(BROADER_TEXT), ...adminBroader()] : [],
    withHeads ? parseHeads(HEAD_BROADER_TEXT) : undefined,
  );
  return shared;
}
