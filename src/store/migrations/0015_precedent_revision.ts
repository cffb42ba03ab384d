/**
 * A single-row counter that every write to precedents bumps (insert, a re-decision, a deletion), in the
 * writer's transaction, by the same triggers that keep edition_revision (dialect.ts revisionTriggers).
 * Task checks read it with their township to know whether a county's precedents changed. The newest
 * precedent's id served before, but a re-decided or deleted precedent leaves it where it was, so checks
 * kept applying the old decision until someone recorded a new one.
 */
import { type Kysely, sql } from "kysely";
import { dialectOf, revisionFunction, revisionTriggers } from "../dialect.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("precedent_revision")
    .addColumn("id", "integer", (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn("revision", "integer", (c) => c.notNull())
    .execute();
  await sql`insert into precedent_revision (id, revision) values (1, 0)`.execute(db);
  const dialect = dialectOf(db);
  const fn = revisionFunction(dialect, "precedent_revision");
  if (fn) await sql.raw(fn).execute(db);
  for (const statement of revisionTriggers(dialect, "precedents", "precedent_revision"))
    await sql.raw(statement).execute(db);
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
