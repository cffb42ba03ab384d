/** Multi-row statements sized to the engine's limit on bound parameters. */
import type { Kysely } from "kysely";
import { dialectOf, MAX_PARAMETERS } from "./dialect.ts";

/** Splits rows into runs whose parameters (rows × columns) stay within `limit`. */
export function batches<T extends object>(rows: readonly T[], limit: number): T[][] {
  const first = rows[0];
  if (!first) return [];
  const perRow = Math.max(1, Object.keys(first).length);
  const size = Math.max(1, Math.floor(limit / perRow));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** `batches` with the limit of the engine behind `db`. */
export function batchesFor<DB, T extends object>(db: Kysely<DB>, rows: readonly T[]): T[][] {
  return batches(rows, MAX_PARAMETERS[dialectOf(db)]);
}

/** Splits a list of values for `where x in (…)`, leaving room for a few other parameters. */
export function valueBatches<DB, T>(db: Kysely<DB>, values: readonly T[]): T[][] {
  const size = MAX_PARAMETERS[dialectOf(db)] - 16;
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}
