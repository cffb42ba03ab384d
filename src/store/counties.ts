/** Counties and the current editions of their townships, for the county page and county-wide checks. */
import type { Kysely } from "kysely";
import { normalizeName } from "../domain/names.ts";
import { getEditionById } from "./editions.ts";
import type { Database } from "./schema.ts";
import type { CountyRow, StoredEdition } from "./types.ts";

/** Every county with its number of townships and of townships with an edition, in the order stored. */
export async function listCounties(db: Kysely<Database>): Promise<CountyRow[]> {
  const rows = await db
    .selectFrom("counties")
    .leftJoin("townships", "townships.county_id", "counties.id")
    .select((eb) => ["counties.name", "counties.region", eb.fn.count("townships.id").as("townships")])
    .groupBy("counties.id")
    .orderBy("counties.id")
    .execute();
  // COUNT is a string (bigint) on PostgreSQL.
  return rows.map((r) => ({ name: r.name, region: r.region, townships: Number(r.townships) }));
}

/**
 * Id and import time of the newest published edition of every township of a county, townships in stored
 * order. County views are public (政务公开): drafts and editions in review never appear in them.
 */
async function currentOfCounty(
  db: Kysely<Database>,
  county: string,
): Promise<{ id: number; imported_at: string }[]> {
  const rows = await db
    .selectFrom("editions")
    .innerJoin("townships", "townships.id", "editions.township_id")
    .innerJoin("counties", "counties.id", "townships.county_id")
    .select(["editions.id", "editions.township_id", "editions.imported_at"])
    .where("counties.name", "=", normalizeName(county))
    .where("editions.status", "=", "published")
    .orderBy("townships.id")
    .orderBy("editions.date", "desc")
    .orderBy("editions.id", "desc")
    .execute();
  const current: { id: number; imported_at: string }[] = [];
  let township: number | undefined;
  for (const row of rows) {
    if (row.township_id === township) continue;
    township = row.township_id;
    current.push(row);
  }
  return current;
}

/**
 * A string that changes whenever the set of published editions shown for a county changes (one county-sized
 * query): caches of county-wide views compare it instead of rebuilding on every write anywhere.
 */
export async function countySignature(db: Kysely<Database>, county: string): Promise<string> {
  return (await currentOfCounty(db, county)).map((r) => `${r.id}@${r.imported_at}`).join("|");
}

/**
 * The newest published edition of every township of a county (townships without one are left out), in
 * the order stored. A county name used in several regions covers all of them. Empty for an unknown county.
 */
export async function countyEditions(db: Kysely<Database>, county: string): Promise<StoredEdition[]> {
  const current = await currentOfCounty(db, county);
  const editions = await Promise.all(current.map((row) => getEditionById(db, row.id)));
  return editions.filter((e): e is StoredEdition => e !== undefined);
}
