/** Shared helpers for the store tests. */
import { openStore, type SqlDutyStore } from "../../src/store/index.ts";

export const TABLES = [
  "counties",
  "townships",
  "editions",
  "items",
  "item_details",
  "departments",
  "item_departments",
] as const;

/** A fresh in-memory SQLite store (suites that run on every backend use test/support/stores.ts). */
export function memoryStore(): Promise<SqlDutyStore> {
  return openStore({ path: ":memory:" });
}

/** Row counts of every table, to show a failed write left nothing behind. */
export async function tableCounts(store: SqlDutyStore): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}
