/**
 * All labelled task-check data as one list of cases: the two case files and every task of the dev
 * notices (its excerpt is the case text, its id `<notice id>#<k>`). The one fixed tune / held-out split
 * (metrics.ts isHeldOut) runs over this list, so every file is split the same way.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Verdict } from "../src/domain/verdict.ts";
import { type DevCase, isHeldOut, parseCases } from "./metrics.ts";

/** The labelled files under test/data, in the order the bench reports them. */
export const LABELLED_FILES = {
  "dev-cases": fileURLToPath(new URL("../test/data/dev-cases.jsonl", import.meta.url)),
  "dev-cases-2": fileURLToPath(new URL("../test/data/dev-cases-2.jsonl", import.meta.url)),
  "dev-notices": fileURLToPath(new URL("../test/data/dev-notices.jsonl", import.meta.url)),
} as const;

interface NoticeLine {
  id: string;
  tasks: {
    excerpt: string;
    verdict: Verdict;
    list: string | null;
    number: number | null;
    also_ok?: { list: string; number: number }[];
  }[];
}

/** The tasks of dev-notices JSONL as cases: one per task, id `<notice id>#<k>` (k from 1). */
export function noticeTaskCases(text: string): DevCase[] {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .flatMap((l) => {
      const notice = JSON.parse(l) as NoticeLine;
      return notice.tasks.map((t, k) => ({
        id: `${notice.id}#${k + 1}`,
        text: t.excerpt,
        verdict: t.verdict,
        list: t.list,
        number: t.number,
        also_ok: t.also_ok ?? [],
      }));
    });
}

/** A labelled file's cases: notice files (a `tasks` array per line) become their tasks. */
export function casesOf(text: string): DevCase[] {
  const first = text.split(/\r?\n/).find((l) => l.trim());
  if (first && Array.isArray((JSON.parse(first) as { tasks?: unknown }).tasks)) return noticeTaskCases(text);
  return parseCases(text);
}

/** Every labelled case of the bundled dev data, each tagged with the file it came from. */
export function allLabelledCases(): (DevCase & { source: string })[] {
  return Object.entries(LABELLED_FILES).flatMap(([source, path]) =>
    casesOf(readFileSync(path, "utf8")).map((c) => ({ ...c, source })),
  );
}

/**
 * The labelled files whose tune part the fitted models (listed and confidence) learn from. dev-cases.jsonl
 * is left out: it shaped the thesaurus and the hand-set knobs before the split existed (issue 10), so the
 * engine answers its wording better than new wording, and models fitted on it learn that the evidence is
 * more decisive than it is on tasks never seen. Its held-out part is still scored like every file's.
 */
export const FIT_SOURCES: readonly string[] = ["dev-cases-2", "dev-notices"];

/**
 * 150 cases the team wrote without reading any labelled file (a helper, from the reference lists and
 * general knowledge of county writing; each note says why its label). They are in no tune or held-out part
 * and in no bench figure, because they are easier than the labelled files: they keep closer to the items'
 * own words (on their first run the engine was right on 91.3 % of verdicts, and both baselines on 75–77 %,
 * against 63–66 % on the labelled files). Tried as training rows (issue 10) and not adopted: the listed
 * model learns worse from them (6×5 CV log-loss on the fit cases 0.083 → 0.111), and the confidence model's
 * nested review check came out the same (97.2 % at 61.6 % coverage against 61.7 %). Kept for experiments.
 */
export const BLIND_CASES_FILE = fileURLToPath(new URL("../test/data/blind-cases.jsonl", import.meta.url));

/** The cases of BLIND_CASES_FILE, tagged with their source. */
export function blindCases(): (DevCase & { source: string })[] {
  return casesOf(readFileSync(BLIND_CASES_FILE, "utf8")).map((c) => ({ ...c, source: "blind-cases" }));
}

/** True for the cases the fitted models learn from: tune part (never held-out) of FIT_SOURCES. */
export function isFitCase(c: DevCase): boolean {
  return !isHeldOut(c.id) && c.source !== undefined && FIT_SOURCES.includes(c.source);
}
