/**
 * Item counts per list kept on each edition row. Listing editions (the home page, a province's
 * thousands of townships) then reads one row per edition instead of aggregating every item: the items of
 * an edition never change after it is saved (an adjustment saves a new edition).
 */
import { type Kysely, sql } from "kysely";

const COLUMNS = ["basic_items", "cooperative_items", "reclaimed_items"] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of COLUMNS) {
    await db.schema
      .alterTable("editions")
      .addColumn(column, "integer", (c) => c.notNull().defaultTo(0))
      .execute();
  }
  // Editions stored before this migration get their counts from their items.
  for (const column of COLUMNS) {
    const list = column.replace("_items", "");
    await sql`update editions set ${sql.ref(column)} =
      (select count(*) from items where items.edition_id = editions.id and items.list = ${list})`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of COLUMNS) await db.schema.alterTable("editions").dropColumn(column).execute();
}
