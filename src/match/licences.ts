/**
 * Licences and certificates a task asks the township to issue (核发取水许可证, 发放健康证, 开具无犯罪记录
 * 证明): the kind of licence is what decides whose work it is. The lists name the few a township issues or
 * helps with (婚姻状况证明, 收养登记…); one whose kind no item names — 取水, 农药经营, 安全生产 — belongs
 * to a county department or another body, however well the rest of the task reads like an item that
 * shares the word 许可证. The listed model weighs a chosen item that does not explain the kind (listed.ts).
 */
import type { Unit } from "./rank.ts";

/** Verbs of issuing, approving or handing out a licence. Without one, 许可证 is mentioned, not asked for. */
const ISSUING = /核发|发放|颁发|办理|开具|出具|补发|审核|审批|签发|换领|换发/;

/** The heads of licence and certificate names; 证 alone last (证据 and 证件 are not licences). */
const LICENCE = /([\u3400-\u9fff]{0,8})(许可证|许可|证明|执照|证书|证)(?![据件])/gu;

/**
 * What comes before a licence's kind in a clause: the issuing verb, a preposition or particle, a measure
 * (一份). The kind is what follows the last of them (审核发放|农药经营许可证, 的|安全生产许可).
 */
const BEFORE_KIND =
  /^.*(?:核发|发放|颁发|办理|开具|出具|补发|审核|审批|签发|换领|换发|并|的|为|给|对|和|及|与|需要|要|请|统一|领|办|在|了|将|把|一份|是)/u;

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
  for (const m of prepared.matchAll(LICENCE)) {
    const before = m[1]!;
    const kind = before.replace(BEFORE_KIND, "");
    const headStart = m.index + before.length;
    const headEnd = headStart + m[2]!.length;
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
