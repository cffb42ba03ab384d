import assert from "node:assert/strict";
import { test } from "node:test";
import type { EditionDraft } from "../../src/domain/edition.ts";
import { createSegmenter, domainTerms, matchesInitials, pinyinInitials } from "../../src/match/segment.ts";

const draft: EditionDraft = {
  township: "样例乡",
  county: "样例县",
  region: "",
  date: "2025-07",
  title: "样例乡履职事项清单",
  preface: [],
  stated: {
    basic: { items: null, categories: null, departments: null, categoryNames: [] },
    cooperative: { items: null, categories: null, departments: null, categoryNames: [] },
    reclaimed: { items: null, categories: null, departments: null, categoryNames: [] },
  },
  items: [
    {
      list: "basic",
      number: 1,
      category: "党的建设",
      name: "落实“五小工程”建设",
      local: false,
      remark: null,
    },
    { list: "basic", number: 2, category: "生态环保", name: "禁牧轮牧", local: false, remark: null },
    {
      list: "reclaimed",
      number: 1,
      category: "市场监管",
      name: "对无照经营的处罚",
      local: false,
      remark: null,
      takeover: {
        departments: ["县市场监督管理局"],
        none: false,
        workMethod: ["开展“双随机”抽查"],
        workStandard: [],
      },
    },
  ],
};

test("domain terms come from the edition: quoted terms, short names, departments, fixed terms", () => {
  const terms = domainTerms(draft);
  for (const t of [
    "五小工程",
    "禁牧轮牧",
    "双随机",
    "县市场监督管理局",
    "市场监管局",
    "三会一课",
    "河湖长制",
  ]) {
    assert.ok(terms.includes(t), t);
  }
  assert.ok(!terms.includes("对无照经营的处罚"), "names longer than a term are not dictionary words");
  assert.ok(terms.every((t) => t.length >= 2));
});

test("the domain dictionary keeps fixed terms and edition terms whole", () => {
  const seg = createSegmenter(draft);
  assert.deepEqual(seg.cut("落实三会一课制度"), ["落实", "三会一课", "制度"]);
  assert.ok(seg.cut("全面推行河（湖）长制").includes("河湖长制"));
  assert.ok(seg.cut("做好“五小工程”建设").includes("五小工程"));
  assert.ok(seg.cut("学习“枫桥经验”").includes("枫桥经验"));
  assert.ok(seg.cut("報縣住建局").includes("县住建局"), "traditional input is normalised first");
});

test("cut drops punctuation; cutForSearch adds sub-words of long words", () => {
  const seg = createSegmenter(null);
  assert.ok(seg.cut("排查，建立台账。").every((w) => /[\p{L}\p{N}]/u.test(w)));
  const words = seg.cutForSearch("自建房安全隐患排查");
  for (const w of ["自建房", "安全隐患", "隐患", "排查"]) assert.ok(words.includes(w), w);
  assert.deepEqual(seg.cut(""), []);
});

test("pinyin initials find 防汛抗旱 by fxkh", () => {
  assert.equal(pinyinInitials("防汛抗旱"), "fxkh");
  assert.equal(pinyinInitials("110报警"), "110bj");
  assert.ok(matchesInitials("fxkh", "做好防汛抗旱工作"));
  assert.ok(matchesInitials("FXKH", "防汛抗旱"));
  assert.ok(!matchesInitials("fxkh", "森林防火"));
  assert.ok(!matchesInitials("f", "防汛抗旱"), "one letter is not a query");
});

test("an edition's terms change only the cut of texts holding them; segmenters do not affect each other", () => {
  const text = "加强基层党组织建设，落实三会一课制度";
  const plain = createSegmenter(null);
  const before = plain.cut(text);
  // A term of another edition, built after: the first segmenter cuts as before.
  const other = createSegmenter(draft, ["党组织建设"]);
  assert.ok(other.cut(text).includes("党组织建设"));
  assert.deepEqual(plain.cut(text), before);
  assert.deepEqual(createSegmenter(null).cut(text), before);
  // Texts without the term are cut alike by both.
  assert.deepEqual(other.cut("做好防汛抗旱工作"), plain.cut("做好防汛抗旱工作"));
  assert.deepEqual(other.ownTermsIn("加强党组织建设"), ["党组织建设"]);
  assert.deepEqual(plain.ownTermsIn("加强党组织建设"), []);
});
