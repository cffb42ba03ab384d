/**
 * An item whose whole name the task says verbatim wins over a close leader whose name it does not say
 * (check.ts choose, MATCH_PARAMS.answer.wholeName): on the bundled lists, 广播 and 设施 pull a task about
 * 电力设施保护 towards 广播电视设施保护 (配合 71), which ranks first on scattered words. (Said as a means,
 * 利用广播 is blanked before ranking; said as a place, 在广播里, it is not.)
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { bundledEdition } from "../../src/cli/commands/check-edition.ts";
import { buildIndex, checkTask, rank } from "../../src/match/index.ts";

const TASK = "春季风大，请各村在广播里开展电力设施保护宣传，提醒群众不要在高压线下放风筝、堆柴草。";

test("the item the task names whole is answered, though another leads on scattered words", async () => {
  const index = buildIndex((await bundledEdition()).draft);
  const [leader] = rank(index, TASK).candidates;
  assert.equal(leader?.item.name.includes("广播电视设施保护"), true, "the ranking alone leads with 配合 71");
  const r = checkTask(index, TASK);
  assert.deepEqual([r.verdict, r.item?.number, r.item?.name], ["cooperative", 85, "电力设施保护"]);
});
