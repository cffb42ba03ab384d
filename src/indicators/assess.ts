/**
 * Every 考核 indicator judged against the township's lists, once the task check has placed it:
 *  - on a reclaimed item: 不得对乡镇考核 (who took it over, and whether that is the assessing department);
 *  - unlisted: 未经准入 (an indicator outside the lists needs admission first);
 *  - on a cooperative item, scored as if the township led it: the indicator's wording asks of the township
 *    what the item's steps give the lead department (see leadWording);
 *  - otherwise in order (basic, or cooperative in the township's own steps).
 * And the points concerned, totalled per assessing department.
 */
import { canonicalDepartment } from "../domain/departments.ts";
import type { CooperativeItem, EditionDraft } from "../domain/edition.ts";
import type { CheckResult } from "../domain/verdict.ts";
import type { Indicator } from "./read.ts";

export type Finding = "reclaimed" | "unlisted" | "lead" | "ok";

export const FINDING_LABELS: Record<Finding, string> = {
  reclaimed: "不得对乡镇考核（上级部门收回事项）",
  unlisted: "未经准入（清单外事项）",
  lead: "配合事项按牵头考核",
  ok: "符合清单",
};

export const FINDING_SHORT: Record<Finding, string> = {
  reclaimed: "收回事项",
  unlisted: "未经准入",
  lead: "按牵头考核",
  ok: "符合",
};

export interface AssessedIndicator extends Indicator {
  check: CheckResult;
  finding: Finding;
  /** Why, in a sentence a 编办 can read out. */
  explanation: string;
}

/** Words too common in indicators and steps to tell a lead's step from the township's. */
const COMMON =
  /乡镇|街道|（街道）|辖区|工作|情况|相关|有关|按时|及时|完成|按要求|要求|得分|扣分|每[项次处]|不得分|满分|[0-9.]+分/g;

function bigrams(text: string): Set<string> {
  const han = text.replace(COMMON, "，").replace(/[^\u3400-\u9fff]+/g, "，");
  const out = new Set<string>();
  for (const run of han.split("，")) for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
  return out;
}

/** Share of a step's word pairs that the indicator's wording repeats (0..1). */
function coverage(wording: Set<string>, step: string): number {
  const pairs = bigrams(step);
  if (pairs.size === 0) return 0;
  let shared = 0;
  for (const p of pairs) if (wording.has(p)) shared++;
  return shared / pairs.size;
}

/** Wording that keeps the township in a cooperating role. */
const COOPERATING = /配合|协助|协同|参与|支持|协调配合/;
/** Wording of a lead's work: deciding, planning, approving, enforcing, organising the whole. */
const LEAD_ACTS = [
  "牵头",
  "负总责",
  "主体责任",
  "统筹",
  "组织实施",
  "审批",
  "核发",
  "验收",
  "执法",
  "处罚",
  "制定",
  "编制",
  "组建",
  "考核",
];

interface Step {
  text: string;
  department: string | null;
}

function stepsOf(item: CooperativeItem): { lead: Step[]; township: string[] } {
  const lead = item.departmentDuties.flatMap((b) =>
    b.steps.map((text) => ({ text, department: b.department ?? b.group ?? null })),
  );
  return { lead, township: item.townshipDuties.flatMap((b) => b.steps) };
}

/**
 * Whether an indicator's wording makes the township answer for the lead department's steps of a
 * cooperative item, and the step it takes over. Decided from the steps, not from a list of items: the
 * wording repeats a lead step clearly more than any township step, or names a lead's act (制定, 审批, 验收 …)
 * that only the lead's steps contain; wording that says 配合/协助 never counts.
 */
export function leadWording(wording: string, item: CooperativeItem): Step | undefined {
  if (COOPERATING.test(wording)) return undefined;
  const { lead, township } = stepsOf(item);
  const words = bigrams(wording);
  const best = (steps: Step[]) =>
    steps.reduce<{ step?: Step; score: number }>(
      (top, step) => {
        const score = coverage(words, step.text);
        return score > top.score ? { step, score } : top;
      },
      { score: 0 },
    );
  const leadBest = best(lead);
  const townshipBest = best(township.map((text) => ({ text, department: null })));
  if (leadBest.step && leadBest.score >= 0.35 && leadBest.score > townshipBest.score + 0.1)
    return leadBest.step;
  for (const act of LEAD_ACTS) {
    if (!wording.includes(act) || township.some((s) => s.includes(act))) continue;
    const step = lead.find((s) => s.text.includes(act));
    if (step) return step;
  }
  return undefined;
}

function cooperativeOf(draft: EditionDraft, check: CheckResult): CooperativeItem | undefined {
  const ref = check.item;
  const item = ref && draft.items.find((i) => i.list === ref.list && i.number === ref.number);
  return item?.list === "cooperative" ? item : undefined;
}

/** The text an indicator is checked by: its name and content (group headings are too broad to help). */
export function indicatorText(indicator: Indicator): string {
  return [indicator.name, indicator.content].filter(Boolean).join("：");
}

/** Judges one checked indicator. */
export function assessIndicator(
  draft: EditionDraft,
  indicator: Indicator,
  check: CheckResult,
): AssessedIndicator {
  const ref = check.item ? `第${check.item.number}项“${check.item.name}”` : "";
  const base = { ...indicator, check };
  switch (check.verdict) {
    case "reclaimed": {
      const takers = check.takeover?.departments ?? [];
      const assessor = indicator.department ? canonicalDepartment(indicator.department, draft.county) : "";
      const self = assessor && takers.includes(assessor) ? "考核部门即承接部门，" : "";
      const who = takers.length ? `已由${takers.join("、")}承接` : "已由上级部门收回";
      return {
        ...base,
        finding: "reclaimed",
        explanation: `上级部门收回事项${ref}${who}，${self}不得再对乡镇考核。`,
      };
    }
    case "unlisted":
      return {
        ...base,
        finding: "unlisted",
        explanation: "不在乡镇履职事项清单内：未经职责准入，不得列为对乡镇的考核指标。",
      };
    case "cooperative": {
      const item = cooperativeOf(draft, check);
      const step = item ? leadWording(indicatorText(indicator), item) : undefined;
      const leads = (check.leadDepartments ?? []).join("、");
      if (step) {
        return {
          ...base,
          finding: "lead",
          explanation:
            `配合履职事项${ref}由${leads}牵头；指标要求乡镇承担${step.department ?? "牵头部门"}的职责` +
            `“${step.text}”，应只考核乡镇配合职责。`,
        };
      }
      return {
        ...base,
        finding: "ok",
        explanation: `配合履职事项${ref}（${leads}牵头），指标在乡镇配合职责之内。`,
      };
    }
    case "basic":
      return { ...base, finding: "ok", explanation: `基本履职事项${ref}。` };
  }
}

export interface DepartmentTotal {
  department: string;
  indicators: number;
  points: number;
  /** Indicators and points per finding (flagged ones only). */
  flagged: Record<Exclude<Finding, "ok">, { indicators: number; points: number }>;
}

export interface IndicatorSummary {
  indicators: number;
  points: number;
  flagged: Record<Exclude<Finding, "ok">, { indicators: number; points: number }>;
  /** Indicators a person should confirm (the check was unsure). */
  review: number;
  departments: DepartmentTotal[];
}

const NO_DEPARTMENT = "（未注明考核部门）";

function emptyFlags(): DepartmentTotal["flagged"] {
  return {
    reclaimed: { indicators: 0, points: 0 },
    unlisted: { indicators: 0, points: 0 },
    lead: { indicators: 0, points: 0 },
  };
}

/** Totals: all indicators, the flagged ones per finding, and the same per assessing department (most flagged points first). */
export function summarizeIndicators(assessed: readonly AssessedIndicator[]): IndicatorSummary {
  const summary: IndicatorSummary = {
    indicators: 0,
    points: 0,
    flagged: emptyFlags(),
    review: 0,
    departments: [],
  };
  const byDepartment = new Map<string, DepartmentTotal>();
  for (const a of assessed) {
    const points = a.points ?? 0;
    const name = a.department || NO_DEPARTMENT;
    let total = byDepartment.get(name);
    if (!total) {
      total = { department: name, indicators: 0, points: 0, flagged: emptyFlags() };
      byDepartment.set(name, total);
    }
    summary.indicators++;
    summary.points += points;
    total.indicators++;
    total.points += points;
    if (a.check.needs_review) summary.review++;
    if (a.finding !== "ok") {
      for (const target of [summary.flagged[a.finding], total.flagged[a.finding]]) {
        target.indicators++;
        target.points += points;
      }
    }
  }
  const flaggedPoints = (t: DepartmentTotal) => Object.values(t.flagged).reduce((s, f) => s + f.points, 0);
  summary.departments = [...byDepartment.values()].sort(
    (a, b) => flaggedPoints(b) - flaggedPoints(a) || b.points - a.points,
  );
  summary.points = round(summary.points);
  for (const d of summary.departments) d.points = round(d.points);
  return summary;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
