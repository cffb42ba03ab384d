/**
 * Scoring of notice splitting against labelled notices: a predicted task matches a gold one when their spans
 * overlap by at least half of the longer span; each gold task matches at most one prediction.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Verdict } from "../src/domain/verdict.ts";

export interface GoldTask {
  excerpt: string;
  verdict: Verdict;
  list: string | null;
  number: number | null;
}

export interface DevNotice {
  id: string;
  title: string;
  text: string;
  tasks: GoldTask[];
}

export interface Span {
  start: number;
  end: number;
}

export const DEV_NOTICES = fileURLToPath(new URL("../test/data/dev-notices.jsonl", import.meta.url));

/** Parses dev-notices JSONL (one notice a line). */
export function readNotices(file = DEV_NOTICES): DevNotice[] {
  return readFileSync(file, "utf8")
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as DevNotice);
}

/** The gold task's span: its excerpt's first occurrence in the notice. */
export function goldSpan(notice: DevNotice, task: GoldTask): Span {
  const start = notice.text.indexOf(task.excerpt);
  if (start < 0) throw new Error(`${notice.id}: excerpt not in text: ${task.excerpt}`);
  return { start, end: start + task.excerpt.length };
}

/** Overlap of two spans as a share of the longer one. */
export function overlapShare(a: Span, b: Span): number {
  const common = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  return common / Math.max(a.end - a.start, b.end - b.start, 1);
}

export const MATCH_SHARE = 0.5;

/** For each gold span, the index of the prediction it matches (greedy by overlap), or -1. */
export function matchSpans(gold: readonly Span[], predicted: readonly Span[]): number[] {
  const pairs: { g: number; p: number; share: number }[] = [];
  gold.forEach((g, gi) => {
    predicted.forEach((p, pi) => {
      const share = overlapShare(g, p);
      if (share >= MATCH_SHARE) pairs.push({ g: gi, p: pi, share });
    });
  });
  pairs.sort((a, b) => b.share - a.share);
  const byGold = gold.map(() => -1);
  const used = new Set<number>();
  for (const { g, p } of pairs) {
    if (byGold[g] !== -1 || used.has(p)) continue;
    byGold[g] = p;
    used.add(p);
  }
  return byGold;
}

export interface SplitScores {
  gold: number;
  predicted: number;
  matched: number;
  verdictRight: number;
}

export function addScores(a: SplitScores, b: SplitScores): SplitScores {
  return {
    gold: a.gold + b.gold,
    predicted: a.predicted + b.predicted,
    matched: a.matched + b.matched,
    verdictRight: a.verdictRight + b.verdictRight,
  };
}

export const NO_SCORES: SplitScores = { gold: 0, predicted: 0, matched: 0, verdictRight: 0 };

export function prf(s: SplitScores): { p: number; r: number; f1: number } {
  const p = s.predicted ? s.matched / s.predicted : 0;
  const r = s.gold ? s.matched / s.gold : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}
