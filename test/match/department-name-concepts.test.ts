/**
 * A department's name is not the task's content (rank.ts `onlyInDepartments`): 县文旅局, folded to
 * 县文化体育广播电视和旅游局, names 广播电视 only as the body the task reports to. A concept named only
 * inside a department's name keeps a share of its weight (params query.inDepartmentName) and explains no
 * word of the task; named in the task's own words as well, it counts in full.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { bundledEdition } from "../../src/cli/commands/check-edition.ts";
import { buildIndex, rank } from "../../src/match/index.ts";
import { MATCH_PARAMS } from "../../src/match/params.ts";

const Q = MATCH_PARAMS.query;

test("a concept named only inside a department's name is a weak hint, owned by no word", async () => {
  const index = buildIndex((await bundledEdition()).draft);
  const inName = rank(index, "请各村摸排会做土陶的老艺人，整理技艺资料报县文旅局");
  const fromName = [...inName.expandedFrom]
    .filter(([, member]) => member === "广播电视")
    .map(([term]) => term);
  assert.ok(fromName.length > 0, "the thesaurus knows 广播电视");
  for (const term of fromName) {
    assert.ok((inName.query.get(term) ?? 0) <= Q.inDepartmentName * Q.concept + 1e-9);
    assert.ok(!inName.units.some((u) => u.concepts.includes(term) || u.broader.includes(term)));
  }
  // Named in the task's own words too: full weight.
  const own = rank(index, "请各村排查广播电视设施损坏情况，报县文旅局");
  for (const term of fromName) assert.ok((own.query.get(term) ?? 0) > Q.inDepartmentName * Q.concept);
});

test("the department a task reports to does not decide what the task is about", async () => {
  const index = buildIndex((await bundledEdition()).draft);
  const task = "请各村摸排会做土陶、地毯编织的老艺人，整理技艺资料报县文旅局申报非遗项目";
  const top = rank(index, task).candidates[0]!;
  assert.match(top.item.name, /非物质文化遗产/);
});
