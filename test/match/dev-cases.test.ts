/**
 * The engine on all labelled data (dev-cases, dev-cases-2 and the dev notices' tasks) with the bundled
 * 策勒乡 lists. The floors are the levels reached (see `npm run bench:check`), so a change that makes the
 * check worse fails here; they are not the issue's targets (held-out verdict ≥ 88 %, top-1 ≥ 82 %, top-3
 * ≥ 94 %, review precision ≥ 97 % at ≥ 60 % coverage). Since bodies count as known only where the lists
 * name them as bodies (cues.ts): held-out verdict 88.8 %, top-1 84.2 %, top-3 94.7 %, answers without
 * review right 98.4 % of the time at 63.3 % coverage — every target met, by about one case each. Some floors went down over time, each with a change chosen on the tune
 * part that moved a held-out case the other way (the single-word feature, the secondment cue, the review
 * threshold's margin; their commits give the figures). The fitted models learn only from the tune part of
 * the files the engine was never shaped on (bench/cases.ts FIT_SOURCES).
 * The latency budget is asserted by the bench, not here.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { allLabelledCases } from "../../bench/cases.ts";
import { runCheckBench } from "../../bench/check.ts";
import { bundledEdition } from "../../src/cli/commands/check-edition.ts";

test("all labelled data: accuracy floors per part, no reclaimed task answered basic on held-out, ahead of both baselines", async () => {
  const { draft } = await bundledEdition();
  const cases = allLabelledCases();
  assert.equal(cases.length, 360);
  const printed: string[] = [];
  const report = runCheckBench(draft, cases, (line) => printed.push(line));
  const { tune, heldOut, all, review } = report.engine;
  assert.equal(heldOut.cases, 98);
  assert.ok(heldOut.verdictAccuracy >= 88.7, `held-out verdict ${heldOut.verdictAccuracy}`);
  assert.ok(heldOut.top1 >= 84.1, `held-out top-1 ${heldOut.top1}`);
  assert.ok(heldOut.top3 >= 94.6, `held-out top-3 ${heldOut.top3}`);
  assert.equal(heldOut.reclaimedAsBasic, 0);
  assert.ok(tune.verdictAccuracy >= 93.4, `tune verdict ${tune.verdictAccuracy}`);
  assert.ok(all.top1 >= 88.2, `top-1 ${all.top1}`);
  assert.ok(review.tune.precision >= 98.8, `tune review precision ${review.tune.precision}`);
  assert.ok(review.tune.coverage >= 67.8, `tune review coverage ${review.tune.coverage}`);
  assert.ok(review.heldOut.precision >= 98.3, `held-out review precision ${review.heldOut.precision}`);
  assert.ok(review.heldOut.coverage >= 63.2, `held-out review coverage ${review.heldOut.coverage}`);
  // The held-out figures are printed beside the targets with their 95 % intervals.
  const verdictLine = printed.find((l) => /^\s+verdict\s+[\d.]+ %\s+\[/.test(l));
  assert.ok(verdictLine, printed.join("\n"));
  const [, shown, low, high] =
    verdictLine.match(/([\d.]+) %\s+\[([\d.]+)–([\d.]+)\] of\s+98\s+target ≥ 88/) ?? [];
  assert.equal(Number(shown), Number(heldOut.verdictAccuracy.toFixed(1)));
  assert.ok(Number(low) < Number(shown) && Number(shown) < Number(high), verdictLine);
  for (const b of report.baselines) {
    for (const part of ["tune", "heldOut", "all"] as const) {
      const ours = report.engine[part];
      assert.ok(ours.verdictAccuracy > b.scores[part].verdictAccuracy, `${b.name} ${part} verdict`);
      assert.ok(ours.top1 > b.scores[part].top1, `${b.name} ${part} top-1`);
    }
  }
});
