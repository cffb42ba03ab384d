/** Reading editions: their headers with per-list counts, and whole editions rebuilt as drafts. */
import type { Kysely } from "kysely";
import type { EditionDraft, ListKind, StatedTotals } from "../domain/edition.ts";
import type { Problem } from "../domain/problem.ts";
import { compiledQuery } from "./compiled.ts";
import { ITEM_ROW_COLUMNS, parseJson, rowToItem } from "./rows.ts";
import type { Database } from "./schema.ts";
import { findTownship } from "./townships.ts";
import type { EditionRow, EditionStatus, StoredEdition, TownshipRow } from "./types.ts";

/** Editions joined with their township and county. */
function editionsWithPlace(db: Kysely<Database>) {
  return db
    .selectFrom("editions")
    .innerJoin("townships", "townships.id", "editions.township_id")
    .innerJoin("counties", "counties.id", "townships.county_id")
    .select(["editions.id", "editions.township_id", "townships.name as township", "counties.name as county"])
    .select(EDITION_COLUMNS);
}

/** An edition's own header columns (beside its id and place). */
const EDITION_COLUMNS = [
  "editions.date",
  "editions.title",
  "editions.status",
  "editions.imported_at",
  "editions.source_file",
] as const;

/** The item counts per list, stored with the edition (migration 0005): no aggregation over the items. */
const COUNT_COLUMNS = [
  "editions.basic_items as basic",
  "editions.cooperative_items as cooperative",
  "editions.reclaimed_items as reclaimed",
] as const;

interface Header {
  id: number;
  township_id: number;
  township: string;
  county: string;
  date: string;
  title: string;
  status: EditionStatus;
  imported_at: string;
  source_file: string;
}

function toEditionRow(row: Header, counts: Record<ListKind, number>): EditionRow {
  return {
    id: row.id,
    townshipId: row.township_id,
    township: row.township,
    county: row.county,
    date: row.date,
    title: row.title,
    status: row.status,
    importedAt: row.imported_at,
    sourceFile: row.source_file,
    counts,
  };
}

/** Editions of one township (or of all), newest first within each township, with item counts per list. */
export async function listEditions(db: Kysely<Database>, township?: string): Promise<EditionRow[]> {
  if (township === undefined) return listEditionsOf(db);
  const found = await findTownship(db, township);
  return found ? listEditionsOf(db, [found.id]) : [];
}

// Every edition page and check lists its township's editions: compiled once per number of ids (compiled.ts).
const editionsOfQuery = compiledQuery(
  (db: Kysely<Database>, townshipIds: number[] | null) => {
    let query = editionsWithPlace(db).select(COUNT_COLUMNS);
    if (townshipIds) query = query.where("editions.township_id", "in", townshipIds);
    return query.orderBy("townships.id").orderBy("editions.date", "desc").orderBy("editions.id", "desc");
  },
  (townshipIds) => (townshipIds ? String(townshipIds.length) : "all"),
);

export interface NamedTownship {
  township: TownshipRow;
  /** Newest first. */
  editions: EditionRow[];
}

/**
 * The townships a name (and county, when given) names, each with its editions newest first, in one query:
 * every page view and task check resolves its township here.
 */
export async function namedTownshipsWithEditions(
  db: Kysely<Database>,
  township: string,
  county: string | null,
): Promise<NamedTownship[]> {
  return (await namedTownshipsWithPrecedentRevision(db, township, county)).townships;
}

/**
 * namedTownshipsWithEditions, and the precedents' revision (see readPrecedentRevision) read in
 * the same statement: a task check needs both, and on SQLite each statement outside a transaction begins
 * and ends a read transaction of its own (file locks and a stat, the larger part of a small query).
 */
export async function namedTownshipsWithPrecedentRevision(
  db: Kysely<Database>,
  township: string,
  county: string | null,
): Promise<{ townships: NamedTownship[]; precedentRevision: number }> {
  const rows = await namedWithEditionsQuery(db, township, county);
  const precedentRevision = Number(rows[0]?.precedent_rev ?? 0);
  const out: NamedTownship[] = [];
  for (const r of rows) {
    let last = out.at(-1);
    if (last?.township.id !== r.tid) {
      last = { township: { id: r.tid, name: r.tname, county: r.tcounty, region: r.region }, editions: [] };
      out.push(last);
    }
    // Left-joined: all edition columns are null together.
    if (r.id === null || r.date === null || r.title === null || r.status === null) continue;
    if (r.imported_at === null || r.source_file === null) continue;
    const header = {
      id: r.id,
      township_id: r.tid,
      township: r.tname,
      county: r.tcounty,
      date: r.date,
      title: r.title,
      status: r.status,
      imported_at: r.imported_at,
      source_file: r.source_file,
    };
    last.editions.push(
      toEditionRow(header, {
        basic: r.basic ?? 0,
        cooperative: r.cooperative ?? 0,
        reclaimed: r.reclaimed ?? 0,
      }),
    );
  }
  return { townships: out, precedentRevision };
}

// A township without editions comes once with null edition columns (left join).
const namedWithEditionsQuery = compiledQuery(
  (db: Kysely<Database>, township: string, county: string | null) => {
    let query = db
      .selectFrom("townships")
      .innerJoin("counties", "counties.id", "townships.county_id")
      .leftJoin("editions", "editions.township_id", "townships.id")
      .select([
        "townships.id as tid",
        "townships.name as tname",
        "counties.name as tcounty",
        "counties.region",
        "editions.id",
      ])
      .select(EDITION_COLUMNS)
      .select(COUNT_COLUMNS)
      .select((eb) =>
        eb
          .selectFrom("precedent_revision")
          .select("revision")
          .where("precedent_revision.id", "=", 1)
          .as("precedent_rev"),
      )
      .where("townships.name", "=", township);
    if (county !== null) query = query.where("counties.name", "=", county);
    return query.orderBy("townships.id").orderBy("editions.date", "desc").orderBy("editions.id", "desc");
  },
  (_township, county) => (county === null ? "any county" : "county"),
);

/** Editions of the given townships (of all without ids), newest first within each township. */
export async function listEditionsOf(
  db: Kysely<Database>,
  townshipIds?: readonly number[],
): Promise<EditionRow[]> {
  if (townshipIds?.length === 0) return [];
  const rows = await editionsOfQuery(db, townshipIds ? [...townshipIds] : null);
  return rows.map((r) =>
    toEditionRow(r, { basic: r.basic, cooperative: r.cooperative, reclaimed: r.reclaimed }),
  );
}

/** The current edition of a township (newest published, else newest), or the one of the given date. */
export async function getEdition(
  db: Kysely<Database>,
  township: string,
  date?: string,
): Promise<StoredEdition | undefined> {
  const found = await findTownship(db, township);
  return found ? currentEditionOf(db, found.id, date) : undefined;
}

/**
 * The current edition of a township by its id (newest published, else newest), or the one of the given
 * date: a name may be ambiguous (county and township names repeat across China), an id never is.
 */
export async function currentEditionOf(
  db: Kysely<Database>,
  townshipId: number,
  date?: string,
): Promise<StoredEdition | undefined> {
  let query = db.selectFrom("editions").select("id").where("township_id", "=", townshipId);
  if (date !== undefined) query = query.where("date", "=", date);
  const row = await query
    .orderBy((eb) => eb.case().when("status", "=", "published").then(0).else(1).end())
    .orderBy("date", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  return row ? getEditionById(db, row.id) : undefined;
}

/** One edition with its items, preface, stated totals and import warnings. */
export async function getEditionById(db: Kysely<Database>, id: number): Promise<StoredEdition | undefined> {
  const header = await editionsWithPlace(db)
    .select(["editions.preface", "editions.stated", "editions.warnings", "counties.region"])
    .where("editions.id", "=", id)
    .executeTakeFirst();
  if (!header) return undefined;
  const itemRows = await db
    .selectFrom("items")
    .leftJoin("item_details", "item_details.id", "items.detail_id")
    .select(ITEM_ROW_COLUMNS)
    .where("items.edition_id", "=", id)
    .orderBy("items.position")
    .execute();
  const items = itemRows.map(rowToItem);
  const counts: Record<ListKind, number> = { basic: 0, cooperative: 0, reclaimed: 0 };
  for (const item of items) counts[item.list]++;
  const draft: EditionDraft = {
    township: header.township,
    county: header.county,
    region: header.region,
    date: header.date,
    title: header.title,
    preface: parseJson<string[]>(header.preface, "preface"),
    stated: parseJson<Record<ListKind, StatedTotals>>(header.stated, "stated totals"),
    items,
  };
  return {
    ...toEditionRow(header, counts),
    draft,
    warnings: parseJson<Problem[]>(header.warnings, "warnings"),
  };
}
