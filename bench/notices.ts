/**
 * `npm run bench:notices`: notice splitting on the labelled dev notices, beside a naive splitter (line breaks
 * and 。), for the tune part, the held-out part (by the same id hash as bench:check) and all. Prints split
 * precision / recall / F1 and how many gold tasks got the right verdict from the current check engine (a gold
 * task whose span no prediction matches counts as wrong). `-- --notices FILE` scores another labelled set.
 */
import { bundledEdition } from "../src/cli/commands/check-edition.ts";
import { buildIndex, checkTask, type ItemIndex, splitNotice } from "../src/match/index.ts";
import { isHeldOut } from "./metrics.ts";
import {
  addScores,
  type DevNotice,
  goldSpan,
  matchSpans,
  NO_SCORES,
  prf,
  readNotices,
  type Span,
  type SplitScores,
} from "./notice-metrics.ts";

type Splitter = (text: string) => (Span & { text: string })[];

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
const withHeading = (t: { text: string; heading?: string }) =>
  t.heading ? `${t.heading}：${t.text}` : t.text;

function scoreNotice(notice: DevNotice, split: Splitter, index: ItemIndex): SplitScores {
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

function line(label: string, s: SplitScores): string {
  const { p, r, f1 } = prf(s);
  const pct = s.gold ? ((100 * s.verdictRight) / s.gold).toFixed(1) : "0.0";
  return `  ${label.padEnd(9)} notices' tasks ${String(s.gold).padStart(3)}  predicted ${String(s.predicted).padStart(3)}  P ${p.toFixed(3)}  R ${r.toFixed(3)}  F1 ${f1.toFixed(3)}  verdict right ${s.verdictRight}/${s.gold} (${pct} %)`;
}

/** `--notices FILE`: another file of labelled notices in the same format (a fresh set), else the dev notices. */
function noticesFile(): string | undefined {
  const at = process.argv.indexOf("--notices");
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function main(): Promise<void> {
  const notices = readNotices(noticesFile());
  const index = buildIndex((await bundledEdition()).draft);
  const splitters: [string, Splitter][] = [
    ["lvzhi splitNotice", splitNotice],
    ["naive (lines and 。)", naiveSplit],
  ];
  const verbose = process.argv.includes("--verbose");
  for (const [name, split] of splitters) {
    const parts = { tune: NO_SCORES, "held-out": NO_SCORES, all: NO_SCORES };
    for (const notice of notices) {
      const s = scoreNotice(notice, split, index);
      const part = isHeldOut(notice.id) ? "held-out" : "tune";
      parts[part] = addScores(parts[part], s);
      parts.all = addScores(parts.all, s);
      if (verbose && split === splitNotice && part === "tune") report(notice, index);
    }
    console.log(name);
    for (const [label, s] of Object.entries(parts)) console.log(line(label, s));
  }
}

/** --verbose: the tune notices' predictions and misses, to see failure classes (never the held-out ones). */
function report(notice: DevNotice, index: ItemIndex): void {
  const predicted = splitNotice(notice.text);
  const gold = notice.tasks.map((t) => goldSpan(notice, t));
  const byGold = matchSpans(gold, predicted);
  console.log(`— ${notice.id}`);
  for (const [i, p] of predicted.entries()) {
    const g = byGold.indexOf(i);
    const verdict = checkTask(index, withHeading(p)).verdict;
    const mark =
      g < 0 ? "EXTRA" : verdict === notice.tasks[g]!.verdict ? "ok" : `want ${notice.tasks[g]!.verdict}`;
    console.log(`  [${mark}] ${verdict}: ${p.text.replace(/\n/g, "⏎")}`);
  }
  byGold.forEach((p, g) => {
    if (p < 0) console.log(`  [MISSED] ${notice.tasks[g]!.excerpt}`);
  });
}

await main();
