/**
 * SQLite has row triggers only, so storing an edition of 250 items bumped the edition revision 250 times
 * (two thirds of a bulk import's time). Items are only ever inserted together with their edition, in the
 * same transaction (store/save.ts, store/bulk-save.ts): that edition insert bumps the revision already, and
 * so does the first item (position 0); the other item inserts need not. Updates and deletes of items keep
 * bumping on every row. PostgreSQL is unchanged (its trigger fires once per statement).
 */
import { type Kysely, sql } from "kysely";
import { dialectOf } from "../dialect.ts";

const BUMP = "begin update edition_revision set revision = revision + 1 where id = 1; end";

export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== "sqlite") return;
  await sql.raw("drop trigger if exists items_revision_insert").execute(db);
  await sql
    .raw(`create trigger items_revision_insert after insert on items when new.position = 0 ${BUMP}`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== "sqlite") return;
  await sql.raw("drop trigger if exists items_revision_insert").execute(db);
  await sql.raw(`create trigger items_revision_insert after insert on items ${BUMP}`).execute(db);
}
