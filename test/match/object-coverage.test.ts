/**
 * The listed model's object coverage (rank.ts details): the share of the task's object words — those that
 * hold no act word (acts.ts) — an item explains. An item that shares only the act does not cover the task,
 * and a task without object words gives no evidence of an object match (0, not 1: a vague 做好宣传 was
 * listed through it).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { bundledEdition } from "../../src/cli/commands/check-edition.ts";
import { buildIndex, checkTask } from "../../src/match/index.ts";
import { rank } from "../../src/match/rank.ts";
import { SAMPLE } from "./fixture.ts";

const index = buildIndex(SAMPLE);
const candidateFor = (text: string, name: string) => {
  const found = rank(index, text).candidates.find((c) => c.item.name === name);
  assert.ok(found, `${name} is not a candidate for ${text}`);
  return found;
};

test("an item that explains the object covers it; one that shares only the act does not", () => {
  const units = rank(index, "开展动物防疫宣传").units;
  assert.deepEqual(
    units.map((u) => [u.word, u.act]),
    units.map((u) => [u.word, /宣传/.test(u.word)]),
  );
  assert.equal(candidateFor("开展动物防疫宣传", "做好动物防疫宣传，配合开展强制免疫").objectCoverage, 1);
  const actOnly = candidateFor("开展动物防疫宣传", "落实普法责任制，开展法治宣传教育");
  assert.equal(actOnly.objectCoverage, 0);
  assert.ok(actOnly.coverage > 0, "宣传 is explained: the plain coverage counts it");
});

test("a task of act words only has no object coverage, and is not listed through it", async () => {
  const ranking = rank(index, "请各村做好宣传");
  assert.ok(ranking.units.length > 0 && ranking.units.every((u) => u.act));
  assert.ok(ranking.candidates.length > 0);
  for (const c of ranking.candidates) assert.equal(c.objectCoverage, 0);
  // The verdict on real lists: on the four-item sample every item is rare enough to look like a match.
  const lists = buildIndex((await bundledEdition()).draft);
  assert.ok(rank(lists, "请各村做好宣传").candidates.every((c) => c.objectCoverage === 0));
  assert.equal(checkTask(lists, "请各村做好宣传").verdict, "unlisted");
});
