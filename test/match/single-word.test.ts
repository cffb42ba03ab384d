/**
 * The listed model's `singleWord` feature (listed.ts): an item that shares one word of the task only
 * (the word, a concept or part of it) is a coincidence more often than the lists' answer.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { bundledEdition } from "../../src/cli/commands/check-edition.ts";
import {
  answerTask,
  buildIndex,
  FEATURE_NAMES,
  LISTED_MODEL,
  listedFeatures,
  listedProbability,
} from "../../src/match/index.ts";

const at = FEATURE_NAMES.indexOf("singleWord");

test("a lead sharing one word of the task only is flagged, and the task is answered unlisted", async () => {
  const index = buildIndex((await bundledEdition()).draft);
  const withoutFeature = { ...LISTED_MODEL, weights: { ...LISTED_MODEL.weights, singleWord: 0 } };
  for (const text of ["做好辖区宠物店登记", "请乡里组织青年参加县里的围棋比赛", "请各村统计辖区养蜂户数量"]) {
    const a = answerTask(index, text);
    assert.equal(a.lead?.wordsShared, 1, text);
    assert.equal(listedFeatures(a.ranking, a.lead)[at], 1, text);
    assert.equal(a.chosen, null, text);
    // The one shared word would otherwise carry the task into the lists.
    assert.ok(listedProbability(a.ranking, a.lead, withoutFeature) > 0.5, text);
  }
  // The item's own words, several of them: not flagged.
  const own = answerTask(index, "做好残疾人登记备案工作");
  assert.ok((own.lead?.wordsShared ?? 0) >= 2);
  assert.equal(listedFeatures(own.ranking, own.lead)[at], 0);
  assert.deepEqual([own.chosen?.item.list, own.chosen?.item.number], ["basic", 34]);
  // A word said twice is one word.
  const twice = answerTask(index, "宠物店登记，宠物店登记");
  assert.equal(twice.lead?.wordsShared, 1);
});

test("a word the segmenter splits into characters (巡河, 控辍保学) counts as one word the item shares", async () => {
  const index = buildIndex((await bundledEdition()).draft);
  // 巡河 of 开展巡河、管河、护河 (基本 82), cut into 巡/河: one word; 排查 the item does not say.
  const alone = answerTask(index, "开展巡河排查");
  assert.deepEqual(
    [alone.lead?.item.list, alone.lead?.item.number, alone.lead?.wordsShared],
    ["basic", 82, 1],
  );
  // 控辍保学 (基本 32) and 学生: two words, not a coincidence of one.
  const two = answerTask(index, "做好学生控辍保学");
  assert.deepEqual([two.lead?.item.list, two.lead?.item.number, two.lead?.wordsShared], ["basic", 32, 2]);
  assert.equal(listedFeatures(two.ranking, two.lead)[at], 0);
  // Said twice, still one word.
  assert.equal(answerTask(index, "巡河，巡河排查").lead?.wordsShared, 1);
});
