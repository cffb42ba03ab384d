/**
 * SQLite only: items no longer bump the edition revision on insert; the insert of their edition does.
 * Items are only ever inserted with their edition, in the same transaction (store/save.ts,
 * store/bulk-save.ts), and an edition's items never change after it is saved (an adjustment saves a new
 * edition), so the edition's insert trigger already moves the revision for every item insert. The row
 * trigger kept by 0011 (`when new.position = 0`) still ran a trigger program for every row: a fifth of
 * a bulk import's time. Updates and deletes of items keep bumping; PostgreSQL is unchanged (its trigger
 * fires once per statement).
 */
import { type Kysely, sql } from "kysely";
import { dialectOf } from "../dialect.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== "sqlite") return;
  await sql.raw("drop trigger if exists items_revision_insert").execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== "sqlite") return;
  await sql
    .raw(
      "create trigger items_revision_insert after insert on items when new.position = 0 " +
        "begin update edition_revision set revision = revision + 1 where id = 1; end",
    )
    .execute(db);
}
