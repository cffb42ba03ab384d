/**
 * Who leads decides between close items (check.ts `namedDepartmentsItem`, params
 * answer.namedDepartment): a task that names the county department it reports to is that department's
 * work when one of its items is close behind a leader that belongs to another department.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { bundledEdition } from "../../src/cli/commands/check-edition.ts";
import { departmentsOf } from "../../src/domain/edition.ts";
import { buildIndex, checkTask, choose, rank } from "../../src/match/index.ts";

const TASK = "暑假前请排查集镇上的美术、武术培训班，看消防通道是否畅通，有问题的督促整改";

test("an item of the department the task names wins over another department's leader close ahead", async () => {
  const index = buildIndex((await bundledEdition()).draft);
  const task = `${TASK}，拒不整改的报县教育局。`;
  const ranking = rank(index, task);
  assert.deepEqual(ranking.cues.namedDepartments, ["县教育局"]);
  const leader = ranking.candidates[0]!;
  assert.ok(!departmentsOf(leader.item).includes("县教育局"), "the leader is another department's item");
  const chosen = choose(ranking)!;
  assert.ok(departmentsOf(chosen.item).includes("县教育局"));
  assert.match(chosen.item.name, /校外教育培训机构/);
  assert.equal(checkTask(index, task).item?.number, chosen.item.number);
});

test("without a named department the leader stands", async () => {
  const index = buildIndex((await bundledEdition()).draft);
  const ranking = rank(index, `${TASK}。`);
  assert.deepEqual(ranking.cues.namedDepartments, []);
  assert.equal(choose(ranking), ranking.candidates[0]);
});

test("a leader of the named department stands, and a basic leader is never displaced", async () => {
  const index = buildIndex((await bundledEdition()).draft);
  const own = rank(index, "县文旅局：请各村摸排会做土陶、地毯编织的老艺人，整理技艺资料申报非遗项目。");
  assert.ok(departmentsOf(own.candidates[0]!.item).some((d) => own.cues.namedDepartments.includes(d)));
  assert.equal(choose(own), own.candidates[0]);
  // 县公安局 co-leads an item close behind this basic leader; the township's own duty still stands.
  const basic = rank(index, "请各村做好农村道路交通安全宣传，冬季路面结冰提醒群众慢行，情况报县公安局。");
  const lead = basic.candidates[0]!;
  assert.equal(lead.item.list, "basic");
  assert.ok(
    basic.candidates
      .slice(1, 6)
      .some((c) => departmentsOf(c.item).includes("县公安局") && c.score >= lead.score * 0.4),
  );
  assert.equal(choose(basic), lead);
});
