/** Scoring of task-check answers against labelled cases: verdict accuracy, item top-1/top-3, confusion. */
import { createHash } from "node:crypto";
import { VERDICTS, type Verdict } from "../src/domain/verdict.ts";

export interface DevCase {
  id: string;
  text: string;
  verdict: Verdict;
  list: string | null;
  number: number | null;
  also_ok: { list: string; number: number }[];
  note?: string;
  /** The labelled file the case came from (dev-cases, dev-cases-2, dev-notices). */
  source?: string;
}

export interface Answer {
  verdict: Verdict;
  /** Ranked items, the answered one first (for unlisted: the nearest ones). */
  ranked: { list: string; number: number }[];
}

export interface Scores {
  cases: number;
  listed: number;
  verdictAccuracy: number;
  top1: number;
  top3: number;
  /** confusion[truth][answer] */
  confusion: Record<Verdict, Record<Verdict, number>>;
  reclaimedAsBasic: number;
}

/**
 * Held-out part of all labelled data (both case files and the notices' tasks): a fixed 30 % chosen by
 * a hash of the id, never looked at or used for tuning. Decided once (issue 10); never change it, or
 * cases tuned on would move into the held-out part.
 */
export function isHeldOut(id: string): boolean {
  return (createHash("sha256").update(id).digest()[0] ?? 0) % 10 < 3;
}

/** Parses dev-cases JSONL (one case a line). */
export function parseCases(text: string): DevCase[] {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as DevCase);
}

function acceptable(c: DevCase): Set<string> {
  const ok = new Set<string>();
  if (c.list && c.number !== null) ok.add(`${c.list}:${c.number}`);
  for (const o of c.also_ok ?? []) ok.add(`${o.list}:${o.number}`);
  return ok;
}

/**
 * Scores answers (same order as cases). Item top-1 counts only when the verdict names an item that is
 * acceptable; top-3 when an acceptable item is among the first three ranked.
 */
export function score(cases: readonly DevCase[], answers: readonly Answer[]): Scores {
  const confusion = Object.fromEntries(
    VERDICTS.map((t) => [t, Object.fromEntries(VERDICTS.map((a) => [a, 0]))]),
  ) as Record<Verdict, Record<Verdict, number>>;
  let correct = 0;
  let listed = 0;
  let top1 = 0;
  let top3 = 0;
  cases.forEach((c, i) => {
    const a = answers[i]!;
    confusion[c.verdict][a.verdict]++;
    if (a.verdict === c.verdict) correct++;
    if (c.verdict === "unlisted") return;
    listed++;
    const ok = acceptable(c);
    const keys = a.ranked.slice(0, 3).map((r) => `${r.list}:${r.number}`);
    if (a.verdict !== "unlisted" && keys[0] && ok.has(keys[0])) top1++;
    if (keys.some((k) => ok.has(k))) top3++;
  });
  const pct = (x: number, n: number) => (n ? (100 * x) / n : 0);
  return {
    cases: cases.length,
    listed,
    verdictAccuracy: pct(correct, cases.length),
    top1: pct(top1, listed),
    top3: pct(top3, listed),
    confusion,
    reclaimedAsBasic: confusion.reclaimed.basic,
  };
}

/** The normal quantile of a two-sided 95 % interval. */
const Z95 = 1.959964;

/**
 * The 95 % Wilson score interval of a share, in % (successes of trials). Used because the held-out part
 * is small (one case moves a figure by about a point): unlike the normal approximation it stays inside
 * 0–100 and is not a point at 0 % or 100 %.
 */
export function wilsonInterval(successes: number, trials: number): { low: number; high: number } {
  // No trials say nothing: the share could be anything.
  if (trials <= 0) return { low: 0, high: 100 };
  const p = successes / trials;
  const z2 = Z95 * Z95;
  const scale = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / scale;
  const half = (Z95 * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / scale;
  return { low: 100 * Math.max(0, centre - half), high: 100 * Math.min(1, centre + half) };
}

/** Value at quantile q (0..1) of a list of numbers. */
export function quantile(values: readonly number[], q: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** The confusion matrix as aligned text lines (rows: truth, columns: answer). */
export function confusionLines(confusion: Scores["confusion"]): string[] {
  const head = `${"truth \\ answer".padEnd(14)}${VERDICTS.map((v) => v.padStart(12)).join("")}`;
  return [
    head,
    ...VERDICTS.map(
      (t) => `${t.padEnd(14)}${VERDICTS.map((a) => String(confusion[t][a]).padStart(12)).join("")}`,
    ),
  ];
}
