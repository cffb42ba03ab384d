/**
 * Which task of a saved check was decided, and by which precedent: a decision (确认/纠正/选此项) made on a
 * saved check's task records its place there (task-N of a notice, row-N of a task sheet). The check's
 * result page then marks that task decided (with the verdict as the precedent now stands and a link to the
 * decision's page) instead of showing the answer it was saved with as if nobody had decided it. One row per
 * place: a later decision there replaces it.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("saved_check_decisions")
    .addColumn("check_id", "text", (c) => c.notNull().references("saved_checks.id").onDelete("cascade"))
    .addColumn("place", "text", (c) => c.notNull())
    .addColumn("precedent_id", "integer", (c) => c.notNull())
    .addColumn("decided_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("saved_check_decisions_pk", ["check_id", "place"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("saved_check_decisions").execute();
}
