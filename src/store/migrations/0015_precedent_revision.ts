/**
 * A single-row counter that every write to precedents bumps (insert, a re-decision, a deletion), in the
 * writer's transaction. Task checks read it with their township to know whether a county's precedents
 * changed. The newest precedent's id served before, but a re-decided or deleted precedent leaves it where
 * it was, so checks kept applying the old decision until someone recorded a new one.
 */
import { type Kysely, sql } from "kysely";
import { dialectOf } from "../dialect.ts";

const BUMP = "update precedent_revision set revision = revision + 1 where id = 1";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("precedent_revision")
    .addColumn("id", "integer", (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn("revision", "integer", (c) => c.notNull())
    .execute();
  await sql`insert into precedent_revision (id, revision) values (1, 0)`.execute(db);
  if (dialectOf(db) === "postgres") {
    await sql
      .raw(
        "create or replace function lvzhi_bump_precedent_revision() returns trigger language plpgsql as $$ " +
          `begin ${BUMP}; return null; end $$`,
      )
      .execute(db);
    // One bump per statement, as for editions.
    await sql
      .raw(
        "create trigger precedents_revision after insert or update or delete on precedents " +
          "for each statement execute function lvzhi_bump_precedent_revision()",
      )
      .execute(db);
    return;
  }
  for (const event of ["insert", "update", "delete"])
    await sql
      .raw(`create trigger precedents_revision_${event} after ${event} on precedents begin ${BUMP}; end`)
      .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === "postgres") {
    await sql.raw("drop trigger if exists precedents_revision on precedents").execute(db);
    await sql.raw("drop function if exists lvzhi_bump_precedent_revision()").execute(db);
  } else {
    for (const event of ["insert", "update", "delete"])
      await sql.raw(`drop trigger if exists precedents_revision_${event}`).execute(db);
  }
  await db.schema.dropTable("precedent_revision").execute();
}
