/** A precedent (先例): a decision remembered — a task's wording with the verdict and item a person decided. */
import type { ListKind } from "./edition.ts";
import type { Verdict } from "./verdict.ts";

export interface Precedent {
  id: number;
  /** The task's wording as decided. */
  text: string;
  verdict: Verdict;
  /** The item decided (null for unlisted), with its name then: a later edition may renumber or remove it. */
  item: { list: ListKind; number: number; name: string } | null;
  decidedBy: string;
  /** ISO-8601. */
  decidedAt: string;
}

/** The longest task wording a precedent remembers (a longer task cannot be confirmed or corrected). */
export const MAX_PRECEDENT_CHARS = 2000;
