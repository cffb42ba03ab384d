/** Workflow, part 1: the hash-chained audit log, users, sessions and login failures (issue 6). */
import type { Kysely } from "kysely";
import { withIdColumn } from "../dialect.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  await withIdColumn(db, db.schema.createTable("audit_log"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("before", "text")
    .addColumn("after", "text")
    // Unique: two writers that read the same head cannot both append after it.
    .addColumn("prev_hash", "text", (c) => c.notNull().unique())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();

  await withIdColumn(db, db.schema.createTable("users"))
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("township_id", "integer", (c) => c.references("townships.id"))
    .addColumn("department", "text")
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("must_change", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("password_changed_at", "text", (c) => c.notNull())
    .addColumn("totp_secret", "text")
    .addColumn("totp_enabled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("totp_last_step", "integer")
    .addColumn("failed_logins", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", "text")
    .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("stage", "text", (c) => c.notNull())
    .addColumn("csrf", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

  await withIdColumn(db, db.schema.createTable("login_failures"))
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("login_failures_ip_at").on("login_failures").columns(["ip", "at"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["login_failures", "sessions", "users", "audit_log"]) {
    await db.schema.dropTable(table).execute();
  }
}
