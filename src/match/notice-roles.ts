/**
 * What a piece of a notice is, beside a task: a title, a salutation, background, a closing line, an
 * exhortation, a signature or date, a table's header row. Each test takes a trimmed piece of text.
 */
import { DEPARTMENT_ALIASES } from "../domain/departments.ts";
import { escapeRegExp } from "./normalize.ts";

/** Verbs that hand down work in government writing. */
export const IMPERATIVE =
  /(做好|开展|组织|负责|完成|报送|上报|落实|推进|推动|加强|建立|健全|督促|协助|配合|摸排|排查|提供|收集|统计|核实|核查|核对|宣传|动员|组建|成立|确保|实行|推广|安装|清理|整治|检查|审批|审核|审定|处罚|罚款|登记|办理|出具|评选|推荐|征集|走访|回访|慰问|培训|举办|召开|制定|编制|谋划|申报|整改|设立|设置|选定|补齐|清点|保障|开具|发放|查处|监测|普查|清查|巡查|巡检|看护|认购|购买|参加|参与|抽调|提交|填报|更新|上传|张贴|公示|签订|维修|派出?|出工|引导|提醒|告知|摸清|掌握|整理|开放|表彰|评定|复核|核实|调查|取证|救助|帮扶|入户|储备|备足|配齐|报我|报县|报乡|报送至|报[\u4e00-\u9fff]{1,8}(局|委|办|部|中心|所|站))/;
/** Ways of addressing the township that make a sentence a task even without a listed verb. */
export const ADDRESS = /(请各|请你|请乡|请村|请对|各乡镇.{0,6}(要|须|务必|应)|务必|必须|要求各)/;
/** Obligations a numbered point may carry instead of a verb: 每乡不少于50人, 各村要…, 须于…. */
export const OBLIGATION = /(不少于|不低于|须|必须|应当|[乡镇村里级]要|\d+\s*(人|名|户|场|次|份|套|处)次?)/;

const BACKGROUND_START = /^(为了?|根据|按照|依据|依照|近期|近日|近年来|今年以来|据|鉴于|随着|目前|当前|截至)/;
const BACKGROUND =
  /(通知如下|现将.{0,30}(通知|安排|明确|要求)|现就.{0,30}(通知|安排)|有关事项如下|具体如下|安排如下|以下工作|以下事项|如下[:：。]?$)/;

/** A sentence that refers back to the points or asks for a report on them: it closes the notice. */
const CLOSING_START =
  /^(特此通知|联系人|联系电话|联系方式|电话[:：]|邮箱|传真|附件|抄送|抄报|印发|此复|妥否|以上|上述|前述|上列|收到请)/;
/** What a report on a task's progress is of (落实情况, 完成情况): the work as done, not its object. */
const PROGRESS = "落实|开展|完成|工作|进展|推进|整改|执行";
const CLOSING_ANYWHERE = new RegExp(
  `特此通知|收到请.{0,16}(回复|转告|传达|确认)|(${PROGRESS})?(情况|进展|进度|总结)[^，。；]{0,24}(报送|上报|报|反馈|提交|发送)|(报送|上报|反馈|提交)[^，。；]{0,8}(进展|进度|情况|总结)`,
);
/** The closing's report request must be the whole sentence, not a task's last step: 请于…前将…情况报…. */
const REPORT_REQUEST = /^(请|望)?(各[^，。]{0,10})?(于|在|按时|及时|每月|每周|每季度)/;

/** Clauses that ask for an attitude, not for work. */
const ATTITUDE =
  /^[^，,]{0,10}?(务必|要|须|请)?(高度重视|认真(抓好|组织|贯彻)?落实|抓好(贯彻)?落实|按时(保质)?(保量)?(完成|落实)|保质保量(完成|落实)|切实.{0,6}责任|压实.{0,4}责任|严明纪律|加强(组织)?领导|亲自过问|具体推进|亲自部署|(主要|分管)?(领导|负责同志)?(要)?亲自抓[、，,]?((分管|具体)(领导)?具体抓)?|(分管领导)?具体抓|时间紧[、，,]?任务重|任务重[、，,]?时间紧|时间紧迫|任务艰巨|责任重大|意义重大|结合(本地|本乡|本村|各自|工作)?实际|遇到问题及时.{0,16}(沟通|联系|报告)|确保.{0,12}(落到实处|取得实效|按时完成|顺利开展)|(主动|担当|积极)作为|不得.{0,6}(推诿|拖延|敷衍|延误)|周密部署|精心组织|认真组织实施|认真(贯彻)?执行|严格执行|遵照执行|抓紧(落实|推进|实施)|按要求.{0,6}(落实|实施|完成)|(严格)?按(照)?(时间节点|时限|要求|规定时间|期).{0,6}(完成|落实|推进)(各项|相关)?(任务|工作)?)[。！]?$/;

/** A date as a notice is signed with: 2026年3月2日, 二〇二六年三月二日 (the year may be left out). */
const YEAR = "(?:\\d{4}|[〇零一二三四五六七八九]{4})年";
const MONTH_DAY = "(?:\\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\\d{1,2}|[一二三四五六七八九十]{1,3})日";
const DATE = new RegExp(`^(?:${YEAR})?${MONTH_DAY}$`);
const DATE_TAIL = new RegExp(`(?:${YEAR})?${MONTH_DAY}$`);
/** A county body's name: it names a place (县, 乡…) or the party, and ends in a kind of body. */
const BODY =
  /^(中共)?[\u3400-\u9fff（）()·]{0,20}[县市区州省乡镇旗委][\u3400-\u9fff（）()]{0,20}(局|委|办|部|政府|中心|委员会|办公室|指挥部|领导小组|联合会|分局|站|所|院|队|办事处|工作组|专班)$/;
const NOT_A_BODY = /^(由|请|对|到|向|配合|协助|组织|督促|为|在|经)|报(?:县|市|州|地区|乡|镇)|情况/;

/** Words a table's header row is made of. */
const HEADER_WORDS = new Set(
  "序号 编号 工作事项 工作任务 主要任务 重点任务 任务 任务名称 事项 事项名称 工作内容 具体内容 内容 工作要求 具体要求 要求 完成时限 完成时间 时限 时间 时间节点 截止时间 责任单位 牵头单位 配合单位 责任部门 牵头部门 责任人 联系人 联系电话 备注 措施 工作措施 具体措施".split(
    " ",
  ),
);

export const isImperative = (text: string): boolean => IMPERATIVE.test(text) || ADDRESS.test(text);

export const isObligation = (text: string): boolean => isImperative(text) || OBLIGATION.test(text);

export function isDate(text: string): boolean {
  return DATE.test(text.replace(/\s+/g, ""));
}

/** One or more body names, optionally followed by a date: 县民政局 县残疾人联合会 2025年10月8日. */
export function isSignature(text: string): boolean {
  const words = text
    .trim()
    .replace(/[（(](盖章|印|章|此件[^)）]{0,8})[)）]/g, "") // 此件公开发布, 此件不公开: how it is published
    .replace(DATE_TAIL, " $&") // 县林业和草原局2026年3月2日: the date glued to the name
    .trim()
    .split(/[\s\u3000]+/);
  while (words.length > 1 && isDate(words[words.length - 1] ?? "")) words.pop();
  return words.every((w) => BODY.test(w) && !NOT_A_BODY.test(w));
}

/** A signature (and date) glued to the end of a line after blanks: "…做好登记 县林业和草原局 2026年3月2日". */
export function trailingSignature(line: string): number | null {
  const m = /[\s\u3000]+((?:[^\s\u3000]+[\s\u3000]*){1,4})$/.exec(line);
  if (!m) return null;
  const tail = m[1] ?? "";
  return isSignature(tail) || isDate(tail) ? m.index : null;
}

/** A column's title: a known one, or a short name of a kind of column (任务内容, 牵头领导, 办结时限). */
const HEADER_CELL =
  /^[\u3400-\u9fff]{0,4}(序号|编号|内容|时限|时间|单位|部门|要求|事项|任务|措施|备注|领导|责任人|联系人|电话|名称|目标|节点|标准|方式)$/;

export function isHeaderRow(text: string): boolean {
  const cells = text.split(/[\s\u3000]+/).filter(Boolean);
  return cells.length >= 2 && cells.every((c) => HEADER_WORDS.has(c) || HEADER_CELL.test(c));
}

/** A salutation or an introduction ending in a colon: 各乡镇人民政府： / 请重点抓好以下工作：. */
export function isIntro(text: string): boolean {
  return /[:：]$/.test(text) && (text.length <= 40 || BACKGROUND.test(text) || !isImperative(text));
}

export function isBackground(text: string): boolean {
  if (BACKGROUND.test(text)) return true;
  if (!BACKGROUND_START.test(text) || ADDRESS.test(text) || /[,，].{0,40}(要|须|请)/.test(text)) return false;
  // "为做好…工作" alone is the purpose, not the task; a sentence that goes on to ask is a task.
  return !/[,，]/.test(text) || !isImperative(text);
}

export function isClosing(text: string): boolean {
  if (CLOSING_START.test(text)) return true;
  const report = CLOSING_ANYWHERE.exec(text);
  if (!report) return false;
  if (/特此通知|收到请/.test(text)) return true;
  // Work asked in a clause of its own before the report request (…做好排查，并将开展情况报…) is a task.
  const before = text.slice(0, report.index).split(/[，,；;]/);
  if (before.slice(0, -1).some((clause) => IMPERATIVE.test(clause))) return false;
  return REPORT_REQUEST.test(text);
}

/** Every clause asks for an attitude (各乡镇务必高度重视，按时完成。). */
export function isExhortation(text: string): boolean {
  const clauses = text
    .replace(/[。！!]$/, "")
    .split(/[，,；;]/)
    .filter(Boolean);
  // After an attitude, a clause may state the outcome it is for (确保不发生森林火灾) without asking work.
  return (
    clauses.length > 0 &&
    clauses.every(
      (c, i) => ATTITUDE.test(c.trim()) || (i > 0 && /^(确保|坚决|严防|杜绝|防止)/.test(c.trim())),
    )
  );
}

/** A title's ending as county offices word it: the kind of document (…的通知, …的实施方案). */
const TITLE_FORM = /的(紧急)?(通知|通报|函|意见|实施方案|工作方案)$/;

/**
 * A title: the notice's first line when more follows, without a sentence's punctuation. A line that asks
 * (请…, 各乡镇要…) is a request broken over lines (请督促辖区开锁店 / 到派出所登记备案。), never a title —
 * unless it is worded as one (关于请各乡镇做好…的通知, 各乡镇应急物资储备情况的通报); a line starting with
 * 请 is a request even when it ends in 的通知 (请各村传达学习县防指的紧急通知).
 */
export function isTitle(line: string): boolean {
  return (
    line.length <= 60 &&
    !/[。；;！？!?，,:：]/.test(line) &&
    (/^关于/.test(line) || (!/^(请|务必|要求)/.test(line) && (TITLE_FORM.test(line) || !ADDRESS.test(line))))
  );
}

/**
 * Formulae that close a message whatever it asks (收到请回复, 特此通知); they may follow a task unpunctuated.
 * The reply ends its clause: 收到后请及时传达到每户群众 asks the relaying.
 */
const SIGN_OFF =
  /特此通知|收到后?请[^,，。;；]{0,8}?(回复|转告|传达|确认)(?=$|[\s,，。;；!！]|收到)|收到回复|请?(按时|及时)?回复收到/g;
/**
 * How the asking body will rate the township on the task (完成率纳入年终考核, 与绩效挂钩): said of any task,
 * it is not the work of assessing cadres that an item names.
 */
const RATING =
  /(?:纳入|列入|计入)[^,，。;；]{0,6}?考核(?:内容|范围|指标|体系)?|作为[^,，。;；]{0,6}?考核(?:依据|内容)|与[^,，。;；]{0,6}?(?:考核|绩效)挂钩/g;
/** A preamble ending in a colon before the task on the same line: 现将有关事项通知如下：… */
const LEAD_IN = new RegExp(`^[^。!！?？]{0,40}?(?:${BACKGROUND.source.replace(/\$/g, "")})[:：]`);

/** Whom to ask (（联系人：王芳，电话：0903-6512345）), bracketed or not: up to the bracket or clause's end. */
const CONTACT =
  /[（(]?(?:联系人|联系电话|联系方式|咨询电话|值班电话|电话|手机|邮箱|传真)[:：][^（()）。；;!！]*[）)]?/g;
/**
 * Asking to hear back how the task went (请于本周五前将落实情况报送): said of any task. Only progress is
 * meant (落实、完成、开展…情况); 将受灾情况上报 reports what the task is about and stays.
 */
const REPORT_BACK = new RegExp(
  `(?:请于?[^,，。;；]{0,12}?前?)?将[^,，。;；]{0,8}?(?:${PROGRESS}|办理|贯彻)情况[^,，。;；]{0,6}?(?:报送|上报|报告|反馈|报)[^,，。;；]*`,
  "g",
);
/** The documents that come with a message (附件：工作台账模板.xlsx), to the sentence's end. */
const ATTACHMENT =
  /附件\d*[:：][^。;；]*|(?:具体|详细)?(?:要求|内容|安排|事项|标准)?(?:详见|见|参见)附件\d*/g;
/** A bracketed tag (【紧急】, 【提醒】): a body that sends the task ends in one of these (【县教育局】). */
const TAG = /[【[]([^【】[\]]{1,10})[】\]]/g;
const BODY_END = /(?:局|委|办|院|会|队|所|站|中心|部|室|处|厅|府|司|行|社|校|馆|组|团|联|协|署|台)$/;

/** A generic label before the task (通知：, 紧急通知：, 重点：, 温馨提示：): it names the kind of message, not the work. */
const LABEL =
  /^\s*(?:紧急|重要|特别|温馨|再次)?(?:通知|提示|提醒|注意|重点|要求|任务|事项|说明|备注)[:：!！]/;
/** A forwarded message's preamble (转发县政府办通知：): what follows is the task, and who forwards it leads nothing. */
const FORWARDED = /^(?:现)?转发[^:：。；;]{0,40}?[:：]/;
/** …but the forwarded notice's title names the work (转发县应急管理局关于做好防汛工作的通知：): that stays. */
const forwarded = (preamble: string): string => ` ${titleSubject(preamble)} `;
/** What a notice named in a preamble or the grounds is about: 关于做好防汛工作的通知 → 做好防汛工作. */
const TITLE_SUBJECT =
  /关于(.+?)的(?:紧急)?(?:通知|通报|函|意见|(?:实施|工作)?方案|(?:工作)?(?:安排|部署|要求)|决定|指示)/;
const titleSubject = (text: string): string => TITLE_SUBJECT.exec(text)?.[1] ?? "";
/**
 * The township's own name signed under the task (策勒乡人民政府, 2026年3月2日): it says who passes the
 * task on, not what it is. Only after a break and as a body or with a date, so …报乡人民政府 and a last
 * sentence ending in 返乡 or 城乡 stay; a name holds no verb or preposition, so 摸排结果报乡人民政府 does too.
 */
const TOWNSHIP_SIGNATURE = new RegExp(
  `(?<=^|[\\s。！!；;])(?:中共)?(?:(?![报送交向给到至由对请经及和与的在为发转告])[\\u3400-\\u9fff]){1,8}?[乡镇](?:(?:人民政府|党委|政府|党委办公室|党政办公室|党政办)(?:\\s*${YEAR}${MONTH_DAY})?|\\s*${YEAR}${MONTH_DAY})\\s*$`,
);

/** Whom the message is addressed to, before a colon (各乡镇、各有关单位：, 县直各部门：, 请各村两委班子：). */
const ADDRESSEES =
  /^请?(?:(?:县直|县属)?各(?:有关|相关)?(?:乡镇|乡|镇|街道|村|社区|单位|部门|站所|科室)(?:党委|政府|党委和政府|党委、政府|两委|两委班子|党支部|村委会|党组织|班子|班子成员)?[、，,和及\s]*)+[:：]/;
/** Who else gets the message (抄送：县委办、县政府办), to the sentence's end. */
const COPIED_TO = /(?:抄送|抄报|主送)[:：][^。;；\n]*/g;
/**
 * Everyone in a chat group (@所有人) or whom a message is put to (@各村书记), thanks (辛苦各位！), and whether
 * the message is public (（此件公开发布）). A service unit (@乡退役军人服务站) or a field role (@各村护林员)
 * mentioned is who does the work and what it is about, so it stays.
 */
const COURTESY =
  /@(?:所有人|全体成员|\s?(?![^\s@]*(?:站|中心|所|护林员|民兵|第一书记|工作队|调解员))[^\s@,，。:：;；!！]{1,12}(?=\s))|辛苦(?:各位|大家|了)[！!。]?|谢谢(?:配合|支持|大家)?[！!]|[（(](?:此件[^（()）]{0,8}|以此(?:通知)?为准)[）)]/g;
/**
 * The channels a message or publicity goes through (大喇叭, 村村通广播, 微信群, 宣传栏, 明白纸): how the
 * work reaches people, not what it is. Said as a means (利用宣传栏、村村通广播等渠道, 通过大喇叭、微信群等方式,
 * 用村里广播) they tell no item from another, yet 广播 and 村村通 reach the broadcasting item by chance.
 * Maintaining a channel (维护村村通广播设备) is not said as a means, so it stays.
 */
const CHANNEL =
  "(?:村村通|村级|村里的?|各村|乡村|村)?(?:大喇叭|小喇叭|喇叭|广播|微信群|微信公众号|微信|村务群|工作群|QQ群|宣传栏|公告栏|公示栏|村务公开栏|宣传橱窗|电子屏|显示屏|LED屏|横幅|标语|宣传单|宣传册|宣传页|明白纸|短信|抖音|快手|视频号|公众号|电视|报纸|网站)";
/** What follows a channel said as a means: the act of conveying, or the clause's end (not 电视问政, 广播站). */
const CONVEYED =
  "(?=开展|提醒|宣传|发布|告知|通知|播放|张贴|转发|推送|公示|讲解|动员|普及|提示|传达|广泛|反复|滚动|向|进行|做好|[，,。；;、\\s]|$)";
const MEANS = new RegExp(
  `(?:可|要|应|并|可以)?(?:利用|通过|借助|依托|运用|采用|(?<![使运采利应作费适享引租借雇占试挪专通公民家信动启备])用)${CHANNEL}(?:[、，,和及与或]${CHANNEL})*(?:(?:等)?(?:多种|各类|各种)?(?:方式|渠道|形式|途径|平台|手段|媒介)|等|${CONVEYED})`,
  "gi",
);

/**
 * Who reads the message, before a colon (各位书记、乡长：, 各位领导：, 书记们：). One role alone is who is
 * to do the work (村支书：负责组织清理), so it stays.
 */
const OFFICIALS = "书记|乡长|镇长|乡镇长|主任|村支书|第一书记|领导|同志|同事";
const MORE_OFFICIALS = `(?:[、，,和及\\s]*(?:${OFFICIALS}))`;
const OFFICIALS_ADDRESSED = new RegExp(
  `^(?:各位(?:${OFFICIALS})${MORE_OFFICIALS}*(?:们)?|(?:${OFFICIALS})${MORE_OFFICIALS}+(?:们)?|(?:${OFFICIALS})${MORE_OFFICIALS}*们)[:：]`,
);
/**
 * Whom to ask if something is unclear (如有疑问请及时与我局联系), to the clause's end. The doubt stands
 * alone (如遇困难群众, 如遇问题户 name people), and what is asked is only to get in touch: 如有困难请联系
 * 县民政局申请临时救助 asks work.
 */
const QUERIES =
  /如(?:有|遇)(?:任何)?(?:疑问|问题|不明|不清楚|困难)(?:之处)?(?=$|[\s,，]|请|可|及时|与|向|同|随时|联系|咨询|沟通|对接|须|需|应|要)[^。；;!！]{0,30}?(?:联系|咨询|沟通|对接)[^，,。；;!！]*/g;
const query = (match: string): string => (IMPERATIVE.test(match) || /申请/.test(match) ? match : " ");
/**
 * What lateness costs (逾期未报的将予以通报, 对工作不力的约谈), to the clause's end. Not when the lateness
 * qualifies someone the township is to sanction (对逾期未整改的隐患单位予以通报, 对工作不力的村干部进行约谈):
 * that is the work.
 */
const SANCTIONS =
  /(?:逾期|超期|迟报|未按时|工作不力|推进缓慢|敷衍塞责)([^，,。；;!！]{0,10}?)(?:通报|问责|追责|约谈|扣分)[^，,。；;!！]*/g;
/** Words between 的 and the sanction that name no one sanctioned: 的将予以通报, 的一律约谈, 的乡镇将约谈. */
const SANCTION_MANNER =
  /将|予以|给予|进行|一律|依法|严肃|视情|坚决|及时|并|要|会|全县|全乡|乡镇|单位|(?:县|乡)(?:委|政府)?/g;
function sanction(match: string, between: string): string {
  const of = between.lastIndexOf("的");
  if (of < 0) return " ";
  return /[\u3400-\u9fff]/.test(between.slice(of + 1).replace(SANCTION_MANNER, "")) ? match : " ";
}
/**
 * Where a chat message's forms are (附表见群文件, 模板已发群里): in the chat, a file or the mail, so that
 * handing forms out (样表发放, 将附件发送至各村) stays.
 */
const FORMS_IN_CHAT =
  /[（(]?(?:附表|附件|表格|模板|样表)(?:已)?(?:见|在|详见|发(?:至|到|在)?)[^（()）。；;，,]{0,10}?(?:群|附件|文件|邮箱)[^（()）。；;，,]{0,6}[）)]?/g;
/**
 * Boilerplate purposes (为切实保障人民群众生命财产安全, 为贯彻落实上级决策部署) and thoroughness slogans
 * (做到应查尽查、不留死角): whole clauses only, since 为做好森林防火工作 names the task's subject, and
 * only whose deployment is followed, since 为贯彻落实《森林防火条例》精神 names it too.
 */
/**
 * Thoroughness slogans: 应查尽查, 应知尽知, 不留死角, 全覆盖…. Not every 应…尽…: 应保尽保 and 应种尽种 name the
 * work (low-income assistance, planting).
 */
const THOROUGHNESS =
  "应查尽查|应检尽检|应登尽登|应报尽报|应改尽改|应知尽知|应管尽管|应销尽销|应排尽排|应访尽访|应录尽录|不留死角|不留盲区|不留空白|不漏一户|不漏一人|不落一人|全覆盖|无死角|零遗漏";
const SLOGAN = new RegExp(
  [
    `^(?:为了?)?(?:切实|进一步|全力|有效|坚决)?(?:保障|保护|维护|确保)(?:好)?(?:广大)?(?:人民)?(?:群众)?(?:的)?生命(?:和|及)?财产安全$`,
    `^(?:为了?)?(?:认真|全面|深入|坚决)?贯彻落实(?:上级|上面|党中央|中央|国务院|自治区|地区|县委|县政府|县|党委|政府|有关|相关|各级|领导|重要|会议|文件|的|和|、|及)*(?:决策部署|工作部署|部署要求|部署|精神|要求|指示|批示)$`,
    `^(?:做到|确保|实现|务必)?(?:${THOROUGHNESS})(?:[、，,和]*(?:${THOROUGHNESS}))*$`,
  ].join("|"),
);
/**
 * How a report is to be sent (电子版发邮箱, 盖章后扫描上传): a whole clause about the form of the report.
 * Between the form and the sending only when and how (请于…前, 统一, 扫描); what is sent then is the
 * report, not 电子版证照 or 纸质版档案, and where it goes asks nothing (…报县自然资源局审批 is work).
 */
const REPORT_FORM =
  /^(?:并|请)?(?:将)?(?:电子版|纸质版|扫描件|盖章(?:后)?(?:的)?(?:纸质版|扫描件|版)?)(?:[和及与、](?:电子版|纸质版|扫描件))?(?:请|须|需|要|并|统一|一律|及时|同时|务必|于|在|前|后|内|扫描|以|通过|一式[\d一二三四五六七八九十两]份|[\d\s月日号底周年天个工作一二三四五六七八九十])*(?:发送|发至|发到|发(?![放布展生现动挥])|报送|上报|报|上传|传|交|提交)([^，,。；;]*)$/;
function isReportForm(clause: string): boolean {
  const form = REPORT_FORM.exec(clause);
  return form !== null && !IMPERATIVE.test(form[1] ?? "");
}
/**
 * How work is to be kept track of or proven, as a clause of its own (建立工作台账, 实行销号管理, 明确专人负责,
 * 并附照片佐证, 工作结束后形成书面总结): every task may be asked this way, so it tells no item from another.
 * A ledger or photos of something named (建立困难群众台账, 拍摄照片上传) are not such a clause.
 */
const BOOKKEEPING = new RegExp(
  [
    "^(?:并|同时)?(?:建立|建好|完善|健全)(?:工作)?台账$",
    "^(?:并|同时)?(?:实行|实施|推行)?(?:销号管理|清单化管理|闭环管理|台账管理|挂图作战)$",
    "^(?:并|同时)?(?:明确|指定|落实|确定|安排)专人(?:负责|专责)$",
    "^(?:并|同时)?(?:附|附上|附带|配)?(?:相关)?(?:照片|图片|影像资料|视频)(?:等)?(?:佐证|证明)(?:材料|资料)?$",
    "^(?:工作结束后|完成后|活动结束后|会后|会议结束后)?(?:形成|撰写|整理)(?:书面)?(?:工作)?(?:总结(?:材料)?|(?:会议)?纪要)$",
    "^(?:并|同时|要|请)?(?:及时|按时|定期)?(?:报送|上报|编报)(?:工作)?(?:信息|动态|简报)$",
    "^(?:并|同时|要|请)?做好(?:工作)?记录$",
  ].join("|"),
);
/**
 * Who in the villages is to take part or lead (网格员、党员志愿者, 第一书记), said with nothing but taking part
 * (组织…参与, 请…牵头): every task may be staffed so, so it tells no item from another.
 */
const HANDS =
  "(?:各村|村级|村|乡|全体|各)?(?:党员志愿者|志愿者|网格员|党员|老党员|村干部|包村干部|驻村工作队|工作队员|第一书记|村支书|村书记|书记|村主任|民兵|基干民兵|护林员|保洁员|联户长|十户长|乡贤|团员)";
const STAFFED_BY = `${HANDS}(?:[、和及与]${HANDS})*(?:等)?(?:人员|力量|队伍)?(?:共同|积极|广泛|全程|全员)?`;
/** Those mobilised to take part, or a role that takes part or leads; 请各村护林员参加 says who attends, and so what about. */
const STAFFED = `(?:(?:组织|发动|动员|安排|带领|号召|由)${STAFFED_BY}(?:参与|参加|牵头|负责|配合|协助|带头)|${STAFFED_BY}(?:参与|牵头|负责|配合|协助|带头))`;
/** When the work fits in (利用农闲时间, 趁赶集日): a time of the villagers' year, not what is done. */
const TIMED =
  "(?:利用|趁|抓住|借助)(?:农闲|冬闲|春节|节假日|假期|周末|晚上|早晚|夜间|赶集日|巴扎日|集市日)(?:时间|时机|期间|空隙|前后)*";
/** A generic target (群众满意度达到95%以上): how well, not what; 疫苗接种率达到95% names the work and stays. */
const RATED =
  "(?:确保|力争|使|做到)?(?:群众)?(?:满意度|满意率|知晓率|完成率)(?:达到?|不低于|在)?\\d+(?:\\.\\d+)?%(?:以上)?";
/**
 * The manner the work is to be done in, as a clause of its own (营造良好氛围, 杜绝形式主义, 严禁弄虚作假,
 * 统筹推进, 加强沟通协调, 形成工作合力, 对发现的问题及时整改, 此项工作由分管领导负责): said of any task, it
 * tells no item from another, yet 形式主义 and 弄虚作假 are words of items. Only generic words may stand
 * before it (各村要, 务必), so 营造关爱残疾人的良好氛围 and 整治形式主义 keep what they name.
 */
const WORK_STYLE_KINDS = [
  "营造(?:良好|浓厚|和谐)?的?(?:社会|舆论)?氛围",
  "(?:杜绝|防止|反对|力戒|克服)形式主义(?:[、和]官僚主义)?",
  "(?:严禁|杜绝|不得|防止)(?:弄虚作假|虚报瞒报|敷衍塞责|走过场|层层加码)(?:[、和](?:弄虚作假|虚报瞒报|敷衍塞责|走过场|层层加码))*",
  "(?:统筹|协调|整体|扎实|稳步|有序)推进",
  "(?:加强|强化)(?:沟通协调|沟通|协调|协作|衔接)",
  "形成(?:工作)?合力",
  "(?:对|针对)?(?:工作中)?(?:发现|排查出?)的?问题(?:要)?(?:及时|立即|限期)整改(?:到位)?",
  "由(?:分管|主要)(?:领导|负责同志)(?:负责|牵头)",
  "坚持(?:问题|目标|结果|需求|效果)导向(?:[、和](?:问题|目标|结果|需求|效果)导向)*",
  "(?:工作中|活动中|期间)?注意(?:自身)?安全",
  STAFFED,
  TIMED,
  RATED,
  "(?:务求|讲求|注重|力求)实效",
  "注重(?:宣传|舆论)引导",
  "(?:形成|建立|健全|完善)(?:长效|常态化)(?:工作|管理)?机制",
  "以点带面",
  "(?:做好|注意|严格|严守)保密(?:工作|纪律)?",
  "(?:增强|提升|提高)(?:人民)?群众的?(?:获得感|幸福感|安全感)(?:[、和](?:获得感|幸福感|安全感))*",
  "注重(?:工作)?(?:方法|方式)(?:方法)?",
  "(?:切实|有效|进一步)?减轻基层(?:工作)?负担",
  // The form the work takes, said of it as a whole (采取入户走访、召开院坝会等形式, 以群众喜闻乐见的形式): how, not what.
  "(?:采取|通过|采用|运用|以)[^，,。；;]{2,30}?(?:等)?(?:多种|各种|灵活多样的?)?(?:形式|方式|办法|手段|途径)",
  "线上线下相结合",
  "(?:确保|做到|力争)(?:广大)?(?:群众|村民|农户|农牧民)?(?:普遍)?(?:知晓|熟知|了解|满意|家喻户晓)",
  "分片包干|责任到人|定人定责|包村到户|倒排工期|挂图作战",
  "(?:实行|实施|坚持)?(?:周|月|旬|季度?)(?:调度|通报|小结)",
  "(?:县里|县委|县政府|乡里|乡党委|上级|市里)?(?:将|会)(?:适时|不定期|随机|定期)?(?:进行|组织|开展)?(?:抽查|督查|检查|暗访|考核|通报|验收)",
  "(?:各村之间)?(?:互相|相互)(?:学习|借鉴|交流)(?:借鉴)?",
  "(?:及时)?(?:总结|推广|交流)(?:推广|提炼)?(?:好的|先进|典型)?经验(?:和)?(?:做法)?",
  // A principle of who answers for what (按照“谁主管、谁负责”的原则, 坚持属地管理原则): 属地管理 said so is
  // the manner of any task, yet it would pull tasks to the food-safety item that names 属地管理责任. A
  // principle of how the work is done (一村一策, 一事一议) names an item's method and stays.
  '(?:按照?|坚持|遵循)[“"‘]?(?=[^，,。；;“”"‘’]{0,16}?(?:谁|属地|分级|主管|负责|统筹|管行业))[^，,。；;“”"‘’]{2,16}?[”"’]?的?原则',
].join("|");
/** Several in one clause (以点带面、整体推进) are still nothing but manner. */
const WORK_STYLE = new RegExp(
  `^(?:各村|各乡镇|各单位|要|务必|须|请|并|同时|此项工作|全力|切实|坚决|严格|进一步|积极|广泛)*(?:${WORK_STYLE_KINDS})(?:[、和](?:${WORK_STYLE_KINDS}))*$`,
);
/** What was heard, before the task (据了解，据悉，). */
const HEARD =
  /^(?:据了解|据悉|据反映|经了解|(?:根据|据)群众(?:反映|举报|来电|来信)|(?:此前|前期|之前)?已?(?:多次|反复|再三)(?:通知|强调|要求|提醒|督促)(?:过)?)$/;
/**
 * How the message arranges the work, as a clause of its own: who attends (参加人员为各村书记和网格员), where
 * and when it is announced (地点在各村村委会, 时间另行通知), who pays (所需费用由乡财政保障), which notice governs
 * (具体以县里最新通知为准), and signing and returning (请各村书记签字确认后报乡党政办). Any task may be arranged so.
 */
const ARRANGEMENT = new RegExp(
  [
    // Attendees by rank only: 参训对象为各村儿童主任 names whom the work is about.
    "^(?:参加|参会|参训|出席)(?:人员|对象|范围)(?:为|是|[:：])(?:(?:各乡镇|各村|各单位|乡|村|全体)?(?:党支部|党政)?(?:支部书记|书记|监委会主任|主任|两委成员|两委班子|村干部|包村干部|干部|分管领导|主要领导|负责人|负责同志|工作人员|网格员|联络员|相关人员|班子成员|领导)(?:[、和及与]|$))+$",
    // A meeting room, not a facility the work is about (地点在乡微型消防站).
    "^(?:活动|会议|培训|集中)?地点(?:在|为|设在|[:：])[^，,。；;]{0,12}(?:会议室|会场|礼堂|报告厅|村委会|村委会院内|政府大院|大院)$",
    "^(?:具体)?(?:时间|地点|安排|时间地点)(?:另行|再行)(?:通知|告知|安排)$",
    "^(?:所需|相关|工作)?(?:费用|经费|资金)(?:由|从)[^，,。；;]{1,12}?(?:保障|承担|列支|解决|负担|支出|支付)$",
    "^(?:具体|一切|最终)?以[^，,。；;]{0,12}?(?:通知|要求|文件|安排)为准$",
    "^(?:请)?(?:各村)?(?:书记|主任|负责人|主要领导)?(?:签字|签名|盖章|签字盖章)(?:确认)?后?(?:报|报送|上报|交|交回|送)(?:至|到)?(?:乡|镇)?(?:党政办|党政综合办|办公室|政府|党委)?$",
  ].join("|"),
);
/**
 * What is pressing or weighty (时间紧、任务重, 责任重大, 意义重大) is an attitude only when said of the
 * task as such: 森林防火责任重大 and 第七次人口普查意义重大 name the subject.
 */
const PRESSURE = /^(.{0,10}?)(?:时间紧|任务重|时间紧迫|任务艰巨|责任重大|意义重大)/;
const SAID_OF_THE_TASK =
  /今年|当前|目前|近期|此项|这项|本项|该项|本次|此次|这次|工作|任务|各乡镇|各村|我们|大家|的|要|务必|[、，,\s]/g;
function namesSubject(clause: string): boolean {
  const pressing = PRESSURE.exec(clause);
  return pressing !== null && /[\u3400-\u9fff]/.test((pressing[1] ?? "").replace(SAID_OF_THE_TASK, ""));
}
/** A decision taken before the task (经研究决定：, 经县委研究，). */
const DECIDED = /^经[^，,。；;:：]{0,12}?研究(?:决定|同意)?[:：]?$/;
/**
 * Grounds named before the task (根据县委、县政府工作安排，按照《…法》有关规定，接上级通知，): the task is
 * what follows. 接 only as receiving word from above: 接种疫苗安排 and 接访工作安排 are work.
 */
const GROUNDS =
  /^(?:(?:根据|按照|依据|依照|遵照)[^，,。；;]{0,40}?|接(?:到|获)?(?:上级|上面|中央|国家|自治区|地区|省|市|州|县|乡)[^，,。；;]{0,20}?)(?:工作)?(?:安排|部署|要求|规定|精神|通知|决定|意见|方案|指示|电话)$/;

/** Bodies that send grounds: department names and their aliases (县卫健委), longest first. */
const SENDER = new RegExp(
  `^(?:(?:县?(?:${Object.entries(DEPARTMENT_ALIASES)
    .flatMap(([name, aliases]) => [name, ...aliases])
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join("|")})|上级|上面|中央|国家|自治区|地区|县委|县政府|县|乡党委|乡政府)[、，,和及与]?)+`,
);
/** The kind of document or word received, with its manner (防汛紧急通知 → 防汛). */
const RECEIVED_KIND =
  /(?:的)?(?:紧急)?(?:有关|相关)?(?:工作)?(?:安排|部署|要求|规定|精神|通知|决定|意见|方案|指示|电话)$/;

/**
 * What grounds are about: the title of the notice they name (根据县委关于秸秆禁烧的工作部署 → 秸秆禁烧),
 * or the words between a named sender and the kind of message (接县应急管理局防汛紧急通知 → 防汛). Grounds
 * that name only a sender (根据县委、县政府工作安排, 接上级通知) or a law are about nothing.
 */
function groundsSubject(grounds: string): string {
  const titled = titleSubject(grounds);
  if (titled) return titled;
  const body = grounds.replace(/^(?:根据|按照|依据|依照|遵照|接(?:到|获)?)/, "");
  const sender = SENDER.exec(body);
  if (!sender) return "";
  const subject = body.slice(sender[0].length).replace(RECEIVED_KIND, "");
  return /[\u3400-\u9fff]{2}/.test(subject) ? subject : "";
}

/**
 * A task pasted twice, whole (AA) or sentence by sentence (A。B。A。), read once: saying it again asks
 * nothing more, yet the repeated words would weigh twice wherever a sum is taken.
 */
export function withoutRepeats(text: string): string {
  const half = text.length / 2;
  if (Number.isInteger(half) && half >= 4 && text.slice(0, half) === text.slice(half))
    return text.slice(0, half);
  const seen = new Set<string>();
  return text.replace(/[^。！!？?；;\n]+[。！!？?；;\n]?/g, (sentence) => {
    const bare = sentence.replace(/[。！!？?；;\s]+$/, "").trim();
    if (bare.length < 4) return sentence;
    if (seen.has(bare)) return " ";
    seen.add(bare);
    return sentence;
  });
}

/**
 * A single task with the words that frame it blanked out: the sign-off (收到请回复), how it will be rated
 * (纳入年终考核), a preamble before a colon (现将有关事项通知如下：), whom it is addressed or copied to
 * (各乡镇、各有关单位：, 抄送：…), clauses that only ask for an attitude (请高度重视，…), state a decision
 * taken (经研究决定，) or name the grounds (根据县委、县政府工作安排，), whom to contact (联系人：…，电话：…),
 * a request to report back how it went (将落实情况报送), the attachments (附件：…), courtesies (@所有人,
 * 辛苦各位！, （此件公开发布）) and a tag that says how urgent the task is rather than who sends it
 * (【紧急】). They tell no item from another, yet their words (收, 通知, 考核, 紧急, 电话, 县政府) reach
 * items by chance. Blanks keep word boundaries.
 */
export function withoutFormulae(text: string): string {
  const out = withoutRepeats(text)
    .replace(SIGN_OFF, " ")
    .replace(RATING, " ")
    .replace(ADDRESSEES, " ")
    .replace(OFFICIALS_ADDRESSED, " ")
    .replace(QUERIES, query)
    .replace(SANCTIONS, sanction)
    .replace(FORMS_IN_CHAT, " ")
    .replace(LEAD_IN, " ")
    .replace(FORWARDED, forwarded)
    .replace(TOWNSHIP_SIGNATURE, " ")
    .replace(COPIED_TO, " ")
    .replace(CONTACT, " ")
    .replace(REPORT_BACK, " ")
    .replace(ATTACHMENT, " ")
    .replace(COURTESY, " ")
    .replace(MEANS, " ")
    .replace(TAG, (tag, inner: string) => (BODY_END.test(inner.trim()) ? tag : " "))
    .replace(LABEL, " ");
  // Clause by clause, with its delimiter, so what stays reads as before.
  const kept = out.replace(/[^,，;；。!！]+[,，;；。!！]?/g, (clause) => {
    const bare = clause.replace(/[,，;；。!！]$/, "").trim();
    // What was heard goes first: 根据群众反映 is no grounds that name a subject.
    if (HEARD.test(bare)) return " ";
    // Grounds that name what they are about (根据县委关于秸秆禁烧的工作部署) keep that.
    if (GROUNDS.test(bare)) return ` ${groundsSubject(bare)} `;
    return (ATTITUDE.test(bare) && !namesSubject(bare)) ||
      [DECIDED, SLOGAN, BOOKKEEPING, WORK_STYLE, ARRANGEMENT].some((formula) => formula.test(bare)) ||
      isReportForm(bare)
      ? " "
      : clause;
  });
  // A text that is nothing but formulae is still what was asked: it is checked as it stands.
  return /[\u3400-\u9fff]/.test(kept) ? kept : text;
}
