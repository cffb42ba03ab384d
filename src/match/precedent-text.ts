/**
 * When two task wordings are "the same task": both are reduced to what stays when a department reissues a
 * task next month for other villages — dates, numbers, village names, salutations and closing lines dropped
 * — and compared by the Jaccard overlap of their character bigrams.
 */

const SALUTATION =
  /^[@＠]?\s*(请)?(各|全县各|你|贵)?(乡镇|乡|镇|村|街道|单位|社区)(人民政府|党委|政府|党政办|办公室|农业（畜牧）站|站|所)?[、，,：:\s]*/;
const CLOSINGS = [
  /收到请.{0,12}(回复|转告|确认|传达)[^。]*[。！]?/g,
  /特此通知[。！]?/g,
  /请.{0,16}(将|把)?.{0,12}(落实|完成|工作|开展)?(情况|进展|进度)(报送|上报|报|反馈)[^。]*[。]?/g,
  /(请)?(按时|及时)(回复|反馈)[。！]?/g,
];
const CN_NUM = "〇零一二三四五六七八九十百千万两";
const DATES = [
  new RegExp(`(\\d{2,4}|[${CN_NUM}]{2,4})年(度)?`, "g"),
  new RegExp(`(\\d{1,2}|[${CN_NUM}]{1,3})月(份)?((\\d{1,2}|[${CN_NUM}]{1,3})[日号])?`, "g"),
  /\d{1,2}[日号]/g,
  /(本|下|上|这)?(周|星期)[一二三四五六日天末]/g,
  /(本|下|上|这)(周|月|年|季度)/g,
  /[上中下](旬|半年)/g,
  /(第?[一二三四1-4]季度)/g,
  /(今年|明年|去年|年底|月底|年初|月初|年末|月末|近期|近日|当前|目前|节前|节后)/g,
  /\d{1,2}[:：]\d{2}/g,
];
/** Counted things lose their count (5人 → 人) and numbers their digits. */
const NUMBERS = [
  new RegExp(`[${CN_NUM}]+(?=(个|人|名|户|场|次|份|套|批|天|项|家|所|处|亩|条|辆|期))`, "g"),
  /\d+([.．]\d+)?%?/g,
];
/** Characters a village name does not hold: the words before it (组织、到、对…). */
const BEFORE_NAME = new Set(
  "组织对在到为与和及各的向从把将由赴去请是了等中内外区县乡镇开展做好协助配合动员走访核查入户辖前后于给帮带让督促、，,".split(
    "",
  ),
);
/** Words ending in 村 that are not a village's name. */
const GENERIC_VILLAGE =
  /(农|乡|各|本|全|该|每|行政|自然|贫困|重点|示范|后进|相关|所在|边境|空心|涉及|有关|多|两|一|二|三|几|城中|易地搬迁)$/;

/** A village's name (阿克吐格曼村, 策勒乡恰哈村) becomes 某村; 农村, 各村, 行政村 stay. */
function dropVillages(text: string): string {
  // A name never holds 村 itself (U+6751), so 恰哈村村民 leaves 村民 whole.
  return text.replace(/[\u3400-\u6750\u6752-\u9fff]{2,6}村/g, (m) => {
    let name = m.slice(0, -1);
    // The name is what follows the last character that belongs to the words before it.
    for (let i = name.length - 1; i >= 0; i--) {
      if (BEFORE_NAME.has(name[i]!)) {
        name = name.slice(i + 1);
        break;
      }
    }
    if (name.length < 2 || GENERIC_VILLAGE.test(name)) return m;
    return `${m.slice(0, m.length - 1 - name.length)}某村`;
  });
}

/** The wording reduced to what makes it this task (see the module comment). */
export function precedentKey(text: string): string {
  let t = text.normalize("NFKC").trim().replace(SALUTATION, "");
  for (const re of CLOSINGS) t = t.replace(re, "");
  for (const re of DATES) t = t.replace(re, "§");
  // A removed date takes its preposition and deadline word with it: 于§前, 截至§底.
  t = t.replace(/(于|在|截至|到|从)?§+(底)?(前|之前|以前|起|开始|内)?/g, "");
  for (const re of NUMBERS) t = t.replace(re, "");
  t = dropVillages(t).replace(/某村([、，,和及与]?某村)+/g, "某村");
  return t.replace(/[^\u3400-\u9fffa-zA-Z]/g, "").replace(/^请/, "");
}

function bigrams(key: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < key.length; i++) out.add(key.slice(i, i + 2));
  if (key.length === 1) out.add(key);
  return out;
}

/** Jaccard overlap of the two keys' character bigrams (0..1). */
export function keySimilarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return common / (x.size + y.size - common);
}
