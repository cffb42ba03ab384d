/**
 * Admission decided per township (issue 12 row 2): each township a request names carries its own status,
 * decision, expiry and a department's dispute of an automatic 清单内 answer. Existing requests are carried
 * over: a township's status follows its own verdict, and the request's decision for the unlisted ones.
 */
import { type Kysely, sql } from "kysely";

const COLUMNS: [name: string, type: "text" | "integer"][] = [
  ["status", "text"],
  ["decided_by", "integer"],
  ["decided_at", "text"],
  ["decision_reason", "text"],
  ["expires_at", "text"],
  ["dispute", "text"],
  ["disputed_at", "text"],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // One column per statement: SQLite adds one column per ALTER TABLE.
  for (const [name, type] of COLUMNS) {
    await db.schema.alterTable("admission_townships").addColumn(name, type).execute();
  }
  await sql`
    update admission_townships set
      status = case
        when verdict = 'reclaimed' then 'refused'
        when verdict in ('basic', 'cooperative') then 'answered'
        else coalesce(
          (select case when a.status in ('approved', 'rejected', 'converted', 'overridden') then a.status end
             from admissions a where a.id = admission_townships.admission_id),
          'pending')
      end,
      decided_by = (select a.decided_by from admissions a where a.id = admission_townships.admission_id),
      decided_at = (select a.decided_at from admissions a where a.id = admission_townships.admission_id),
      decision_reason = (select a.decision_reason from admissions a where a.id = admission_townships.admission_id),
      expires_at = (select a.expires_at from admissions a where a.id = admission_townships.admission_id)
  `.execute(db);
  await db.schema
    .createIndex("admission_townships_status")
    .on("admission_townships")
    .columns(["township_id", "status"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("admission_townships_status").execute();
  for (const [name] of [...COLUMNS].reverse()) {
    await db.schema.alterTable("admission_townships").dropColumn(name).execute();
  }
}
