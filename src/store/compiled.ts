/**
 * Queries that run on nearly every request (the session, the signed-in user, a township and its editions,
 * the precedents' revision) with their SQL built once. Kysely builds the operation tree and compiles it
 * to SQL on every call — about half of such a query's time; here the first call of each shape compiles
 * with marker values and remembers where each argument lands among the parameters, and later calls only
 * put the values in. The SQL is Kysely's own (no hand-written SQL), per dialect, and no plugin rewrites
 * results, so the rows are exactly what `execute()` would return.
 *
 * On SQLite, outside transactions (dialect.ts sqliteReadable), a read runs that same SQL straight on a
 * better-sqlite3 statement kept per connection, without Kysely's driver: its connection mutex and promises
 * cost more than the query. The statement hands back bare values and the rows are built here with the
 * columns' names in their order — what better-sqlite3 builds itself, but without interning every column's
 * name for every row (its row objects cost a third of a small query).
 *
 *   const principal = compiledQuery((db: Db, id: number) => db.selectFrom("users")…where("id", "=", id));
 *   const rows = await principal(db, 7);
 */
import { randomUUID } from "node:crypto";
import type BetterSqlite from "better-sqlite3";
import { type Compilable, CompiledQuery, type Kysely } from "kysely";
import { sqliteReadable } from "./dialect.ts";

/** Where a compiled parameter comes from: argument `arg`, element `element` of it (-1: the argument itself). */
type Slot = { arg: number; element: number } | { constant: unknown };

/** A shape's statement on one SQLite connection, answering bare values, and its columns' names. */
interface Direct {
  statement: BetterSqlite.Statement<unknown[], unknown[]>;
  columns: string[];
}

interface Shape {
  sql: string;
  slots: Slot[];
  /** Per SQLite connection read directly: its statement, or null when the SQL is no read (Kysely runs it). */
  direct: WeakMap<BetterSqlite.Database, Direct | null>;
}

/** Marker values put in for the arguments when compiling: unique to this process, so no constant equals one. */
const NONCE = randomUUID();

/**
 * A query whose SQL is compiled once per dialect and shape. `shapeOf` names what changes the SQL beyond
 * values (a filter present or not, the length of an `in` list; default: nothing); `build` must put each
 * argument (or each element of an array argument) into the query only as a value, never into its
 * structure — except null or undefined, which may leave a part out (and must then be part of the shape).
 */
export function compiledQuery<DB, A extends unknown[], Row>(
  build: (db: Kysely<DB>, ...args: A) => Compilable<Row>,
  shapeOf: (...args: A) => string = () => "",
): (db: Kysely<DB>, ...args: A) => Promise<Row[]> {
  // Per dialect (the adapter is shared by a database handle and its transactions).
  const shapes = new WeakMap<object, Map<string, Shape>>();
  return async (db, ...args) => {
    const adapter = db.getExecutor().adapter;
    let known = shapes.get(adapter);
    if (!known) {
      known = new Map();
      shapes.set(adapter, known);
    }
    const key = shapeOf(...args);
    let shape = known.get(key);
    if (!shape) {
      const placed = new Map<string, { arg: number; element: number }>();
      const marker = (arg: number, element: number) => {
        const m = `lvzhi-${NONCE}-${arg}-${element}`;
        placed.set(m, { arg, element });
        return m;
      };
      // null and undefined stay as they are: they choose the structure (a filter left out), not a value.
      const markers = args.map((a, i) =>
        a === null || a === undefined ? a : Array.isArray(a) ? a.map((_, j) => marker(i, j)) : marker(i, -1),
      ) as A;
      const compiled = build(db, ...markers).compile();
      const slots = compiled.parameters.map(
        (p): Slot => (typeof p === "string" && placed.get(p)) || { constant: p },
      );
      shape = { sql: compiled.sql, slots, direct: new WeakMap() };
      known.set(key, shape);
    }
    const parameters = shape.slots.map((s) => {
      if ("constant" in s) return s.constant;
      const value = args[s.arg];
      return s.element < 0 ? value : (value as unknown[])[s.element];
    });
    const sqlite = sqliteReadable(db);
    const direct = sqlite && directStatement(shape, sqlite);
    if (direct) return rowsOf(direct, parameters) as Row[];
    const result = await db.executeQuery<Row>(CompiledQuery.raw(shape.sql, parameters));
    return result.rows;
  };
}

function directStatement(shape: Shape, sqlite: BetterSqlite.Database): Direct | null {
  let direct = shape.direct.get(sqlite);
  if (direct === undefined) {
    const statement = sqlite.prepare<unknown[], unknown[]>(shape.sql);
    // Kysely's driver runs a statement that returns no data with run(): so does it here.
    direct = statement.reader
      ? { statement: statement.raw(true), columns: statement.columns().map((c) => c.name) }
      : null;
    shape.direct.set(sqlite, direct);
  }
  return direct;
}

/** The rows as better-sqlite3 makes them: each column set on a plain object in order (a repeated name: the last). */
function rowsOf(direct: Direct, parameters: unknown[]): Record<string, unknown>[] {
  const { statement } = direct;
  const values = statement.all(parameters);
  // SQLite prepares a kept statement again after a schema change: `select *` may then have other columns.
  if (values.length > 0 && values[0]!.length !== direct.columns.length)
    direct.columns = statement.columns().map((c) => c.name);
  const columns = direct.columns;
  const rows = new Array<Record<string, unknown>>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    const row: Record<string, unknown> = {};
    for (let j = 0; j < columns.length; j++) row[columns[j]!] = value[j];
    rows[i] = row;
  }
  return rows;
}
