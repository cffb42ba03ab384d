import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { taskCues } from "../../src/match/cues.ts";
import { canonicalizeDepartments, normalizeText } from "../../src/match/normalize.ts";

const edition = new Set(["县应急管理局", "县农业农村局", "县委组织部", "县人大办公室"]);
const corpus = "由县农业农村局动物卫生监督机构实施检疫。组织本乡人大代表参加相关会议";
const cues = (text: string) =>
  taskCues(canonicalizeDepartments(normalizeText(text), "样例县"), edition, corpus);

describe("outside-the-lists cues", () => {
  it("a body the edition and the registry never name is unknown; known ones and their units are not", () => {
    assert.deepEqual(cues("配合县烟草专卖局开展卷烟市场检查").unknownBodies, ["县烟草专卖局"]);
    assert.deepEqual(cues("县检察院：请收集公益诉讼线索").unknownBodies, ["县检察院"]);
    assert.deepEqual(cues("协助县国资委清查闲置厂房").unknownBodies, ["县国资委"]);
    // A court or procuratorate signing without the county's name is a sender all the same.
    assert.deepEqual(cues("检察院：公益诉讼线索收集，每季度报送").unknownBodies, ["检察院"]);
    assert.deepEqual(cues("【人民法院】请协助送达文书").unknownBodies, ["人民法院"]);
    assert.deepEqual(cues("@各乡镇 法院：请协助查找当事人").unknownBodies, ["法院"]);
    assert.deepEqual(cues("村民要去法院起诉离婚，请出具证明").unknownBodies, []);
    assert.deepEqual(cues("请配合县应急局开展安全检查").unknownBodies, []);
    assert.deepEqual(cues("县人大常委会组织代表视察").unknownBodies, []);
    assert.deepEqual(cues("协助县农技中心采集土壤样本").unknownBodies, []);
  });

  it("a body is known to the lists where they name it as a body, not where its core names an industry", () => {
    const lists =
      "督促冶金、烟草和商贸行业落实安全责任。烟草、纺织企业安全检查。由县林草局、县林草站组织巡护";
    const withLists = (text: string) =>
      taskCues(canonicalizeDepartments(normalizeText(text), "样例县"), edition, lists);
    assert.deepEqual(withLists("【县烟草专卖局】请配合查处无证卖烟").unknownBodies, ["县烟草专卖局"]);
    assert.deepEqual(withLists("配合县林草管理局开展巡护").unknownBodies, []);
  });

  it("a registered department the edition never names is absent, not unknown", () => {
    const c = cues("县司法局：请走访刑满释放人员");
    assert.deepEqual(c.absentDepartments, ["县司法局"]);
    assert.deepEqual(c.unknownBodies, []);
  });

  it("the departments a task names are listed after folding, registered or the edition's", () => {
    assert.deepEqual(
      cues("请报县文广旅局，并抄送县应急局").namedDepartments.sort(),
      ["县应急管理局", "县文化体育广播电视和旅游局"].sort(),
    );
    assert.deepEqual(cues("请各村做好宣传").namedDepartments, []);
  });

  it("work in the county seat, sales and quotas are recognised", () => {
    assert.equal(cues("国庆节前在县城主干道两侧安装彩灯").countySeat, true);
    assert.equal(cues("协助县属国有企业清查闲置厂房").countySeat, true);
    assert.equal(cues("做好城乡环境卫生整治").countySeat, false);
    // Where residents were is background: the township is not asked to work in the county seat.
    assert.equal(cues("有12名村民在县城工地干活，包工头拖欠工资，请乡里追讨").countySeat, false);
    assert.equal(cues("摸排在县城务工的农民工人数").countySeat, false);
    assert.equal(cues("请乡里安排人员在县城十字路口劝导").countySeat, true);
    assert.equal(cues("村民在县城务工，请乡里到县城主干道清扫积雪").countySeat, true);
    // Staff lent to a county body's own work; staff drawn together at home are not.
    assert.equal(cues("县住建局要借调乡里3名干部到局里整理项目档案").secondment, true);
    assert.equal(cues("高考期间抽调乡干部到县一中担任监考员").secondment, true);
    assert.equal(cues("请抽调10名干部支援县城管局开展整治").secondment, true);
    assert.equal(cues("抽调乡村干部组成森林防火巡查队").secondment, false);
    assert.equal(cues("请选派参训人员到县农广校参加培训").secondment, false);
    assert.equal(cues("抽调5名干部，到各村开展入户核查").secondment, false);
    // Sent to attend a training comes back; 跟班学习 at a county body is secondment by another name.
    assert.equal(cues("抽调2名干部到县委党校参加为期一周的培训").secondment, false);
    assert.equal(cues("请抽调1名干部到县乡村振兴局跟班学习3个月").secondment, true);
    assert.equal(cues("县剧院新剧首演，每个乡镇认购门票300张").sales, true);
    assert.equal(cues("每村不少于200人投保").quota, true);
    // A sales target counted in goods, and money collected on another's behalf, are 摊派 too.
    assert.equal(cues("各村年内完成电动车销售50辆").sales, true);
    assert.equal(cues("请各村代收有线电视收视费").sales, true);
    // Votes pushed online for a contest are a target; voting in an election is work of the lists.
    assert.equal(cues("请各村组织群众为我县参评项目网络投票，每村不少于200票").sales, true);
    assert.equal(cues("请动员村民在微信投票中为本县拉票").sales, true);
    assert.equal(cues("换届选举日请各村组织选民到投票站参加投票").sales, false);
    assert.equal(cues("请统计学生教辅材料订购数量").sales, true);
    // Selling named as the subject of supervision or service is not.
    assert.equal(cues("做好散装生鲜乳销售的监督管理").sales, false);
    assert.equal(cues("帮助合作社在网上销售红枣").sales, false);
    // A number of what is sold is no target: kinds (3类) and years name what is sold, under supervision.
    assert.equal(cues("对辖区农资店销售3类禁用农药的情况开展排查").sales, false);
    assert.equal(cues("摸排种子经营店销售2025年新品种的备案手续").sales, false);
    assert.equal(cues("销售额达到5万元").sales, true);
    assert.equal(cues("开展养殖技术培训").sales || cues("开展养殖技术培训").quota, false);
  });

  it("a quota is a head count; how often work is done, and data about tasks, are none", () => {
    assert.equal(cues("各村至少动员15户参加").quota, true);
    assert.equal(cues("每个乡镇不低于300名").quota, true);
    assert.equal(cues("下达各村任务数").quota, true);
    // How often, not how many: 每户…2次, 各村…一次.
    assert.equal(cues("入户走访每户不少于2次").quota, false);
    assert.equal(cues("各村应至少开展一次消防演练").quota, false);
    // 任务数据 is data, not a number of tasks set.
    assert.equal(cues("请各村上报防汛任务数据").quota, false);
  });

  it("how many staff do the work is a staffing rule, not a quota set on villages", () => {
    assert.equal(cues("开展联合检查，执法人员不少于2人").quota, false);
    assert.equal(cues("每站配齐器材和不少于6名兼职队员").quota, false);
    assert.equal(cues("每个服务点工作人员不少于3名").quota, false);
    // The people mobilised still count.
    assert.equal(cues("动员群众参加培训，不少于50人").quota, true);
    assert.equal(cues("每乡不少于150人到场").quota, true);
  });

  it("a staffing rule is one however it is worded; people called X人员 who are mobilised are no staff", () => {
    // The staff named after the count, with a modifier, or before it with a word between.
    assert.equal(cues("由不少于2名执法人员开展检查").quota, false);
    assert.equal(cues("执法人员应不少于2人").quota, false);
    assert.equal(cues("配备不少于1名专职安全管理人员").quota, false);
    assert.equal(cues("每个网格不少于1名网格员").quota, false);
    assert.equal(cues("每村配备不少于1名网格员").quota, false);
    // Trainees, attendees, migrant workers sent out: head counts set on villages.
    assert.equal(cues("每村参训人员不少于20人").quota, true);
    assert.equal(cues("各村参会人员不少于30人").quota, true);
    assert.equal(cues("每村转移就业人员不少于30人").quota, true);
    // Volunteers recruited per village are villagers mobilised, a quota.
    assert.equal(cues("每村动员不少于30名志愿者参加清洁行动").quota, true);
  });

  it("staff named after a per-village count are staffing; people trained under a staff role's name are a quota", () => {
    // 每村 with the role after the count: how each village is staffed, not a number to mobilise.
    assert.equal(cues("每村至少1名网格员").quota, false);
    assert.equal(cues("每村不少于2名安全员，负责日常巡查").quota, false);
    assert.equal(cues("各村至少配备1名信息员").quota, false);
    // Without a role after the count it stays a quota (动员五老担任辅导员，每村至少2名).
    assert.equal(cues("动员“五老”担任校外辅导员，每村至少2名").quota, true);
    assert.equal(cues("每村至少12名").quota, true);
    // Trained, cultivated or recruited: the role names whom the work reaches, and the count is a target.
    assert.equal(cues("培训农村实用技术人员不少于50人").quota, true);
    assert.equal(cues("每乡培养乡村管理人员不少于10名").quota, true);
    // Training the staff who then do the work, said apart from the count, is still a staffing rule.
    assert.equal(cues("组织执法人员培训，执法人员不少于2人").quota, false);
  });
});

describe("quota cue, attacked with township-notice wording", () => {
  it("per-village units written out (每个行政村, 每个社区, 各乡镇) set quotas as 每村 does", () => {
    assert.equal(cues("每个行政村至少动员20户").quota, true);
    assert.equal(cues("各乡镇至少动员50名群众参加").quota, true);
    assert.equal(cues("各乡镇不低于100人").quota, true);
    assert.equal(cues("每个社区至少30人").quota, true);
    assert.equal(cues("每个自然村至少5户").quota, true);
    assert.equal(cues("每村要动员至少30人").quota, true);
    // Staffing stays staffing however the unit is written.
    assert.equal(cues("每个行政村配备不少于1名网格员").quota, false);
  });

  it("village staff other than the listed roles (保洁员, 护路员, 防疫员, 调解员) are staffing", () => {
    assert.equal(cues("各村至少2名保洁员").quota, false);
    assert.equal(cues("每村配备不少于2名保洁员").quota, false);
    assert.equal(cues("每村至少配备1名护路员").quota, false);
    assert.equal(cues("每村不少于1名村级防疫员").quota, false);
    assert.equal(cues("每村至少1名调解员").quota, false);
    // Recruiting them is still a target; volunteers mobilised are a quota.
    assert.equal(cues("招聘保洁员不少于10名").quota, true);
    assert.equal(cues("每村至少3名志愿者").quota, true);
  });

  it("a role named before the per-village count is staffing (网格员每村不少于1名)", () => {
    assert.equal(cues("网格员每村不少于1名").quota, false);
    assert.equal(cues("护林员每村不少于2名").quota, false);
    assert.equal(cues("保洁员按每村不少于2名配备").quota, false);
  });

  it("a number of events (场, 期, 场次) is how often work is done, not a quota", () => {
    assert.equal(cues("每村不少于3场培训").quota, false);
    assert.equal(cues("每村至少开展一场宣传活动").quota, false);
    assert.equal(cues("每村至少举办1期培训班").quota, false);
    assert.equal(cues("每村至少组织2场次").quota, false);
  });

  it("a head count is one in Chinese numerals and with 不低于 / 不得少于", () => {
    assert.equal(cues("动员群众参加培训，不少于五十人").quota, true);
    assert.equal(cues("动员群众参加培训，不低于50人").quota, true);
    assert.equal(cues("动员群众参加培训，不得少于50人").quota, true);
    assert.equal(cues("培训农村实用技术人员不少于五十人").quota, true);
    assert.equal(cues("执法人员不少于两人").quota, false);
    assert.equal(cues("由不少于两名执法人员开展检查").quota, false);
  });

  it("the staff who carry out a training are staffing (负责培训的工作人员)", () => {
    assert.equal(cues("负责培训的工作人员不少于2人").quota, false);
    assert.equal(cues("承担培训任务的技术人员不少于3名").quota, false);
    assert.equal(cues("参加培训的网格员不少于100人").quota, true);
  });

  it("a share (不少于50%) is a rate, not a head count", () => {
    assert.equal(cues("每村不少于50%").quota, false);
    assert.equal(cues("每村参保率不低于95%").quota, false);
  });

  it("money raised from villages is a quota; money paid to them is a standard", () => {
    assert.equal(cues("每村捐款不少于1000元").quota, true);
    assert.equal(cues("每村至少补助5000元").quota, false);
    assert.equal(cues("每户补贴不少于500元").quota, false);
  });

  it("a role between the unit and the count is staffing (每村网格员不少于1名)", () => {
    assert.equal(cues("每村网格员不少于1名").quota, false);
    assert.equal(cues("每村保洁员不少于3名").quota, false);
    assert.equal(cues("每村参训人员不少于20人").quota, true);
  });

  it("village doctors, 专干 and the leaders in charge are staff; a duration is no head count", () => {
    assert.equal(cues("每村至少1名村医").quota, false);
    assert.equal(cues("每村至少1名计生专干").quota, false);
    assert.equal(cues("各乡镇至少1名分管领导").quota, false);
    assert.equal(cues("每村至少1名负责人").quota, false);
    assert.equal(cues("每个乡镇不少于3天").quota, false);
    assert.equal(cues("每村至少2个月").quota, false);
  });

  it("a role trained or recruited after a per-village count is a target too (每村至少培训10名网格员)", () => {
    assert.equal(cues("每村至少培训10名网格员").quota, true);
    assert.equal(cues("每乡镇至少招聘5名协管员").quota, true);
    assert.equal(cues("每村培训不少于10名网格员").quota, true);
    assert.equal(cues("每村培训网格员不少于10名").quota, true);
    // Staffing said beside a training stays staffing.
    assert.equal(cues("每村至少配备1名网格员并开展培训").quota, false);
    assert.equal(cues("每乡镇至少抽调2名干部").quota, false);
  });

  it("a standard measured per village or household (宽度, 面积, 保存年限, 收入) is no quota", () => {
    assert.equal(cues("每村道路宽度不少于4米").quota, false);
    assert.equal(cues("每户住房面积不低于13平方米").quota, false);
    assert.equal(cues("每村消防水池不少于50立方").quota, false);
    assert.equal(cues("每户储备粮食不少于50斤").quota, false);
    assert.equal(cues("每村存档保存不少于3年").quota, false);
    assert.equal(cues("每户年收入不低于6000元").quota, false);
    // Counted people, households, items and money raised still are.
    assert.equal(cues("每乡签约不少于10套").quota, true);
    assert.equal(cues("每村筹资不少于5000元").quota, true);
  });

  it("a court or procuratorate the edition lists (县人民法院 leading an item) is known, signed with or without the county's name", () => {
    const withCourt = new Set([...edition, "县人民法院"]);
    const courtCues = (text: string) =>
      taskCues(canonicalizeDepartments(normalizeText(text), "样例县"), withCourt, corpus);
    assert.deepEqual(courtCues("县人民法院：请协助查找被执行人").unknownBodies, []);
    assert.deepEqual(courtCues("人民法院：请协助查找被执行人").unknownBodies, []);
    assert.deepEqual(courtCues("【法院】请协助查找被执行人").unknownBodies, []);
    // The edition lists the court, not the procuratorate.
    assert.deepEqual(courtCues("检察院：公益诉讼线索收集").unknownBodies, ["检察院"]);
  });
});
