/**
 * Applying an adjustment to an edition's items (pure): add, change, move between lists, remove. Numbers
 * stay contiguous: items after a removed one move up; added and moved items go to the end of their list.
 */
import type { EditionDraft, Item, ListKind } from "../domain/edition.ts";
import type { ProposalKind } from "../store/workflow-schema.ts";
import { invalid } from "./errors.ts";

export interface Adjustment {
  kind: ProposalKind;
  /** change/move/remove: the item as it stood when proposed. */
  target?: { list: ListKind; number: number; name: string };
  /** add/change/move: the new content (its list decides where it goes; its number is assigned). */
  item?: Item;
}

/** Finds the target: by number when the name still matches, else by name (earlier changes renumber). */
function locate(items: Item[], target: NonNullable<Adjustment["target"]>): number {
  const byNumber = items.findIndex((i) => i.list === target.list && i.number === target.number);
  if (byNumber >= 0 && items[byNumber]!.name === target.name) return byNumber;
  const byName = items.findIndex((i) => i.list === target.list && i.name === target.name);
  if (byName < 0) throw invalid(`事项“${target.name}”已不在清单中，无法调整`);
  return byName;
}

function nextNumber(items: Item[], list: ListKind): number {
  return items.filter((i) => i.list === list).reduce((n, i) => Math.max(n, i.number), 0) + 1;
}

function withoutAt(items: Item[], index: number): Item[] {
  const gone = items[index]!;
  return items
    .filter((_, i) => i !== index)
    .map((i) => (i.list === gone.list && i.number > gone.number ? { ...i, number: i.number - 1 } : i));
}

/** The items after one adjustment; the input is not changed. */
export function applyAdjustment(draft: EditionDraft, adj: Adjustment): EditionDraft {
  let items = [...draft.items];
  if (adj.kind === "add") {
    if (!adj.item) throw invalid("新增事项须给出事项内容");
    items.push({ ...adj.item, number: nextNumber(items, adj.item.list) } as Item);
  } else {
    if (!adj.target) throw invalid("须指明要调整的事项");
    const at = locate(items, adj.target);
    if (adj.kind === "change") {
      if (!adj.item || adj.item.list !== adj.target.list) throw invalid("修改事项须给出同一清单的新内容");
      items[at] = { ...adj.item, number: items[at]!.number } as Item;
    } else {
      items = withoutAt(items, at);
      if (adj.kind === "move") {
        if (!adj.item || adj.item.list === adj.target.list) throw invalid("移动事项须给出另一清单的内容");
        items.push({ ...adj.item, number: nextNumber(items, adj.item.list) } as Item);
      }
    }
  }
  // Document order: by list, then number.
  const order: Record<ListKind, number> = { basic: 0, cooperative: 1, reclaimed: 2 };
  items.sort((a, b) => order[a.list] - order[b.list] || a.number - b.number);
  return { ...draft, items };
}
