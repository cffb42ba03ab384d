/**
 * Licences and certificates a task asks the township to issue or verify (核发取水许可证, 发放健康证, 开具
 * 无犯罪记录证明, 核查诊所的执业许可证): the kind of licence is what decides whose work it is. The lists
 * name the few a township issues or helps with (婚姻状况证明, 收养登记…); one whose kind no item names —
 * 取水, 农药经营, 安全生产 — belongs to a county department or another body, however well the rest of the
 * task reads like an item that shares the word 许可证. The listed model weighs a chosen item that does not explain the kind (listed.ts).
 */
import type { Unit } from "./rank.ts";

/**
 * Verbs of issuing, approving or handing out a licence, and of verifying one held (核查, 查验, 核验: the
 * licensing body's check, as in 核查诊所的执业许可证). Without one, 许可证 is mentioned, not asked for
 * (检查发现…许可证被涂改 reports a finding).
 */
const ISSUING_VERBS = "核发|发放|颁发|办理|开具|出具|补发|审核|审批|签发|换领|换发|核查|查验|核验";
const ISSUING = new RegExp(ISSUING_VERBS);

/**
 * The heads of licence and certificate names, the longest at each place (许可证 before 许可 and 证); 证
 * alone last (证据 and 证件 are not licences). Heads are found first and the kind read back from each:
 * a pattern with the kind's characters before the head let them swallow 许可 of 许可证 when the clause
 * was short (核发取水许可证 read as 核发取水许可|证, its kind the act word 许可证, so no licence).
 */
const HEAD = /(?:许可证|许可|证明|执照|证书|证)(?![据件])/gu;
/** Most characters of a kind read back from its head. */
const KIND_CHARS = 8;
const HAN = /[\u3400-\u9fff]/u;

/**
 * What comes before a licence's kind in a clause: the issuing verb, a verb of holding (是否取得), a
 * preposition or particle, a measure (一份). The kind is what follows the last of them (审核发放|农药经营
 * 许可证, 的|安全生产许可, 是否取得|食品经营许可证).
 */
const BEFORE_KIND = new RegExp(
  `^.*(?:${ISSUING_VERBS}|取得|持有|获得|申领|申请|是否|有无|并|的|为|给|对|和|及|与|需要|要|请|统一|领|办|在|了|将|把|一份|是)`,
  "u",
);

/** 证 after a verb of handing out or holding is the act (换证, 发证, 办证, 持证, 无证), not a licence. */
const VERB_BEFORE_CERTIFICATE = /[换发领办补验制持颁核无]/u;

/** A licence a task asks to have issued. */
export interface LicenceAsked {
  /** As the task names it (取水许可证, 健康证). */
  name: string;
  /** The task's words that name its kind. */
  kind: Unit[];
}

/**
 * Each licence the task asks to have issued, with the task's words that name its kind: the word holding
 * the head when it has a kind of its own (健康证, 结婚证), else the words between the last verb or
 * particle and the head (取水 | 许可证; 农药 经营 | 许可证). A kind that is an act word (发证) is no kind.
 */
export function licencesAsked(prepared: string, units: readonly Unit[]): LicenceAsked[] {
  if (!ISSUING.test(prepared)) return [];
  const asked: LicenceAsked[] = [];
  // End of the last head: a kind does not reach back into it.
  let previous = 0;
  for (const m of prepared.matchAll(HEAD)) {
    const headStart = m.index;
    const headEnd = headStart + m[0].length;
    let from = headStart;
    while (from > Math.max(previous, headStart - KIND_CHARS) && HAN.test(prepared[from - 1]!)) from--;
    previous = headEnd;
    if (m[0] === "证" && VERB_BEFORE_CERTIFICATE.test(prepared[headStart - 1] ?? "")) continue;
    const kind = prepared.slice(from, headStart).replace(BEFORE_KIND, "");
    const kindStart = headStart - kind.length;
    const holder = units.find(
      (u) => u.start >= 0 && u.start <= headStart - 2 && u.start + u.word.length >= headEnd,
    );
    const words = holder
      ? [holder]
      : units.filter((u) => u.start >= kindStart && u.start + u.word.length <= headStart);
    if (!words.length || words.some((u) => u.act)) continue;
    asked.push({ name: prepared.slice(Math.min(...words.map((u) => u.start)), headEnd), kind: words });
  }
  return asked;
}
