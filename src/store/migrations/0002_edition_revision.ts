/**
 * A single-row counter that every write to editions and items bumps, in the writer's transaction. App
 * processes poll it (DutyStore.editionsVersion) to notice, within seconds, editions written by another
 * process; triggers make that hold for every writer (import, workflow), not only those who remember.
 */
import { type Kysely, sql } from "kysely";
import { dialectOf, revisionFunction, revisionTriggers } from "../dialect.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("edition_revision")
    .addColumn("id", "integer", (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn("revision", "integer", (c) => c.notNull())
    .execute();
  await sql`insert into edition_revision (id, revision) values (1, 0)`.execute(db);
  const dialect = dialectOf(db);
  const fn = revisionFunction(dialect);
  if (fn) await sql.raw(fn).execute(db);
  for (const table of ["editions", "items"]) {
    for (const statement of revisionTriggers(dialect, table)) await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  for (const table of ["editions", "items"]) {
    const names =
      dialect === "postgres"
        ? [`${table}_revision`]
        : ["insert", "update", "delete"].map((e) => `${table}_revision_${e}`);
    for (const name of names) {
      if (dialect === "postgres") await sql.raw(`drop trigger if exists ${name} on ${table}`).execute(db);
      else await sql.raw(`drop trigger if exists ${name}`).execute(db);
    }
  }
  if (dialect === "postgres")
    await sql.raw("drop function if exists lvzhi_bump_edition_revision()").execute(db);
  await db.schema.dropTable("edition_revision").execute();
}
