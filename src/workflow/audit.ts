/**
 * The audit log: append-only, hash-chained. Each entry stores the hash of the one before it and its own
 * SHA-256 over a canonical serialisation, so an edited, inserted or deleted entry breaks the chain where it
 * happened. The application only ever inserts here; `verifyAudit` finds the first broken entry.
 */
import { createHash } from "node:crypto";
import {
  type AuditFilter,
  type AuditRow,
  auditActors,
  auditHeadHash,
  auditPage,
  auditSearch,
  insertAuditEntry,
  lockAuditChain,
} from "../store/audit-log.ts";
import type { WorkflowDb } from "../store/workflow-schema.ts";
import { inTransaction } from "../store/workflow-transaction.ts";
import type { AuditAction } from "./audit-actions.ts";
import { canonicalJson } from "./canonical.ts";

/** prev_hash of the first entry. */
export const GENESIS = "0".repeat(64);

export interface AuditInput {
  actor: string;
  /** A code of ./audit-actions.ts (each has the sentence the log shows). */
  action: AuditAction;
  subject: string;
  before?: unknown;
  after?: unknown;
}

/** An audit row as read back (the table's columns; see AuditTable in ../store/workflow-schema.ts). */
export type AuditEntry = AuditRow;

/** The hash of an entry: SHA-256 over the canonical JSON of every field but id and hash. */
export function entryHash(e: Omit<AuditEntry, "id" | "hash">): string {
  const text = canonicalJson({
    at: e.at,
    actor: e.actor,
    action: e.action,
    subject: e.subject,
    before: e.before,
    after: e.after,
    prev: e.prev_hash,
  });
  return createHash("sha256").update(text, "utf8").digest("hex");
}

function jsonOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : canonicalJson(value);
}

/**
 * Appends one entry. Call it with the transaction of the change it records, so both commit or neither.
 * Returns the new entry.
 */
export function appendAudit(db: WorkflowDb, input: AuditInput): Promise<AuditEntry> {
  return inTransaction(db, async (t) => {
    await lockAuditChain(t);
    const head = await auditHeadHash(t);
    const entry = {
      at: new Date().toISOString(),
      actor: input.actor,
      action: input.action,
      subject: input.subject,
      before: jsonOrNull(input.before),
      after: jsonOrNull(input.after),
      prev_hash: head ?? GENESIS,
    };
    const hash = entryHash(entry);
    const id = await insertAuditEntry(t, { ...entry, hash });
    return { id, ...entry, hash };
  });
}

export interface AuditVerdict {
  ok: boolean;
  entries: number;
  /** Hash of the last entry: record it elsewhere to detect a truncated tail later. */
  head: string;
  /** The first entry that does not verify, and why. */
  broken?: { id: number; reason: string };
}

/** Walks the whole chain in id order, in pages; stops at the first entry that does not verify. */
export async function verifyAudit(db: WorkflowDb, pageSize = 2000): Promise<AuditVerdict> {
  let prev = GENESIS;
  let count = 0;
  let after = 0;
  for (;;) {
    const rows = await auditPage(db, after, pageSize);
    for (const row of rows) {
      if (row.prev_hash !== prev) {
        return {
          ok: false,
          entries: count,
          head: prev,
          broken: { id: row.id, reason: "与前一条记录的哈希不衔接（前面的记录被删除、插入或改动）" },
        };
      }
      if (entryHash(row) !== row.hash) {
        return {
          ok: false,
          entries: count,
          head: prev,
          broken: { id: row.id, reason: "记录内容与其哈希不符（记录被改动）" },
        };
      }
      prev = row.hash;
      count++;
      after = row.id;
    }
    if (rows.length < pageSize) return { ok: true, entries: count, head: prev };
  }
}

export interface AuditQuery extends AuditFilter {
  limit?: number;
}

/** Entries newest first, filtered. */
export function listAudit(db: WorkflowDb, q: AuditQuery = {}): Promise<AuditEntry[]> {
  return auditSearch(db, { ...q, limit: Math.min(q.limit ?? 100, 10_000) });
}

/** Every entry the filter keeps, oldest first, read in pages (for the filtered export). */
export async function allAuditMatching(
  db: WorkflowDb,
  q: AuditFilter,
  pageSize = 5000,
): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  let before = q.before;
  for (;;) {
    const rows = await auditSearch(db, { ...q, before, limit: pageSize });
    out.push(...rows);
    if (rows.length < pageSize) return out.reverse();
    before = rows.at(-1)!.id;
  }
}

/** Everyone who appears in the log as an actor (for the log's filter). */
export function auditPeople(db: WorkflowDb): Promise<string[]> {
  return auditActors(db);
}

/** Every entry, oldest first, read in pages (for export). */
export async function allAudit(db: WorkflowDb, pageSize = 5000): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for (;;) {
    const rows = await auditPage(db, out.at(-1)?.id ?? 0, pageSize);
    out.push(...rows);
    if (rows.length < pageSize) return out;
  }
}
