/** Townships with their county, and which edition of a township has a status or date: the workflow's lookups. */
import type { EditionStatus } from "./types.ts";
import type { WorkflowDb } from "./workflow-schema.ts";

/** A township with its county's name and id. */
export interface TownshipRow {
  id: number;
  name: string;
  county: string;
  countyId: number;
}

function townshipRows(db: WorkflowDb) {
  return db
    .selectFrom("townships")
    .innerJoin("counties", "counties.id", "townships.county_id")
    .select(["townships.id", "townships.name", "counties.name as county", "counties.id as countyId"]);
}

/** Every township of that exact name, in that county when `county` is not null. */
export function townshipsNamed(db: WorkflowDb, name: string, county: string | null): Promise<TownshipRow[]> {
  let q = townshipRows(db).where("townships.name", "=", name);
  if (county !== null) q = q.where("counties.name", "=", county);
  return q.execute();
}

/** The township of an id (throws when there is none). */
export function townshipRowById(db: WorkflowDb, id: number): Promise<TownshipRow> {
  return townshipRows(db).where("townships.id", "=", id).executeTakeFirstOrThrow();
}

/** Every township of a county, in stored order. */
export function townshipsOfCounty(db: WorkflowDb, countyId: number): Promise<TownshipRow[]> {
  return townshipRows(db).where("townships.county_id", "=", countyId).execute();
}

/** Id of the township's newest edition (latest date, then id) with one of `statuses`. */
export async function newestEditionIdWith(
  db: WorkflowDb,
  townshipId: number,
  statuses: EditionStatus[],
): Promise<number | undefined> {
  const row = await db
    .selectFrom("editions")
    .select("id")
    .where("township_id", "=", townshipId)
    .where("status", "in", statuses)
    .orderBy("date", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  return row?.id;
}

/** Id of the township's edition of `date`. */
export async function editionIdAt(
  db: WorkflowDb,
  townshipId: number,
  date: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom("editions")
    .select("id")
    .where("township_id", "=", townshipId)
    .where("date", "=", date)
    .executeTakeFirst();
  return row?.id;
}

/** Id, date and status of every edition of a township, oldest first. */
export function editionHeadsOf(
  db: WorkflowDb,
  townshipId: number,
): Promise<{ id: number; date: string; status: EditionStatus; township_id: number }[]> {
  return db
    .selectFrom("editions")
    .select(["id", "date", "status", "township_id"])
    .where("township_id", "=", townshipId)
    .orderBy("date")
    .orderBy("id")
    .execute();
}

/** Id and status of the township's edition of `date` (throws when there is none). */
export function editionHeadAt(
  db: WorkflowDb,
  townshipId: number,
  date: string,
): Promise<{ id: number; status: EditionStatus; township_id: number }> {
  return db
    .selectFrom("editions")
    .select(["id", "status", "township_id"])
    .where("township_id", "=", townshipId)
    .where("date", "=", date)
    .executeTakeFirstOrThrow();
}

/** The id of the county of that exact name, or undefined. */
export async function countyIdByName(db: WorkflowDb, name: string): Promise<number | undefined> {
  const row = await db.selectFrom("counties").select("id").where("name", "=", name).executeTakeFirst();
  return row?.id;
}
