/** Workflow, part 2: pending TOTP enrolment, admission requests, adjustment proposals, review rounds (issue 6). */
import type { Kysely } from "kysely";
import { withIdColumn } from "../dialect.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("users").addColumn("totp_pending", "text").execute();

  await withIdColumn(db, db.schema.createTable("admissions"))
    .addColumn("department", "text", (c) => c.notNull())
    .addColumn("requester_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("task", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("basis", "text", (c) => c.notNull())
    .addColumn("duration_days", "integer", (c) => c.notNull())
    .addColumn("verdict", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("decided_by", "integer", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .addColumn("decision_reason", "text")
    .addColumn("expires_at", "text")
    .addColumn("proposal_id", "integer")
    .execute();
  await db.schema.createIndex("admissions_status").on("admissions").columns(["status", "id"]).execute();
  await db.schema.createIndex("admissions_department").on("admissions").column("department").execute();

  await db.schema
    .createTable("admission_townships")
    .addColumn("admission_id", "integer", (c) => c.notNull().references("admissions.id").onDelete("cascade"))
    .addColumn("township_id", "integer", (c) => c.notNull().references("townships.id"))
    .addColumn("verdict", "text", (c) => c.notNull())
    .addColumn("result", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("admission_townships_pk", ["admission_id", "township_id"])
    .execute();
  await db.schema
    .createIndex("admission_townships_township")
    .on("admission_townships")
    .columns(["township_id", "admission_id"])
    .execute();

  await withIdColumn(db, db.schema.createTable("proposals"))
    .addColumn("township_id", "integer", (c) => c.references("townships.id"))
    .addColumn("county_id", "integer", (c) => c.notNull().references("counties.id"))
    .addColumn("author_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("target_list", "text")
    .addColumn("target_number", "integer")
    .addColumn("item", "text")
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("decided_by", "integer", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .addColumn("decision_reason", "text")
    .addColumn("edition_date", "text")
    .execute();
  await db.schema.createIndex("proposals_status").on("proposals").columns(["status", "id"]).execute();

  await withIdColumn(db, db.schema.createTable("review_rounds"))
    .addColumn("township_id", "integer", (c) => c.notNull().references("townships.id"))
    .addColumn("edition_date", "text", (c) => c.notNull())
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("opened_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("opened_at", "text", (c) => c.notNull())
    .addColumn("closed_at", "text")
    .addUniqueConstraint("review_rounds_edition_number", ["township_id", "edition_date", "number"])
    .execute();

  await withIdColumn(db, db.schema.createTable("review_comments"))
    .addColumn("round_id", "integer", (c) => c.notNull().references("review_rounds.id").onDelete("cascade"))
    .addColumn("item_key", "text", (c) => c.notNull())
    .addColumn("author_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("answer", "text")
    .addColumn("answered_by", "integer", (c) => c.references("users.id"))
    .addColumn("answered_at", "text")
    .execute();
  await db.schema
    .createIndex("review_comments_round")
    .on("review_comments")
    .columns(["round_id", "id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "review_comments",
    "review_rounds",
    "proposals",
    "admission_townships",
    "admissions",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable("users").dropColumn("totp_pending").execute();
}
