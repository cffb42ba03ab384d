/**
 * Precedents (issue 10): a task's wording with the verdict and item a person decided for it, per county.
 * The item's name is kept beside its list and number so a later edition that removes or renumbers the item
 * can be recognised and the precedent set aside instead of applied.
 */
import type { Kysely } from "kysely";
import { withIdColumn } from "../dialect.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  await withIdColumn(db, db.schema.createTable("precedents"))
    .addColumn("county_id", "integer", (c) => c.notNull().references("counties.id"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("verdict", "text", (c) => c.notNull())
    .addColumn("list", "text")
    .addColumn("number", "integer")
    .addColumn("item_name", "text")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.notNull())
    .addColumn("decided_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("precedents_county").on("precedents").columns(["county_id", "id"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("precedents").execute();
}
