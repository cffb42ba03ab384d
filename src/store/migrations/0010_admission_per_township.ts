/**
 * Admission decided per township (issue 12 row 2): each township a request names carries its own status,
 * decision, expiry and a department's dispute of an automatic 清单内 answer. Existing requests are carried
 * over: a township's status follows its own verdict, and the request's decision (who, when, why, until
 * when) for the unlisted ones.
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
  // The request's own row, for each of its townships.
  const request = (column: string) =>
    sql.raw(`(select a.${column} from admissions a where a.id = admission_townships.admission_id)`);
  // A township decided by the request's decision: an unlisted one, or a reclaimed one a (since removed) override admitted.
  const decided = sql`(verdict = 'unlisted' or ${request("status")} = 'overridden')`;
  await sql`
    update admission_townships set
      status = case
        when verdict = 'reclaimed' and ${request("status")} = 'overridden' then 'overridden'
        when verdict = 'reclaimed' then 'refused'
        when verdict in ('basic', 'cooperative') then 'answered'
        when ${request("status")} in ('approved', 'rejected', 'converted', 'overridden') then ${request("status")}
        else 'pending'
      end,
      decided_by = case when ${decided} then ${request("decided_by")} end,
      decided_at = case when ${decided} then ${request("decided_at")} end,
      decision_reason = case when ${decided} then ${request("decision_reason")} end,
      expires_at = case when ${decided} then ${request("expires_at")} end
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
