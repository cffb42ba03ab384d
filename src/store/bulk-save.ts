/**
 * Writing many editions at once (a province's lists, the scale bench): every table is written with a few
 * large multi-row statements instead of a dozen statements per edition. Item ids are reserved up front (a
 * PostgreSQL sequence range, or SQLite's next rowids under the write lock the transaction already holds), so
 * items and their department links go in without reading ids back. Same rules as saveEditionIn: run it in
 * a transaction; all editions are stored, or none.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Database as SqliteDatabase } from "better-sqlite3";
import { type Kysely, sql } from "kysely";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { canonicalDepartment } from "../domain/departments.ts";
import { departmentsOf, type EditionDraft } from "../domain/edition.ts";
import { normalizeName } from "../domain/names.ts";
import { batchesFor, valueBatches } from "./batch.ts";
import { dialectOf } from "./dialect.ts";
import { itemToRow } from "./rows.ts";
import { checkSavable } from "./save.ts";
import type { Database, DepartmentRole, NewItem } from "./schema.ts";
import { EditionExistsError, type SaveOptions } from "./types.ts";

/**
 * The driver connection a transaction runs on, for what Kysely cannot say: SQLite's prepared statements
 * (dialect.ts sqliteDatabaseOf), PostgreSQL's COPY (dialect.ts postgresClientIn).
 */
export interface RawConnection {
  sqlite?: SqliteDatabase | undefined;
  postgres?: pg.ClientBase | undefined;
}

/**
 * Stores drafts with `db`, which must be a transaction; `raw`, the connection under it, takes the bulk
 * paths (without it, multi-row inserts). Returns the new edition ids in the drafts' order.
 */
export async function saveEditionsIn(
  db: Kysely<Database>,
  drafts: readonly EditionDraft[],
  options: SaveOptions = {},
  raw: RawConnection = {},
): Promise<number[]> {
  if (drafts.length === 0) return [];
  const status = options.status ?? "published";
  for (const draft of drafts) checkSavable(draft, status);
  const places = drafts.map((d) => ({
    region: normalizeName(d.region),
    county: normalizeName(d.county),
    township: normalizeName(d.township),
  }));
  const repeated = new Set<string>();
  const seen = new Set<string>();
  drafts.forEach((d, i) => {
    const key = `${places[i]!.region}/${places[i]!.county}/${places[i]!.township}@${d.date}`;
    if (seen.has(key)) repeated.add(`${d.township} ${d.date}`);
    seen.add(key);
  });
  if (repeated.size > 0) throw new Error(`同一批中重复的清单：${[...repeated].slice(0, 5).join("、")}`);

  const countyIds = await ensureCounties(db, places);
  const countyOf = places.map((p) => countyIds.get(`${p.region}\u0000${p.county}`)!);
  const townshipIds = await ensureTownships(
    db,
    places.map((p, i) => ({ countyId: countyOf[i]!, name: p.township })),
  );
  const townshipOf = places.map((p, i) => townshipIds.get(`${countyOf[i]}\u0000${p.township}`)!);
  await replaceExisting(db, drafts, townshipOf, options.replace === true);

  const now = new Date().toISOString();
  const editionRows = drafts.map((draft, i) => ({
    township_id: townshipOf[i]!,
    date: draft.date,
    title: draft.title,
    status,
    imported_at: now,
    source_file: options.sourceFile ?? "",
    preface: JSON.stringify(draft.preface),
    stated: JSON.stringify(draft.stated),
    warnings: JSON.stringify(options.warnings ?? []),
    basic_items: draft.items.filter((it) => it.list === "basic").length,
    cooperative_items: draft.items.filter((it) => it.list === "cooperative").length,
    reclaimed_items: draft.items.filter((it) => it.list === "reclaimed").length,
  }));
  const editionIds = new Map<string, number>();
  for (const batch of batchesFor(db, editionRows)) {
    const inserted = await db
      .insertInto("editions")
      .values(batch)
      .returning(["id", "township_id", "date"])
      .execute();
    for (const row of inserted) editionIds.set(`${row.township_id}@${row.date}`, row.id);
  }
  const ids = drafts.map((d, i) => editionIds.get(`${townshipOf[i]}@${d.date}`)!);

  const total = drafts.reduce((n, d) => n + d.items.length, 0);
  const itemIds = await reserveItemIds(db, total);
  const links: { item_id: number; countyId: number; name: string; role: DepartmentRole }[] = [];
  let next = 0;
  drafts.forEach((draft, i) => {
    for (const item of draft.items) {
      const id = itemIds(next++);
      // One role per item, so a link repeats only when two spellings of a department meet in one item.
      const role: DepartmentRole = item.list === "reclaimed" ? "takeover" : "lead";
      const names = new Set<string>();
      for (const raw of departmentsOf(item)) names.add(canonicalDepartment(raw, draft.county));
      for (const name of names) links.push({ item_id: id, countyId: countyOf[i]!, name, role });
    }
  });
  // Rows are made as they are written, so on PostgreSQL the server stores one chunk while the next is built.
  function* items(): Generator<NewItem & { id: number }> {
    let n = 0;
    for (const [i, draft] of drafts.entries()) {
      for (const [position, item] of draft.items.entries()) {
        yield { id: itemIds(n++), ...itemToRow(item, ids[i]!, position) };
      }
    }
  }
  await insertItems(db, items(), raw);
  await linkDepartments(db, links, raw);
  return ids;
}

async function ensureCounties(
  db: Kysely<Database>,
  places: { region: string; county: string }[],
): Promise<Map<string, number>> {
  const wanted = new Map(places.map((p) => [`${p.region}\u0000${p.county}`, p]));
  const rows = [...wanted.values()].map((p) => ({ name: p.county, region: p.region }));
  for (const batch of batchesFor(db, rows)) {
    await db
      .insertInto("counties")
      .values(batch)
      .onConflict((oc) => oc.columns(["region", "name"]).doNothing())
      .execute();
  }
  const ids = new Map<string, number>();
  const names = [...new Set(rows.map((r) => r.name))];
  for (const batch of valueBatches(db, names)) {
    const found = await db
      .selectFrom("counties")
      .select(["id", "name", "region"])
      .where("name", "in", batch)
      .execute();
    for (const row of found) ids.set(`${row.region}\u0000${row.name}`, row.id);
  }
  return ids;
}

async function ensureTownships(
  db: Kysely<Database>,
  wanted: { countyId: number; name: string }[],
): Promise<Map<string, number>> {
  const unique = new Map(wanted.map((w) => [`${w.countyId}\u0000${w.name}`, w]));
  const rows = [...unique.values()].map((w) => ({ county_id: w.countyId, name: w.name }));
  for (const batch of batchesFor(db, rows)) {
    await db
      .insertInto("townships")
      .values(batch)
      .onConflict((oc) => oc.columns(["county_id", "name"]).doNothing())
      .execute();
  }
  const ids = new Map<string, number>();
  const counties = [...new Set(rows.map((r) => r.county_id))];
  for (const batch of valueBatches(db, counties)) {
    const found = await db
      .selectFrom("townships")
      .select(["id", "county_id", "name"])
      .where("county_id", "in", batch)
      .execute();
    for (const row of found) ids.set(`${row.county_id}\u0000${row.name}`, row.id);
  }
  return ids;
}

/** Refuses (or, replacing, deletes) editions already stored for a township and date of the batch. */
async function replaceExisting(
  db: Kysely<Database>,
  drafts: readonly EditionDraft[],
  townshipOf: number[],
  replace: boolean,
): Promise<void> {
  const wanted = new Map(drafts.map((d, i) => [`${townshipOf[i]}@${d.date}`, d]));
  const existing: number[] = [];
  for (const batch of valueBatches(db, [...new Set(townshipOf)])) {
    const found = await db
      .selectFrom("editions")
      .select(["id", "township_id", "date"])
      .where("township_id", "in", batch)
      .execute();
    for (const row of found) {
      const draft = wanted.get(`${row.township_id}@${row.date}`);
      if (!draft) continue;
      if (!replace) throw new EditionExistsError(draft.township, draft.date);
      existing.push(row.id);
    }
  }
  // Items and their department links go with them (on delete cascade).
  for (const batch of valueBatches(db, existing))
    await db.deleteFrom("editions").where("id", "in", batch).execute();
}

/** `count` item ids nobody else will take: a sequence range on PostgreSQL, the next rowids on SQLite. */
async function reserveItemIds(db: Kysely<Database>, count: number): Promise<(i: number) => number> {
  if (count === 0) return () => 0;
  if (dialectOf(db) === "postgres") {
    // nextval is atomic per call; ids come back in increasing order, gaps from concurrent writers allowed.
    // Usually nobody else drew in between and the ids are one range: only its ends travel back.
    const { rows } = await sql<{ first: string; last: string }>`
      with drawn as (select nextval(pg_get_serial_sequence('items', 'id')) as id from generate_series(1, ${count}))
      select min(id)::text as first, max(id)::text as last from drawn`.execute(db);
    const first = Number(rows[0]!.first);
    if (Number(rows[0]!.last) - first + 1 === count) return (i) => first + i;
    const drawn = await sql<{ id: string }>`
      select nextval(pg_get_serial_sequence('items', 'id'))::text as id from generate_series(1, ${count})`.execute(
      db,
    );
    const ids = drawn.rows.map((r) => Number(r.id));
    return (i) => ids[i]!;
  }
  // The transaction already wrote (counties, editions), so it holds SQLite's one write lock: no other
  // writer can take these ids before it commits. AUTOINCREMENT never reuses ids below sqlite_sequence.
  const { rows } = await sql<{ top: number | null }>`
    select max(coalesce((select seq from sqlite_sequence where name = 'items'), 0),
               coalesce((select max(id) from items), 0)) as top`.execute(db);
  const first = Number(rows[0]?.top ?? 0) + 1;
  return (i) => first + i;
}

async function linkDepartments(
  db: Kysely<Database>,
  links: { item_id: number; countyId: number; name: string; role: DepartmentRole }[],
  { sqlite, postgres }: RawConnection,
): Promise<void> {
  if (links.length === 0) return;
  // Department names per county: nested maps, so no key string is made per link.
  const wanted = new Map<number, Set<string>>();
  for (const l of links) {
    const names = wanted.get(l.countyId) ?? new Set<string>();
    wanted.set(l.countyId, names);
    names.add(l.name);
  }
  const rows = [...wanted].flatMap(([county_id, names]) => [...names].map((name) => ({ county_id, name })));
  for (const batch of batchesFor(db, rows)) {
    await db
      .insertInto("departments")
      .values(batch)
      .onConflict((oc) => oc.columns(["county_id", "name"]).doNothing())
      .execute();
  }
  const ids = new Map<number, Map<string, number>>();
  for (const batch of valueBatches(db, [...wanted.keys()])) {
    const found = await db
      .selectFrom("departments")
      .select(["id", "county_id", "name"])
      .where("county_id", "in", batch)
      .execute();
    for (const row of found) {
      const named = ids.get(row.county_id) ?? new Map<string, number>();
      ids.set(row.county_id, named);
      named.set(row.name, row.id);
    }
  }
  const linkRows = links.map((l) => ({
    item_id: l.item_id,
    department_id: ids.get(l.countyId)!.get(l.name)!,
    role: l.role,
  }));
  if (sqlite) {
    const insert = sqlite.prepare(
      "insert into item_departments (item_id, department_id, role) values (?, ?, ?)",
    );
    for (const r of linkRows) insert.run(r.item_id, r.department_id, r.role);
  } else if (postgres) {
    await copyRows(postgres, "item_departments (item_id, department_id, role)", linkRows, (r) =>
      copyLine([r.item_id, r.department_id, r.role]),
    );
  } else if (dialectOf(db) === "postgres") {
    for (const chunk of chunks(linkRows)) {
      await sql`insert into item_departments (item_id, department_id, role)
        select * from unnest(${chunk.map((r) => r.item_id)}::integer[], ${chunk.map((r) => r.department_id)}::integer[],
          ${chunk.map((r) => r.role)}::text[])`.execute(db);
    }
  } else {
    for (const batch of batchesFor(db, linkRows))
      await db.insertInto("item_departments").values(batch).execute();
  }
}

/** Rows per statement on the array paths (bounds the size of one message). */
const CHUNK = 20_000;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

/**
 * Item rows in: SQLite runs one prepared statement per row (no statement text to parse per batch);
 * PostgreSQL takes them through COPY (no parameters to encode, no statement per chunk), or, without the
 * client, a column array each through unnest.
 */
async function insertItems(
  db: Kysely<Database>,
  items: Iterable<NewItem & { id: number }>,
  { sqlite, postgres }: RawConnection,
): Promise<void> {
  if (sqlite) {
    const insert = sqlite.prepare(
      "insert into items (id, edition_id, position, list, number, category, name, local, remark, detail) " +
        "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    for (const r of items) {
      insert.run(
        r.id,
        r.edition_id,
        r.position,
        r.list,
        r.number,
        r.category,
        r.name,
        r.local ?? 0,
        r.remark ?? null,
        r.detail ?? null,
      );
    }
    return;
  }
  if (postgres) {
    await copyRows(
      postgres,
      "items (id, edition_id, position, list, number, category, name, local, remark, detail)",
      items,
      (r) =>
        copyLine([
          r.id,
          r.edition_id,
          r.position,
          r.list,
          r.number,
          r.category,
          r.name,
          r.local ?? 0,
          r.remark ?? null,
          r.detail ?? null,
        ]),
    );
    return;
  }
  const rows = [...items];
  if (dialectOf(db) === "postgres") {
    for (const chunk of chunks(rows)) {
      const column = <K extends keyof NewItem | "id">(key: K) => chunk.map((r) => r[key] ?? null);
      await sql`insert into items (id, edition_id, position, list, number, category, name, local, remark, detail)
        select * from unnest(${column("id")}::integer[], ${column("edition_id")}::integer[],
          ${column("position")}::integer[], ${column("list")}::text[], ${column("number")}::integer[],
          ${column("category")}::text[], ${column("name")}::text[], ${column("local")}::integer[],
          ${column("remark")}::text[], ${column("detail")}::text[])`.execute(db);
    }
    return;
  }
  for (const batch of batchesFor(db, rows)) await db.insertInto("items").values(batch).execute();
}

/** Bytes of COPY text sent per write. */
const COPY_CHUNK = 1 << 20;

/**
 * Streams rows into `target` ("table (columns)") with COPY FROM STDIN in text format on the transaction's
 * client: a failing row fails the COPY, which aborts the transaction like any failing statement.
 */
async function copyRows<T>(
  client: pg.ClientBase,
  target: string,
  rows: Iterable<T>,
  line: (row: T) => string,
): Promise<void> {
  function* text(): Generator<string> {
    let chunk = "";
    for (const row of rows) {
      chunk += line(row);
      if (chunk.length >= COPY_CHUNK) {
        yield chunk;
        chunk = "";
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(Readable.from(text()), client.query(copyFrom(`copy ${target} from stdin`)));
}

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** One row of COPY's text format: tab-separated, \N for null, backslash, tab and line breaks escaped. */
function copyLine(values: readonly (string | number | null)[]): string {
  let out = "";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += "\t";
    if (v === null || v === undefined) out += "\\N";
    else if (typeof v === "number") out += String(v);
    else out += COPY_SPECIAL.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : v;
  }
  return `${out}\n`;
}
