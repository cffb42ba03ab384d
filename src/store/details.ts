/**
 * Item details (the list-specific fields as JSON, rows.ts) are stored once per distinct text in
 * item_details and shared by every item carrying that text: the townships of a county copy the county
 * departments' duties into their cooperative lists, so a province repeats the same details thousands of
 * times (the scale bench: 3.1k distinct among 128k, two thirds of the bytes an import wrote). A detail is
 * found by the digest of its text; details no item carries any more are deleted with the last such item.
 */
import { createHash } from "node:crypto";
import { type Kysely, sql } from "kysely";
import { batchesFor, valueBatches } from "./batch.ts";
import type { Database } from "./schema.ts";

/** The key a detail's text is stored under: SHA-256, so two texts never share one. */
export function detailDigest(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}

/** The ids of the details `texts`, storing those not stored yet; by text. */
export async function ensureDetails(
  db: Kysely<Database>,
  texts: Iterable<string>,
): Promise<Map<string, number>> {
  const textOf = new Map<string, string>();
  for (const text of new Set(texts)) textOf.set(detailDigest(text), text);
  const ids = new Map<string, number>();
  if (textOf.size === 0) return ids;
  const rows = [...textOf].map(([digest, detail]) => ({ digest, detail }));
  for (const batch of batchesFor(db, rows)) {
    await db
      .insertInto("item_details")
      .values(batch)
      .onConflict((oc) => oc.column("digest").doNothing())
      .execute();
  }
  for (const batch of valueBatches(db, [...textOf.keys()])) {
    const found = await db
      .selectFrom("item_details")
      .select(["id", "digest"])
      .where("digest", "in", batch)
      .execute();
    for (const row of found) ids.set(textOf.get(row.digest)!, row.id);
  }
  if (ids.size !== textOf.size) throw new Error("item details were not stored");
  return ids;
}

/** The details the items of `editionIds` carry (read before deleting them, for dropUnusedDetails). */
export async function detailsOfEditions(
  db: Kysely<Database>,
  editionIds: readonly number[],
): Promise<number[]> {
  const ids = new Set<number>();
  for (const batch of valueBatches(db, editionIds)) {
    const rows = await db
      .selectFrom("items")
      .select("detail_id")
      .distinct()
      .where("edition_id", "in", batch)
      .where("detail_id", "is not", null)
      .execute();
    for (const row of rows) ids.add(row.detail_id!);
  }
  return [...ids];
}

/** Deletes those of `detailIds` that no item carries any more. */
export async function dropUnusedDetails(db: Kysely<Database>, detailIds: readonly number[]): Promise<void> {
  for (const batch of valueBatches(db, detailIds)) {
    await sql`delete from item_details where id in (${sql.join(batch)})
      and not exists (select 1 from items where items.detail_id = item_details.id)`.execute(db);
  }
}
