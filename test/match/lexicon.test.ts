/**
 * The JavaScript segmenter against @node-rs/jieba (jieba-rs), the engine it replaces: with the same words
 * loaded, every cut and search-mode cut of the bundled lists, the labelled tasks and odd input is the same.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import { bundledEdition } from "../../src/cli/commands/check-edition.ts";
import { Lexicon, readGeneralDictionary, WordTable } from "../../src/match/lexicon.ts";
import { normalizeText } from "../../src/match/normalize.ts";
import { domainTerms, itemTexts } from "../../src/match/segment.ts";

const { draft } = await bundledEdition();
const terms = domainTerms(draft);
const frequency = (t: string) => 2000 + 500 * t.length;

function texts(): string[] {
  const out: string[] = [];
  for (const item of draft.items) for (const t of itemTexts(item)) out.push(t, normalizeText(t));
  for (const file of ["dev-cases.jsonl", "dev-cases-2.jsonl", "dev-notices.jsonl"]) {
    const url = new URL(`../data/${file}`, import.meta.url);
    for (const line of readFileSync(url, "utf8").split("\n")) {
      if (line.trim()) out.push((JSON.parse(line) as { text: string }).text);
    }
  }
  out.push(
    "abc网球拍卖会def",
    "我们中出了一个叛徒👪",
    "Ａ１２３　x-y 3.5% C++ #tag 𠀀𠀁中国",
    "\r\n  a b\tc，。、；“引号”（括号）",
    "2025年10月20日前完成110报警平台4G升级",
  );
  return out;
}

test("cuts as jieba does, word for word, with the same dictionary", () => {
  const jieba = Jieba.withDict(dict);
  jieba.loadDict(Buffer.from(terms.map((t) => `${t} ${frequency(t)} n`).join("\n")));
  // The terms in the base table itself, so that the totals agree too.
  const table = readGeneralDictionary();
  for (const t of terms) table.add(t, frequency(t));
  const lexicon = new Lexicon(table, null);
  let compared = 0;
  for (const text of texts()) {
    assert.deepEqual(lexicon.cut(text), jieba.cut(text, false), text);
    assert.deepEqual(lexicon.cutForSearch(text), jieba.cutForSearch(text, false), text);
    compared++;
  }
  assert.ok(compared > 3000, `${compared} texts`);
});

test("an overlay word wins over the base and its prefixes are followed", () => {
  const base = new WordTable();
  for (const [w, f] of [
    ["自建", 50],
    ["建房", 80],
    ["房", 100],
    ["自", 100],
    ["建", 100],
    ["安全", 500],
  ] as const)
    base.add(w, f);
  const overlay = new WordTable();
  overlay.add("自建房安全", 100_000);
  const plain = new Lexicon(base, null);
  const withTerm = new Lexicon(base, overlay);
  assert.deepEqual(withTerm.cut("自建房安全排查"), ["自建房安全", "排", "查"]);
  assert.notDeepEqual(plain.cut("自建房安全排查"), withTerm.cut("自建房安全排查"));
  assert.deepEqual(withTerm.overlayWordsIn("做好自建房安全和自建房安全"), ["自建房安全"]);
  assert.equal(base.freq("建房"), 80);
  assert.equal(base.freq("自建房"), undefined);
});
