import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildIndex, checkTask, checkText } from "../../src/match/index.ts";
import { bundledDraft } from "../workflow/helpers.ts";
import { SAMPLE } from "./fixture.ts";

const index = buildIndex(SAMPLE);
const answer = (text: string) => {
  const r = checkTask(index, text);
  return r.item ? `${r.item.list}:${r.item.number}` : r.verdict;
};

describe("decision layer", () => {
  it("a notice's sub-point is read with the heading it stands under", () => {
    // Alone, 开展应急演练 could be any drill: no confident answer.
    const bare = checkTask(index, "开展应急演练");
    assert.ok(bare.verdict === "unlisted" || bare.needs_review, `${bare.verdict} ${bare.confidence}`);
    const [drill, publicity] = checkText(
      index,
      "一、防汛\n（一）开展应急演练。\n二、动物防疫\n（一）做好宣传。",
    ).tasks;
    assert.deepEqual(
      [drill?.text, drill?.heading, drill?.verdict, drill?.item?.number, drill?.needs_review],
      ["开展应急演练。", "防汛", "cooperative", 1, false],
    );
    assert.deepEqual(
      [publicity?.heading, publicity?.item?.list, publicity?.item?.number],
      ["动物防疫", "basic", 4],
    );
  });

  it("answers each list with its item", () => {
    assert.equal(answer("请各乡镇做好汛期河道堤防巡查，储备防汛物资"), "cooperative:1");
    assert.equal(answer("开展爱国卫生运动，清理病媒孳生地"), "basic:2");
  });

  it("a task unrelated to every item is unlisted", () => {
    const r = checkTask(index, "协助电信运营商推广千兆宽带新增用户");
    assert.equal(r.verdict, "unlisted");
    assert.equal(r.item, null);
    assert.match(r.reason, /职责准入/);
  });

  it("cross-list near misses are decided by the act the task asks for", () => {
    // Same subject (烟花爆竹), different act: publicity is the township's, supervision was reclaimed.
    assert.equal(answer("春节前开展烟花爆竹安全宣传，排查隐患"), "basic:1");
    assert.equal(answer("请乡里对烟花爆竹经营点开展安全监管执法"), "reclaimed:1");
    assert.equal(answer("做好动物防疫宣传"), "basic:4");
    assert.equal(answer("请乡兽医站对出栏生猪实施检疫"), "reclaimed:2");
  });

  it("a reclaimed act asked of the township is never answered basic", () => {
    const r = checkTask(index, "货车抛撒泥土污染公路路面，请乡政府依法处罚车主");
    assert.equal(r.verdict, "reclaimed");
    assert.deepEqual(r.takeover?.departments, ["县交通运输局"]);
    assert.match(r.reason, /县交通运输局/);
  });

  it("cooperative answers name the leads and the township steps that apply", () => {
    const r = checkTask(index, "汛期到来，请组织人员巡查河道堤防，发现险情及时上报");
    assert.equal(r.verdict, "cooperative");
    assert.deepEqual(r.leadDepartments, ["县水利局", "县应急管理局"]);
    assert.deepEqual(r.townshipSteps, ["汛期巡查河道堤防，发现险情及时上报"]);
  });

  it("evidence names task words that scored, and the field they matched", () => {
    const r = checkTask(index, "请乡里对烟花爆竹经营点开展安全监管执法");
    assert.ok(r.evidence.some((e) => e.task.startsWith("烟花爆竹") && e.item.startsWith("烟花爆竹")));
    assert.ok(r.evidence.some((e) => e.field === "name" || e.field === "takeover"));
    assert.ok(r.evidence.every((e) => "请乡里对烟花爆竹经营点开展安全监管执法".includes(e.task)));
    assert.ok(r.alternatives.length >= 2 && r.alternatives.length <= 3);
    assert.ok(r.confidence > 0 && r.confidence <= 1);
  });

  it("runner-ups put another list's close item first, so a cross-list near miss is in the top three", () => {
    const r = checkTask(index, "组织烟花爆竹安全宣传和法治宣传教育");
    assert.equal(`${r.item?.list}:${r.item?.number}`, "basic:3");
    // basic:1 scores above reclaimed:1, but reclaimed:1 is the close item of another list.
    assert.deepEqual(
      r.alternatives.slice(0, 2).map((a) => `${a.list}:${a.number}`),
      ["reclaimed:1", "basic:1"],
    );
  });

  it("unknown bodies, county-seat work and sales make a task unlisted, and the reason says so", () => {
    const foreign = checkTask(index, "配合县烟草专卖局对辖区烟花爆竹经营点开展卷烟市场检查");
    assert.equal(foreign.verdict, "unlisted");
    assert.match(foreign.reason, /县烟草专卖局/);
    const sales = checkTask(index, "县剧院新剧首演，每个乡镇认购门票300张");
    assert.equal(sales.verdict, "unlisted");
    assert.match(sales.reason, /摊派/);
  });

  it("odd input gets a clear answer, never a crash", () => {
    assert.match(checkTask(index, "").reason, /为空/);
    assert.match(checkTask(index, "Please clean the streets before the festival").reason, /没有中文/);
    const garbage = String.fromCharCode(...Array.from({ length: 4000 }, (_, i) => (i * 7919) % 65536));
    assert.ok(["unlisted", "basic", "cooperative", "reclaimed"].includes(checkTask(index, garbage).verdict));
    const huge = "请各乡镇做好防汛物资储备。".repeat(80_000); // ~1 MB
    const started = performance.now();
    const checked = checkText(index, huge);
    assert.match(checked.notice ?? "", /只核验了前/);
    assert.ok(checked.tasks.length > 0);
    assert.ok(performance.now() - started < 60_000);
    assert.deepEqual(checkText(index, "   ").tasks, []);
  });
});

describe("a task with no Chinese text", () => {
  it("offers no runner-up: a spreadsheet formula's letters (C) are not a candidate with score 1 (C、D级食品经营主体)", async () => {
    const cele = buildIndex(await bundledDraft());
    for (const text of ["=cmd|' /C calc'!A0", "C D", "hello world"]) {
      const result = checkTask(cele, text);
      assert.equal(result.verdict, "unlisted", text);
      assert.match(result.reason, /没有中文内容/, text);
      assert.deepEqual(result.alternatives, [], text);
    }
  });
});
