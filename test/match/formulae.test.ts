/**
 * The words that frame a task (收到请回复, 请高度重视，…, 现将有关事项通知如下：…, 纳入年终考核, 联系人：…，
 * 电话：…, 【紧急】, 各乡镇、各有关单位：, 抄送：…, 根据…安排，, 经研究决定，, @所有人, 为切实保障人民群众生命财产安全，,
 * 做到应查尽查, 如有疑问请与我局联系, 逾期未报的将予以通报) tell no item from
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
    // A principle said of the work (按照属地管理原则) is its manner, as a clause of its own; a duty stays.
    assert.equal(kept("按照属地管理原则,做好辖区禁烧巡查"), "做好辖区禁烧巡查");
    assert.equal(kept("落实属地管理责任,做好辖区禁烧巡查"), "落实属地管理责任,做好辖区禁烧巡查");
    // Who takes part, when and how well go as clauses of their own; what they name as work stays.
    assert.equal(kept("请排查自建房,组织网格员、党员志愿者参与"), "请排查自建房,");
    assert.equal(kept("组织民兵开展森林巡逻,利用农闲时间"), "组织民兵开展森林巡逻,");
    assert.equal(kept("开展疫苗接种,接种率达到95%以上"), "开展疫苗接种,接种率达到95%以上");
    assert.equal(kept("@各村书记 请排查自建房"), "请排查自建房");
    // How a notice arranges the work goes; money or a place that is the work stays.
    assert.equal(kept("请排查自建房,所需费用由乡财政保障"), "请排查自建房,");
    assert.equal(
      kept("请排查自建房,危房改造补助资金由乡财政保障"),
      "请排查自建房,危房改造补助资金由乡财政保障",
    );
    assert.equal(kept("根据群众反映,请排查自建房"), "请排查自建房");
    // Who attends, where and to whom it goes stay when they say what the work is about (found by review).
    assert.equal(kept("召开业务培训会,参训对象为各村儿童主任"), "召开业务培训会,参训对象为各村儿童主任");
    assert.equal(kept("检查消防器材,地点在乡微型消防站"), "检查消防器材,地点在乡微型消防站");
    assert.equal(
      kept("核对人员信息,书记签字确认后报乡退役军人服务站"),
      "核对人员信息,书记签字确认后报乡退役军人服务站",
    );
    assert.equal(kept("@各村护林员 请加强巡护"), "@各村护林员请加强巡护");
    assert.equal(kept("召开视频会议,请各村护林员参加"), "召开视频会议,请各村护林员参加");
    assert.equal(kept("按照“一村一策”原则,制定发展方案"), "按照“一村一策”原则,制定发展方案");
    // Boilerplate purposes and slogans go as whole clauses; a purpose that names the work stays.
    assert.equal(kept("为切实保障人民群众生命财产安全,请排查自建房"), "请排查自建房");
    assert.equal(kept("为贯彻落实上级决策部署,请排查自建房"), "请排查自建房");
    assert.equal(kept("为做好森林防火工作,请加强巡查"), "为做好森林防火工作,请加强巡查");
    assert.equal(kept("请排查自建房,做到应查尽查、不留死角。"), "请排查自建房,");
    assert.equal(kept("请核实低保对象,做到应保尽保。"), "请核实低保对象,做到应保尽保。");
    assert.equal(kept("请主要领导亲自抓,排查自建房"), "排查自建房");
    assert.equal(kept("时间紧、任务重,请排查自建房"), "请排查自建房");
    assert.equal(kept("请结合实际,排查自建房"), "排查自建房");
    // Officials addressed, grounds heard, queries, sanctions, forms in the chat, how to send the report.
    assert.equal(kept("各位书记、乡长:请排查自建房"), "请排查自建房");
    assert.equal(kept("同志们:请排查自建房"), "请排查自建房");
    // One role before a colon is who does the work, not whom the message addresses.
    assert.equal(kept("村支书:负责组织村民清理河道垃圾"), "村支书:负责组织村民清理河道垃圾");
    assert.equal(kept("接上级通知,请排查自建房"), "请排查自建房");
    assert.equal(kept("据了解,部分村存在违规建房"), "部分村存在违规建房");
    assert.equal(kept("请排查自建房。如有疑问请及时与我局联系。"), "请排查自建房。。");
    assert.equal(kept("请排查自建房。逾期未报的将予以通报。"), "请排查自建房。。");
    assert.equal(kept("账实核对逾期未报的将予以通报"), "账实核对");
    assert.equal(kept("请清理逾期未还的贷款"), "请清理逾期未还的贷款");
    assert.equal(kept("请排查自建房(附表见群文件)"), "请排查自建房");
    assert.equal(kept("请排查自建房,电子版发邮箱,盖章后扫描上传。"), "请排查自建房,");
    assert.equal(kept("请排查自建房,纸质版一式两份报乡党政办"), "请排查自建房,");
    assert.equal(kept("请督促企业盖章后报送申请表"), "请督促企业盖章后报送申请表");
    assert.equal(kept("请排查自建房(以此为准)"), "请排查自建房");
    // A forwarding preamble and the township's own signature go; …报乡人民政府 and 春节返乡 stay.
    assert.equal(kept("转发县政府办通知:请排查自建房"), "请排查自建房");
    assert.equal(kept("请排查自建房。 策勒乡人民政府 2026年3月2日"), "请排查自建房。");
    assert.equal(kept("请将名单报乡人民政府"), "请将名单报乡人民政府");
    assert.equal(kept("请摸排外出务工人员。春节返乡"), "请摸排外出务工人员。春节返乡");
    // A generic label before the task goes; a heading that names the work stays.
    assert.equal(kept("【紧急】通知:请排查自建房"), "请排查自建房");
    assert.equal(kept("重点:请排查自建房"), "请排查自建房");
    assert.equal(kept("重点人群排查:请各村摸排"), "重点人群排查:请各村摸排");
    // A task pasted twice is read once.
    assert.equal(kept("请排查自建房。请排查自建房。"), "请排查自建房。");
    assert.equal(kept("请排查自建房请排查自建房"), "请排查自建房");
    assert.equal(kept("请排查自建房。做好登记。请排查自建房。"), "请排查自建房。做好登记。");
  });

  it("keeps the work that only looks like a formula", () => {
    const kept = (t: string) => withoutFormulae(t).replace(/\s+/g, "");
    // Sanctions the township is asked to apply to others are the work; a sanction stops at its clause.
    assert.equal(kept("请对逾期未整改的隐患单位予以通报"), "请对逾期未整改的隐患单位予以通报");
    assert.equal(kept("请对工作不力的村干部进行约谈"), "请对工作不力的村干部进行约谈");
    assert.equal(kept("请督促企业对超期未检的特种设备约谈整改"), "请督促企业对超期未检的特种设备约谈整改");
    assert.equal(
      kept("请于3月5日前上报名单,逾期未报的予以通报,并做好人员登记造册"),
      "请于3月5日前上报名单,,并做好人员登记造册",
    );
    assert.equal(
      kept("请做好秸秆禁烧,对工作不力的约谈,同时做好火场清理"),
      "请做好秸秆禁烧,对,同时做好火场清理",
    );
    // A query is about the message; 困难群众 and 问题户 are people, and the query stops at its clause.
    assert.equal(
      kept("请各村做好秸秆禁烧。如遇困难群众联系不上,请入户核实"),
      "请各村做好秸秆禁烧。如遇困难群众联系不上,请入户核实",
    );
    assert.equal(
      kept("请各村做好秸秆禁烧。如遇问题户与村医联系,做好随访"),
      "请各村做好秸秆禁烧。如遇问题户与村医联系,做好随访",
    );
    assert.equal(kept("如有疑问请与县民政局联系,请各村做好低保复核"), ",请各村做好低保复核");
    // What the villages report to the township is a step of the task, not the township's signature.
    assert.equal(kept("请各村摸排危房。摸排结果报乡人民政府"), "请各村摸排危房。摸排结果报乡人民政府");
    assert.equal(
      kept("请各村配合做好换届选举。选举结果报乡党委"),
      "请各村配合做好换届选举。选举结果报乡党委",
    );
    // 接种 and 接访 are work, not grounds (接上级通知).
    assert.equal(kept("接种疫苗安排,请各村组织群众接种"), "接种疫苗安排,请各村组织群众接种");
    assert.equal(kept("接县卫健委通知,请各村组织群众接种"), "请各村组织群众接种");
    // Stamping and sending what the task is about is the work, not the form of a report.
    assert.equal(
      kept("请审核村民建房申请,盖章后报县自然资源局审批"),
      "请审核村民建房申请,盖章后报县自然资源局审批",
    );
    assert.equal(kept("电子版证照发放到户,请村干部上传信息"), "电子版证照发放到户,请村干部上传信息");
    assert.equal(kept("纸质版档案报县档案馆,请各村整理"), "纸质版档案报县档案馆,请各村整理");
    // Handing out forms is work; where the forms are (附表见群文件) is not.
    assert.equal(kept("请做好调查样表发放和回收"), "请做好调查样表发放和回收");
    assert.equal(kept("请将附件发送至各村"), "请将附件发送至各村");
    // A purpose that names what is carried out names the subject; whose deployment it is does not.
    assert.equal(
      kept("为贯彻落实《森林防火条例》精神,请做好巡山"),
      "为贯彻落实《森林防火条例》精神,请做好巡山",
    );
    assert.equal(
      kept("为贯彻落实县委关于秸秆禁烧的工作部署,请做好巡查"),
      "为贯彻落实县委关于秸秆禁烧的工作部署,请做好巡查",
    );
    assert.equal(kept("为贯彻落实县委、县政府决策部署,请做好巡查"), "请做好巡查");
    // Pressure said of the task goes; said of a named subject, the subject stays.
    assert.equal(kept("森林防火责任重大,请各村加强巡查"), "森林防火责任重大,请各村加强巡查");
    assert.equal(
      kept("第七次人口普查意义重大,请各村做好入户登记"),
      "第七次人口普查意义重大,请各村做好入户登记",
    );
    assert.equal(kept("防汛工作时间紧、任务重,请做好值守"), "防汛工作时间紧、任务重,请做好值守");
    assert.equal(kept("此项工作时间紧、任务重,请做好值守"), "请做好值守");
    // A sign-off ends its clause; relaying to every household is the work.
    assert.equal(
      kept("请各村做好宣传,收到后请及时传达到每户群众"),
      "请各村做好宣传,收到后请及时传达到每户群众",
    );
    assert.equal(kept("请各村做好宣传,收到后请及时传达。"), "请各村做好宣传,。");
    // Grounds that name what they are about keep that.
    assert.equal(kept("根据县委关于秸秆禁烧的工作部署,请做好巡查"), "秸秆禁烧请做好巡查");
    assert.equal(kept("接县应急局关于做好防汛工作的紧急通知,请各村做好值守"), "做好防汛工作请各村做好值守");
    // The manner work is to be done in, as a clause of its own, is blanked; what such words name stays.
    assert.equal(kept("请各村排查自建房,杜绝形式主义、官僚主义。"), "请各村排查自建房,");
    assert.equal(kept("请各村摸排,对发现的问题及时整改,形成工作合力。"), "请各村摸排,");
    assert.equal(kept("请开展整治形式主义为基层减负工作"), "请开展整治形式主义为基层减负工作");
    assert.equal(
      kept("请各村开展宣传,营造关爱残疾人的良好氛围。"),
      "请各村开展宣传,营造关爱残疾人的良好氛围。",
    );
    assert.equal(kept("森林防火工作统筹推进"), "森林防火工作统筹推进");
    // How work is kept track of or proven, as a clause of its own, is blanked; a ledger of something stays.
    assert.equal(kept("请各村排查自建房,建立工作台账,实行销号管理。"), "请各村排查自建房,");
    assert.equal(kept("请各村开展宣传,明确专人负责,并附照片佐证。"), "请各村开展宣传,");
    assert.equal(kept("请各村建立困难群众台账"), "请各村建立困难群众台账");
    assert.equal(kept("请安排专人看护"), "请安排专人看护");
    // The channels a message goes through, said as a means, are blanked; a channel that is the work stays.
    assert.equal(kept("请各村利用广播开展电力设施保护宣传"), "请各村开展电力设施保护宣传");
    assert.equal(kept("开展培训,可利用宣传栏、村村通广播等渠道。"), "开展培训,。");
    assert.equal(kept("请各村维护村村通广播设备"), "请各村维护村村通广播设备");
    assert.equal(kept("通过电视问政曝光的问题,请各村整改"), "通过电视问政曝光的问题,请各村整改");
    // …and so do grounds that name it between the sender and the kind of message, without 关于…的.
    assert.equal(kept("接县应急局防汛紧急通知,请各村做好值守"), "防汛请各村做好值守");
    assert.equal(kept("根据县住建局自建房安全排查工作部署,请各村入户"), "自建房安全排查请各村入户");
    assert.equal(kept("接县委组织部、县委宣传部通知,请组织党员学习"), "请组织党员学习");
    assert.equal(kept("根据县委、县政府工作安排,请排查自建房"), "请排查自建房");
    // A forwarded notice's title names the subject.
    assert.equal(kept("转发县应急管理局关于做好防汛工作的通知:请各村做好值守"), "做好防汛工作请各村做好值守");
  });

  it("stays linear on long input: a query or sanction without its end does not rescan the text", () => {
    for (const unit of ["如有问题", "如有问题，", "逾期", "。乡", "请于将"]) {
      const text = unit.repeat(Math.ceil(100_000 / unit.length));
      const start = performance.now();
      withoutFormulae(text);
      const ms = performance.now() - start;
      assert.ok(ms < 500, `${unit}×: ${ms.toFixed(0)} ms`);
    }
  });

  it("every labelled task keeps its answer inside any of the formulae", async () => {
    const { draft } = await bundledEdition();
    const index = buildIndex(draft);
    // The task as its own sentence, then a closing clause (，完成情况纳入年终考核。).
    const then = (clause: string) => (t: string) => `${t.replace(/[。.]$/, "")}，${clause}。`;
    const wrappers: [string, (t: string) => string][] = [
      ["sign-off", (t) => `${t}收到请回复。`],
      ["exhortation", (t) => `请高度重视，${t}`],
      ["lead-in", (t) => `现将有关事项通知如下：${t}`],
      ["rating", then("完成情况纳入年终考核")],
      ["contact", (t) => `${t}（联系人：王芳，电话：0903-6512345）`],
      ["tag", (t) => `【紧急】${t}`],
      ["report-back", then("请于本周五前将落实情况报送")],
      ["attachment", (t) => `${t}附件：工作台账模板.xlsx`],
      ["addressees", (t) => `各乡镇、各有关单位：${t}`],
      ["grounds", (t) => `根据县委、县政府工作安排，${t}`],
      ["decided", (t) => `经研究决定，${t}`],
      ["courtesy", (t) => `@所有人 ${t}辛苦各位！（此件公开发布）`],
      ["copied-to", (t) => `${t}\n抄送：县委办、县政府办`],
      ["purpose", (t) => `为切实保障人民群众生命财产安全，${t}`],
      ["deployment", (t) => `为贯彻落实上级决策部署，${t}`],
      ["thoroughness", then("做到应查尽查、不留死角")],
      ["leadership", (t) => `请主要领导亲自抓，${t}`],
      ["officials", (t) => `各位书记、乡长：${t}`],
      ["queries", (t) => `${t}如有疑问请及时与我局联系。`],
      ["pressure", (t) => `时间紧、任务重，${t}`],
      ["heard", (t) => `接上级通知，${t}`],
      ["chat-forms", (t) => `${t}（附表见群文件）`],
      ["sanction", (t) => `${t}此项工作纳入年度绩效考核，逾期未报的将予以通报。`],
      ["report-form", then("电子版发邮箱，盖章后扫描上传")],
      ["urgency", (t) => `即日起，请第一时间${t.replace(/^请/, "")}`],
      ["forwarded", (t) => `转发县政府办通知：${t}`],
      ["township-signature", (t) => `${t}\n策勒乡人民政府\n2026年3月2日`],
      ["pasted-twice", (t) => `${t}${t}`],
      ["label", (t) => `紧急通知：${t}`],
      ["channels", then("可利用宣传栏、村村通广播等渠道")],
      ["channels-as-means", (t) => t.replace(/^(请各村|请)/, "$1通过大喇叭、微信群等方式，")],
      ["bookkeeping", then("建立工作台账，明确专人负责，并附照片佐证")],
      ["work-style", then("统筹推进，营造良好氛围，杜绝形式主义、官僚主义，严禁弄虚作假")],
      // Who takes part, when, how well, and how it is recorded: said of any task (issue 10, second batch).
      ["staffing", then("组织网格员、党员志愿者参与，请各村第一书记牵头")],
      ["timing", then("利用农闲时间")],
      ["generic-target", then("群众满意度达到95%以上")],
      ["minutes", then("会后形成会议纪要，及时报送工作信息，并做好记录")],
      ["orientation", then("坚持问题导向，注重方式方法，务求实效，以点带面、整体推进")],
      ["slogans", then("做到应知尽知、应管尽管，切实减轻基层负担，切实增强群众获得感、幸福感、安全感")],
      ["mention", (t) => `@各村书记 ${t}`],
      ["label-exclaimed", (t) => `紧急通知！${t}`],
      ["requirements-attached", then("具体要求见附件")],
      ["principle", then("按照“谁主管、谁负责”的原则")],
      ["village-committees", (t) => `请各村两委班子：${t}`],
      [
        "arrangement",
        then("参加人员为各村书记和网格员，地点在各村村委会，时间另行通知，所需费用由乡财政保障"),
      ],
      ["signed-and-returned", then("请各村书记签字确认后报乡党政办，具体以县里最新通知为准")],
      ["hearsay", (t) => `根据群众反映，此前已多次通知，${t}`],
      [
        "form-and-pace",
        then("采取入户走访、召开院坝会等形式，分片包干、责任到人，实行周调度、月通报，确保群众知晓"),
      ],
      ["follow-up", then("县里将进行抽查，各村之间互相学习借鉴，总结推广好的经验做法")],
      ["safety-secrecy", then("工作中注意安全，做好保密工作，形成长效机制")],
      // Other names of the same places, and text copied out of a PDF with a space after every character.
      [
        "place-names",
        (t) =>
          t
            .replace(/各村/g, "各行政村")
            .replace(/辖区内?/g, "本行政区域内")
            .replace(/乡里|乡政府/g, "乡人民政府"),
      ],
      ["spaced", (t) => [...t].join(" ")],
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
