/**
 * How steady an answer is: the share of the task's words it stands without (check.ts `steadiness`, a
 * confidence feature),
 * and the score sheet that makes trying each word cheap: the scores without one group, worked out by
 * taking that group's shares away, are the scores of the query that never had it.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { bundledEdition } from "../../src/cli/commands/check-edition.ts";
import { answerTask, buildIndex, checkTask, decide, rank } from "../../src/match/index.ts";
import { rankWithout } from "../../src/match/rank.ts";
import { ScoreSheet } from "../../src/match/score.ts";

const TASKS = [
  "请督促辖区新开的开锁店、刻章店到派出所登记备案。",
  "请各村开展防汛抗旱隐患排查，编制防汛预案并组织演练",
  "对集镇无照经营的流动商贩，由乡综合执法队依法处罚",
  "县城老旧小区改造，请策勒乡派人入户征求加装电梯和外墙保温意见。",
];

test("scores without a group equal the scores of the query without it", async () => {
  const index = buildIndex((await bundledEdition()).draft);
  for (const task of TASKS) {
    const { groups } = rank(index, task);
    const sheet = new ScoreSheet(index, groups);
    for (let g = 0; g < groups.length; g++) {
      const taken = new Map<number, number>();
      sheet.forEachWithout(g, (doc, score) => {
        taken.set(doc, score);
      });
      const fresh = new Map<number, number>();
      new ScoreSheet(
        index,
        groups.filter((_, i) => i !== g),
      ).forEach((doc, score) => {
        fresh.set(doc, score);
      });
      assert.equal(taken.size, fresh.size, `${task}: items scored without group ${g}`);
      for (const [doc, score] of fresh) {
        assert.ok(
          Math.abs((taken.get(doc) ?? Number.NaN) - score) < 1e-9,
          `${task}: item ${doc}, group ${g}`,
        );
      }
    }
  }
});

test("an answer one word decides is less steady and less sure; one many words agree on stands without any", async () => {
  const index = buildIndex((await bundledEdition()).draft);
  // 登记备案 alone ties the police's registration of locksmiths to the disabled persons' (基本 34).
  const fragile = answerTask(index, TASKS[0]!);
  assert.deepEqual([fragile.chosen?.item.list, fragile.chosen?.item.number], ["basic", 34]);
  assert.ok(fragile.steadiness < 1, `${fragile.steadiness}`);
  const agreed = answerTask(index, TASKS[1]!);
  assert.deepEqual([agreed.chosen?.item.list, agreed.chosen?.item.number], ["cooperative", 86]);
  assert.equal(agreed.steadiness, 1);
  // Unlisted and steady: no single word would bring an item in.
  assert.deepEqual([answerTask(index, TASKS[3]!).chosen, answerTask(index, TASKS[3]!).steadiness], [null, 1]);
  assert.ok(fragile.confidence < agreed.confidence);
});

test("a word the task repeats is tried once, with the answer every place would give", async () => {
  const index = buildIndex((await bundledEdition()).draft);
  // Every place tried, as before the repeats were skipped.
  const everyPlace = (text: string) => {
    const a = answerTask(index, text);
    const item = a.chosen ?? a.lead;
    if (!item) return true;
    return a.ranking.units.every((unit) => {
      if (!a.ranking.sheet.reaches(a.ranking.groups.indexOf(unit.group), item.doc)) return true;
      const other = decide(rankWithout(index, a.ranking, unit)).chosen;
      return a.chosen ? other?.doc === a.chosen.doc : !other;
    });
  };
  for (const text of [
    "请督促辖区开锁店到派出所登记备案，刻章店也到派出所登记备案。",
    "防汛物资要清点，防汛预案要修订，防汛演练要组织，防汛隐患要排查。",
    "宣传宣传再宣传，做好森林防火宣传和草原防火宣传。",
    // The second 特种行业 names the kind of the licence asked for; the first does not: without the second,
    // no licence is asked for and the answer is another.
    "特种行业检查，请乡里办理特种行业许可证",
  ]) {
    assert.equal(answerTask(index, text).steadiness === 1, everyPlace(text), text);
  }
  // A pasted text of one phrase over and over (up to MAX_TASK_CHARS) took 17 s to check; now a fraction.
  const started = performance.now();
  checkTask(index, `请核发${"健康证".repeat(660)}`);
  assert.ok(performance.now() - started < 5000, `${performance.now() - started} ms`);
});
