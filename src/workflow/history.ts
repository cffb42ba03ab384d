/** An item's history across a township's editions: where it appears, and what changed at each step. */
import type { Item } from "../domain/edition.ts";
import type { EditionStatus, SqlDutyStore } from "../store/index.ts";
import { editionHeadsOf } from "../store/places.ts";
import type { WorkflowDb } from "../store/workflow-schema.ts";
import { canReadEdition } from "./access.ts";
import { type FieldChange, itemChanges, matchItems } from "./diff.ts";
import { missing } from "./errors.ts";
import type { TownshipRef } from "./places.ts";
import type { Principal } from "./principal.ts";

export interface HistoryStep {
  date: string;
  status: EditionStatus;
  /** The item in this edition, or null when it is not there. */
  item: Item | null;
  event: "added" | "changed" | "moved" | "unchanged" | "removed" | "absent" | "first";
  changes: FieldChange[];
}

/** The history of the item `key` ("cooperative:8") of the edition of `date`, over the editions the principal may read. */
export async function itemHistory(
  db: WorkflowDb,
  store: SqlDutyStore,
  principal: Principal | null,
  township: TownshipRef,
  date: string,
  key: string,
): Promise<HistoryStep[]> {
  const rows = await editionHeadsOf(db, township.id);
  const readable = rows.filter((r) =>
    canReadEdition(principal, { status: r.status, townshipId: r.township_id }),
  );
  const editions = [];
  for (const r of readable) editions.push((await store.getEditionById(r.id))!);
  const at = editions.findIndex((e) => e.date === date);
  const start = editions[at]?.draft.items.find((i) => `${i.list}:${i.number}` === key);
  if (at < 0 || !start) throw missing(`未找到${township.name} ${date} 版的事项 ${key}`);

  const thread: (Item | null)[] = editions.map(() => null);
  thread[at] = start;
  for (let i = at + 1; i < editions.length; i++) {
    const prev = thread[i - 1];
    const pair = prev ? matchItems([prev], editions[i]!.draft.items).pairs[0] : undefined;
    thread[i] = pair ? pair[1] : null;
    if (!prev) break;
  }
  for (let i = at - 1; i >= 0; i--) {
    const next = thread[i + 1];
    const pair = next ? matchItems(editions[i]!.draft.items, [next]).pairs[0] : undefined;
    thread[i] = pair ? pair[0] : null;
    if (!next) break;
  }
  return editions.map((e, i) => {
    const item = thread[i] ?? null;
    const prev = i > 0 ? thread[i - 1] : undefined;
    let event: HistoryStep["event"];
    let changes: FieldChange[] = [];
    if (!item) event = prev ? "removed" : "absent";
    else if (prev === undefined) event = "first";
    else if (prev === null) event = "added";
    else {
      changes = itemChanges(prev, item);
      event =
        prev.list !== item.list
          ? "moved"
          : changes.length > 0 || prev.number !== item.number
            ? "changed"
            : "unchanged";
    }
    return { date: e.date, status: e.status, item, event, changes };
  });
}
