/**
 * Animals are named by a closed set of head characters (thesaurus-data.ts HEAD_BROADER_TEXT): a task word
 * ending in one (牛犊, 活羊, 家犬) reaches items that say 动物, the way a narrower term reaches its broader
 * one, at the broader weight. Words listed as exceptions (项目上马) and, for ambiguous heads, the bare
 * character (马: a surname) reach nothing; items never gain the relation.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { bundledEdition } from "../../src/cli/commands/check-edition.ts";
import { buildIndex, rank } from "../../src/match/index.ts";
import { MATCH_PARAMS } from "../../src/match/params.ts";
import { createThesaurus, parseHeads } from "../../src/match/thesaurus.ts";
import { HEAD_BROADER_TEXT } from "../../src/match/thesaurus-data.ts";

const heads = parseHeads("牛* > 动物\n马 > 动物\n! 上马\n# 羊 > 动物 commented out\n");
const thesaurus = createThesaurus([["动物疫病", "畜禽疫病"]], [], heads);
/** The words a segmenter might give, as spans. */
const spans = (text: string, words: string[]) => {
  const out: [number, number][] = [];
  let at = 0;
  for (const w of words) {
    const start = text.indexOf(w, at);
    out.push([start, start + w.length]);
    at = start + w.length;
  }
  return out;
};
const reached = (text: string, words: string[]) =>
  thesaurus
    .conceptsIn(text, { broader: true, words: spans(text, words) })
    .filter((h) => h.broader)
    .map((h) => `${h.member}→${thesaurus.groups.get(h.term)?.[0]}`);

test("parses heads, the ones that stand alone, exceptions and comments", () => {
  assert.deepEqual(
    [...heads.heads],
    [
      ["牛", { broader: "动物", alone: true }],
      ["马", { broader: "动物", alone: false }],
    ],
  );
  assert.deepEqual([...heads.except], ["上马"]);
});

test("a word ending in a head reaches the broader term; exceptions and a lone ambiguous head do not", () => {
  assert.deepEqual(
    reached("买回20头牛犊和3匹马驹", ["买回", "20", "头", "牛犊", "和", "3", "匹", "马驹"]),
    [],
  );
  assert.deepEqual(reached("买回20头肉牛", ["买回", "20", "头", "肉牛"]), ["肉牛→动物"]);
  assert.deepEqual(reached("10头牛", ["10", "头", "牛"]), ["牛→动物"]);
  assert.deepEqual(reached("养了一匹马", ["养", "了", "一", "匹", "马"]), []);
  assert.deepEqual(reached("项目上马", ["项目", "上马"]), []);
  // Items (no `broader` option) and texts without word spans never use heads.
  assert.equal(thesaurus.conceptsIn("买回肉牛", { words: spans("买回肉牛", ["买回", "肉牛"]) }).length, 0);
  assert.equal(thesaurus.conceptsIn("买回肉牛", { broader: true }).length, 0);
  // The broader term itself is a concept, so items that say it carry it.
  assert.equal(thesaurus.conceptsIn("做好动物及动物产品检疫")[0]?.member, "动物");
});

test("the bundled heads: every line parses, exceptions end in a head", () => {
  const bundled = parseHeads(HEAD_BROADER_TEXT);
  const lines = HEAD_BROADER_TEXT.split("\n").filter((l) => / > /.test(l));
  assert.equal(bundled.heads.size, lines.length);
  for (const w of bundled.except) assert.ok(bundled.heads.has(w.at(-1)!), w);
});

test("a calf to be quarantined reaches the animal-quarantine item through its head", async () => {
  assert.ok(MATCH_PARAMS.thesaurus.heads);
  const index = buildIndex((await bundledEdition()).draft);
  const task = "村民从和田市买回20头牛犊，请乡兽医站补做检疫并出具证明。";
  const r = rank(index, task);
  const animal = [...r.expandedFrom].find(([, member]) => member === "牛犊");
  assert.ok(animal, "牛犊 carries a concept");
  const top3 = r.candidates.slice(0, 3).map((c) => c.item.name);
  assert.ok(top3.includes("动物及动物产品检疫"), top3.join(" | "));
});

test("a stall named by its goods reaches the item on food stalls; apportioning is no stall", async () => {
  const index = buildIndex((await bundledEdition()).draft);
  const stall = rank(index, "村口烤馕摊被举报用地沟油，请乡里立案调查并罚款。");
  assert.ok([...stall.expandedFrom].some(([, member]) => member.endsWith("摊")));
  assert.match(stall.candidates[0]!.item.name, /食品摊贩/);
  const share = rank(index, "请各村分摊修路费用");
  assert.ok(![...share.expandedFrom].some(([, member]) => member.endsWith("摊")));
});
