/**
 * Text → index terms. Both item fields and tasks go through the same analysis, so what a task says
 * and what an item says meet on the same terms: jieba words (search mode, so 安全隐患 also yields 隐患)
 * and character bigrams of Chinese runs, which catch words the dictionary does not know.
 */
import { DEPARTMENT_ALIASES } from "../domain/departments.ts";
import { prepareTask } from "./prepare.ts";
import type { Segmenter } from "./segment.ts";

/** Bigram terms carry this prefix so they never collide with a one-character word. */
export const BIGRAM = "\u0002";

/**
 * Words that carry no subject in government writing: addressing, politeness, generic verbs of doing.
 * They are dropped from both sides so they neither match nor count as unmatched.
 */
const STOPWORDS = new Set(
  (
    "的 了 和 与 及 以及 或 或者 等 对 在 于 由 把 将 被 为 从 向 到 按 按照 根据 依据 通过 对于 关于 其 其他 " +
    "有关 相关 各 各类 各项 每 每个 本 该 此 这 那 并 并且 及时 认真 切实 积极 进一步 全面 严格 依法 " +
    "请 请各 要 需 需要 应 应当 须 必须 可 可以 能 是 有 无 不 没有 也 都 还 又 再 就 即 后 前 中 内 外 上 下 " +
    "工作 事项 情况 方面 有关工作 相关工作 做好 开展 进行 加强 推进 推动 落实 完成 负责 组织 实施 确保 " +
    "乡 乡镇 乡里 乡政府 乡镇街道 街道 各乡镇 本乡 我乡 全乡 辖区 辖区内 村 各村 村里 村委会 " +
    // Other names of the same places and bodies: 各行政村, 村级, 本行政区域内, 乡人民政府, 全乡范围内.
    "行政村 村级 行政区域 本行政区域 人民政府 范围 " +
    // Urgency and the form of a request, which say how, not what: 即日起, 第一时间, 务必, 要求.
    "即日 即日起 第一时间 务必 要求 " +
    // What points back at the task itself: 此项工作, 本次.
    "此项 该项 这项 本项 此项工作 该项工作 这项工作 本项工作 此次 本次 这次 该次 " +
    "今年 明年 去年 年底 年初 月底 当年 近期 目前 及早 尽快 提前 按时 定期 每年 每月 每周 " +
    "一 二 三 四 五 六 七 八 九 十 个 名 次 人 户 件 份 项 家 日 月 年"
  ).split(" "),
);

/** Department terms carry this prefix: a department named in a task matches departments, not topics. */
export const DEPARTMENT = "@";

const CANONICAL_DEPARTMENTS = new Set(Object.keys(DEPARTMENT_ALIASES));

/** True when a word is a department name (canonical, or any 县…局/委/办 the dictionary kept whole). */
function isDepartment(word: string): boolean {
  return CANONICAL_DEPARTMENTS.has(word) || /^县.{1,12}(局|委|办|部|会|中心|院)$/.test(word);
}

/** True for a term that carries subject matter. */
export function isContentWord(word: string): boolean {
  return !STOPWORDS.has(word) && /[\p{L}\p{N}]/u.test(word) && !/^\d+$/.test(word);
}

/** Single-character terms carry this prefix. */
export const CHAR = "\u0003";

/** Single characters of each run of Chinese characters (中药材 and 中草药 share 中 and 药). */
export function characters(text: string): string[] {
  return (text.match(/[\u3400-\u9fff]/g) ?? []).map((c) => CHAR + c);
}

/** Character bigrams of each run of Chinese characters. */
export function bigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(/[\u3400-\u9fff]{2,}/g) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) out.push(BIGRAM + run.slice(i, i + 2));
  }
  return out;
}

const subwordCache = new WeakMap<Segmenter, Map<string, string[]>>();

/** Dictionary sub-words of a word (jieba's search mode), memoised per segmenter: words repeat a lot. */
function subwordsOf(word: string, segmenter: Segmenter): string[] {
  let cache = subwordCache.get(segmenter);
  if (!cache) {
    cache = new Map();
    subwordCache.set(segmenter, cache);
  }
  let out = cache.get(word);
  if (!out) {
    out = segmenter.cutNormalized(word, true).filter((w) => w !== word && isContentWord(w));
    cache.set(word, out);
  }
  return out;
}

/** The analysed form of one text: its words and bigrams, with the surface they came from. */
export interface Analysis {
  /** Content words in order, as jieba cut them (departments prefixed with DEPARTMENT). */
  words: string[];
  /** Dictionary sub-words of the longer content words (安全隐患 → 安全, 隐患), not already among `words`. */
  subwords: string[];
  /** Bigram terms (prefixed with BIGRAM) of the content words' Chinese characters. */
  bigrams: string[];
  /** Runs of adjacent content words, joined (what bigrams and characters are taken from). */
  runs: string[];
}

/**
 * Analyses text already prepared by prepareTask (normalised, departments folded, noise masked).
 * Bigrams are taken inside each content word and across adjacent content words, never across stopwords.
 */
export function analyzePrepared(text: string, segmenter: Segmenter): Analysis {
  const words: string[] = [];
  const subwords: string[] = [];
  const runs: string[] = [];
  let run = "";
  for (const word of segmenter.cutNormalized(text)) {
    if (isDepartment(word)) {
      words.push(DEPARTMENT + word);
      if (run) runs.push(run);
      run = "";
    } else if (isContentWord(word)) {
      run += word;
      words.push(word);
      if (word.length > 2) subwords.push(...subwordsOf(word, segmenter));
    } else if (run) {
      runs.push(run);
      run = "";
    }
  }
  if (run) runs.push(run);
  return { words, subwords, bigrams: runs.flatMap(bigrams), runs };
}

/** Analyses raw text: prepareTask then analyzePrepared. */
export function analyze(text: string, segmenter: Segmenter, county?: string): Analysis {
  return analyzePrepared(prepareTask(text, county), segmenter);
}

/** The words of a prepared text as [start, end) spans, in order (for telling mentions from collisions). */
export function wordSpans(text: string, segmenter: Segmenter): [number, number][] {
  const spans: [number, number][] = [];
  const lower = text.toLowerCase();
  let cursor = 0;
  for (const word of segmenter.cutNormalized(text)) {
    const at = lower.indexOf(word, cursor);
    if (at < 0) continue;
    spans.push([at, at + word.length]);
    cursor = at + word.length;
  }
  return spans;
}
