/**
 * Scoring a splitter on labelled notices (bench/notices.ts and the floors in test/match/notice-floors.test.ts):
 * split precision / recall / F1 by span overlap, and how many gold tasks the check answers right.
 */
import { checkTask, type ItemIndex, splitNotice } from "../src/match/index.ts";
import { isHeldOut } from "./metrics.ts";
import {
  addScores,
  type DevNotice,
  goldSpan,
  matchSpans,
  NO_SCORES,
  type Span,
  type SplitScores,
} from "./notice-metrics.ts";

export type Splitter = (text: string) => (Span & { text: string })[];

/** The baseline a user would write first: every line and every 。-sentence is a task. */
export const naiveSplit: Splitter = (text) => {
  const out: (Span & { text: string })[] = [];
  for (const m of text.matchAll(/[^。\n]+。?/g)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (!t) continue;
    const start = (m.index ?? 0) + lead;
    out.push({ start, end: start + t.length, text: t });
  }
  return out;
};

/** A task as the check reads it: with the heading it stands under (see checkWithPrecedents). */
export const withHeading = (t: { text: string; heading?: string }) =>
  t.heading ? `${t.heading}：${t.text}` : t.text;

export function scoreNotice(notice: DevNotice, split: Splitter, index: ItemIndex): SplitScores {
  const predicted = split(notice.text);
  const gold = notice.tasks.map((t) => goldSpan(notice, t));
  const byGold = matchSpans(gold, predicted);
  let verdictRight = 0;
  byGold.forEach((p, g) => {
    const hit = predicted[p];
    if (hit && checkTask(index, withHeading(hit)).verdict === notice.tasks[g]!.verdict) verdictRight++;
  });
  return {
    gold: gold.length,
    predicted: predicted.length,
    matched: byGold.filter((p) => p >= 0).length,
    verdictRight,
  };
}

/** A splitter's scores over notices by part: tune, held-out (by the id hash of bench:check) and all. */
export function scoreParts(
  notices: readonly DevNotice[],
  split: Splitter,
  index: ItemIndex,
): Record<"tune" | "held-out" | "all", SplitScores> {
  const parts = { tune: NO_SCORES, "held-out": NO_SCORES, all: NO_SCORES };
  for (const notice of notices) {
    const s = scoreNotice(notice, split, index);
    const part = isHeldOut(notice.id) ? "held-out" : "tune";
    parts[part] = addScores(parts[part], s);
    parts.all = addScores(parts.all, s);
  }
  return parts;
}

export { splitNotice };
