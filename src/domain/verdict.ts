/** The task check's answer, shared by the engine, the CLI, the API and the pages. */
import type { ListKind } from "./edition.ts";

export const VERDICTS = ["basic", "cooperative", "reclaimed", "unlisted"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Chinese labels for verdicts, as the pages show them. */
export const VERDICT_LABELS: Record<Verdict, string> = {
  basic: "基本履职事项",
  cooperative: "配合履职事项",
  reclaimed: "上级部门收回事项",
  unlisted: "清单外事项（需职责准入）",
};

/** A reference to an item with its name, as results carry it. */
export interface ItemRef {
  list: ListKind;
  number: number;
  name: string;
}

/** One piece of evidence: which words of the task matched which words of the item, in which field. */
export interface Evidence {
  task: string;
  item: string;
  field: "name" | "category" | "departmentDuties" | "townshipDuties" | "takeover" | "department";
}

export interface Alternative extends ItemRef {
  score: number;
}

/** The result of checking one task against one township's edition. */
export interface CheckResult {
  verdict: Verdict;
  /** Calibrated probability that the answer (verdict, and item when one is named) is right, 0..1. */
  confidence: number;
  /**
   * True when a person should confirm the answer (pages show 待人工确认 with the top three candidates):
   * confidence below the threshold at which answers are right at least 97 % of the time. Named as the
   * CLI and API publish it.
   */
  needs_review: boolean;
  /** null for `unlisted`. */
  item: ItemRef | null;
  alternatives: Alternative[];
  evidence: Evidence[];
  /** One sentence in Chinese saying why, for the official's reply. */
  reason: string;
  /** cooperative: the county departments that lead. */
  leadDepartments?: string[];
  /** cooperative: the township steps (乡镇配合职责) that this task concerns, in document order. */
  townshipSteps?: string[];
  /** reclaimed: who took it over and how they work. */
  takeover?: { departments: string[]; none: boolean; workMethod: string[] };
}

/** Chinese names of the item fields evidence can point at, as the CLI and the pages print them. */
export const EVIDENCE_FIELD_LABELS: Record<Evidence["field"], string> = {
  name: "事项名称",
  category: "事项类别",
  departmentDuties: "上级部门职责",
  townshipDuties: "乡镇配合职责",
  takeover: "承接部门及工作方式",
  department: "部门",
};
