/** What a department does in each item that involves it, and what the township does there. */
import type { DutyBlock, Item } from "../domain/edition.ts";
import type { DepartmentUse } from "../store/types.ts";

export interface DepartmentRole {
  township: string;
  /** The edition the item is from (to find it in the county's matrix). */
  editionId: number;
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
  return use.items.flatMap(({ township, editionId, item }): DepartmentRole[] => {
    if (item.list === "cooperative") {
      return [
        {
          township,
          editionId,
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
      return [{ township, editionId, item, role: "takeover", departmentDuties: duties, townshipDuties: [] }];
    }
    return [];
  });
}

/** One duty of the department, once, with every township whose list has it. */
export interface DepartmentDuty {
  role: DepartmentRole["role"];
  /** The first township's item (its name, category and list). */
  item: Item;
  departmentDuties: DutyBlock[];
  townshipDuties: DutyBlock[];
  townships: { township: string; list: Item["list"]; number: number; name: string }[];
}

/** The steps of blocks as one text, to tell whether two townships ask the same of the department. */
function stepsKey(blocks: readonly DutyBlock[]): string {
  return JSON.stringify(blocks.map((b) => [b.heading, b.steps]));
}

/**
 * The roles grouped into duties, in order of first appearance: roles are one duty when `rowOf` puts their
 * items in the same row of the county's matrix (its merging rule; else the same name) and the steps
 * match. Townships whose steps differ for the same duty get a group of their own, so nothing is hidden.
 */
export function groupDuties(
  roles: readonly DepartmentRole[],
  rowOf: (role: DepartmentRole) => string,
): DepartmentDuty[] {
  const groups = new Map<string, DepartmentDuty>();
  for (const r of roles) {
    const key = [r.role, rowOf(r), stepsKey(r.departmentDuties), stepsKey(r.townshipDuties)].join("\u0000");
    let group = groups.get(key);
    if (!group) {
      group = {
        role: r.role,
        item: r.item,
        departmentDuties: r.departmentDuties,
        townshipDuties: r.townshipDuties,
        townships: [],
      };
      groups.set(key, group);
    }
    group.townships.push({
      township: r.township,
      list: r.item.list,
      number: r.item.number,
      name: r.item.name,
    });
  }
  return [...groups.values()];
}
