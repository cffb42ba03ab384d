/**
 * The checks a draft must pass before it is published. Each problem names the item; any problem blocks.
 */
import { allSteps, type EditionDraft, LIST_KINDS, LIST_LABELS } from "../domain/edition.ts";

export interface PublishProblem {
  /** "cooperative:8", or "basic" for a problem of a whole list. */
  key: string;
  name: string;
  message: string;
}

/** Every problem of a draft, in document order; empty when it may be published. */
export function prepublishProblems(draft: EditionDraft): PublishProblem[] {
  const problems: PublishProblem[] = [];
  for (const item of draft.items) {
    const key = `${item.list}:${item.number}`;
    const add = (message: string) => problems.push({ key, name: item.name, message });
    if (!item.name.trim()) add("事项名称为空");
    if (!item.category.trim()) add("事项类别为空");
    if (item.list === "cooperative") {
      if (item.leadDepartments.length === 0) add("配合事项须至少有一个牵头的上级部门");
      if (allSteps(item.departmentDuties).length === 0) add("缺少上级部门职责");
      if (allSteps(item.townshipDuties).length === 0) add("缺少乡镇（街道）配合职责");
    } else if (item.list === "reclaimed") {
      if (item.takeover.departments.length === 0 && !item.takeover.none) {
        add("收回事项须写明承接部门，或明确写“承接部门：无”");
      }
    }
  }
  for (const list of LIST_KINDS) {
    const numbers = draft.items
      .filter((i) => i.list === list)
      .map((i) => i.number)
      .sort((a, b) => a - b);
    numbers.forEach((n, i) => {
      if (n !== i + 1) {
        problems.push({
          key: list,
          name: LIST_LABELS[list],
          message: `序号不连续：第 ${i + 1} 项的序号是 ${n}`,
        });
      }
    });
  }
  // One message per list is enough for numbering.
  return problems.filter(
    (p, i) => !problems.slice(0, i).some((q) => q.key === p.key && q.key in LIST_LABELS),
  );
}
