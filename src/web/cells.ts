/**
 * An item as the cells of its official table row (序号, 事项类别, 事项名称, …, 备注), in plain text:
 * steps numbered one per line, department blocks introduced by the department's name. Used by the
 * CSV downloads; the pages render the same columns as HTML.
 */
import type { DutyBlock, Item, ListKind, Takeover } from "../domain/edition.ts";
import { OFFICIAL_COLUMNS } from "../ingest/raw.ts";

/** The official column headers of a list. */
export function officialHeader(list: ListKind): string[] {
  return [...OFFICIAL_COLUMNS[list]];
}

/** Numbered steps, one per line: "1.…\n2.…". */
export function numberedSteps(steps: readonly string[]): string {
  return steps.map((s, i) => `${i + 1}.${s}`).join("\n");
}

/** Blocks as printed in a cell: department name, heading, then the numbered steps. */
export function blocksText(blocks: readonly DutyBlock[]): string {
  return blocks
    .map((b, i) =>
      [
        b.department && b.department !== blocks[i - 1]?.department ? `${b.department}：` : "",
        b.heading ?? "",
        numberedSteps(b.steps),
      ]
        .filter((s) => s !== "")
        .join("\n"),
    )
    .join("\n");
}

/** The 承接部门及工作方式 cell. */
export function takeoverText(t: Takeover): string {
  const lines = [`承接部门：${t.departments.length ? t.departments.join("、") : "无"}`];
  if (t.workMethod.length) lines.push("工作方式：", numberedSteps(t.workMethod));
  if (t.workStandard.length) lines.push("工作标准：", numberedSteps(t.workStandard));
  return lines.join("\n");
}

/** The cells of an item's official row, in the order of officialHeader(item.list). */
export function officialCells(item: Item): string[] {
  const head = [String(item.number), item.category, item.name];
  const remark = item.remark ?? "";
  if (item.list === "cooperative") {
    const leads = [...item.leadDepartments, ...item.otherLeads].join("、");
    return [...head, leads, blocksText(item.departmentDuties), blocksText(item.townshipDuties), remark];
  }
  if (item.list === "reclaimed") return [...head, takeoverText(item.takeover), remark];
  return [...head, remark];
}
