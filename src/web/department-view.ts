/** What a department does in each item that involves it, and what the township does there. */
import type { DutyBlock, Item } from "../domain/edition.ts";
import type { DepartmentUse } from "../store/types.ts";

export interface DepartmentRole {
  township: string;
  item: Item;
  /** "lead": a cooperative item it leads; "takeover": a reclaimed item it took over. */
  role: "lead" | "takeover";
  /** Its own steps: its blocks of 上级部门职责 (cooperative) or 工作方式 and 工作标准 (reclaimed). */
  departmentDuties: DutyBlock[];
  /** The township's steps (cooperative); empty for reclaimed items, which the township no longer does. */
  townshipDuties: DutyBlock[];
}

/**
 * The department's blocks of a cooperative item: those it owns, plus those owned by nobody named
 * (a single lead's cell, or steps shared by all leads).
 */
export function ownBlocks(blocks: readonly DutyBlock[], department: string): DutyBlock[] {
  return blocks.filter((b) => b.department === department || b.department === null);
}

/** The roles of a department, in the store's order (township, then document order). */
export function departmentRoles(use: DepartmentUse): DepartmentRole[] {
  return use.items.flatMap(({ township, item }): DepartmentRole[] => {
    if (item.list === "cooperative") {
      return [
        {
          township,
          item,
          role: "lead",
          departmentDuties: ownBlocks(item.departmentDuties, use.department),
          townshipDuties: item.townshipDuties,
        },
      ];
    }
    if (item.list === "reclaimed") {
      const t = item.takeover;
      const duties: DutyBlock[] = [{ department: null, heading: "工作方式", steps: t.workMethod }];
      if (t.workStandard.length)
        duties.push({ department: null, heading: "工作标准", steps: t.workStandard });
      return [{ township, item, role: "takeover", departmentDuties: duties, townshipDuties: [] }];
    }
    return [];
  });
}
