/**
 * The confidence feature `cue` (confidence.ts): signs that a task lies outside the lists make an unlisted
 * answer surer. A head count set for villages (cues.ts `quota`) is one for unlisted answers only: the
 * lists hold quota tasks that county departments took back (两癌筛查人数任务).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { bundledEdition } from "../../src/cli/commands/check-edition.ts";
import { answerTask, buildIndex, CONFIDENCE_FEATURES, confidenceFeatures } from "../../src/match/index.ts";

const at = CONFIDENCE_FEATURES.indexOf("cue");

test("a head count for villages is an outside-the-lists cue for an unlisted answer, not for a listed one", async () => {
  const index = buildIndex((await bundledEdition()).draft);
  const answer = (text: string) => {
    const a = answerTask(index, text);
    return { a, cue: confidenceFeatures(a.ranking, a.lead, a.chosen, a.probability, a.steadiness)[at] };
  };
  const quota = answer("动员青年报名参加县里的技能大赛，每村不少于5人");
  const plain = answer("动员青年报名参加县里的技能大赛");
  assert.deepEqual([quota.a.chosen, plain.a.chosen], [null, null]);
  assert.deepEqual([quota.cue, plain.cue], [1, 0]);
  assert.ok(quota.a.confidence > plain.a.confidence);
  // A listed answer keeps its confidence whatever the count: the quota is the item's own (收回 32).
  const listed = answer("动员适龄女性参加两癌筛查，每村不少于40人");
  assert.equal(listed.a.ranking.cues.quota, true);
  assert.deepEqual(
    [listed.a.chosen?.item.list, listed.a.chosen?.item.number, listed.cue],
    ["reclaimed", 32, 0],
  );
});
