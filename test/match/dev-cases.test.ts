/**
 * The engine on the labelled dev cases (test/data/dev-cases.jsonl) with the bundled 策勒乡 lists.
 * The floors are the levels reached when this test was written (see `npm run bench:check`), so a change
 * that makes the check worse fails here. They are below the targets, which are not met yet.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { runCheckBench } from "../../bench/check.ts";
import { parseCases } from "../../bench/metrics.ts";
import { bundledEdition } from "../../src/cli/commands/check-edition.ts";

test("dev cases: accuracy floors, no regression, ahead of both baselines", async () => {
  const { draft } = await bundledEdition();
  const cases = parseCases(readFileSync(new URL("../data/dev-cases.jsonl", import.meta.url), "utf8"));
  assert.equal(cases.length, 120);
  const report = runCheckBench(draft, cases, () => {});
  const all = report.engine.all;
  assert.ok(all.verdictAccuracy >= 90.8, `verdict accuracy ${all.verdictAccuracy}`);
  assert.ok(all.top1 >= 85.5, `top-1 ${all.top1}`);
  assert.ok(all.top3 >= 94.4, `top-3 ${all.top3}`);
  assert.ok(
    report.engine.tune.verdictAccuracy >= 94.1,
    `tune verdict accuracy ${report.engine.tune.verdictAccuracy}`,
  );
  assert.ok(
    report.engine.heldOut.verdictAccuracy >= 82.8,
    `held-out ${report.engine.heldOut.verdictAccuracy}`,
  );
  assert.ok(all.reclaimedAsBasic === 0, `reclaimed answered basic: ${all.reclaimedAsBasic}`);
  for (const b of report.baselines) {
    assert.ok(
      all.verdictAccuracy > b.scores.all.verdictAccuracy,
      `${b.name}: ${b.scores.all.verdictAccuracy}`,
    );
    assert.ok(all.top1 > b.scores.all.top1, `${b.name} top-1: ${b.scores.all.top1}`);
  }
  // Each case at its quietest of five runs, so other processes on the machine do not count; the bench
  // also prints the figures over all runs.
  assert.ok(report.engine.latency.p99 <= 5, `p99 ${report.engine.latency.p99} ms`);
});
