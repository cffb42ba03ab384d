/**
 * Idempotency keys (issue 9, row 10): a write sent again with the same `Idempotency-Key` (a retry after a
 * dropped connection, a double click) gets the first answer back instead of being carried out twice.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("idempotency_keys")
    // The client's key, scoped by who sent it (user id or "anonymous") so keys of two users never meet.
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    /** Method and path, and a hash of the body: the same key for another request is refused. */
    .addColumn("request", "text", (c) => c.notNull())
    .addColumn("request_hash", "text", (c) => c.notNull())
    /** null while the first request is still being answered. */
    .addColumn("status", "integer")
    .addColumn("headers", "text")
    .addColumn("body", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("idempotency_keys_pk", ["scope", "key"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("idempotency_keys").execute();
}
