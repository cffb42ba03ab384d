/**
 * The general thesaurus of administrative Chinese (data/admin-thesaurus.txt: equivalence groups;
 * data/admin-broader.txt: `narrower > broader`), loaded as data beside the project's own thesaurus.
 *
 * Provenance: ../shared/data (issue 10), written from general knowledge of Chinese administrative usage
 * and the vocabulary of the reference lists' categories, not from any labelled case. Copied as is;
 * see data/README-thesaurus.md.
 */
import { readFileSync } from "node:fs";
import { parseBroader, parseThesaurus } from "./thesaurus.ts";

const read = (name: string) => readFileSync(new URL(`../../data/${name}`, import.meta.url), "utf8");

let groups: string[][] | undefined;
let broader: [string, string][] | undefined;

/** The equivalence groups of data/admin-thesaurus.txt (parsed once). */
export function adminGroups(): string[][] {
  groups ??= parseThesaurus(read("admin-thesaurus.txt"));
  return groups;
}

/** The narrower → broader relations of data/admin-broader.txt (parsed once). */
export function adminBroader(): [string, string][] {
  broader ??= parseBroader(read("admin-broader.txt"));
  return broader;
}
