/**
 * The confidence feature `otherDepartment` (confidence.ts): a task that names county departments, none
 * of which leads or took over the answered item, is another department's work that reads like the item.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { bundledEdition } from "../../src/cli/commands/check-edition.ts";
import { departmentsOf } from "../../src/domain/edition.ts";
import { answerTask, buildIndex, CONFIDENCE_FEATURES, confidenceFeatures } from "../../src/match/index.ts";

const at = CONFIDENCE_FEATURES.indexOf("otherDepartment");

test("a listed answer is flagged when the task names only departments other than the item's", async () => {
  const index = buildIndex((await bundledEdition()).draft);
  const feature = (text: string) => {
    const a = answerTask(index, text);
    return { a, x: confidenceFeatures(a.ranking, a.lead, a.chosen, a.probability, a.steadiness)[at] };
  };
  // The wildlife item is led by the forestry bureau: naming it agrees, naming the tax bureau does not.
  const own = feature("请配合开展野生动物保护巡查，发现非法猎捕的报县林草局");
  assert.equal(own.a.chosen?.item.list, "cooperative");
  assert.ok(departmentsOf(own.a.chosen!.item).includes("县林业和草原局"));
  assert.equal(own.x, 0);
  const other = feature("请配合开展野生动物保护巡查，发现非法猎捕的报县税务局");
  assert.equal(other.a.chosen?.item.number, own.a.chosen?.item.number);
  assert.equal(other.x, 1);
  assert.ok(other.a.confidence < own.a.confidence);
  // No department named: nothing to disagree with.
  assert.equal(feature("请配合开展野生动物保护巡查，发现非法猎捕的及时报告").x, 0);
});
