/** Transactions over the workflow's view of the database (the store's withTransaction, with its tables). */
import type { Transaction } from "kysely";
import type { WorkflowDatabase, WorkflowDb } from "./workflow-schema.ts";

/** Runs `work` in a transaction, or inside the caller's when `db` already is one. */
export function inTransaction<T>(
  db: WorkflowDb,
  work: (trx: Transaction<WorkflowDatabase>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<WorkflowDatabase>);
  return db.transaction().execute(work);
}
