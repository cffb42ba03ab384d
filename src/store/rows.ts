/**
 * Domain values ↔ table rows. List-specific fields travel as one JSON detail (item_details, shared by the
 * items carrying the same: details.ts), so the three lists share a table and a new field needs no
 * migration; departments are also indexed in item_departments.
 */
import type { CooperativeItem, Item, ReclaimedItem } from "../domain/edition.ts";
import type { ItemRecord, NewItem } from "./schema.ts";

type CooperativeDetail = Pick<
  CooperativeItem,
  "leadDepartments" | "otherLeads" | "departmentDuties" | "townshipDuties"
>;
type ReclaimedDetail = Pick<ReclaimedItem, "takeover">;

/** An item's list-specific fields, as stored; null for a basic item. */
export function detailOf(item: Item): CooperativeDetail | ReclaimedDetail | null {
  if (item.list === "cooperative") {
    const { leadDepartments, otherLeads, departmentDuties, townshipDuties } = item;
    return { leadDepartments, otherLeads, departmentDuties, townshipDuties };
  }
  if (item.list === "reclaimed") return { takeover: item.takeover };
  return null;
}

/** The JSON of an item's list-specific fields; null for a basic item. */
export function itemDetail(item: Item): string | null {
  const detail = detailOf(item);
  return detail === null ? null : JSON.stringify(detail);
}

/**
 * The row of one item of an edition; `position` keeps the draft's order, `detailId` is the stored
 * itemDetail (null for none).
 */
export function itemToRow(item: Item, editionId: number, position: number, detailId: number | null): NewItem {
  return {
    edition_id: editionId,
    position,
    list: item.list,
    number: item.number,
    category: item.category,
    name: item.name,
    local: item.local ? 1 : 0,
    remark: item.remark,
    detail_id: detailId,
  };
}

/**
 * The columns rowToItem reads, for a query over items left-joined to item_details (the detail is null
 * for a basic item).
 */
export const ITEM_ROW_COLUMNS = [
  "items.list",
  "items.number",
  "items.category",
  "items.name",
  "items.local",
  "items.remark",
  "item_details.detail",
] as const;

/** Rebuilds the domain item from its row and its detail (item_details.detail, null for none). */
export function rowToItem(
  row: Pick<ItemRecord, "list" | "number" | "category" | "name" | "local" | "remark"> & {
    detail: string | null;
  },
): Item {
  const base = {
    number: Number(row.number),
    category: row.category,
    name: row.name,
    local: Number(row.local) === 1,
    remark: row.remark,
  };
  switch (row.list) {
    case "basic":
      return { list: "basic", ...base };
    case "cooperative":
      return { list: "cooperative", ...base, ...parseJson<CooperativeDetail>(row.detail, "cooperative") };
    case "reclaimed":
      return { list: "reclaimed", ...base, ...parseJson<ReclaimedDetail>(row.detail, "reclaimed") };
    default:
      throw new Error(`unknown list "${String(row.list)}" in stored item ${row.number}`);
  }
}

/** Parses a JSON column the store wrote itself; a missing value means the row is damaged. */
export function parseJson<T>(text: string | null, what: string): T {
  if (text === null) throw new Error(`stored ${what} data is missing`);
  return JSON.parse(text) as T;
}
