/**
 * Concept terms from the domain thesaurus (thesaurus-data.ts). Every group of words that government
 * writing uses for one thing becomes one concept; a text that contains any member of the group carries
 * the concept's term. Items and tasks go through the same lookup, so 开具未婚证明 and 出具婚姻状况证明
 * meet on the concept 婚姻状况证明 without either side being rewritten.
 */
import { THESAURUS_TEXT } from "./thesaurus-data.ts";

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
}

export interface Thesaurus {
  /** The groups' members, by concept term. */
  readonly groups: ReadonlyMap<string, readonly string[]>;
  /** Every concept a text carries, once each, at its first (longest) occurrence. */
  conceptsIn(text: string): ConceptHit[];
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

/** A thesaurus over the given groups; members are looked up by their first character. */
export function createThesaurus(groups: readonly (readonly string[])[]): Thesaurus {
  const byFirst = new Map<string, { member: string; term: string }[]>();
  const byTerm = new Map<string, readonly string[]>();
  groups.forEach((members, i) => {
    const term = CONCEPT + i;
    byTerm.set(term, members);
    for (const member of members) {
      const first = member[0]!;
      let list = byFirst.get(first);
      if (!list) {
        list = [];
        byFirst.set(first, list);
      }
      list.push({ member, term });
    }
  });
  for (const list of byFirst.values()) list.sort((a, b) => b.member.length - a.member.length);
  return {
    groups: byTerm,
    conceptsIn(text) {
      const found = new Map<string, ConceptHit>();
      // End of the last counted occurrence of each concept: an occurrence inside it is not another place.
      const reach = new Map<string, number>();
      for (let i = 0; i < text.length; i++) {
        const list = byFirst.get(text[i]!);
        if (!list) continue;
        for (const { member, term } of list) {
          if (!text.startsWith(member, i)) continue;
          const end = i + member.length;
          const seen = found.get(term);
          if (!seen) found.set(term, { term, member, start: i, end, count: 1 });
          else {
            if (i >= (reach.get(term) ?? 0)) seen.count++;
            if (member.length > seen.member.length) Object.assign(seen, { member, start: i, end });
          }
          reach.set(term, Math.max(reach.get(term) ?? 0, end));
        }
      }
      return [...found.values()];
    },
  };
}

let shared: Thesaurus | undefined;

/** The bundled domain thesaurus (parsed once). */
export function domainThesaurus(): Thesaurus {
  shared ??= createThesaurus(parseThesaurus(THESAURUS_TEXT));
  return shared;
}
