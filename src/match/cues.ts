/**
 * Signs in a task that it lies outside a township's lists, whatever items it resembles:
 *  - the work is located outside the township's jurisdiction (the county seat, county-owned firms);
 *  - the asking or leading body is one the lists never name: a township's lists record every county
 *    department that may ask it for cooperation, so a body absent from them (县烟草专卖局, 县检察院)
 *    asks for something the lists do not hold;
 *  - the task pushes sales or quotas onto villages (推销, 认购, 每村不少于…人) — the 摊派 that the
 *    lists exist to stop.
 * The decision layer weighs these against the strength of the best match.
 */
import { LRUCache } from "lru-cache";
import { DEPARTMENT_ALIASES } from "../domain/departments.ts";
import { escapeRegExp } from "./normalize.ts";

export interface TaskCues {
  /** Department-like names (县…局/委/院…) that neither the edition nor the alias registry knows. */
  unknownBodies: string[];
  /** Registered county departments that the edition never names. */
  absentDepartments: string[];
  /**
   * County departments the task names (canonical names, after aliases and abbreviations are folded),
   * registered or named by the edition: who sends or leads the work (confidence.ts).
   */
  namedDepartments: string[];
  /** The task is located in the county seat or in county-level property. */
  countySeat: boolean;
  /**
   * The task takes township staff away to work for a county body (抽调干部到县…, 借调…到局里): the
   * county's own work done by borrowed hands, which the rules against 借调乡镇干部 forbid and no list holds.
   */
  secondment: boolean;
  /** The task sells or pushes subscriptions, tickets, commercial products. */
  sales: boolean;
  /** The task sets a per-village or per-township head count. */
  quota: boolean;
  /**
   * The task serves a company, a bank, a telecom operator, the provident fund, patents or investment
   * attraction: business of its own that no township list holds.
   */
  enterprise: boolean;
}

/**
 * A government organ's name: a county prefix, a short core, and the suffix of an organ (局, 委, 办,
 * 检察院, 法院). Service units (中心, 站, 所, 队, 公司) are left out: they belong to some department.
 */
const BODY = /(?:县|市|地区|自治州|州)([\u4e00-\u9fff]{1,10}?)(?:委员会|办公室|管理局|专卖局|局|委|办)/g;
/** Courts and procuratorates: judicial organs, never among the bodies that share a township's duties. */
const JUDICIAL = /(?:县|市|地区)(?:人民)?(?:检察院|法院)/g;
/**
 * A court or procuratorate that signs a task without a county prefix, as a sender does (检察院：…, 【法院】…);
 * a bare 法院 inside a sentence (村民向法院起诉) is where someone goes, not who asks.
 */
const JUDICIAL_SENDER = /(?:^|[\s】\]])[【[]?((?:人民)?(?:检察院|法院))(?=[:】\]])/g;
/** Suffixes that end a body's name, to find the core of registered names. */
const SUFFIX =
  /(?:委员会|办公室|管理局|专卖局|检察院|法院|中心|大队|公司|银行|联合会|协会|分局|局|委|办|院|所|站|部|队|会)$/;

const COUNTY_SEAT = /县城(?!乡)|城区|县属|县直|县本级|城市主干道|城市道路|市政道路/;
// Where residents are or were is the task's background, not the township's workplace (村民在县城工地干活,
// 在县城务工的农民工): such mentions are set aside before looking for the county seat. Staff (人员, 干部)
// sent to the county seat are not residents, so 安排人员在县城路口劝导 still counts.
const RESIDENTS_IN_COUNTY_SEAT =
  /(?:村民|群众|农民工|农户|居民|学生|家长|患者|病人|老人)[^，。；,;]{0,4}?在县城|在县城(?:务工|打工|上学|就读|就医|住院|居住)/g;
// Staff drawn off (抽调, 抽派, 借调) and sent, within the clause, to a county body or its premises (到县…,
// 到局里, 到校, 支援县…). Without a destination (抽调干部组成巡查队) the staff may stay at home.
const SECONDMENT =
  /(?:抽调|抽派|借调)[^，。；,;]{0,12}?(?:干部|人员|人|名)[^，。；,;]{0,6}?(?:到|赴|去|支援|充实)(?:县|市|州|地区|局|委|校|学校|[\u4e00-\u9fff]{1,6}(?:局|委|办|中心|学校|医院))/;
/** Staff sent to attend (参加培训, 参加业务学习, 参加会议) come back: training is not secondment. */
const ATTENDING = /参加[^，。；,;]{0,10}(?:培训|轮训|学习|会议|考试|考核)/;
// A sales target sells a number of goods or an amount of money (销售300台, 销售额达到5万元); a number
// alone is none: 销售3类禁用农药 and 销售2025年新品种 name what is sold, under supervision. Votes pushed
// for a contest online (网络投票, 拉票, 刷票) are such a target; voting in an election (选民到投票站投票) is not.
const SALES =
  /推销|认购|摊派|代销|促销|销售任务|(?:销售|售出|卖出)(?:量|额)?(?:达到|不少于|完成)?\d+(?:\.\d+)?[万千百]?(?:台|辆|件|套|张|份|箱|瓶|袋|桶|盒|单|部|吨|斤|公斤|千克|元|块)|代收|订购|门票|商业保险|惠民保|订阅|征订|新增用户|办卡|开卡|下载.{0,6}(?:app|客户端|软件)|关注.{0,6}公众号|点赞|(?:网络|网上|线上|在线|微信|手机|小程序|app)投票|投票(?:任务|数量|助力)|拉票|刷票/i;
// A head count or target: per village (household, unit) at least so many, said within a few characters
// (至少动员15户, 不低于300名). A count of times (动量词 次, 遍, 回, 轮, 趟: 每户不少于2次, 各村应至少开展一次)
// says how often work is done, not how much is set; and 任务数据 is data, not a number of tasks. Nor is a
// count of the staff who do the work (执法人员不少于2人, 不少于6名兼职队员, 由不少于2名执法人员, 每个网格不少于
// 1名网格员): a rule for the work, not a target. Staff are named by their role; 人员 alone says nothing
// (参训人员, 参会人员, 务工人员 are the people mobilised, and a count of them is a quota). A role after a
// per-village count staffs each village (每村至少1名网格员). People trained, cultivated or recruited under
// a role's name are whom the work reaches, so their count is a target (培训农村实用技术人员不少于50人,
// 每村至少培训10名网格员); the staff who carry out a training (负责培训的工作人员) are still staff. A role
// named before the per-village count staffs the villages too (网格员每村不少于1名, 保洁员按每村不少于2名配备).
const STAFF =
  "(?:村级|乡级|镇级|驻村)?(?:专职|兼职)?(?:(?:执法|工作|检查|巡查|监管|值班|值守|救援|医务|医护|技术|安全管理|管理|专职|兼职)人员|(?:消防|应急|救援|民兵)?队员|(?:网格|安全|信息|联络|协管|管理|监督|巡查|护林|保洁|护路|护河|巡河|管护|防疫|检疫|调解|监测|普查|核查|驾驶|保安|护理|防火|巡逻|巡护|农技)员|村医|乡村医生|[\u4e00-\u9fff]{0,3}?专干|民警|辅警|(?:分管|主要)?领导|负责人|(?:村|乡镇?|包村)?干部)";
/** Digits and Chinese numerals, as a character class body. */
const NUMERALS = "\\d一二两三四五六七八九十百千";
/** Acts whose object is the people counted: a role after them names trainees, not staff. */
const TRAINED = "(?:培训|轮训|培养|培育|招募|招聘|吸纳|发展)";
/** The unit a count is set on: a village, township, community, household, unit, however it is written. */
const UNIT = "(?:每(?:个)?|各)(?:行政村|自然村|村民小组|村|社区|乡镇?|户|单位)";
/**
 * A few words between the unit, the comparator and the count (要, 动员, 捐款); money paid to the unit
 * (补助, 补贴, 奖励, 资助, 发放) is a standard of payment, not a target set on it.
 */
const GAP = `(?:(?!补|奖|资助|发放)[^，。；,;${NUMERALS}]){0,4}`;
const COMPARATOR = "(?:不少于|不低于|至少|不得少于)";
/** A few words, no numeral, within a clause. */
const WORDS = `[^，。；,;${NUMERALS}]{0,4}?`;
/**
 * With words between the unit and the comparator (每村签约不少于10套, 每村要动员至少30人) the count must be
 * of people, households or items: 每村道路宽度不少于4米, 每户住房面积不低于13平方米 set a standard.
 */
const COUNTED = "(?:人|名|户|个(?!月|小时|工作日)|位|家|份|张|套|件|条|篇)";
/** Money raised from the unit (捐款, 筹资, 缴纳), unlike income or payment, is a quota. */
const RAISED = "(?:捐|筹|缴|集资)";
/** The unit, unless a staff role stands just before it (网格员每村不少于1名, 保洁员按每村不少于2名配备). */
const UNIT_NOT_AFTER_STAFF = `(?<!${STAFF}按?)${UNIT}`;
/** Not a count of the staff named just before it (执法人员应不少于2人, 网格员每村不少于1名, 每村网格员不少于1名). */
const NOT_AFTER_STAFF = `(?<!${STAFF}(?:按?${UNIT})?(?:应当?|须|要|必须|原则上|数量|人数)?)`;
// Counts of events (场, 期, 场次) are how often work is done, as 次 is; a share (50%) is a rate and a
// duration (3天, 2个月) a time, not a count.
const QUOTA = new RegExp(
  `${UNIT_NOT_AFTER_STAFF}(?:要|须|应)?${COMPARATOR}${GAP}[${NUMERALS}]+(?![${NUMERALS}]|次|遍|回|轮|趟|场|期|%|天|日|周|小时|个?月|(?:名|个|位)?${STAFF})` +
    `|${UNIT_NOT_AFTER_STAFF}${GAP}${NOT_AFTER_STAFF}${COMPARATOR}${GAP}[${NUMERALS}]+${COUNTED}(?!${STAFF})` +
    `|${UNIT}${WORDS}${RAISED}${WORDS}${COMPARATOR}${WORDS}[${NUMERALS}]+(?:\\.\\d+)?[万千百]?元` +
    `|任务数(?!据)|指标任务` +
    `|${UNIT}${WORDS}(?:${TRAINED}${WORDS}${COMPARATOR}|${COMPARATOR}${WORDS}${TRAINED})${WORDS}[${NUMERALS}]+(?:名|个|位|人)` +
    `|${NOT_AFTER_STAFF}(?:不少于|不低于|不得少于)[${NUMERALS}]+(?:人|户|张|份|名)(?!${STAFF})` +
    `|(?<!负责|承担|从事)${TRAINED}[^，。；,;]{0,6}?${STAFF}(?:应当?|须|要)?${COMPARATOR}[${NUMERALS}]+(?:人|名)`,
);

/** A commercial or other non-government body named as a party (某公司 is only an example, not a party). */
const ENTERPRISE =
  /(?<!某)(?:公司|银行|信用社|农商行|邮储|营业厅|运营商|公积金|专利|招商引资|招商局|国有企业|国企|城投)/;

let knownCores: string[] | undefined;

/** Cores of every registered department name and alias (人社, 发展和改革, 人大…). */
function registryCores(): string[] {
  if (!knownCores) {
    const names = Object.entries(DEPARTMENT_ALIASES).flatMap(([c, aliases]) => [c, ...aliases]);
    knownCores = [...new Set(names.map(coreOf).filter((c) => c.length >= 2))];
  }
  return knownCores;
}

function coreOf(name: string): string {
  return name.replace(/^(?:县委|县|市|地区|国家税务总局策勒县)/, "").replace(SUFFIX, "");
}

/** True when a body's core belongs to a known name: one contains the other's start. */
function knownCore(core: string, cores: readonly string[]): boolean {
  return cores.some((k) => core.startsWith(k) || k.startsWith(core) || core.includes(k));
}

/**
 * Per corpus (one per edition; editions come and go, so the last few), the cores already looked up: a
 * search of the whole corpus each time is slow.
 */
const namedByCorpus = new LRUCache<string, Map<string, boolean>>({ max: 8 });

/**
 * Whether the lists name a body of this core more than once: the core followed closely by a kind of body
 * (烟草局, 烟草专卖部门). The core alone is not enough: 烟草 in …纺织、烟草和商贸行业 names an industry that a
 * county department supervises, not 县烟草专卖局.
 */
function namedTwice(corpus: string, core: string): boolean {
  let known = namedByCorpus.get(corpus);
  if (!known) {
    known = new Map();
    namedByCorpus.set(corpus, known);
  }
  let named = known.get(core);
  if (named === undefined) {
    named = countsAsNamed(corpus, core);
    known.set(core, named);
  }
  return named;
}

function countsAsNamed(corpus: string, core: string): boolean {
  const named = new RegExp(
    `${escapeRegExp(core)}[\\u4e00-\\u9fff]{0,4}?(?:局|委|办|部门|站|所|中心|队|院|会)`,
    "g",
  );
  return (corpus.match(named)?.length ?? 0) >= 2;
}

interface DepartmentNames {
  /** Canonical names of the registry. */
  registered: ReadonlySet<string>;
  /** Cores of the registry's names and aliases and of the edition's departments. */
  cores: readonly string[];
  /** Registered names, then the edition's others: the absent ones keep the registry's order. */
  names: readonly string[];
}

/** What an edition's departments give every task's cues, worked out once per edition (per set). */
const namesByEdition = new WeakMap<ReadonlySet<string>, DepartmentNames>();

function departmentNamesOf(editionDepartments: ReadonlySet<string>): DepartmentNames {
  let found = namesByEdition.get(editionDepartments);
  if (!found) {
    const registered = new Set(Object.keys(DEPARTMENT_ALIASES));
    const editionCores = [...editionDepartments].map(coreOf).filter((c) => c.length >= 2);
    found = {
      registered,
      cores: [...registryCores(), ...editionCores],
      names: [...new Set([...registered, ...editionDepartments])],
    };
    namesByEdition.set(editionDepartments, found);
  }
  return found;
}

/**
 * The cues of a task. `text` is the normalised task with departments folded to canonical names;
 * `editionDepartments` are the canonical names the edition uses, `corpus` all of its text: a body the
 * lists name more than in passing is known to them.
 */
export function taskCues(text: string, editionDepartments: ReadonlySet<string>, corpus: string): TaskCues {
  const { registered, cores, names } = departmentNamesOf(editionDepartments);
  const unknownBodies: string[] = [];
  const namedDepartments = names.filter((d) => text.includes(d));
  const absentDepartments = namedDepartments.filter((d) => registered.has(d) && !editionDepartments.has(d));
  for (const m of text.matchAll(BODY)) {
    const name = m[0];
    if (registered.has(name) || editionDepartments.has(name)) continue;
    const core = m[1] ?? "";
    if (core.length < 2) continue;
    if (!knownCore(core, cores) && !namedTwice(corpus, core)) unknownBodies.push(name);
  }
  for (const m of text.matchAll(JUDICIAL)) if (!editionDepartments.has(m[0])) unknownBodies.push(m[0]);
  for (const m of text.matchAll(JUDICIAL_SENDER)) {
    // Unknown unless the edition lists a court (or procuratorate) of its own: that is the one signing.
    const kind = m[1]!.endsWith("检察院") ? "检察院" : "法院";
    if (![...editionDepartments].some((d) => d.endsWith(kind))) unknownBodies.push(m[1]!);
  }
  return {
    unknownBodies,
    absentDepartments,
    namedDepartments,
    countySeat: COUNTY_SEAT.test(text.replace(RESIDENTS_IN_COUNTY_SEAT, "")),
    secondment: SECONDMENT.test(text) && !ATTENDING.test(text),
    sales: SALES.test(text),
    quota: QUOTA.test(text),
    enterprise: ENTERPRISE.test(text),
  };
}
