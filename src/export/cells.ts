/**
 * Items → the cell text of the official columns, written in the document's own conventions so that the
 * shared cell rules (src/ingest/cells.ts) read back exactly the same item:
 * department blocks as "县委组织部：" on a line, headings on their own line, one numbered step per line;
 * takeovers as "县水利局：\n工作方式：1.…" or "承接部门：无\n工作方式：…".
 */
import type { DutyBlock, EditionDraft, Item, ListKind, Takeover } from "../domain/edition.ts";
import { itemsOf, LIST_KINDS, LIST_TITLES } from "../domain/edition.ts";
import { OFFICIAL_COLUMNS } from "../ingest/raw.ts";
import { prefaceWithTotals } from "./preface.ts";

/** Numbered steps, one per line: "1.…\n2.…". */
function numbered(steps: readonly string[]): string[] {
  return steps.map((step, i) => `${i + 1}.${step}`);
}

/**
 * Duty blocks → lines. The cell rules start a block at an owner line ("县委组织部：", or an unnamed group
 * "其他负有安全监管职责的部门：") or at a heading, so an owner line is written when the owner changes, and
 * again before a block that has no heading of its own.
 */
export function dutyCell(blocks: readonly DutyBlock[]): string {
  const lines: string[] = [];
  let owner: string | null = null;
  for (const [i, block] of blocks.entries()) {
    const blockOwner = block.department ?? block.group ?? null;
    const startsNewBlock = blockOwner !== owner || (block.heading === null && i > 0);
    if (blockOwner !== null && startsNewBlock) lines.push(`${blockOwner}：`);
    owner = blockOwner;
    if (block.heading !== null) lines.push(block.heading);
    lines.push(...numbered(block.steps));
  }
  return lines.join("\n");
}

/** Work-method or work-standard steps after their label: a single step unnumbered, as the document prints it. */
function labelled(label: string, steps: readonly string[]): string[] {
  if (steps.length === 0) return [`${label}：`];
  if (steps.length === 1) return [`${label}：${steps[0]}`];
  const [first, ...rest] = numbered(steps);
  return [`${label}：${first}`, ...rest];
}

/** The 承接部门及工作方式 cell. */
export function takeoverCell(takeover: Takeover): string {
  const lines: string[] = [];
  if (takeover.none) lines.push("承接部门：无");
  else if (takeover.departments.length > 0) lines.push(`${takeover.departments.join("、")}：`);
  if (takeover.workMethod.length > 0 || takeover.workStandard.length > 0 || takeover.none) {
    lines.push(...labelled("工作方式", takeover.workMethod));
  }
  if (takeover.workStandard.length > 0) lines.push(...labelled("工作标准", takeover.workStandard));
  return lines.join("\n");
}

/**
 * The 对应上级部门 cell: named departments joined by 、; unnamed groups are attached to the last named
 * departments with 以及 ("县住房和城乡建设局以及其他负有安全监管职责的部门"), the form the cell rules split.
 */
export function leadCell(leads: readonly string[], groups: readonly string[]): string {
  const parts = [...leads];
  const offset = Math.max(0, parts.length - groups.length);
  groups.forEach((group, i) => {
    const at = offset + i;
    parts[at] = at < leads.length ? `${parts[at]}以及${group}` : group;
  });
  return parts.join("、");
}

/** 备注 as printed; an item marked local without a remark is written "个性". */
export function remarkCell(item: Item): string {
  return item.remark ?? (item.local ? "个性" : "");
}

/** The item's cells in the order of OFFICIAL_COLUMNS[item.list]. */
export function officialCells(item: Item): string[] {
  const head = [String(item.number), item.category, item.name];
  if (item.list === "basic") return [...head, remarkCell(item)];
  if (item.list === "cooperative") {
    return [
      ...head,
      leadCell(item.leadDepartments, item.otherLeads),
      dutyCell(item.departmentDuties),
      dutyCell(item.townshipDuties),
      remarkCell(item),
    ];
  }
  return [...head, takeoverCell(item.takeover), remarkCell(item)];
}

/** One list ready to write: its title, header and rows of cells. */
export interface ListSheet {
  list: ListKind;
  /** e.g. 策勒县策勒乡基本履职事项清单. */
  title: string;
  header: readonly string[];
  items: Item[];
  rows: string[][];
}

/** The three lists of an edition as sheets (lists without items included, so the layout stays official). */
export function listSheets(draft: EditionDraft): ListSheet[] {
  return LIST_KINDS.map((list) => {
    const items = itemsOf(draft.items, list);
    return {
      list,
      title: `${draft.county}${draft.township}${LIST_TITLES[list]}`,
      header: OFFICIAL_COLUMNS[list],
      items,
      rows: items.map(officialCells),
    };
  });
}

/** "2025-07" → "2025年7月"; "2025-07-03" → "2025年7月3日". */
export function chineseDate(date: string): string {
  const m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(date);
  if (!m) return date;
  return `${m[1]}年${Number(m[2])}月${m[3] ? `${Number(m[3])}日` : ""}`;
}

/**
 * The paragraphs before the tables, as the official document prints them: title, date, "说 明" and the
 * preface, with the totals in the preface computed from the items.
 */
export function documentParagraphs(draft: EditionDraft): string[] {
  const title = draft.title || `${draft.region}${draft.county} ${draft.township}履职事项清单`;
  const out = [title];
  if (draft.date) out.push(chineseDate(draft.date));
  out.push("说 明", ...prefaceWithTotals(draft));
  return out;
}
