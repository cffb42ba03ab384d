/** Finding townships by the names people use for them. */
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";
import type { TownshipRow } from "./types.ts";

/** Thrown when a bare township name matches townships of several counties. */
export class AmbiguousTownshipError extends Error {
  constructor(
    readonly township: string,
    readonly counties: string[],
  ) {
    super(`乡镇名"${township}"在多个县中重名（${counties.join("、")}），请写成"县名/乡镇名"`);
    this.name = "AmbiguousTownshipError";
  }
}

function townshipQuery(db: Kysely<Database>) {
  return db
    .selectFrom("townships")
    .innerJoin("counties", "counties.id", "townships.county_id")
    .select(["townships.id", "townships.name", "counties.name as county", "counties.region"]);
}

/** Every township, in the order they were first stored. */
export function listTownships(db: Kysely<Database>): Promise<TownshipRow[]> {
  return townshipQuery(db).orderBy("townships.id").execute();
}

/**
 * The township a reference names: "策勒乡", or "策勒县/策勒乡" when the name repeats across counties.
 * Undefined when none matches; AmbiguousTownshipError when a bare name matches several.
 */
export async function findTownship(db: Kysely<Database>, ref: string): Promise<TownshipRow | undefined> {
  const slash = ref.indexOf("/");
  let query = townshipQuery(db);
  if (slash >= 0) {
    query = query
      .where("counties.name", "=", ref.slice(0, slash).trim())
      .where("townships.name", "=", ref.slice(slash + 1).trim());
  } else {
    query = query.where("townships.name", "=", ref.trim());
  }
  const rows = await query.orderBy("townships.id").execute();
  if (rows.length > 1) {
    throw new AmbiguousTownshipError(
      ref,
      rows.map((r) => (r.region ? `${r.region}${r.county}` : r.county)),
    );
  }
  return rows[0];
}
