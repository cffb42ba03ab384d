/**
 * Writing many editions at once (a province's lists, the scale bench): every table is written with a few
 * large multi-row statements instead of a dozen statements per edition. Item ids are reserved up front (a
 * PostgreSQL sequence range, or SQLite's next rowids under the write lock the transaction already holds), so
 * items and their department links go in without reading ids back: on SQLite with kept multi-row
 * statements, on PostgreSQL with COPY (a batch large beside what is stored checks its foreign keys once,
 * at the end: checkingKeysOnce). Same rules as saveEditionIn: run it in a transaction; all editions are
 * stored, or none.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Database as SqliteDatabase } from "better-sqlite3";
import { type Kysely, type RawBuilder, sql } from "kysely";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { canonicalDepartment } from "../domain/departments.ts";
import { departmentsOf, type EditionDraft } from "../domain/edition.ts";
import { normalizeName } from "../domain/names.ts";
import { batchesFor, valueBatches } from "./batch.ts";
import { BinaryCopyRows } from "./copy-binary.ts";
import { DistinctDetails, detailsOfEditions, dropUnusedDetails, ensureDetails } from "./details.ts";
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

  const total = drafts.reduce((n, d) => n + d.items.length, 0);
  // Decided before the first write, so the tables are locked in the order other writers take them.
  const keysOnce = raw.postgres ? await lockedForKeysOnce(raw.postgres, total) : false;
  const counties = await ensureNamed(
    db,
    "counties",
    "region",
    places.map((p) => [p.region, p.county] as const),
  );
  const countyOf = places.map((p) => counties.get(p.region)!.get(p.county)!);
  const townships = await ensureNamed(
    db,
    "townships",
    "county_id",
    places.map((p, i) => [countyOf[i]!, p.township] as const),
  );
  const townshipOf = places.map((p, i) => townships.get(countyOf[i]!)!.get(p.township)!);
  const replacedDetails = await replaceExisting(db, drafts, townshipOf, options.replace === true);

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

  const itemIds = await reserveItemIds(db, total);
  const links = departmentLinks(drafts, countyOf, itemIds);
  const detailIds = await storedDetails(db, drafts);
  // Rows are made as they are written, so on PostgreSQL the server stores one chunk while the next is built.
  function* items(): Generator<ItemRow> {
    let n = 0;
    for (const [i, draft] of drafts.entries()) {
      for (const [position, item] of draft.items.entries()) {
        const detailId = detailIds[n]!;
        yield { id: itemIds(n++), row: itemToRow(item, ids[i]!, position, detailId) };
      }
    }
  }
  const write = async () => {
    if (raw.sqlite) insertItemsSqlite(raw.sqlite, drafts, ids, itemIds, detailIds);
    else await insertItems(db, items(), raw);
    await linkDepartments(db, links, raw);
  };
  if (raw.postgres && keysOnce) await checkingKeysOnce(raw.postgres, write);
  else await write();
  // Last: a detail the replaced editions carried and the batch carries again stays where it is.
  await dropUnusedDetails(db, replacedDetails);
  return ids;
}

interface ItemRow {
  id: number;
  row: NewItem;
}

/** The stored detail of every item of the batch, in order (null for none): each distinct one stored once. */
async function storedDetails(
  db: Kysely<Database>,
  drafts: readonly EditionDraft[],
): Promise<(number | null)[]> {
  const distinct = new DistinctDetails();
  const slots: number[] = [];
  for (const draft of drafts) for (const item of draft.items) slots.push(distinct.slotOf(item));
  const ids = await ensureDetails(db, distinct.texts);
  const bySlot = distinct.texts.map((text) => ids.get(text)!);
  return slots.map((slot) => (slot < 0 ? null : bySlot[slot]!));
}

interface DepartmentLink {
  itemId: number;
  countyId: number;
  name: string;
  role: DepartmentRole;
}

/**
 * The department links of every item. Townships of a county spell the same departments again and
 * again, so each spelling is made canonical once per county.
 */
function departmentLinks(
  drafts: readonly EditionDraft[],
  countyOf: readonly number[],
  itemIds: (i: number) => number,
): DepartmentLink[] {
  const canonical = new Map<string, Map<string, string>>();
  const links: DepartmentLink[] = [];
  let next = 0;
  drafts.forEach((draft, i) => {
    const spelled = canonical.get(draft.county) ?? new Map<string, string>();
    canonical.set(draft.county, spelled);
    for (const item of draft.items) {
      const itemId = itemIds(next++);
      // One role per item, so a link repeats only when two spellings of a department meet in one item.
      const role: DepartmentRole = item.list === "reclaimed" ? "takeover" : "lead";
      const names = new Set<string>();
      for (const raw of departmentsOf(item)) {
        const name = spelled.get(raw) ?? canonicalDepartment(raw, draft.county);
        spelled.set(raw, name);
        names.add(name);
      }
      for (const name of names) links.push({ itemId, countyId: countyOf[i]!, name, role });
    }
  });
  return links;
}

/**
 * Rows of a table named within a scope (counties in a region, townships and departments in a county,
 * each unique on (scope, name)) that must exist: missing ones are inserted, then the ids of every row
 * of the scopes are read back, by scope and name.
 */
async function ensureNamed<S extends string | number>(
  db: Kysely<Database>,
  table: "counties" | "townships" | "departments",
  scope: "region" | "county_id",
  wanted: Iterable<readonly [S, string]>,
): Promise<Map<S, Map<string, number>>> {
  const names = new Map<S, Set<string>>();
  for (const [at, name] of wanted) {
    const set = names.get(at) ?? new Set<string>();
    names.set(at, set);
    set.add(name);
  }
  const rows = [...names].flatMap(([at, set]) => [...set].map((name) => ({ at, name })));
  for (const batch of batchesFor(db, rows)) {
    await sql`insert into ${sql.table(table)} (${sql.ref(scope)}, name)
      values ${sql.join(batch.map((r) => sql`(${r.at}, ${r.name})`))}
      on conflict (${sql.ref(scope)}, name) do nothing`.execute(db);
  }
  const ids = new Map<S, Map<string, number>>();
  for (const batch of valueBatches(db, [...names.keys()])) {
    const found = await sql<{ id: number; at: S; name: string }>`
      select id, ${sql.ref(scope)} as at, name from ${sql.table(table)}
      where ${sql.ref(scope)} in (${sql.join(batch)})`.execute(db);
    for (const row of found.rows) {
      const named = ids.get(row.at) ?? new Map<string, number>();
      ids.set(row.at, named);
      named.set(row.name, row.id);
    }
  }
  return ids;
}

/**
 * Refuses (or, replacing, deletes) editions already stored for a township and date of the batch. Returns
 * the details the deleted editions carried, for dropUnusedDetails once the batch is stored.
 */
async function replaceExisting(
  db: Kysely<Database>,
  drafts: readonly EditionDraft[],
  townshipOf: number[],
  replace: boolean,
): Promise<number[]> {
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
  const details = await detailsOfEditions(db, existing);
  for (const batch of valueBatches(db, existing))
    await db.deleteFrom("editions").where("id", "in", batch).execute();
  return details;
}

/** `count` item ids nobody else will take: a sequence range on PostgreSQL, the next rowids on SQLite. */
async function reserveItemIds(db: Kysely<Database>, count: number): Promise<(i: number) => number> {
  if (count === 0) return () => 0;
  if (dialectOf(db) === "postgres") {
    // nextval is atomic per call; ids come back in increasing order, gaps from concurrent writers allowed.
    // Usually nobody else drew in between and the ids are one range: only its ends travel back. The
    // sequence is looked up once (as an argument, its name would be resolved again for every id).
    const drawn = (select: RawBuilder<unknown>) => sql`
      with sequence as materialized (select pg_get_serial_sequence('items', 'id')::regclass as id),
        drawn as (select nextval(sequence.id) as id from sequence, generate_series(1, ${count}))
      ${select}`;
    const { rows } = await sql<{ first: string; last: string }>`${drawn(
      sql`select min(id)::text as first, max(id)::text as last from drawn`,
    )}`.execute(db);
    const first = Number(rows[0]!.first);
    if (Number(rows[0]!.last) - first + 1 === count) return (i) => first + i;
    const listed = await sql<{
      id: string;
    }>`${drawn(sql`select id::text as id from drawn order by id`)}`.execute(db);
    const ids = listed.rows.map((r) => Number(r.id));
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
  links: readonly DepartmentLink[],
  { sqlite, postgres }: RawConnection,
): Promise<void> {
  if (links.length === 0) return;
  const ids = await ensureNamed(
    db,
    "departments",
    "county_id",
    links.map((l) => [l.countyId, l.name] as const),
  );
  const departmentOf = (l: DepartmentLink) => ids.get(l.countyId)!.get(l.name)!;
  if (sqlite) {
    const insert = sqliteRows(sqlite, "item_departments (item_id, department_id, role)", 3);
    for (const l of links) {
      insert.put(l.itemId);
      insert.put(departmentOf(l));
      insert.put(l.role);
    }
    insert.end();
  } else if (postgres) {
    await copyRows(postgres, "item_departments (item_id, department_id, role)", 3, links, (out, l) =>
      out.row().int(l.itemId).int(departmentOf(l)).text(l.role),
    );
  } else if (dialectOf(db) === "postgres") {
    for (const chunk of chunks(links)) {
      await sql`insert into item_departments (item_id, department_id, role)
        select * from unnest(${chunk.map((l) => l.itemId)}::integer[], ${chunk.map(departmentOf)}::integer[],
          ${chunk.map((l) => l.role)}::text[])`.execute(db);
    }
  } else {
    const rows = links.map((l) => ({ item_id: l.itemId, department_id: departmentOf(l), role: l.role }));
    for (const batch of batchesFor(db, rows)) await db.insertInto("item_departments").values(batch).execute();
  }
}

/**
 * Below this many stored items per new one, checking the foreign keys of items and item_departments
 * once over the whole tables (a join each) is cheaper than checking every new row (an index probe and a
 * row lock per key): measured on PostgreSQL 15, about 1 µs per stored item against 13 µs per new one
 * (0.2 s to check 186k links and 235k items at once; 2.6 s to check 186k links one by one).
 */
const STORED_PER_NEW_ITEM = 8;

/** The tables whose foreign keys a large batch checks once. */
const KEYED = ["items", "item_departments"];
/**
 * What such a batch locks first, in the order saveEditionIn writes: the tables it drops keys of or that
 * they point at, and those before them (a writer holding a county or township row the batch also
 * inserts would otherwise wait for the batch while the batch waits for it).
 */
const LOCKED = [
  "counties",
  "townships",
  "editions",
  "item_details",
  "items",
  "departments",
  "item_departments",
];

/**
 * Whether a batch of `count` items checks the foreign keys of items and item_departments once at the
 * end (checkingKeysOnce): only when that is cheaper — the batch is large beside what is stored, as in a
 * province's first import — and this connection owns the tables. If so the tables are locked now (LOCKED).
 */
async function lockedForKeysOnce(client: pg.ClientBase, count: number): Promise<boolean> {
  // The span of item ids bounds the stored items from above (two index probes, never stale like the
  // planner's statistics): gaps only make the batch check row by row sooner.
  const { rows } = await client.query<{ stored: string; owner: boolean }>(
    `select (select coalesce(max(id) - min(id) + 1, 0) from items)::text as stored,
       bool_and(pg_has_role(relowner, 'USAGE')) as owner
     from pg_class where oid = any($1::regclass[])`,
    [LOCKED],
  );
  const stored = Number(rows[0]?.stored ?? 0);
  if (count === 0 || !rows[0]?.owner || stored > count * STORED_PER_NEW_ITEM) return false;
  await client.query(`lock table ${LOCKED.join(", ")} in access exclusive mode`);
  return true;
}

/**
 * Runs `write` with the foreign keys of items and item_departments checked once at the end instead of
 * row by row: the constraints are dropped and added back exactly as declared (pg_get_constraintdef), in
 * the same transaction; adding them back checks every row and fails the transaction if one points
 * nowhere. Readers of these tables wait for the batch (lockedForKeysOnce holds them).
 */
async function checkingKeysOnce(client: pg.ClientBase, write: () => Promise<void>): Promise<void> {
  const keys = await client.query<{ keyed: string; name: string; definition: string }>(
    `select t.relname as keyed, k.conname as name, pg_get_constraintdef(k.oid) as definition
     from pg_constraint k join pg_class t on t.oid = k.conrelid
     where k.conrelid = any($1::regclass[]) and k.contype = 'f' order by t.relname, k.conname`,
    [KEYED],
  );
  const alter = async (change: (k: { name: string; definition: string }) => string) => {
    for (const table of KEYED) {
      const of = keys.rows.filter((k) => k.keyed === table);
      if (of.length > 0) await client.query(`alter table ${table} ${of.map(change).join(", ")}`);
    }
  };
  await alter((k) => `drop constraint ${quoteIdent(k.name)}`);
  await write();
  await alter((k) => `add constraint ${quoteIdent(k.name)} ${k.definition}`);
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Rows per statement on the array paths (bounds the size of one message). */
const CHUNK = 20_000;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

/** Rows per SQLite insert statement: fewer statement runs and calls from JavaScript per row. */
const SQLITE_ROWS = 100;

/**
 * Inserts rows into `target` ("table (columns)") on SQLite, SQLITE_ROWS per run of one kept multi-row
 * statement (the rest with one statement made for it at the end).
 */
function sqliteRows(sqlite: SqliteDatabase, target: string, width: number) {
  const statement = (rows: number) =>
    sqlite.prepare(
      `insert into ${target} values ${Array(rows)
        .fill(`(${Array(width).fill("?").join(", ")})`)
        .join(", ")}`,
    );
  const full = statement(SQLITE_ROWS);
  const values: unknown[] = new Array(SQLITE_ROWS * width);
  let n = 0;
  return {
    /** The next value, row after row (`width` to a row). */
    put(value: unknown): void {
      values[n++] = value;
      if (n === values.length) {
        full.run(values);
        n = 0;
      }
    },
    end(): void {
      if (n > 0) statement(n / width).run(values.slice(0, n));
      n = 0;
    },
  };
}

const ITEM_COLUMNS =
  "items (id, edition_id, position, list, number, category, name, local, remark, detail_id)";

/**
 * Item rows in on SQLite: kept multi-row statements (no statement text to parse per batch), their
 * parameters written straight from the drafts (no row object per item).
 */
function insertItemsSqlite(
  sqlite: SqliteDatabase,
  drafts: readonly EditionDraft[],
  editionIds: readonly number[],
  itemIds: (i: number) => number,
  detailIds: readonly (number | null)[],
): void {
  const insert = sqliteRows(sqlite, ITEM_COLUMNS, 10);
  let n = 0;
  for (let i = 0; i < drafts.length; i++) {
    const items = drafts[i]!.items;
    const editionId = editionIds[i]!;
    for (let position = 0; position < items.length; position++) {
      const item = items[position]!;
      insert.put(itemIds(n));
      insert.put(editionId);
      insert.put(position);
      insert.put(item.list);
      insert.put(item.number);
      insert.put(item.category);
      insert.put(item.name);
      insert.put(item.local ? 1 : 0);
      insert.put(item.remark);
      insert.put(detailIds[n++]);
    }
  }
  insert.end();
}

/**
 * Item rows in elsewhere: PostgreSQL takes them through COPY (no parameters to encode, no statement per
 * chunk), or, without the client, a column array each through unnest.
 */
async function insertItems(
  db: Kysely<Database>,
  items: Iterable<ItemRow>,
  { postgres }: RawConnection,
): Promise<void> {
  if (postgres) {
    await copyRows(postgres, ITEM_COLUMNS, 10, items, (out, { id, row: r }) =>
      out
        .row()
        .int(id)
        .int(r.edition_id)
        .int(r.position)
        .text(r.list)
        .int(r.number)
        .text(r.category)
        .text(r.name)
        .int(r.local ?? 0)
        .text(r.remark)
        .int(r.detail_id ?? null),
    );
    return;
  }
  const rows = Array.from(items, ({ id, row }) => ({ id, ...row }));
  if (dialectOf(db) === "postgres") {
    for (const chunk of chunks(rows)) {
      const column = <K extends keyof NewItem | "id">(key: K) => chunk.map((r) => r[key] ?? null);
      await sql`insert into ${sql.raw(ITEM_COLUMNS)}
        select * from unnest(${column("id")}::integer[], ${column("edition_id")}::integer[],
          ${column("position")}::integer[], ${column("list")}::text[], ${column("number")}::integer[],
          ${column("category")}::text[], ${column("name")}::text[], ${column("local")}::integer[],
          ${column("remark")}::text[], ${column("detail_id")}::integer[])`.execute(db);
    }
    return;
  }
  for (const batch of batchesFor(db, rows)) await db.insertInto("items").values(batch).execute();
}

/**
 * Streams rows into `target` ("table (columns)", `columns` of them) with COPY FROM STDIN in binary format
 * on the transaction's client: a failing row fails the COPY, which aborts the transaction like any failing
 * statement. Buffers go out as they fill, so the server stores one while the next is written.
 */
async function copyRows<T>(
  client: pg.ClientBase,
  target: string,
  columns: number,
  rows: Iterable<T>,
  write: (out: BinaryCopyRows, row: T) => void,
): Promise<void> {
  function* data(): Generator<Buffer> {
    const out = new BinaryCopyRows(columns);
    for (const row of rows) {
      write(out, row);
      yield* out.take();
    }
    yield* out.end();
  }
  await pipeline(Readable.from(data()), client.query(copyFrom(`copy ${target} from stdin (format binary)`)));
}
