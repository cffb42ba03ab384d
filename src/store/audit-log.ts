/**
 * The audit log's queries. The chain's rules (what is hashed, how it is verified) live in workflow/audit.ts;
 * here are the reads and the one insert.
 */
import { type Insertable, type Selectable, sql } from "kysely";
import { dialectOf } from "./dialect.ts";
import { type AuditTable, storeDb, type WorkflowDb } from "./workflow-schema.ts";

/** An audit row as read back. */
export type AuditRow = Selectable<AuditTable>;

/**
 * Inside a transaction, serialises appenders on PostgreSQL so two do not read the same head (the unique
 * prev_hash would refuse the second anyway). SQLite has one writer at a time already.
 */
export async function lockAuditChain(trx: WorkflowDb): Promise<void> {
  if (dialectOf(storeDb(trx)) === "postgres") await sql`select pg_advisory_xact_lock(7465821)`.execute(trx);
}

/** The hash of the newest entry, or undefined when the log is empty. */
export async function auditHeadHash(db: WorkflowDb): Promise<string | undefined> {
  const head = await db
    .selectFrom("audit_log")
    .select("hash")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return head?.hash;
}

/** Inserts one entry (already hashed); returns its id. */
export async function insertAuditEntry(db: WorkflowDb, entry: Insertable<AuditTable>): Promise<number> {
  const { id } = await db.insertInto("audit_log").values(entry).returning("id").executeTakeFirstOrThrow();
  return id;
}

/** Up to `limit` entries with id above `afterId`, oldest first. */
export function auditPage(db: WorkflowDb, afterId: number, limit: number): Promise<AuditRow[]> {
  return db
    .selectFrom("audit_log")
    .selectAll()
    .where("id", ">", afterId)
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** What the log can be filtered by; every field optional. Times are ISO instants (UTC), as stored. */
export interface AuditFilter {
  actor?: string;
  action?: string;
  /** Subject prefix ("edition:策勒乡/"). */
  subject?: string;
  /** Subject exactly ("admission:12"). */
  subjectIs?: string;
  /** Entries at or after this instant. */
  from?: string;
  /** Entries before this instant. */
  until?: string;
  /** Only entries with id below this (paging backwards from the newest). */
  before?: number;
}

/** Entries newest first, filtered (see AuditFilter), at most `limit`. */
export function auditSearch(db: WorkflowDb, q: AuditFilter & { limit: number }): Promise<AuditRow[]> {
  let query = db.selectFrom("audit_log").selectAll();
  if (q.actor) query = query.where("actor", "=", q.actor);
  if (q.action) query = query.where("action", "=", q.action);
  // A prefix match without LIKE, whose escaping differs between the engines.
  if (q.subject) query = query.where(sql`substr(subject, 1, ${q.subject.length})`, "=", q.subject);
  if (q.subjectIs) query = query.where("subject", "=", q.subjectIs);
  // ISO instants of one format compare as text on both engines.
  if (q.from) query = query.where("at", ">=", q.from);
  if (q.until) query = query.where("at", "<", q.until);
  if (q.before) query = query.where("id", "<", q.before);
  return query.orderBy("id", "desc").limit(q.limit).execute();
}

/** Everyone who appears as the actor of an entry, in order. */
export async function auditActors(db: WorkflowDb): Promise<string[]> {
  const rows = await db.selectFrom("audit_log").select("actor").distinct().orderBy("actor").execute();
  return rows.map((r) => r.actor);
}
