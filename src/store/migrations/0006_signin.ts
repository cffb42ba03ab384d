/**
 * Sign-in that holds (issue 9): a throttle row per key (account + address, address, second factor) whose
 * counter is taken atomically before a password is checked, and the hashes of each user's previous
 * passwords. The per-attempt `login_failures` log goes: the throttle rows replace it.
 */
import type { Kysely } from "kysely";
import { withIdColumn } from "../dialect.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("login_throttle")
    .addColumn("key", "text", (c) => c.primaryKey())
    // The user name typed, for keys about one account (so an admin can clear them); null otherwise.
    .addColumn("account", "text")
    .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
    // Attempts refused while throttled and not yet reported in the audit log.
    .addColumn("refused", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_at", "text", (c) => c.notNull())
    .addColumn("last_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("login_throttle_account").on("login_throttle").column("account").execute();

  await withIdColumn(db, db.schema.createTable("password_history"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("password_history_user").on("password_history").column("user_id").execute();

  await db.schema.dropTable("login_failures").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await withIdColumn(db, db.schema.createTable("login_failures"))
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("login_failures_ip_at").on("login_failures").columns(["ip", "at"]).execute();
  await db.schema.dropTable("password_history").execute();
  await db.schema.dropTable("login_throttle").execute();
}
