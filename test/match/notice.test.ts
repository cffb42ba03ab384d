import assert from "node:assert/strict";
import { describe, it, test } from "node:test";
import { splitNotice } from "../../src/match/notice.ts";
import { readNoticeText } from "../../src/match/notice-file.ts";
import { docx, p, row, tbl } from "../ingest/docx-fixtures.ts";

const texts = (notice: string) => splitNotice(notice).map((t) => t.text);

const NOTICE = `关于做好2025年汛期安全防范工作的通知

各乡镇人民政府：
为切实做好今年防汛工作，确保人民群众生命财产安全，现将有关事项通知如下：
一、总体要求
近期我县降雨偏多，部分河段水位上涨。
二、工作任务
（一）加强隐患排查。请各乡镇于5月底前完成辖区自建房安全隐患排查，建立台账报县住建局。
（二）各乡镇要组织开展防汛应急演练，每村不少于1次。
3. 落实24小时值班值守制度。
①做好防汛物资储备。
三、有关要求
各乡镇务必高度重视。
特此通知。
联系人：张三，电话：0903-1234567
策勒县防汛抗旱指挥部
2025年5月6日`;

test("a notice splits into its tasks; title, background, headings and closing are not tasks", () => {
  assert.deepEqual(texts(NOTICE), [
    "加强隐患排查。请各乡镇于5月底前完成辖区自建房安全隐患排查，建立台账报县住建局。",
    "各乡镇要组织开展防汛应急演练，每村不少于1次。",
    "落实24小时值班值守制度。",
    "做好防汛物资储备。",
  ]);
});

test("each task keeps its character offsets into the notice", () => {
  for (const t of splitNotice(NOTICE)) assert.equal(NOTICE.slice(t.start, t.end), t.text);
});

test("one pasted sentence is one task, even without an imperative verb", () => {
  const text = "县剧院新剧首演的门票分摊";
  assert.deepEqual(splitNotice(text), [{ text, start: 0, end: text.length }]);
  assert.deepEqual(splitNotice(""), []);
});

test("sentences on one line are split, each imperative one a task", () => {
  const text = "近日我县发生一起火灾。请各村开展消防安全排查；组织群众参加应急演练。";
  assert.deepEqual(texts(text), ["请各村开展消防安全排查", "组织群众参加应急演练。"]);
});

describe("failure classes of notice splitting", () => {
  it("the first point on the preamble's line after 通知如下： is a task", () => {
    const notice =
      "各乡镇林业站：为做好春季造林工作，现将有关事项通知如下：一、组织各村清点苗木库存，建立发放台账。二、开展义务植树宣传，每村不少于1场。";
    assert.deepEqual(texts(notice), [
      "组织各村清点苗木库存，建立发放台账。",
      "开展义务植树宣传，每村不少于1场。",
    ]);
  });

  it("the last point keeps its text when the signature follows on the same line", () => {
    const withStop =
      "各乡镇：\n1. 摸排辖区古树名木底数；\n2. 对新栽植的公益林做好登记。县林业和草原局 2026年3月2日";
    assert.deepEqual(texts(withStop), ["摸排辖区古树名木底数", "对新栽植的公益林做好登记。"]);
    const glued =
      "各乡镇：\n1. 摸排辖区古树名木底数；\n2. 对新栽植的公益林做好登记 县林业和草原局 2026年3月2日";
    assert.deepEqual(texts(glued), ["摸排辖区古树名木底数", "对新栽植的公益林做好登记"]);
  });

  it("title, table header row, bare department name and closing sentences are not tasks", () => {
    const notice = [
      "关于开展冬季供暖安全检查的通知",
      "各乡镇：",
      "工作事项 完成时限",
      "（一）组织排查辖区燃煤锅炉房安全隐患；",
      "（二）督促各村更新取暖户台账。",
      "请于月底前将落实情况报送县发改委。",
      "收到请回复。",
      "县发展和改革委员会",
    ].join("\n");
    assert.deepEqual(texts(notice), ["组织排查辖区燃煤锅炉房安全隐患", "督促各村更新取暖户台账。"]);
  });

  it("exhortations and back-references after the last point are not tasks", () => {
    const notice =
      "各乡镇：①组织网格员入户核对独居老人信息；②开展冬季取暖安全宣传。以上工作请于12月10日前完成并报送台账。请各乡镇认真抓好落实，遇到问题及时与我局沟通。县民政局";
    assert.deepEqual(texts(notice), ["组织网格员入户核对独居老人信息", "开展冬季取暖安全宣传。"]);
  });

  it("a heading is joined to its body, on the same line or the next", () => {
    const notice =
      "各乡镇：\n一、安全生产\n请各乡镇开展一次危化品储存场所排查。\n二、森林防火。组织护林员加强进山路口巡查。";
    assert.deepEqual(texts(notice), [
      "安全生产\n请各乡镇开展一次危化品储存场所排查。",
      "森林防火。组织护林员加强进山路口巡查。",
    ]);
  });

  it("a heading over sub-points is not a task of its own", () => {
    const notice = "一、安全生产\n（一）开展危化品储存场所排查；\n（二）组织应急演练，每村不少于1次。";
    assert.deepEqual(texts(notice), ["开展危化品储存场所排查", "组织应急演练，每村不少于1次。"]);
  });

  it("sub-points keep the words of the heading they stand under, until the next point of its style", () => {
    const notice =
      "一、森林防火\n（一）组织护林员加强进山路口巡查；\n（二）做好宣传。\n二、开展冬季取暖安全宣传。\n三、安全生产\n（一）组织应急演练。";
    assert.deepEqual(
      splitNotice(notice).map((t) => [t.text, t.heading]),
      [
        ["组织护林员加强进山路口巡查", "森林防火"],
        ["做好宣传。", "森林防火"],
        ["开展冬季取暖安全宣传。", undefined],
        ["组织应急演练。", "安全生产"],
      ],
    );
    for (const t of splitNotice(notice)) assert.equal(notice.slice(t.start, t.end), t.text);
  });

  it("one point with two separate duties joined by ； gives two tasks; a follow-up step does not", () => {
    const notice =
      "各乡镇：\n1. 做好秋季重大动物疫病强制免疫；组织开展农机安全生产检查。\n2. 开展自建房排查；发现隐患及时上报。";
    assert.deepEqual(texts(notice), [
      "做好秋季重大动物疫病强制免疫",
      "组织开展农机安全生产检查。",
      "开展自建房排查；发现隐患及时上报。",
    ]);
  });

  it("every layout of numbered points is read: 一、 （一） 1. 1、 ① 第一 一是", () => {
    const body = ["组织村医入户随访慢病患者", "开展秋冬季爱国卫生运动"];
    const layouts: [string, string][] = [
      ["一、", "二、"],
      ["（一）", "（二）"],
      ["(1)", "(2)"],
      ["1.", "2."],
      ["1、", "2、"],
      ["①", "②"],
      ["第一，", "第二，"],
      ["一是", "二是"],
    ];
    for (const [a, b] of layouts) {
      const notice = `各乡镇卫生院：为做好秋冬季卫生工作，现将有关事项通知如下：${a}${body[0]}；${b}${body[1]}。县卫生健康委员会 2025年10月8日`;
      assert.deepEqual(texts(notice), [body[0], `${body[1]}。`], a);
    }
  });

  it("a marker-like number inside a sentence is not a point", () => {
    const notice = "请各乡镇于3、4月份组织开展春耕生产检查，发现问题及时整改。";
    assert.deepEqual(texts(notice), [notice]);
  });

  it("a further matter after the points (另外，…) is a task of its own", () => {
    const notice =
      "各乡镇：\n1、开展集镇占道经营整治；\n2、清理村内积存垃圾。\n另外，请组织群众参加县城春季招聘会。\n县住房和城乡建设局";
    assert.deepEqual(texts(notice), [
      "开展集镇占道经营整治",
      "清理村内积存垃圾。",
      "另外，请组织群众参加县城春季招聘会。",
    ]);
  });
});

test("a .docx table gives one task per row; its header row is not a task", async () => {
  const body =
    p("关于做好春耕备耕工作的通知") +
    p("各乡镇：") +
    tbl([
      row(["序号", "工作事项", "完成时限", "责任单位"], true),
      row(["1", "组织各村摸清春播种子需求", "3月10日前", "县农业农村局"]),
      row(["2", "开展农资市场\n质量抽检宣传", "3月底前", "县市场监督管理局"]),
    ]) +
    p("县农业农村局");
  const text = await readNoticeText(await docx(body), "通知.docx");
  const tasks = splitNotice(text);
  assert.deepEqual(
    tasks.map((t) => t.text),
    ["组织各村摸清春播种子需求", "开展农资市场 质量抽检宣传"],
  );
  for (const t of tasks) assert.equal(text.slice(t.start, t.end), t.text);
});

test("attachments listed after the closing are not tasks; 1) points are read", () => {
  const notice = [
    "各乡镇：",
    "1）组织开展农村危房排查；",
    "2）督促各村更新危房改造台账。",
    "附件：1.农村危房排查统计表",
    "2.危房改造对象名单",
    "县住房和城乡建设局",
  ].join("\n");
  assert.deepEqual(texts(notice), ["组织开展农村危房排查", "督促各村更新危房改造台账。"]);
});

test("an exhortation that ends on its purpose (确保不发生…) is not a task; a report to a named office is", () => {
  const notice =
    "各乡镇：一是组织护林员每日巡山；二是在进山路口设置防火检查站。各乡镇要高度重视，确保不发生森林火灾。县林业和草原局";
  assert.deepEqual(texts(notice), ["组织护林员每日巡山", "在进山路口设置防火检查站。"]);
  assert.deepEqual(texts("@所有人 明天10点前各乡镇把本月低保动态调整名单报民政局，逾期不候。收到请回复"), [
    "明天10点前各乡镇把本月低保动态调整名单报民政局，逾期不候。",
  ]);
});

test("一是…，二是… after commas are points; a stamped signature with its date glued on is not a task", () => {
  const notice =
    "各乡镇：近期重点做好两项工作，一是组织村医入户随访慢病患者，二是开展秋冬季爱国卫生运动。县卫生健康委员会（盖章）2025年10月8日";
  assert.deepEqual(texts(notice), ["组织村医入户随访慢病患者", "开展秋冬季爱国卫生运动。"]);
});

test("a table header of any column names is not a task; closing exhortations in other words are not either", () => {
  const table = "序号\t任务内容\t牵头领导\t办结时限\n1\t组织各村排查空巢老人取暖安全\t张副乡长\t12月10日前";
  assert.deepEqual(texts(table), ["组织各村排查空巢老人取暖安全"]);
  const notice =
    "各乡镇：\n1. 开展冬季供暖设施安全检查；\n2. 组织网格员入户宣传用电安全。\n请各乡镇高度重视，按要求认真组织实施。\n各乡镇要严格按照时间节点完成各项任务。";
  assert.deepEqual(texts(notice), ["开展冬季供暖设施安全检查", "组织网格员入户宣传用电安全。"]);
});

test("a numbered point of several sentences ending in 。 stays one task", () => {
  const notice = "各乡镇：\n一、开展农村危房排查，建立台账。组织危房户搬离避险。\n二、做好防汛物资储备。";
  assert.deepEqual(texts(notice), ["开展农村危房排查，建立台账。组织危房户搬离避险。", "做好防汛物资储备。"]);
});

test("a point that asks for work and then for a report on it is a task, not a closing", () => {
  const notice =
    "各乡镇：\n一、请各乡镇于1月底前做好辖区自建房安全隐患排查，并将工作开展情况报县相关部门。\n二、开展森林草原防灭火宣传。\n特此通知。";
  assert.deepEqual(texts(notice), [
    "请各乡镇于1月底前做好辖区自建房安全隐患排查，并将工作开展情况报县相关部门。",
    "开展森林草原防灭火宣传。",
  ]);
  // A sentence that asks only for the report still closes the notice.
  assert.deepEqual(texts("一、开展森林草原防灭火宣传。\n请各乡镇于月底前将落实情况报送县应急局。"), [
    "开展森林草原防灭火宣传。",
  ]);
});

test("a signature with a publication note (此件公开发布) after the last point is not a task", () => {
  const notice =
    "各乡镇：\n一、开展森林草原防灭火宣传。\n二、各乡镇要组织开展农村低保对象动态管理。县防汛抗旱指挥部办公室 2025年5月10日（此件公开发布）";
  assert.deepEqual(texts(notice), ["开展森林草原防灭火宣传。", "各乡镇要组织开展农村低保对象动态管理。"]);
});

test("a table pasted with | between cells (Markdown, ｜) gives one task per row, as a tab-separated one does", () => {
  const markdown =
    "县应急局关于森林防火工作的安排\n| 序号 | 工作任务 | 完成时限 |\n|---|---|---|\n| 1 | 开展森林草原防灭火宣传 | 6月底 |\n| 2 | 组织各村排查空巢老人取暖安全 | 12月10日前 |";
  assert.deepEqual(texts(markdown), ["开展森林草原防灭火宣传", "组织各村排查空巢老人取暖安全"]);
  const tasks = splitNotice(markdown);
  for (const t of tasks) assert.equal(markdown.slice(t.start, t.end), t.text);
  assert.deepEqual(texts("｜1｜组织各村排查空巢老人取暖安全｜张副乡长｜12月10日前｜"), [
    "组织各村排查空巢老人取暖安全",
  ]);
});

describe("terse points and lines broken inside a sentence", () => {
  it("short numbered points that carry an obligation or a work verb are tasks, not headings", () => {
    assert.deepEqual(texts("请做好防汛物资储备：\n1.储备编织袋不少于500条\n2.储备救生衣20件"), [
      "储备编织袋不少于500条",
      "储备救生衣20件",
    ]);
    // Section headings over their own prose are still headings.
    assert.deepEqual(texts("各乡镇：\n一、安全生产\n请各村排查隐患。\n二、森林防火\n请各村巡山。"), [
      "安全生产\n请各村排查隐患。",
      "森林防火\n请各村巡山。",
    ]);
  });

  it("a request broken over two lines is one task, and its first line is no title", () => {
    assert.deepEqual(texts("请督促辖区开锁店\n到派出所登记备案。"), ["请督促辖区开锁店\n到派出所登记备案。"]);
    assert.deepEqual(texts("关于做好防汛工作的通知\n各乡镇：\n请各村排查隐患\n并于月底前报送台账。"), [
      "请各村排查隐患\n并于月底前报送台账。",
    ]);
    // Two orders on two lines stay two tasks.
    assert.deepEqual(texts("请各村组织开展防汛演练\n排查山洪灾害隐患点"), [
      "请各村组织开展防汛演练",
      "排查山洪灾害隐患点",
    ]);
  });
});

describe("attack on terse points, titles that ask and broken lines", () => {
  it("a first line starting with 关于 is the title, even when it names what the townships do", () => {
    assert.deepEqual(
      texts("关于各乡镇应急物资储备情况的通报\n各乡镇人民政府：\n请各乡镇于3月5日前补齐应急物资。"),
      ["请各乡镇于3月5日前补齐应急物资。"],
    );
    assert.deepEqual(texts("关于请各乡镇做好春耕备耕工作的通知\n各乡镇：\n请各村开展排查。"), [
      "请各村开展排查。",
    ]);
  });
  it("orders listed one a line without punctuation stay one task each", () => {
    assert.deepEqual(texts("各村：\n请各村开展森林防火宣传\n在进山路口设卡检查\n每村组建扑火队"), [
      "请各村开展森林防火宣传",
      "在进山路口设卡检查",
      "每村组建扑火队",
    ]);
    assert.deepEqual(texts("请各村开展排查\n对发现的隐患建立台账"), [
      "请各村开展排查",
      "对发现的隐患建立台账",
    ]);
  });

  it("a list of materials with counts, or a 须知, is not a list of tasks", () => {
    assert.deepEqual(texts("请各村报送低保材料：\n1.申请表2份\n2.身份证复印件1份\n3.户口簿复印件"), []);
    assert.deepEqual(texts("一、各村须知\n二、请各村开展排查。"), ["请各村开展排查。"]);
    // A count per village is still a duty.
    assert.deepEqual(texts("各村：\n1.每村2人值守\n2.每村1名联络员"), ["每村2人值守", "每村1名联络员"]);
  });

  it("headings that name a level's requirements (村级要求, 乡镇要求) are headings, not duties", () => {
    assert.deepEqual(texts("各村：\n一、总体要求\n二、村级要求\n三、乡镇要求\n请各村开展排查。"), [
      "乡镇要求\n请各村开展排查。",
    ]);
  });

  it("the last sub-point before the next section is a task, not a heading", () => {
    assert.deepEqual(
      texts("一、安全生产\n（一）排查企业隐患\n（二）每村不少于2人值守\n二、森林防火\n（一）组织巡山护林"),
      ["排查企业隐患", "每村不少于2人值守", "组织巡山护林"],
    );
    // A section's heading over sub-points of a style seen in an earlier section is still a heading.
    assert.deepEqual(texts("一、安全生产\n1.排查企业隐患\n二、森林防火\n1.组织巡山护林"), [
      "排查企业隐患",
      "组织巡山护林",
    ]);
  });

  it("a line that addresses the townships again is a request of its own, not the line before going on", () => {
    assert.deepEqual(texts("各村：\n请各村开展排查\n为确保安全，请各村于夜间组织巡逻。"), [
      "请各村开展排查",
      "为确保安全，请各村于夜间组织巡逻。",
    ]);
    assert.deepEqual(texts("各村：\n请各村开展排查\n在春节期间，各村要组织专人值守。"), [
      "请各村开展排查",
      "在春节期间，各村要组织专人值守。",
    ]);
  });

  it("a line that asks and ends in 的通知 is a request about a notice, not a title", () => {
    assert.deepEqual(texts("请各村传达学习县防指的紧急通知\n并于今日组织巡堤查险。"), [
      "请各村传达学习县防指的紧急通知\n并于今日组织巡堤查险。",
    ]);
  });
});

test("a numbered point is a task whatever verb it uses; a labelled field or a list of papers is not", () => {
  const notice = `各乡镇党政办注意，本周几件事：
1、政府信息公开专栏第四季度财政预算执行情况本周内挂网
2、由各乡镇代收辖区农户农房保险费，每户50元，4月底前统一上缴
3、春节期间各乡镇在县城人民广场各布置一组灯笼彩灯，费用自理
4、时间：3月5日上午10点
5、申请表2份
收到请回复`;
  assert.deepEqual(texts(notice), [
    "政府信息公开专栏第四季度财政预算执行情况本周内挂网",
    "由各乡镇代收辖区农户农房保险费，每户50元，4月底前统一上缴",
    "春节期间各乡镇在县城人民广场各布置一组灯笼彩灯，费用自理",
  ]);
});

test("a point that ends by reporting to a county body is a task, not a signature", () => {
  const notice = `1、周三前把收文登记表发群里
2、办公电脑正版软件安装情况周五前统计报县网信办
县政府办公室
2026年3月2日`;
  assert.deepEqual(texts(notice), [
    "周三前把收文登记表发群里",
    "办公电脑正版软件安装情况周五前统计报县网信办",
  ]);
});

test("points under a background heading say what is, unless one asks for work; the tasks' points stay", () => {
  const notice = `关于开展自建房安全排查的通知
各村：
一、基本情况
1. 全乡共有农村自建房3000户，其中经营性自建房120户。
2. 去年排查发现隐患房屋45户。
二、存在的问题
1. 部分村排查不细，台账不全。
2. 请各村于3月10日前补齐台账。
三、工作任务
1. 对辖区经营性自建房逐户排查，建立台账。
2. 发现重大隐患的立即组织人员撤离，并报乡应急办。
策勒乡人民政府 2026年3月2日`;
  assert.deepEqual(texts(notice), [
    "请各村于3月10日前补齐台账。",
    "对辖区经营性自建房逐户排查，建立台账。",
    "发现重大隐患的立即组织人员撤离，并报乡应急办。",
  ]);
});
