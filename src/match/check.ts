/**
 * The task check: one task → basic / cooperative / reclaimed / unlisted, with the matched item, a
 * confidence, runner-ups and the evidence. The decision layer sits on top of the ranking:
 *  - which item: the best-ranked one, except that an item close behind it wins when it names the
 *    authority act the task asks for (处罚, 审批, 检疫…) and the top does not — typically a reclaimed
 *    item behind a basic one on the same subject: the township must not be handed that act; and a
 *    basic item close behind a leading cooperative one wins (a cooperative item's many steps pick up
 *    a task's words by chance; the township's own duty is the likelier reading when both fit); and an
 *    item close behind whose whole name the task says verbatim (电力设施保护) wins over a leader whose name
 *    it does not say (the leader's score came from scattered words); and an item of the county
 *    department the task names, close behind another department's item, wins (who leads is said);
 *  - whether it is covered at all: the listed-probability model (listed.ts) over the chosen item's
 *    distinctive-term evidence and the task's outside-the-lists cues.
 */
import { involvesAnyOf, LIST_LABELS } from "../domain/edition.ts";
import type { Alternative, CheckResult, ItemRef } from "../domain/verdict.ts";
import { CONFIDENCE_MODEL, confidenceFeatures, confidenceOf, namesOnlyOthers } from "./confidence.ts";
import { applicableSteps, evidenceFor } from "./evidence.ts";
import type { ItemIndex } from "./item-index.ts";
import { LISTED_MODEL, type ListedModel, listedProbability } from "./listed.ts";
import { MATCH_PARAMS } from "./params.ts";
import { type Candidate, type Ranking, rank, rankWithout, type Unit } from "./rank.ts";

const { margin: ACT_MARGIN, lookBehind: ACT_LOOK_BEHIND } = MATCH_PARAMS.acts;
const {
  crossListClose: CROSS_LIST_CLOSE,
  runnersUp: RUNNERS_UP,
  basicOverCooperative: BASIC_OVER_COOPERATIVE,
  wholeName: WHOLE_NAME,
  namedDepartment: NAMED_DEPARTMENT,
  namedDepartmentOverBasic: NAMED_DEPARTMENT_OVER_BASIC,
} = MATCH_PARAMS.answer;

/** Longest task text checked; longer input is cut here (a task is a sentence or a short paragraph). */
export const MAX_TASK_CHARS = 2000;

function ref(candidate: Candidate): ItemRef {
  const { list, number, name } = candidate.item;
  return { list, number, name };
}

/** The item a task is about, if it is listed at all (the list choice, before the listed decision). */
export function choose(ranking: Ranking): Candidate | undefined {
  const top = ranking.candidates[0];
  if (!top || top.sharedActs.length > 0) return top;
  const acting = ranking.candidates
    .slice(1, ACT_LOOK_BEHIND)
    .find((c) => c.sharedActs.length > 0 && c.score >= top.score * ACT_MARGIN);
  if (acting) return acting;
  const ofNamed = namedDepartmentsItem(ranking, top);
  if (ofNamed) return ofNamed;
  if (WHOLE_NAME > 0 && !top.namedWhole) {
    const named = ranking.candidates
      .slice(1, ACT_LOOK_BEHIND)
      .find((c) => c.score >= top.score * WHOLE_NAME && c.namedWhole);
    if (named) return named;
  }
  if (BASIC_OVER_COOPERATIVE > 0 && top.item.list === "cooperative") {
    const basic = ranking.candidates
      .slice(1, ACT_LOOK_BEHIND)
      .find((c) => c.item.list === "basic" && c.score >= top.score * BASIC_OVER_COOPERATIVE);
    if (basic) return basic;
  }
  return top;
}

/**
 * An item of a department the task names, close behind a leader that is another department's item (a
 * basic leader only with answer.namedDepartmentOverBasic, off): the task says who leads or took over the
 * work, and the leader's words matched by chance.
 */
function namedDepartmentsItem(ranking: Ranking, top: Candidate): Candidate | undefined {
  const named = ranking.cues.namedDepartments;
  if (NAMED_DEPARTMENT <= 0 || named.length === 0) return undefined;
  if (top.item.list === "basic" ? !NAMED_DEPARTMENT_OVER_BASIC : !namesOnlyOthers(named, top.item))
    return undefined;
  return ranking.candidates
    .slice(1, ACT_LOOK_BEHIND)
    .find((c) => c.score >= top.score * NAMED_DEPARTMENT && involvesAnyOf(c.item, named));
}

/** Picks the answer among the ranked candidates (null = unlisted), with its listed probability. */
export function decide(
  ranking: Ranking,
  model: ListedModel = LISTED_MODEL,
): { chosen: Candidate | null; probability: number } {
  const candidate = choose(ranking);
  const probability = candidate ? listedProbability(ranking, candidate, model) : 0;
  return { chosen: candidate && probability >= 0.5 ? candidate : null, probability };
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * The outside-the-lists cues of a task, said in words for the reason ("" when none), with the licences
 * that the nearest item — the one the reason names — does not name.
 */
function cueNotes(ranking: Ranking, nearest: Candidate | undefined): string {
  const { unknownBodies, countySeat, secondment, sales } = ranking.cues;
  const notes: string[] = [];
  if (nearest?.missesLicenceKind) {
    // Only those it misses: the others it names (烟花爆竹经营许可证 of 烟花爆竹安全监管).
    const names = [...new Set(nearest.missedLicences.map((l) => l.name))].join("、");
    notes.push(`最接近的事项不涉及任务要求办理的${names}`);
  }
  if (unknownBodies.length) notes.push(`任务涉及清单未列的机构（${[...new Set(unknownBodies)].join("、")}）`);
  if (countySeat) notes.push("任务地点在县城或涉及县属单位，不在本乡镇辖区");
  if (secondment) notes.push("任务抽调乡镇人员到县级部门或单位工作，属借调而非乡镇职责");
  if (sales) notes.push("任务带有推销、认购等摊派性质");
  return notes.length ? `；${notes.join("；")}` : "";
}

/**
 * The runner-ups of an answer: the best item of each other list when it is close (a near miss across
 * lists is what an official most needs to see), then the next best items, in score order.
 */
function runnersUp(ranking: Ranking, chosen: Candidate | null): Candidate[] {
  const others = ranking.candidates.filter((c) => c !== chosen);
  const lead = chosen ?? ranking.candidates[0];
  if (!lead) return [];
  const crossList = (["basic", "cooperative", "reclaimed"] as const)
    .filter((list) => !chosen || list !== chosen.item.list)
    .map((list) => others.find((c) => c.item.list === list))
    .filter((c): c is Candidate => !!c && c.score >= lead.score * CROSS_LIST_CLOSE)
    .sort((a, b) => b.score - a.score);
  const rest = others.filter((c) => !crossList.includes(c));
  // Without an answer the runner-ups are the nearest items, whatever their lists.
  return (chosen ? [...crossList, ...rest] : others).slice(0, RUNNERS_UP);
}

/**
 * How steady the answer is: the share of the task's words that the answered (or, for unlisted, the
 * nearest) item explains without any one of which the answer stands (the same item, or still unlisted);
 * 1 when every such word can go. An answer that one word decides is fragile, one that a single word of
 * many could overturn less so, and the confidence model weighs the share (a yes/no "every word can go"
 * was used first; the share, chosen on tune: 6×5-fold CV log-loss 0.290 → 0.284, CV coverage at 97 %
 * precision 61.7 → 63.6 %). Words the item does not explain are not tried (a ranking each): taking one
 * away lowers other items only, though for an unlisted answer it can raise the nearest item's coverage.
 */
export function steadiness(
  index: ItemIndex,
  ranking: Ranking,
  lead: Candidate | undefined,
  chosen: Candidate | null,
  model: ListedModel = LISTED_MODEL,
): number {
  const item = chosen ?? lead;
  if (!item) return 1;
  // A word the task repeats is tried once: without any one of its places the ranking is the same (the
  // concept a word carries is held by its first place only, so that place counts as a word of its own).
  // A pasted text of one phrase 600 times took 17 s.
  const seen = new Set<string>();
  let tried = 0;
  let stands = 0;
  for (const unit of ranking.units) {
    const key = placeKey(ranking, unit);
    if (seen.has(key)) continue;
    seen.add(key);
    if (!ranking.sheet.reaches(ranking.groups.indexOf(unit.group), item.doc)) continue;
    tried++;
    const other = decide(rankWithout(index, ranking, unit), model).chosen;
    if (chosen ? other?.doc === chosen.doc : !other) stands++;
  }
  return tried ? stands / tried : 1;
}

const wordKey = (u: Unit) => [u.word, ...u.concepts, ...u.broader, ...u.expansions].join("\u0001");

/**
 * What taking one place of a word away changes: the word with what it carries, and the licences whose
 * kind it names, each with the rest of its kind (without the place, 特种行业 of 办理特种行业许可证 leaves
 * no licence asked for, while 特种行业 elsewhere in the task leaves it; licences.ts).
 */
function placeKey(ranking: Ranking, unit: Unit): string {
  const rest = (kind: readonly Unit[]) => kind.filter((u) => u !== unit).map(wordKey);
  const kinds = ranking.licences
    .filter((l) => l.kind.includes(unit))
    .map((l) => `\u0002${rest(l.kind).join("\u0003")}`)
    .sort();
  return wordKey(unit) + kinds.join("");
}

export interface Answer {
  ranking: Ranking;
  /** The item the listed model judged (the best candidate after the act look-behind). */
  lead: Candidate | undefined;
  /** The answered item; null = unlisted. */
  chosen: Candidate | null;
  /** The listed model's probability that the task is covered. */
  probability: number;
  /** Share of the task's words the answer stands without (1 = it stands without any one of them). */
  steadiness: number;
  /** Calibrated probability that the answer is right (confidence.ts). */
  confidence: number;
}

/** The decision for one task, before it is put in words. */
export function answerTask(index: ItemIndex, text: string, model: ListedModel = LISTED_MODEL): Answer {
  const ranking = rank(index, text.slice(0, MAX_TASK_CHARS));
  const { chosen, probability } = decide(ranking, model);
  const lead = choose(ranking);
  const steady = steadiness(index, ranking, lead, chosen, model);
  const confidence = confidenceOf(confidenceFeatures(ranking, lead, chosen, probability, steady));
  return { ranking, lead, chosen, probability, steadiness: steady, confidence };
}

/** Checks one task against an edition's index. Never throws on odd input: empty text is unlisted. */
export function checkTask(index: ItemIndex, text: string, model: ListedModel = LISTED_MODEL): CheckResult {
  const { ranking, chosen, confidence } = answerTask(index, text, model);
  const needs_review =
    confidence < CONFIDENCE_MODEL.reviewThreshold ||
    ranking.units.length < MATCH_PARAMS.answer.reviewMinWords;
  const others = runnersUp(ranking, chosen);
  // Runner-ups' scores are on one scale with each other: higher ranked, higher score.
  const top = ranking.candidates[0];
  const alternatives: Alternative[] = others.map((c) => ({
    ...ref(c),
    score: round(top ? c.score / top.score : 0),
  }));
  if (!chosen) {
    if (!/[\u3400-\u9fff]/.test(text)) {
      // Nothing to compare: a runner-up found by stray letters (a formula's C matching C、D级) is noise.
      return {
        verdict: "unlisted",
        confidence: 0,
        needs_review: true,
        item: null,
        alternatives: [],
        evidence: [],
        reason: text.trim()
          ? "任务文本中没有中文内容，无法与清单事项对应；请提供中文任务原文。"
          : "任务文本为空：请提供任务原文。",
      };
    }
    const found = top
      ? `未找到足够对应的清单事项（最接近的是${LIST_LABELS[top.item.list]}第${top.item.number}项，但匹配度不足）`
      : "任务文本中没有可与清单事项对应的内容";
    return {
      verdict: "unlisted",
      confidence: round(confidence),
      needs_review,
      item: null,
      alternatives,
      evidence: top ? evidenceFor(index, ranking, top) : [],
      reason: `${found}${cueNotes(ranking, top)}：属清单外事项，需先履行职责准入程序。`,
    };
  }
  const result: CheckResult = {
    verdict: chosen.item.list,
    confidence: round(confidence),
    needs_review,
    item: ref(chosen),
    alternatives,
    evidence: evidenceFor(index, ranking, chosen),
    reason: "",
  };
  const item = chosen.item;
  if (item.list === "basic") {
    result.reason = `对应基本履职事项第${item.number}项：属本乡镇必须履行的职责。`;
  } else if (item.list === "cooperative") {
    result.leadDepartments = item.leadDepartments;
    result.townshipSteps = applicableSteps(index, ranking, item);
    result.reason = `对应配合履职事项第${item.number}项：由${item.leadDepartments.join("、") || "上级部门"}牵头负责，乡镇按所列配合职责配合。`;
  } else {
    result.takeover = {
      departments: item.takeover.departments,
      none: item.takeover.none,
      workMethod: item.takeover.workMethod,
    };
    const who = item.takeover.departments.join("、");
    result.reason = who
      ? `对应上级部门收回事项第${item.number}项：已由${who}承接，不应再交由乡镇办理。`
      : `对应上级部门收回事项第${item.number}项：该事项已收回，不应再交由乡镇办理。`;
  }
  return result;
}
