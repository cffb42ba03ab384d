/**
 * A fragment too short to say what it is about (fewer content words than any labelled task: params
 * answer.reviewMinWords) always goes to review, however sure the confidence model is: it was never fitted
 * on one. Full tasks keep the model's verdict on review.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { bundledEdition } from "../../src/cli/commands/check-edition.ts";
import { CONFIDENCE_MODEL } from "../../src/match/confidence.ts";
import { answerTask, buildIndex, checkTask } from "../../src/match/index.ts";
import { MATCH_PARAMS } from "../../src/match/params.ts";

test("fragments need review even when the model is confident", async () => {
  const index = buildIndex((await bundledEdition()).draft);
  let confidentFragments = 0;
  for (const fragment of ["开展应急演练", "做好宣传", "防汛", "安全生产检查"]) {
    const { ranking, confidence } = answerTask(index, fragment);
    assert.ok(ranking.units.length < MATCH_PARAMS.answer.reviewMinWords, fragment);
    if (confidence >= CONFIDENCE_MODEL.reviewThreshold) confidentFragments++;
    assert.equal(checkTask(index, fragment).needs_review, true, fragment);
  }
  // The guard matters: the model alone would wave some of them through.
  assert.ok(confidentFragments > 0);
  const full = checkTask(index, "汛期前组织各村开展防汛应急演练，检查防汛物资储备和转移路线");
  assert.equal(full.needs_review, false);
  assert.equal(full.verdict, "cooperative");
});
