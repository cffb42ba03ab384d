import assert from "node:assert/strict";
import { performance } from "node:perf_hooks";
import { describe, test } from "node:test";
import type { Item } from "../../src/domain/edition.ts";
import { editionAnalyzer } from "../../src/web/analyzer.ts";
import { findWords, splitMarked } from "../../src/web/highlight.ts";
import { findInitials, initialsOf } from "../../src/web/pinyin.ts";
import { SearchIndex } from "../../src/web/search.ts";
import { SearchCache } from "../../src/web/search-cache.ts";
import { bundledDraft } from "../workflow/helpers.ts";
import { hostileDraft } from "./fixtures.ts";

const items: Item[] = [
  {
    list: "basic",
    number: 1,
    category: "应急管理及消防",
    name: "编制防汛、抗旱预案",
    local: false,
    remark: null,
  },
  { list: "basic", number: 2, category: "生态环保", name: "落实河（湖）长制", local: false, remark: null },
  { list: "basic", number: 3, category: "乡村振兴", name: "举办石榴花旅游活动", local: true, remark: "个性" },
  {
    list: "cooperative",
    number: 1,
    category: "社会保障",
    name: "就业援助",
    local: false,
    remark: null,
    leadDepartments: ["县人力资源和社会保障局"],
    otherLeads: [],
    departmentDuties: [{ department: null, heading: null, steps: ["认定就业困难人员"] }],
    townshipDuties: [{ department: null, heading: null, steps: ["摸排辖区失业人员并上报"] }],
  },
  {
    list: "reclaimed",
    number: 1,
    category: "自然资源",
    name: "小型水库安全监督",
    local: false,
    remark: null,
    takeover: {
      departments: ["县水利局"],
      none: false,
      workMethod: ["定期巡查石榴园水渠"],
      workStandard: [],
    },
  },
];

const index = new SearchIndex(items, editionAnalyzer(hostileDraft(items)), "测试县");
const found = (q: string) => index.search(q).hits.map((h) => `${h.item.list}:${h.item.number}`);

describe("search", () => {
  test("pinyin initials skip punctuation and give the matched range of the name", () => {
    const result = index.search("fxkh");
    assert.deepEqual(found("fxkh"), ["basic:1"]);
    const [range] = result.hits[0]?.pinyinRanges ?? [];
    assert.equal(items[0]?.name.slice(...(range ?? [0, 0])), "防汛、抗旱");
    assert.deepEqual(found("hhcz"), ["basic:2"]);
  });

  test("initials that span whole words rank above initials meeting inside other words", () => {
    const ranked: Item[] = [
      {
        list: "basic",
        number: 1,
        category: "党的建设",
        name: "完整准确贯彻新时代党的治疆方略",
        local: false,
        remark: null,
      },
      {
        list: "basic",
        number: 2,
        category: "城乡建设",
        name: "做好自建房安全隐患排查",
        local: false,
        remark: null,
      },
    ];
    const small = new SearchIndex(ranked, editionAnalyzer(hostileDraft(ranked)));
    assert.deepEqual(
      small.search("zjf").hits.map((h) => h.item.number),
      [2, 1],
    );
  });

  test("words match across punctuation the query did not type", () => {
    assert.deepEqual(found("防汛抗旱"), ["basic:1"]);
    assert.deepEqual(found("河湖长制"), ["basic:2"]);
  });

  test("department aliases find the canonical department", () => {
    assert.deepEqual(found("人社局"), ["cooperative:1"]);
    assert.deepEqual(found("测试县水利局"), ["reclaimed:1"]);
  });

  test("name matches rank above step matches", () => {
    assert.deepEqual(found("石榴"), ["basic:3", "reclaimed:1"]);
  });

  test("every word must match; otherwise partial matches are returned and flagged", () => {
    assert.equal(index.search("石榴 旅游").mode, "all");
    assert.deepEqual(found("石榴 旅游"), ["basic:3"]);
    const partial = index.search("石榴 航天");
    assert.equal(partial.mode, "any");
    assert.deepEqual(
      partial.hits.map((h) => h.item.number),
      [3, 1],
    );
    assert.deepEqual(found("航天"), []);
  });

  test("stop words and punctuation alone find nothing", () => {
    assert.deepEqual(index.search("的，。").terms, []);
    assert.deepEqual(found("的"), []);
  });

  test("traditional and full-width input is folded", () => {
    assert.deepEqual(found("石榴花旅遊"), ["basic:3"]);
    assert.deepEqual(found("ＦＸＫＨ"), ["basic:1"]);
  });

  test("full pinyin without tones finds names, with or without spaces, and marks the characters", () => {
    const named: Item[] = [
      {
        list: "basic",
        number: 1,
        category: "应急管理及消防",
        name: "做好森林防火宣传",
        local: false,
        remark: null,
      },
      {
        list: "basic",
        number: 2,
        category: "应急管理及消防",
        name: "开展安全生产检查",
        local: false,
        remark: null,
      },
      {
        list: "basic",
        number: 3,
        category: "应急管理及消防",
        name: "生产安全事故先期处置",
        local: false,
        remark: null,
      },
      {
        list: "basic",
        number: 4,
        category: "生态环保",
        name: "落实林长制，做好森林资源保护",
        local: false,
        remark: null,
      },
      { list: "basic", number: 5, category: "综合政务", name: "绿化美化", local: false, remark: null },
      {
        list: "basic",
        number: 6,
        category: "卫生健康",
        name: "做好疟疾防治工作",
        local: false,
        remark: null,
      },
    ];
    const small = new SearchIndex(named, editionAnalyzer(hostileDraft(named)));
    const numbers = (q: string) => small.search(q).hits.map((h) => h.item.number);
    assert.deepEqual(numbers("senlin fanghuo"), [1]);
    assert.deepEqual(numbers("senlinfanghuo"), [1]);
    assert.deepEqual(numbers("SenLin FangHuo"), [1]);
    // Names with the words together rank above names holding them apart.
    assert.deepEqual(numbers("anquan shengchan"), [2, 3]);
    assert.deepEqual(numbers("anquanshengchan"), [2]);
    assert.deepEqual(numbers("senlin"), [1, 4]);
    // ü is typed v.
    assert.deepEqual(numbers("lvhua"), [5]);
    // nüe and lüe typed as input methods take them (nue, lue) or with ü itself.
    assert.deepEqual(numbers("nveji"), [6]);
    assert.deepEqual(numbers("nueji"), [6]);
    assert.deepEqual(numbers("nüeji"), [6]);
    assert.deepEqual(numbers("lühua"), [5]);
    const marked = (q: string) => {
      const hit = small.search(q).hits[0]!;
      return hit.pinyinRanges.map((r) => hit.item.name.slice(...r));
    };
    assert.deepEqual(marked("senlinfanghuo"), ["森林防火"]);
    assert.ok(marked("anquan shengchan").includes("安全生产"));
    // Whole syllables only: sen does not find 森林 as "senl…", nor letters across syllables.
    assert.deepEqual(numbers("senli"), []);
    assert.deepEqual(numbers("nlin"), []);
    // Initials still work as before, on the same names.
    assert.deepEqual(numbers("slfh"), [1]);
    assert.deepEqual(numbers("aqsc"), [2]);
  });

  test("full pinyin finds 安全生产 in the bundled lists as the Chinese and the initials do, fast", async () => {
    const draft = await bundledDraft();
    const real = new SearchIndex(draft.items, editionAnalyzer(draft), draft.county);
    const ids = (q: string) => real.search(q).hits.map((h) => `${h.item.list}:${h.item.number}`);
    const named = draft.items.filter((i) => i.name.includes("安全生产")).map((i) => `${i.list}:${i.number}`);
    assert.ok(named.length >= 3);
    assert.deepEqual(ids("anquanshengchan").sort(), [...named].sort());
    assert.deepEqual(ids("aqsc").sort(), [...named].sort());
    // With a space: the names with 安全生产 first, then those holding 安全 and 生产 apart (生产安全事故).
    const spaced = ids("anquan shengchan");
    assert.deepEqual(spaced.slice(0, named.length).sort(), [...named].sort());
    assert.ok(spaced.length > named.length);
    const forest = draft.items.filter((i) => i.name.includes("森林")).map((i) => `${i.list}:${i.number}`);
    assert.deepEqual(ids("senlin").sort(), forest.sort());
    // Well under a millisecond or two per query on the real lists (the page's budget is 50 ms).
    const queries = [
      "anquan shengchan",
      "anquanshengchan",
      "senlin fanghuo",
      "zhongdian renyuan guanli",
      "aqsc",
      "安全生产",
      "an",
    ];
    for (const q of queries) real.search(q);
    const start = performance.now();
    for (let k = 0; k < 20; k++) for (const q of queries) real.search(q);
    const each = (performance.now() - start) / (20 * queries.length);
    assert.ok(each < 10, `${each.toFixed(2)} ms per query`);
  });

  test("the cache builds one index per edition and import time", () => {
    let built = 0;
    const cache = new SearchCache((draft) => {
      built++;
      return editionAnalyzer(draft);
    }, 2);
    const edition = { id: 1, importedAt: "t1", county: "测试县", draft: hostileDraft(items) };
    const stored = edition as unknown as Parameters<typeof cache.indexOf>[0];
    assert.equal(cache.indexOf(stored), cache.indexOf(stored));
    assert.equal(built, 1);
    cache.indexOf({ ...stored, importedAt: "t2" });
    cache.indexOf({ ...stored, id: 2 });
    assert.equal(built, 3);
    assert.equal(cache.size, 2, "bounded");
  });
});

describe("highlighting", () => {
  test("marks words across brackets and aliases of a department", () => {
    const text = "落实河（湖）长制，县人社局牵头";
    const ranges = findWords(text, ["河湖长制", "县人力资源和社会保障局"]);
    assert.deepEqual(
      ranges.map(([s, e]) => text.slice(s, e)),
      ["河（湖）长制", "县人社局"],
    );
  });

  test("splits into plain and marked pieces without touching the text", () => {
    assert.deepEqual(splitMarked("<a>石榴</a>", [[3, 5]]), [
      { text: "<a>", mark: false },
      { text: "石榴", mark: true },
      { text: "</a>", mark: false },
    ]);
  });

  test("initials positions survive characters outside the BMP", () => {
    const text = "𠮷防汛";
    const initials = initialsOf(text);
    assert.deepEqual(
      findInitials(initials, text, "fx").map(([s, e]) => text.slice(s, e)),
      ["防汛"],
    );
  });
});
