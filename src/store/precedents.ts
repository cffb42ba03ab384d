/**
 * Precedents' queries (see match/precedent.ts for what they are): stored per county, read back as the
 * match layer's values, for an edition's county or a county by name.
 */
import type { Kysely } from "kysely";
import type { ListKind } from "../domain/edition.ts";
import type { Precedent } from "../domain/precedent.ts";
import type { Verdict } from "../domain/verdict.ts";
import { compiledQuery } from "./compiled.ts";
import type { Database, PrecedentSource } from "./schema.ts";

export interface NewPrecedent {
  countyId: number;
  text: string;
  verdict: Verdict;
  item: { list: ListKind; number: number; name: string } | null;
  source: PrecedentSource;
  decidedBy: string;
  decidedAt: string;
}

export interface StoredPrecedent extends Precedent {
  county: string;
  /** The county's region (地区/州/市): county names repeat across China. */
  region: string;
  source: PrecedentSource;
}

/**
 * Stores precedents (in the caller's transaction, so a failed import stores none); returns their ids. A
 * wording the county already has a precedent for is decided again instead of stored twice (a double
 * submit, a decision changed later, a line repeated in an import): one wording, one decision, the latest.
 */
export async function insertPrecedents(
  db: Kysely<Database>,
  rows: readonly NewPrecedent[],
): Promise<number[]> {
  const ids: number[] = [];
  for (const r of rows) {
    const same = await db
      .selectFrom("precedents")
      .select("id")
      .where("county_id", "=", r.countyId)
      .where("text", "=", r.text)
      .orderBy("id", "desc")
      .executeTakeFirst();
    if (same) {
      await redecidePrecedent(db, same.id, r);
      ids.push(same.id);
      continue;
    }
    const { id } = await db
      .insertInto("precedents")
      .values({
        county_id: r.countyId,
        text: r.text,
        verdict: r.verdict,
        list: r.item?.list ?? null,
        number: r.item?.number ?? null,
        item_name: r.item?.name ?? null,
        source: r.source,
        decided_by: r.decidedBy,
        decided_at: r.decidedAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.push(id);
  }
  return ids;
}

function rowsOf(db: Kysely<Database>) {
  return db
    .selectFrom("precedents")
    .innerJoin("counties", "counties.id", "precedents.county_id")
    .selectAll("precedents")
    .select(["counties.name as county", "counties.region as region"]);
}

type Row = Awaited<ReturnType<ReturnType<typeof rowsOf>["executeTakeFirstOrThrow"]>>;

function toPrecedent(r: Row): StoredPrecedent {
  const item =
    r.list !== null && r.number !== null ? { list: r.list, number: r.number, name: r.item_name ?? "" } : null;
  return {
    id: r.id,
    text: r.text,
    verdict: r.verdict,
    item,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    county: r.county,
    region: r.region,
    source: r.source,
  };
}

/** A precedent with its county's id (county names repeat across China). */
const withCountyId = (r: Row): StoredPrecedent & { countyId: number } => ({
  ...toPrecedent(r),
  countyId: r.county_id,
});

/** The precedents of the county an edition's township belongs to, oldest first. */
export async function precedentsForEdition(
  db: Kysely<Database>,
  editionId: number,
): Promise<StoredPrecedent[]> {
  const rows = await rowsOf(db)
    .innerJoin("townships", "townships.county_id", "precedents.county_id")
    .innerJoin("editions", "editions.township_id", "townships.id")
    .where("editions.id", "=", editionId)
    .orderBy("precedents.id")
    .execute();
  return rows.map(toPrecedent);
}

/** The precedents of a county by id, oldest first. */
export async function precedentsOfCounty(db: Kysely<Database>, countyId: number): Promise<StoredPrecedent[]> {
  const rows = await rowsOf(db)
    .where("precedents.county_id", "=", countyId)
    .orderBy("precedents.id")
    .execute();
  return rows.map(toPrecedent);
}

/** The county id of a township's edition. */
export async function countyOfEdition(db: Kysely<Database>, editionId: number): Promise<number | undefined> {
  const row = await db
    .selectFrom("editions")
    .innerJoin("townships", "townships.id", "editions.township_id")
    .select("townships.county_id")
    .where("editions.id", "=", editionId)
    .executeTakeFirst();
  return row?.county_id;
}

/** township id → county id, for the given townships. */
export async function countiesOfTownships(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("townships")
    .select(["id", "county_id"])
    .where("id", "in", [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.county_id]));
}

/**
 * Every precedent of every county, counties in stored order, oldest first within each; with its county's
 * id, since county names repeat across China.
 */
export async function allPrecedents(
  db: Kysely<Database>,
): Promise<(StoredPrecedent & { countyId: number })[]> {
  const rows = await rowsOf(db).orderBy("counties.id").orderBy("precedents.id").execute();
  return rows.map(withCountyId);
}

/** One precedent with its county id, or undefined. */
export async function precedentById(
  db: Kysely<Database>,
  id: number,
): Promise<(StoredPrecedent & { countyId: number }) | undefined> {
  const row = await rowsOf(db).where("precedents.id", "=", id).executeTakeFirst();
  return row ? withCountyId(row) : undefined;
}

/** A precedent decided again: its verdict and item, who and when, and how (in the caller's transaction). */
export async function redecidePrecedent(
  db: Kysely<Database>,
  id: number,
  change: Pick<NewPrecedent, "verdict" | "item" | "source" | "decidedBy" | "decidedAt">,
): Promise<void> {
  await db
    .updateTable("precedents")
    .set({
      verdict: change.verdict,
      list: change.item?.list ?? null,
      number: change.item?.number ?? null,
      item_name: change.item?.name ?? null,
      source: change.source,
      decided_by: change.decidedBy,
      decided_at: change.decidedAt,
    })
    .where("id", "=", id)
    .execute();
}

/** Deletes a precedent (in the caller's transaction). */
export async function deletePrecedent(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom("precedents").where("id", "=", id).execute();
}

/**
 * The precedents' revision: a counter every insert, re-decision and deletion bumps in its transaction
 * (migration 0015). While it stands still every county's precedents are as they were: caches poll it
 * (one row).
 */
export async function readPrecedentRevision(db: Kysely<Database>): Promise<number> {
  const [row] = await precedentRevisionQuery(db);
  return Number(row?.revision ?? 0);
}

// Polled by every check: compiled once (compiled.ts).
const precedentRevisionQuery = compiledQuery((db: Kysely<Database>) =>
  db.selectFrom("precedent_revision").select("revision").where("id", "=", 1),
);
