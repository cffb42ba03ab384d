import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bundledEdition } from "../../src/cli/commands/check-edition.ts";
import { wordSpans } from "../../src/match/analyze.ts";
import { buildIndex, checkTask } from "../../src/match/index.ts";
import { fieldTexts } from "../../src/match/item-index.ts";
import { prepareTask } from "../../src/match/prepare.ts";
import {
  createThesaurus,
  crossesWords,
  domainThesaurus,
  parseBroader,
  parseThesaurus,
  withoutSubsets,
} from "../../src/match/thesaurus.ts";
import { BROADER_TEXT, THESAURUS_TEXT } from "../../src/match/thesaurus-data.ts";
import { SAMPLE } from "./fixture.ts";

describe("domain thesaurus", () => {
  it("parses groups, drops comments and one-character members", () => {
    assert.deepEqual(parseThesaurus("# acts\n处罚 罚款 罚 # fines\n\n单独\n"), [["处罚", "罚款"]]);
  });

  it("finds each concept once, at its longest member", () => {
    const t = createThesaurus([
      ["婚姻状况证明", "未婚证明", "婚姻状况"],
      ["出具", "开具"],
    ]);
    const hits = t.conceptsIn("请给村民开具未婚证明，写明婚姻状况");
    assert.deepEqual(
      hits.map((h) => h.member),
      ["开具", "未婚证明"],
    );
    assert.equal(hits[1]!.start, 6);
  });

  it("counts the distinct places that name a concept, not members inside a longer one", () => {
    const t = createThesaurus([
      ["四老", "老党员", "老战士", "老模范"],
      ["党员", "共产党员"],
    ]);
    const hits = t.conceptsIn("核实老党员、老战士、老模范名单和共产党员名单");
    assert.equal(hits.find((h) => h.member === "老党员")?.count, 3);
    // 党员 inside 老党员 and 共产党员: two places.
    assert.equal(hits.find((h) => h.member === "共产党员")?.count, 2);
  });

  it("the bundled thesaurus has hundreds of groups and no one-character member", () => {
    const groups = domainThesaurus().groups;
    assert.ok(groups.size >= 300, `${groups.size} groups`);
    for (const members of groups.values()) for (const m of members) assert.ok(m.length >= 2, m);
  });

  it("a paraphrase reaches the item through the concept, and the evidence says which words met", () => {
    const index = buildIndex(SAMPLE);
    // 普法 ↔ 宪法宣传: the task never says 普法 or 法治.
    const r = checkTask(index, "12月4日前后组织志愿者进村开展宪法宣传");
    assert.equal(r.item?.number, 3);
    assert.ok(
      r.evidence.some((e) => e.task === "宪法宣传" && /普法|法治宣传/.test(e.item) && e.field === "name"),
    );
  });

  it("the loaded thesaurus has no group whose members all sit in another group", () => {
    const groups = [...domainThesaurus().groups.values()].map((g) => new Set(g));
    const byMember = new Map<string, number[]>();
    groups.forEach((g, i) => {
      for (const m of g) byMember.set(m, [...(byMember.get(m) ?? []), i]);
    });
    groups.forEach((g, i) => {
      const others = new Set([...g].flatMap((m) => byMember.get(m) ?? []).filter((j) => j !== i));
      for (const j of others) {
        assert.ok(
          ![...g].every((m) => groups[j]!.has(m)),
          `${[...g].join(" ")} ⊆ ${[...groups[j]!].join(" ")}`,
        );
      }
    });
    assert.deepEqual(
      withoutSubsets([
        ["户籍", "户口"],
        ["户籍", "户口", "落户"],
        ["a1", "b1"],
        ["b1", "a1"],
      ]),
      [
        ["户籍", "户口", "落户"],
        ["a1", "b1"],
      ],
    );
  });

  it("a member across two words is a collision, not a mention: no member matches the lists that way", async () => {
    const { draft } = await bundledEdition();
    const index = buildIndex(draft);
    const t = domainThesaurus();
    const concepts = (text: string) =>
      new Set(t.conceptsIn(text, { words: wordSpans(text, index.segmenter) }).map((h) => h.member));
    // 调解 in 协调|解决, 好人 in 做好|人才, 务工 in 服务|工作: unrelated words.
    assert.ok(!concepts("协调解决群众诉求").has("调解"));
    assert.ok(!concepts("做好人才引进").has("好人"));
    assert.ok(!concepts("做好便民服务工作").has("务工"));
    assert.ok(concepts("开展矛盾纠纷调解").has("调解"));
    let checked = 0;
    for (const item of draft.items) {
      for (const text of Object.values(fieldTexts(item)).flat()) {
        const prepared = prepareTask(text, draft.county);
        const words = wordSpans(prepared, index.segmenter);
        for (const hit of t.conceptsIn(prepared, { words })) {
          checked++;
          assert.ok(!crossesWords(words, hit.start, hit.end), `${hit.member} in ${prepared}`);
        }
      }
    }
    assert.ok(checked > 1000, `${checked} mentions`);
  });

  it("a narrower term in a task reaches the broader term's items, never the other way round", () => {
    const t = createThesaurus(
      [["特色林果", "林果业"]],
      parseBroader("# fruit\n红枣 > 特色林果\n核桃 > 特色林果\nbad line\n"),
    );
    assert.deepEqual(
      t.conceptsIn("红枣提质增效", { broader: true }).map((h) => [h.member, h.broader]),
      [["红枣", true]],
    );
    assert.deepEqual(t.conceptsIn("红枣提质增效"), []);
    const item = t.conceptsIn("发展林果业");
    assert.equal(item[0]?.term, t.conceptsIn("红枣", { broader: true })[0]?.term);
  });

  it("every line of the project's broader list parses: none is dropped silently", () => {
    const lines = BROADER_TEXT.split("\n")
      .map((l) => l.replace(/#.*/, "").trim())
      .filter((l) => l);
    assert.ok(lines.length > 0);
    for (const line of lines) {
      const pairs = parseBroader(line);
      assert.equal(pairs.length, 1, `does not parse: ${line}`);
      const [narrower, broader] = pairs[0]!;
      assert.notEqual(narrower, broader, line);
    }
    assert.equal(parseBroader(BROADER_TEXT).length, lines.length);
  });

  it("second-pass members and broader terms survive the text preparation, so they can match at all", () => {
    // prepareTask masks quantities (两个确立 → 确立, 12345 → ""): a member it alters never matches.
    const second = THESAURUS_TEXT.slice(THESAURUS_TEXT.indexOf("# —— second pass"));
    const words = new Set([...parseThesaurus(second).flat(), ...parseBroader(BROADER_TEXT).flat()]);
    assert.ok(words.size > 100, `${words.size} words`);
    for (const w of words)
      assert.ok(prepareTask(w, "策勒县").includes(w), `${w} → ${prepareTask(w, "策勒县")}`);
  });
});

describe("second-pass members in ordinary notice wording", () => {
  it("no member is found inside an unrelated longer word (统计法人, 敬老院, 施工会, 大家签字, 再三交代)", async () => {
    const { draft } = await bundledEdition();
    const index = buildIndex(draft);
    const t = domainThesaurus();
    const members = (text: string) => {
      const prepared = prepareTask(text, draft.county);
      const words = wordSpans(prepared, index.segmenter);
      return new Set(t.conceptsIn(prepared, { words, broader: true }).map((h) => h.member));
    };
    const cases: [string, string][] = [
      ["开展统计法人单位名录库核查", "统计法"],
      ["加强敬老院消防安全管理", "敬老"],
      ["施工会影响群众通行", "工会"],
      ["各村召开复工会议", "工会"],
      ["请大家签字确认", "家签"],
      ["组织干部到脱贫户家签订安全承诺书", "家签"],
      ["再三交代安全事项", "三交"],
      ["开展农村超市食品安全检查", "村超"],
      ["及时转发预报灾害性天气信息", "报灾"],
      ["收集市场主体信息", "集市"],
    ];
    for (const [text, member] of cases) assert.ok(!members(text).has(member), `${member} in ${text}`);
    // 充电桩 alone is also the car charging post: 新能源汽车充电桩 is no e-bike charging safety.
    const terms = (text: string) => {
      const prepared = prepareTask(text, draft.county);
      const words = wordSpans(prepared, index.segmenter);
      return new Set(t.conceptsIn(prepared, { words }).map((h) => h.term));
    };
    const eBike = t.conceptsIn("集中停放充电").find((h) => h.member === "集中停放充电")?.term;
    assert.ok(eBike !== undefined);
    assert.ok(!terms("配合推进新能源汽车充电桩建设").has(eBike));
    assert.ok(terms("规范电动自行车充电桩建设").has(eBike));
    assert.ok(members("开展统计执法检查").has("统计执法"));
    assert.ok(members("重阳节慰问老人").has("重阳节"));
  });
});

/**
 * Whether a task reaches an item through a narrower → broader line: a broader term the task's words reach
 * is one of the concepts the item's own text holds (the bundled edition, the domain thesaurus).
 */
async function broaderReach(): Promise<(task: string, list: string, number: number) => boolean> {
  const { draft } = await bundledEdition();
  const index = buildIndex(draft);
  const t = domainThesaurus();
  const conceptsOf = (text: string, broader: boolean) => {
    const prepared = prepareTask(text, draft.county);
    const words = wordSpans(prepared, index.segmenter);
    return t.conceptsIn(prepared, { words, broader });
  };
  const itemConcepts = (list: string, number: number) => {
    const item = draft.items.find((i) => i.list === list && i.number === number);
    assert.ok(item, `${list} ${number}`);
    return new Set(
      Object.values(fieldTexts(item))
        .flat()
        .flatMap((text) => conceptsOf(text, false).map((h) => h.term)),
    );
  };
  const reaches = (task: string, list: string, number: number) => {
    const own = itemConcepts(list, number);
    return conceptsOf(task, true).some((h) => h.broader && own.has(h.term));
  };
  return reaches;
}

describe("third-pass vocabulary", () => {
  it("a duty's everyday words reach the item that names the duty, and ordinary words that hold no such word reach nothing", async () => {
    const reaches = await broaderReach();
    // 负责乡人大换届选举; 负责经济普查、人口普查…国情国力调查; …重点水域日常巡查; 开展爱国卫生运动 (病媒生物).
    assert.ok(reaches("按选区做好选民名单公布", "basic", 15));
    assert.ok(reaches("选聘普查员和普查指导员", "basic", 26));
    assert.ok(reaches("排查辖区坑塘", "basic", 44));
    assert.ok(reaches("开展春季灭鼠活动", "basic", 100));
    // Left out as they sit in ordinary words: 村名 in 村名单, 村志 in 村志愿者, 环境日 in 环境日常, 牧民 in
    // 农牧民, 团干部 in 兵团干部, 防疫员 in 防疫员工.
    const left: [string, string, number][] = [
      ["请将村名单报乡政府", "cooperative", 44],
      ["组建村志愿服务队", "cooperative", 96],
      ["做好环境日常巡查", "basic", 79],
      ["组织农牧民群众参加培训", "basic", 64],
      ["加强兵团干部交流", "basic", 19],
      ["做好防疫员工健康监测", "basic", 63],
    ];
    for (const [task, list, number] of left)
      assert.ok(!reaches(task, list, number), `${task} → ${list} ${number}`);
  });
});

describe("fourth-pass vocabulary", () => {
  it("a concrete instance reaches the item that names its class, and ordinary words holding a left-out instance reach nothing", async () => {
    const reaches = await broaderReach();
    // …重点水域日常巡查; 动物疫病防控; 农业机械安全监督检查; …小餐饮店…的处罚; 低收入群体及其他救助群体;
    // 突发环境事件应急响应; 石油天然气长输管道保护; 非物质文化遗产; 文物保护.
    const reached: [string, string, number][] = [
      ["排查辖区涝坝", "basic", 44],
      ["做好蓝耳病防控", "basic", 63],
      ["检修采棉机", "reclaimed", 11],
      ["整治烧烤店", "reclaimed", 40],
      ["走访慰问五保户", "basic", 30],
      ["处置罐车侧翻事故", "cooperative", 60],
      ["制止打孔盗油", "cooperative", 84],
      ["开展艾德莱斯展示", "cooperative", 70],
      ["核实丹丹乌里克遗址", "basic", 96],
    ];
    for (const [task, list, number] of reached)
      assert.ok(reaches(task, list, number), `${task} ↛ ${list} ${number}`);
    // Left out as they sit in ordinary words: 逆行 in 逆行者, 复播 in 恢复播出 (with 复播 > 粮食 kept, the
    // words keep it apart), 动车 in 电动车, 粉尘 in 粉尘涉爆 (a work-safety term), 大锅 in 大锅饭, 滑坡 in
    // 质量滑坡, 入团 in 融入团结, 入队 in 加入队伍.
    const left: [string, string, number][] = [
      ["致敬最美逆行者", "basic", 70],
      ["节目恢复播出", "basic", 46],
      ["规范电动车充电", "cooperative", 24],
      ["加强粉尘涉爆企业检查", "cooperative", 55],
      ["不吃大锅饭", "cooperative", 71],
      ["防止服务质量滑坡", "cooperative", 79],
      ["融入团结奋斗", "basic", 19],
      ["加入队伍", "basic", 19],
    ];
    for (const [task, list, number] of left)
      assert.ok(!reaches(task, list, number), `${task} → ${list} ${number}`);
  });
});
