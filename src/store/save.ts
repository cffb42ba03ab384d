/** Writing an edition: county, township, the edition row, its items and their departments. */
import type { Kysely } from "kysely";
import { canonicalDepartment } from "../domain/departments.ts";
import { departmentsOf, type EditionDraft, itemKey } from "../domain/edition.ts";
import { normalizeName } from "../domain/names.ts";
import { batchesFor, valueBatches } from "./batch.ts";
import { detailsOfEditions, dropUnusedDetails, ensureDetails } from "./details.ts";
import { itemDetail, itemToRow } from "./rows.ts";
import type { Database, DepartmentRole } from "./schema.ts";
import { EditionExistsError, type EditionStatus, type SaveOptions } from "./types.ts";

const STATUSES: readonly EditionStatus[] = ["draft", "review", "published", "superseded"];

/**
 * Stores a draft using `db`, which must be a transaction (see withTransaction): this runs several
 * statements and relies on the caller to roll them all back on failure. Returns the new edition id.
 */
export async function saveEditionIn(
  db: Kysely<Database>,
  draft: EditionDraft,
  options: SaveOptions = {},
): Promise<number> {
  const status = options.status ?? "published";
  checkSavable(draft, status);

  // Names are stored in the one form lookups use (domain/names.ts), so no look-alike spelling finds another row.
  const countyId = await ensureCounty(db, normalizeName(draft.county), normalizeName(draft.region));
  const townshipId = await ensureTownship(db, countyId, normalizeName(draft.township));
  const existing = await db
    .selectFrom("editions")
    .select("id")
    .where("township_id", "=", townshipId)
    .where("date", "=", draft.date)
    .executeTakeFirst();
  // Details of the edition replaced: those its successor does not carry again are deleted at the end.
  let replacedDetails: number[] = [];
  if (existing) {
    if (!options.replace) throw new EditionExistsError(draft.township, draft.date);
    // Items and their department links go with it (on delete cascade).
    replacedDetails = await detailsOfEditions(db, [existing.id]);
    await db.deleteFrom("editions").where("id", "=", existing.id).execute();
  }

  const { id: editionId } = await db
    .insertInto("editions")
    .values({
      township_id: townshipId,
      date: draft.date,
      title: draft.title,
      status,
      imported_at: new Date().toISOString(),
      source_file: options.sourceFile ?? "",
      preface: JSON.stringify(draft.preface),
      stated: JSON.stringify(draft.stated),
      warnings: JSON.stringify(options.warnings ?? []),
      basic_items: draft.items.filter((i) => i.list === "basic").length,
      cooperative_items: draft.items.filter((i) => i.list === "cooperative").length,
      reclaimed_items: draft.items.filter((i) => i.list === "reclaimed").length,
    })
    .returning("id")
    .executeTakeFirstOrThrow();

  // Multi-row inserts; RETURNING order is unspecified, so ids are matched back by list and number.
  const itemIds = new Map<string, number>();
  const details = draft.items.map(itemDetail);
  const detailIds = await ensureDetails(
    db,
    details.filter((d) => d !== null),
  );
  const rows = draft.items.map((item, position) => {
    const detail = details[position] ?? null;
    return itemToRow(item, editionId, position, detail === null ? null : detailIds.get(detail)!);
  });
  for (const batch of batchesFor(db, rows)) {
    const inserted = await db.insertInto("items").values(batch).returning(["id", "list", "number"]).execute();
    for (const row of inserted) itemIds.set(itemKey(row), row.id);
  }

  await linkDepartments(db, countyId, draft, itemIds);
  await dropUnusedDetails(db, replacedDetails);
  return editionId;
}

/** Refuses an unknown status, or a draft in which two items share a number in one list. */
export function checkSavable(draft: EditionDraft, status: EditionStatus): void {
  if (!STATUSES.includes(status))
    throw new Error(`未知的清单状态 "${status}"（应为 ${STATUSES.join("、")}）`);
  const repeated = repeatedKeys(draft);
  if (repeated.length > 0) {
    throw new Error(`${draft.township} ${draft.date}：序号重复，无法保存（${repeated.join("、")}）`);
  }
}

/** Item keys ("cooperative:8") that occur more than once: each item needs its own number in its list. */
function repeatedKeys(draft: EditionDraft): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const item of draft.items) {
    const key = itemKey(item);
    if (seen.has(key)) repeated.add(key);
    seen.add(key);
  }
  return [...repeated];
}

async function ensureCounty(db: Kysely<Database>, name: string, region: string): Promise<number> {
  await db
    .insertInto("counties")
    .values({ name, region })
    .onConflict((oc) => oc.columns(["region", "name"]).doNothing())
    .execute();
  const row = await db
    .selectFrom("counties")
    .select("id")
    .where("name", "=", name)
    .where("region", "=", region)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function ensureTownship(db: Kysely<Database>, countyId: number, name: string): Promise<number> {
  await db
    .insertInto("townships")
    .values({ county_id: countyId, name })
    .onConflict((oc) => oc.columns(["county_id", "name"]).doNothing())
    .execute();
  const row = await db
    .selectFrom("townships")
    .select("id")
    .where("county_id", "=", countyId)
    .where("name", "=", name)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Indexes who leads (cooperative) or took over (reclaimed) each item, under canonical names. */
async function linkDepartments(
  db: Kysely<Database>,
  countyId: number,
  draft: EditionDraft,
  itemIds: Map<string, number>,
): Promise<void> {
  const links = new Map<string, { itemId: number; name: string; role: DepartmentRole }>();
  for (const item of draft.items) {
    const itemId = itemIds.get(itemKey(item));
    if (itemId === undefined) throw new Error(`item ${itemKey(item)} was not stored`);
    const role: DepartmentRole = item.list === "reclaimed" ? "takeover" : "lead";
    for (const raw of departmentsOf(item)) {
      const name = canonicalDepartment(raw, draft.county);
      links.set(`${itemId}\u0000${name}\u0000${role}`, { itemId, name, role });
    }
  }
  if (links.size === 0) return;

  const names = [...new Set([...links.values()].map((l) => l.name))];
  for (const batch of batchesFor(
    db,
    names.map((name) => ({ county_id: countyId, name })),
  )) {
    await db
      .insertInto("departments")
      .values(batch)
      .onConflict((oc) => oc.columns(["county_id", "name"]).doNothing())
      .execute();
  }
  const departmentIds = new Map<string, number>();
  for (const batch of valueBatches(db, names)) {
    const found = await db
      .selectFrom("departments")
      .select(["id", "name"])
      .where("county_id", "=", countyId)
      .where("name", "in", batch)
      .execute();
    for (const row of found) departmentIds.set(row.name, row.id);
  }

  const rows = [...links.values()].map((l) => ({
    item_id: l.itemId,
    department_id: departmentIds.get(l.name)!,
    role: l.role,
  }));
  for (const batch of batchesFor(db, rows)) await db.insertInto("item_departments").values(batch).execute();
}
