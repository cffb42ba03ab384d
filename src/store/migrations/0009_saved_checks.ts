/**
 * Saved checks (issue 11, row 4): a task check kept as it was answered, under a permalink /checks/:id.
 * The id is 128 random bits (hex), so a check saved by an anonymous visitor is readable only by whoever
 * holds the link. The body is the answer as given (JSON), with the edition it was checked against, so a
 * later edition never changes an old 核验单.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("saved_checks")
    .addColumn("id", "text", (c) => c.primaryKey())
    /** The signed-in author; null for an anonymous check (then readable by link). */
    .addColumn("author_id", "integer")
    .addColumn("author_name", "text")
    .addColumn("township_id", "integer", (c) => c.notNull())
    .addColumn("edition_id", "integer", (c) => c.notNull())
    .addColumn("township", "text", (c) => c.notNull())
    .addColumn("county", "text", (c) => c.notNull())
    .addColumn("edition_date", "text", (c) => c.notNull())
    .addColumn("task_count", "integer", (c) => c.notNull())
    /** The first task's words, for the history list. */
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("saved_checks_author")
    .on("saved_checks")
    .columns(["author_id", "created_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("saved_checks").execute();
}
