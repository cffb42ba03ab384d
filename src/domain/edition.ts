/**
 * The edition model: one township's three duty-item lists as published on a date.
 * Pure types and small pure helpers; imports nothing from other layers.
 */

/** The three official lists. */
export const LIST_KINDS = ["basic", "cooperative", "reclaimed"] as const;
export type ListKind = (typeof LIST_KINDS)[number];

/** Chinese names of the lists, as the documents print them. */
export const LIST_TITLES: Record<ListKind, string> = {
  basic: "基本履职事项清单",
  cooperative: "配合履职事项清单",
  reclaimed: "上级部门收回事项清单",
};

/** Short labels for tabs and verdicts. */
export const LIST_LABELS: Record<ListKind, string> = {
  basic: "基本履职事项",
  cooperative: "配合履职事项",
  reclaimed: "上级部门收回事项",
};

/**
 * A run of numbered steps inside a cell, optionally owned by a department and/or under a heading
 * (cooperative 8 has headings 一、…四、 per department, and for the township).
 */
export interface DutyBlock {
  /** Canonical department name, or null when the cell does not say (single lead, or shared by all). */
  department: string | null;
  /** An unnamed group that owns the block instead of a department, e.g. "其他负有安全监管职责的部门". */
  group?: string;
  /** A heading such as "一、乡镇（街道）领导班子和领导干部年度考核、绩效考核", or null. */
  heading: string | null;
  /** Plain-text steps in order, without their leading numbers. */
  steps: string[];
}

interface ItemBase {
  /** 序号 inside its list (1-based). */
  number: number;
  /** 事项类别, e.g. 党的建设. */
  category: string;
  /** 事项名称. */
  name: string;
  /** 备注 = 个性: an item particular to this township. */
  local: boolean;
  /** 备注 text as printed (e.g. "个性"), or null when empty. */
  remark: string | null;
}

export interface BasicItem extends ItemBase {
  list: "basic";
}

export interface CooperativeItem extends ItemBase {
  list: "cooperative";
  /** 对应上级部门: canonical names of the named county departments that lead. */
  leadDepartments: string[];
  /** Unnamed groups printed beside the departments, e.g. "其他负有安全监管职责的部门"; never counted as departments. */
  otherLeads: string[];
  /** 上级部门职责, per department (and heading). */
  departmentDuties: DutyBlock[];
  /** 乡镇（街道）配合职责. */
  townshipDuties: DutyBlock[];
}

export interface Takeover {
  /** 承接部门: canonical names; empty when nobody took it over. */
  departments: string[];
  /** True when the document says explicitly that nobody took it over (承接部门：无). */
  none: boolean;
  /** 工作方式 steps. */
  workMethod: string[];
  /** 工作标准 steps (may be empty). */
  workStandard: string[];
}

export interface ReclaimedItem extends ItemBase {
  list: "reclaimed";
  /** 承接部门及工作方式. */
  takeover: Takeover;
}

export type Item = BasicItem | CooperativeItem | ReclaimedItem;

/** Totals as the preface (说明) states them. */
export interface StatedTotals {
  items: number | null;
  categories: number | null;
  /** cooperative and reclaimed only. */
  departments: number | null;
  /** Category names the preface enumerates. */
  categoryNames: string[];
}

/** An edition as parsed from a document, before it is stored. */
export interface EditionDraft {
  /** e.g. 策勒乡. */
  township: string;
  /** e.g. 策勒县. */
  county: string;
  /** Higher levels printed before the county, e.g. 新疆维吾尔自治区和田地区; may be empty. */
  region: string;
  /** Publication month, "YYYY-MM" (or "YYYY-MM-DD" when the document gives a day). */
  date: string;
  /** Document title as printed. */
  title: string;
  /** Preface paragraphs (说明), plain text. */
  preface: string[];
  stated: Record<ListKind, StatedTotals>;
  items: Item[];
}

/** Counts computed from the items (not from the preface). */
export interface ListSummary {
  items: number;
  categories: number;
  /** Named departments involved (cooperative: leads; reclaimed: takeover). */
  departments: number;
}

/** Items of one list, in document order. */
export function itemsOf<K extends ListKind>(items: readonly Item[], list: K): Extract<Item, { list: K }>[] {
  return items.filter((i): i is Extract<Item, { list: K }> => i.list === list);
}

/** The named departments an item involves: leads for cooperative, takers-over for reclaimed. */
export function departmentsOf(item: Item): string[] {
  if (item.list === "cooperative") return item.leadDepartments;
  if (item.list === "reclaimed") return item.takeover.departments;
  return [];
}

/** Whether any of `departments` leads (cooperative) or took over (reclaimed) the item. */
export function involvesAnyOf(item: Item, departments: readonly string[]): boolean {
  return departmentsOf(item).some((d) => departments.includes(d));
}

/** Computes per-list totals from the items themselves. */
export function summarize(items: readonly Item[]): Record<ListKind, ListSummary> {
  const out = {} as Record<ListKind, ListSummary>;
  for (const list of LIST_KINDS) {
    const of = items.filter((i) => i.list === list);
    const categories = new Set(of.map((i) => i.category));
    const departments = new Set(of.flatMap(departmentsOf));
    out[list] = { items: of.length, categories: categories.size, departments: departments.size };
  }
  return out;
}

/** All steps of a set of blocks, flattened in order. */
export function allSteps(blocks: readonly DutyBlock[]): string[] {
  return blocks.flatMap((b) => b.steps);
}

/** A stable key for an item inside an edition: "cooperative:8". */
export function itemKey(item: Pick<Item, "list" | "number">): string {
  return `${item.list}:${item.number}`;
}
