/**
 * The words that frame a task (收到请回复, 请高度重视，…, 现将有关事项通知如下：…, 纳入年终考核, 联系人：…，
 * 电话：…, 【紧急】, 各乡镇、各有关单位：, 抄送：…, 根据…安排，, 经研究决定，, @所有人) tell no item from
 * another: wrapped in them, every labelled task gets the answer it gets alone.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { allLabelledCases } from "../../bench/cases.ts";
import { bundledEdition } from "../../src/cli/commands/check-edition.ts";
import { buildIndex, checkTask } from "../../src/match/index.ts";
import { withoutFormulae } from "../../src/match/notice-roles.ts";

describe("formulae around a task", () => {
  it("blanks the formulae that frame a task (sign-offs, lead-ins, addressees, grounds, contacts, tags…), and nothing else", () => {
    const kept = (t: string) => withoutFormulae(t).replace(/\s+/g, "");
    assert.equal(kept("请各村组织群众与村医签约。收到请回复。"), "请各村组织群众与村医签约。。");
    assert.equal(kept("县档案馆下周抽查收到请回复"), "县档案馆下周抽查");
    assert.equal(kept("请高度重视,动员群众参加白内障筛查"), "动员群众参加白内障筛查");
    assert.equal(kept("现将有关事项通知如下:请核实奖励扶助对象资格"), "请核实奖励扶助对象资格");
    // An attitude with its object is the task itself; a text of formulae only is checked as it stands.
    assert.equal(kept("各乡镇要高度重视森林防火工作"), "各乡镇要高度重视森林防火工作");
    assert.equal(kept("请高度重视。"), "请高度重视。");
    assert.equal(kept("做好收到的来信登记和回复"), "做好收到的来信登记和回复");
    assert.equal(kept("两癌筛查完成率纳入年终考核,每乡须完成500人"), "两癌筛查完成率,每乡须完成500人");
    assert.equal(kept("年报率与乡镇绩效挂钩"), "年报率");
    // The assessment that is the task stays.
    assert.equal(kept("做好乡领导班子年度考核"), "做好乡领导班子年度考核");
    // Whom to contact, and a tag of urgency, go; a sender in brackets stays (it says who leads).
    assert.equal(kept("请核实对象资格。(联系人:王芳,电话:0903-6512345)"), "请核实对象资格。");
    assert.equal(kept("请核实对象资格,联系电话:0903-6512345。"), "请核实对象资格,。");
    assert.equal(kept("【紧急】请各村入户宣传"), "请各村入户宣传");
    assert.equal(kept("[重要提醒]请各村入户宣传"), "请各村入户宣传");
    assert.equal(kept("【县教育局】请各村动员报名"), "【县教育局】请各村动员报名");
    assert.equal(kept("公布举报方式"), "公布举报方式");
    // Reporting back how it went, and the attachments, go; reporting what the task is about stays.
    assert.equal(kept("请看护气象站,请于本周五前将落实情况报送。"), "请看护气象站,。");
    assert.equal(kept("沙丘私挖沙土的由乡里处罚附件:台账模板.xlsx"), "沙丘私挖沙土的由乡里处罚");
    assert.equal(kept("灾后将受灾情况上报县应急局"), "灾后将受灾情况上报县应急局");
    // Whom it is addressed or copied to, the grounds, a decision taken, courtesies.
    assert.equal(kept("各乡镇、各有关单位:请做好秸秆禁烧"), "请做好秸秆禁烧");
    assert.equal(kept("县直各部门:请做好秸秆禁烧"), "请做好秸秆禁烧");
    assert.equal(kept("请做好秸秆禁烧。抄送:县委办公室、县政府办公室"), "请做好秸秆禁烧。");
    assert.equal(kept("根据县委、县政府工作安排,请做好秸秆禁烧"), "请做好秸秆禁烧");
    assert.equal(kept("按照《大气污染防治法》有关规定,请做好秸秆禁烧"), "请做好秸秆禁烧");
    assert.equal(kept("经研究决定,请做好秸秆禁烧"), "请做好秸秆禁烧");
    assert.equal(kept("@所有人 请做好秸秆禁烧,辛苦各位!(此件公开发布)"), "请做好秸秆禁烧,");
    assert.equal(kept("请做好秸秆禁烧,请按时保质完成。"), "请做好秸秆禁烧,");
    // Grounds that are the work itself stay: 按照属地管理原则 names no instruction.
    assert.equal(kept("按照属地管理原则,做好辖区禁烧巡查"), "按照属地管理原则,做好辖区禁烧巡查");
  });

  it("every labelled task keeps its answer inside any of the formulae", async () => {
    const { draft } = await bundledEdition();
    const index = buildIndex(draft);
    const wrappers: [string, (t: string) => string][] = [
      ["sign-off", (t) => `${t}收到请回复。`],
      ["exhortation", (t) => `请高度重视，${t}`],
      ["lead-in", (t) => `现将有关事项通知如下：${t}`],
      ["rating", (t) => `${t.replace(/[。.]$/, "")}，完成情况纳入年终考核。`],
      ["contact", (t) => `${t}（联系人：王芳，电话：0903-6512345）`],
      ["tag", (t) => `【紧急】${t}`],
      ["report-back", (t) => `${t.replace(/[。.]$/, "")}，请于本周五前将落实情况报送。`],
      ["attachment", (t) => `${t}附件：工作台账模板.xlsx`],
      ["addressees", (t) => `各乡镇、各有关单位：${t}`],
      ["grounds", (t) => `根据县委、县政府工作安排，${t}`],
      ["decided", (t) => `经研究决定，${t}`],
      ["courtesy", (t) => `@所有人 ${t}辛苦各位！（此件公开发布）`],
      ["copied-to", (t) => `${t}\n抄送：县委办、县政府办`],
    ];
    const changed: string[] = [];
    for (const c of allLabelledCases()) {
      const alone = checkTask(index, c.text);
      for (const [name, wrap] of wrappers) {
        const wrapped = checkTask(index, wrap(c.text));
        const key = (r: typeof alone) => `${r.verdict}:${r.item?.list ?? ""}${r.item?.number ?? ""}`;
        if (key(wrapped) !== key(alone)) changed.push(`${c.id} ${name}: ${key(alone)} → ${key(wrapped)}`);
      }
    }
    assert.deepEqual(changed, []);
  });
});
