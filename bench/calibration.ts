/**
 * Figures for the confidence of answers: the reliability table (of the answers given confidence about
 * p, how many were right) and, for answers with needs_review = false, their precision and the share of
 * cases they cover. "Right" is strict: the verdict, and the item when the answer names one.
 */
import type { DevCase } from "./metrics.ts";

export interface Confident {
  confidence: number;
  needsReview: boolean;
  /** Verdict right, and the named item acceptable. */
  right: boolean;
}

export interface ReviewFigures {
  cases: number;
  /** Answers without needs_review. */
  confident: number;
  /** Share of them that is right, %. */
  precision: number;
  /** Their share of all cases, %. */
  coverage: number;
  /** Share of all answers that are right, %. */
  accuracy: number;
}

export function reviewFigures(answers: readonly Confident[]): ReviewFigures {
  const kept = answers.filter((a) => !a.needsReview);
  const pct = (x: number, n: number) => (n ? (100 * x) / n : 0);
  return {
    cases: answers.length,
    confident: kept.length,
    precision: pct(kept.filter((a) => a.right).length, kept.length),
    coverage: pct(kept.length, answers.length),
    accuracy: pct(answers.filter((a) => a.right).length, answers.length),
  };
}

export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  meanConfidence: number;
  /** Share right, %. */
  accuracy: number;
}

const EDGES = [0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0001];

/** The reliability table: answers binned by confidence, each bin's mean confidence beside its accuracy. */
export function reliability(answers: readonly Confident[]): ReliabilityBin[] {
  return EDGES.slice(0, -1).map((from, i) => {
    const to = EDGES[i + 1]!;
    const inBin = answers.filter((a) => a.confidence >= from && a.confidence < to);
    const n = inBin.length;
    return {
      from,
      to: Math.min(1, to),
      count: n,
      meanConfidence: n ? inBin.reduce((s, a) => s + a.confidence, 0) / n : 0,
      accuracy: n ? (100 * inBin.filter((a) => a.right).length) / n : 0,
    };
  });
}

/** Whether an answer is right: its verdict, and the item when it names one. */
export function answerRight(
  c: DevCase,
  verdict: string,
  item: { list: string; number: number } | null,
): boolean {
  if (verdict !== c.verdict) return false;
  if (!item) return true;
  const ok = [`${c.list}:${c.number}`, ...(c.also_ok ?? []).map((o) => `${o.list}:${o.number}`)];
  return ok.includes(`${item.list}:${item.number}`);
}
