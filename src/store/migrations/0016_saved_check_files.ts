/**
 * The file of a saved check: a task sheet's workbook as it was checked (an .xls already converted), kept
 * with the saved check it belongs to so that the check's result page and its decisions can offer the
 * annotated workbook without the file being sent again. One row per saved check at most, keyed by its id;
 * the bytes are base64 text, as every column is text or integer (schema.ts). Existing saved checks simply
 * have none.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("saved_check_files")
    .addColumn("check_id", "text", (c) => c.primaryKey().references("saved_checks.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    /** Bytes before base64, for limits and listings without decoding. */
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("bytes", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("saved_check_files").execute();
}
