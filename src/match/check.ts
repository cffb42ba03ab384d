/**
 * The task check: one task → basic / cooperative / reclaimed / unlisted, with the matched item, a
 * confidence, runner-ups and the evidence. The decision layer sits on top of the ranking:
 *  - unlisted when the best item is both weakly scored and covers little of what the task says;
 *  - a reclaimed item close behind a basic one wins when the task asks for the reclaimed act
 *    (处罚, 审批, 检疫…): the township must not be handed that act as its own duty.
 */
import { LIST_LABELS } from "../domain/edition.ts";
import type { Alternative, CheckResult, ItemRef } from "../domain/verdict.ts";
import { applicableSteps, evidenceFor } from "./evidence.ts";
import type { ItemIndex } from "./item-index.ts";
import { type Candidate, type Ranking, rank } from "./rank.ts";

/** Thresholds of the decision layer; `bench check` measures them on the tuning part of the dev cases. */
export interface DecisionThresholds {
  /** Below this score… */
  minScore: number;
  /** …and below this coverage, the task is unlisted. */
  minCoverage: number;
  /** A top item scoring this many times the runner-up is not unlisted even when weak. */
  dominance: number;
  /** A reclaimed candidate within this share of a basic top's score takes over when the acts agree. */
  reclaimedMargin: number;
}

export const DEFAULT_THRESHOLDS: DecisionThresholds = {
  minScore: 3.2,
  minCoverage: 0.25,
  reclaimedMargin: 0.7,
  dominance: 3,
};

/** Longest task text checked; longer input is cut here (a task is a sentence or a short paragraph). */
export const MAX_TASK_CHARS = 2000;

function ref(candidate: Candidate): ItemRef {
  const { list, number, name } = candidate.item;
  return { list, number, name };
}

/** Maps a score onto 0..1 around the unlisted threshold. */
function strength(candidate: Candidate, t: DecisionThresholds): number {
  const z = (candidate.score - t.minScore) / 1.3 + (candidate.coverage - t.minCoverage) * 6;
  return 1 / (1 + Math.exp(-z));
}

/** Picks the answer among the ranked candidates (null = unlisted). */
export function decide(ranking: Ranking, t: DecisionThresholds = DEFAULT_THRESHOLDS): Candidate | null {
  const top = ranking.candidates[0];
  if (!top) return null;
  const second = ranking.candidates[1];
  // A clear lead over every other item counts even when the task says much the lists do not.
  const dominant = top.score >= t.minScore * 0.5 && (!second || top.score >= second.score * t.dominance);
  if (top.score < t.minScore && top.coverage < t.minCoverage && !dominant) return null;
  if (top.item.list === "basic") {
    const reclaimed = ranking.candidates
      .slice(1, 6)
      .find(
        (c) =>
          c.item.list === "reclaimed" && c.sharedActs.length > 0 && c.score >= top.score * t.reclaimedMargin,
      );
    if (reclaimed && top.sharedActs.length === 0) return reclaimed;
  }
  return top;
}

const round = (x: number) => Math.round(x * 100) / 100;

/** Checks one task against an edition's index. Never throws on odd input: empty text is unlisted. */
export function checkTask(
  index: ItemIndex,
  text: string,
  t: DecisionThresholds = DEFAULT_THRESHOLDS,
): CheckResult {
  const ranking = rank(index, text.slice(0, MAX_TASK_CHARS));
  const chosen = decide(ranking, t);
  const others = ranking.candidates.filter((c) => c !== chosen).slice(0, 3);
  // Runner-ups' scores are on one scale with each other: higher ranked, higher score.
  const alternatives: Alternative[] = others.map((c) => ({
    ...ref(c),
    score: round(c.score / (c.score + t.minScore)),
  }));
  if (!chosen) {
    const top = ranking.candidates[0];
    if (!/[\u3400-\u9fff]/.test(text)) {
      return {
        verdict: "unlisted",
        confidence: 0,
        item: null,
        alternatives,
        evidence: [],
        reason: text.trim()
          ? "任务文本中没有中文内容，无法与清单事项对应；请提供中文任务原文。"
          : "任务文本为空：请提供任务原文。",
      };
    }
    const confidence = top ? 1 - strength(top, t) : 1;
    return {
      verdict: "unlisted",
      confidence: round(confidence),
      item: null,
      alternatives,
      evidence: top ? evidenceFor(index, ranking, top) : [],
      reason: top
        ? `未找到足够对应的清单事项（最接近的是${LIST_LABELS[top.item.list]}第${top.item.number}项，但匹配度不足）：属清单外事项，需先履行职责准入程序。`
        : "任务文本中没有可与清单事项对应的内容：属清单外事项，需先履行职责准入程序。",
    };
  }
  const runnerUp = others[0];
  const margin = runnerUp ? Math.max(0, (chosen.score - runnerUp.score) / chosen.score) : 1;
  const result: CheckResult = {
    verdict: chosen.item.list,
    confidence: round(strength(chosen, t) * (0.75 + 0.25 * margin)),
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
