/**
 * One checked task as the cells added to a spreadsheet and shown in the results table: 核验结论, 事项,
 * 牵头/承接部门, 乡镇职责（步骤）, 依据, 需人工确认. A cooperative item lists all of the township's steps,
 * numbered as the list numbers them, the ones the task concerns marked — never filtered or renumbered.
 */
import { type CooperativeItem, type EditionDraft, type Item, LIST_LABELS } from "../domain/edition.ts";
import { type CheckResult, EVIDENCE_FIELD_LABELS, VERDICT_LABELS } from "../domain/verdict.ts";

export const ANNOTATION_HEADERS = [
  "核验结论",
  "事项",
  "牵头/承接部门",
  "乡镇职责（步骤）",
  "依据",
  "需人工确认",
] as const;

export interface TaskAnnotation {
  verdict: string;
  item: string;
  departments: string;
  townshipSteps: string;
  evidence: string;
  review: string;
}

/** The certainty of an answer in words: 高 when no review is needed, else 中 or 低. */
export function confidenceWord(result: Pick<CheckResult, "confidence" | "needs_review">): "高" | "中" | "低" {
  if (!result.needs_review) return "高";
  return result.confidence >= 0.5 ? "中" : "低";
}

/** The item a result names, from the edition. */
export function itemOf(draft: EditionDraft, result: CheckResult): Item | undefined {
  const ref = result.item;
  return ref ? draft.items.find((i) => i.list === ref.list && i.number === ref.number) : undefined;
}

/** The township's steps of a cooperative item, numbered per block as printed, the touched ones marked. */
export function townshipStepLines(item: CooperativeItem, touched: readonly string[]): string[] {
  const lines: string[] = [];
  for (const block of item.townshipDuties) {
    if (block.heading) lines.push(block.heading);
    block.steps.forEach((step, i) => {
      lines.push(`${i + 1}. ${step}${touched.includes(step) ? "【本任务涉及】" : ""}`);
    });
  }
  return lines;
}

function stepsCell(result: CheckResult, item: Item | undefined): string {
  switch (result.verdict) {
    case "basic":
      return "乡镇自行履职（基本履职事项）";
    case "cooperative":
      return item?.list === "cooperative"
        ? townshipStepLines(item, result.townshipSteps ?? []).join("\n")
        : (result.townshipSteps ?? []).join("\n");
    case "reclaimed":
      return "不属乡镇职责：已由上级部门收回，不应交由乡镇承担";
    case "unlisted":
      return "清单外事项：需履行职责准入程序";
  }
}

function departmentsCell(result: CheckResult): string {
  if (result.verdict === "cooperative") return `牵头：${(result.leadDepartments ?? []).join("、")}`;
  if (result.verdict === "reclaimed") {
    const takers = result.takeover?.departments ?? [];
    return takers.length ? `承接：${takers.join("、")}` : "承接：无（清单未列承接部门）";
  }
  return "";
}

/** The cells for one checked task. */
export function annotate(draft: EditionDraft, result: CheckResult): TaskAnnotation {
  const item = itemOf(draft, result);
  const evidence = result.evidence.map(
    (e) => `${e.task}${e.task === e.item ? "" : `→${e.item}`}（${EVIDENCE_FIELD_LABELS[e.field]}）`,
  );
  return {
    verdict: VERDICT_LABELS[result.verdict],
    item: result.item ? `${LIST_LABELS[result.item.list]}第${result.item.number}项 ${result.item.name}` : "",
    departments: departmentsCell(result),
    townshipSteps: stepsCell(result, item),
    evidence: [result.reason, evidence.length ? `匹配词：${evidence.join("，")}` : ""]
      .filter(Boolean)
      .join("\n"),
    review: `${result.needs_review ? "是" : "否"}（把握${confidenceWord(result)}）`,
  };
}

/** The cells in header order. */
export function annotationCells(a: TaskAnnotation): string[] {
  return [a.verdict, a.item, a.departments, a.townshipSteps, a.evidence, a.review];
}
