/**
 * `npm run bench:notices`: notice splitting on the labelled dev notices, beside a naive splitter (line breaks
 * and 。), for the tune part, the held-out part (by the same id hash as bench:check) and all. Prints split
 * precision / recall / F1 and how many gold tasks got the right verdict from the current check engine (a gold
 * task whose span no prediction matches counts as wrong). `-- --notices FILE` scores another labelled set.
 */
import { bundledEdition } from "../src/cli/commands/check-edition.ts";
import { buildIndex, checkTask, type ItemIndex } from "../src/match/index.ts";
import { isHeldOut } from "./metrics.ts";
import {
  type DevNotice,
  goldSpan,
  matchSpans,
  prf,
  readNotices,
  type SplitScores,
} from "./notice-metrics.ts";
import { naiveSplit, type Splitter, scoreParts, splitNotice, withHeading } from "./notice-score.ts";

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
    const parts = scoreParts(notices, split, index);
    if (verbose && split === splitNotice)
      for (const notice of notices) if (!isHeldOut(notice.id)) report(notice, index);
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
