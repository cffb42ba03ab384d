/** Finding townships by the names people use for them (normalised as stored: domain/names.ts). */
import type { Kysely } from "kysely";
import { normalizeName, parseTownshipRef } from "../domain/names.ts";
import { Refusal } from "../domain/refusal.ts";
import { compiledQuery } from "./compiled.ts";
import type { Database } from "./schema.ts";
import type { CatalogEntry, TownshipRow } from "./types.ts";

/** Thrown when a bare township name matches townships of several counties. */
export class AmbiguousTownshipError extends Refusal {
  override name = "AmbiguousTownshipError";
  constructor(
    readonly township: string,
    readonly counties: string[],
  ) {
    super("invalid", `乡镇名"${township}"在多个县中重名（${counties.join("、")}），请写成"县名/乡镇名"`, {
      township,
      counties,
    });
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

/** The township of a county (by id: county names repeat across China) with this name, if any. */
export function townshipInCounty(
  db: Kysely<Database>,
  countyId: number,
  name: string,
): Promise<TownshipRow | undefined> {
  return townshipQuery(db)
    .where("townships.county_id", "=", countyId)
    .where("townships.name", "=", normalizeName(name))
    .executeTakeFirst();
}

/** Every township a reference may name ("策勒乡" in any county, or "策勒县/策勒乡"), in stored order. */
export function townshipsNamed(db: Kysely<Database>, ref: string): Promise<TownshipRow[]> {
  const { county, township } = parseTownshipRef(ref);
  return townshipsNamedQuery(db, township, county);
}

// Every township page and check resolves its name here: compiled once per shape (compiled.ts).
const townshipsNamedQuery = compiledQuery(
  (db: Kysely<Database>, township: string, county: string | null) => {
    let query = townshipQuery(db).where("townships.name", "=", township);
    if (county !== null) query = query.where("counties.name", "=", county);
    return query.orderBy("townships.id");
  },
  (_township, county) => (county === null ? "any county" : "county"),
);

/** The refusal for a bare name that several townships carry. */
export function ambiguous(ref: string, rows: readonly TownshipRow[]): AmbiguousTownshipError {
  return new AmbiguousTownshipError(
    parseTownshipRef(ref).township,
    rows.map((r) => (r.region ? `${r.region}${r.county}` : r.county)),
  );
}

/**
 * The township a reference names, whoever asks (CLI and workflow code that checks access itself).
 * Undefined when none matches; AmbiguousTownshipError when a bare name matches several.
 */
export async function findTownship(db: Kysely<Database>, ref: string): Promise<TownshipRow | undefined> {
  const rows = await townshipsNamed(db, ref);
  if (rows.length > 1) throw ambiguous(ref, rows);
  return rows[0];
}

/**
 * Every edition as (township, county, status), one narrow row each: the home page and its JSON twin decide
 * access and count per county from this, then load full rows only for the townships of the page shown.
 */
export async function townshipCatalog(db: Kysely<Database>): Promise<CatalogEntry[]> {
  const rows = await db
    .selectFrom("editions")
    .innerJoin("townships", "townships.id", "editions.township_id")
    .innerJoin("counties", "counties.id", "townships.county_id")
    .select([
      "townships.id as townshipId",
      "townships.name",
      "counties.name as county",
      "counties.region",
      "editions.status",
    ])
    .orderBy("townships.id")
    .execute();
  return rows;
}

/** The townships of the given ids, in stored order. */
export function townshipsById(db: Kysely<Database>, ids: readonly number[]): Promise<TownshipRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return townshipQuery(db).where("townships.id", "in", ids).orderBy("townships.id").execute();
}
