/** The one way lvzhi writes: all of a change, or none of it. */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "./schema.ts";

/**
 * Runs `work` in a transaction: committed when it resolves, rolled back when it throws (the error is
 * rethrown). Called inside another transaction it joins that one, so helpers compose.
 */
export function withTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>);
  return db.transaction().execute(work);
}
