/**
 * The engine on all labelled data (dev-cases, dev-cases-2 and the dev notices' tasks) with the bundled
 * 策勒乡 lists. The floors are the levels reached when this test was written (see `npm run bench:check`),
 * so a change that makes the check worse fails here. They are the levels reached, not the issue's
 * targets (held-out verdict ≥ 88 %, top-1 ≥ 82 %, top-3 ≥ 94 %, review precision ≥ 97 % at ≥ 60 %
 * coverage): verdict and top-3 are met; top-1 (81.6 %) and the review figures (96.2 % at 53.1 %
 * coverage) are not yet. Folding department abbreviations the alias table lacks (县文广旅局) raised the
 * listed model's tune CV from 87.8 to 89.3 % and tune top-1 from 85.8 to 86.3 %; after the refit one
 * held-out case near the listed model's boundary (0.50 → 0.48) turned unlisted, so the held-out floors
 * went down a case (verdict 89.8 → 88.8 %, top-1 82.9 → 81.6 %) and review coverage a point (tune 62.6 →
 * 61.1 %, held-out 54.1 → 53.1 %). The confidence feature for a task naming only other departments
 * than the answered item's (confidence.ts `otherDepartment`) improved log-loss on tune CV and on held-out
 * but moved the threshold up: tune precision 98.1 → 98.7 % at coverage 61.1 → 60.3 %, held-out 96.2 → 96.1 %
 * at 53.1 → 52.0 %. The latency budget is asserted by the bench, not here.
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
  const report = runCheckBench(draft, cases, () => {});
  const { tune, heldOut, all, review } = report.engine;
  assert.equal(heldOut.cases, 98);
  assert.ok(heldOut.verdictAccuracy >= 88.7, `held-out verdict ${heldOut.verdictAccuracy}`);
  assert.ok(heldOut.top1 >= 81.5, `held-out top-1 ${heldOut.top1}`);
  assert.ok(heldOut.top3 >= 94.7, `held-out top-3 ${heldOut.top3}`);
  assert.equal(heldOut.reclaimedAsBasic, 0);
  assert.ok(tune.verdictAccuracy >= 89.6, `tune verdict ${tune.verdictAccuracy}`);
  assert.ok(all.top1 >= 84.9, `top-1 ${all.top1}`);
  assert.ok(review.tune.precision >= 97, `tune review precision ${review.tune.precision}`);
  assert.ok(review.tune.coverage >= 60.2, `tune review coverage ${review.tune.coverage}`);
  assert.ok(review.heldOut.precision >= 96.0, `held-out review precision ${review.heldOut.precision}`);
  assert.ok(review.heldOut.coverage >= 51.9, `held-out review coverage ${review.heldOut.coverage}`);
  for (const b of report.baselines) {
    for (const part of ["tune", "heldOut", "all"] as const) {
      const ours = report.engine[part];
      assert.ok(ours.verdictAccuracy > b.scores[part].verdictAccuracy, `${b.name} ${part} verdict`);
      assert.ok(ours.top1 > b.scores[part].top1, `${b.name} ${part} top-1`);
    }
  }
});
