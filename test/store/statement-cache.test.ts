/**
 * SQLite connections keep their prepared statements by SQL text (store/dialect.ts): a kept statement
 * must answer like a fresh one after writes, schema changes and inside transactions.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { withStatementCache } from "../../src/store/dialect.ts";

function counted() {
  const raw = new Database(":memory:");
  let prepared = 0;
  const prepare = raw.prepare.bind(raw);
  raw.prepare = ((source: string) => {
    prepared++;
    return prepare(source);
  }) as typeof raw.prepare;
  // biome-ignore lint/suspicious/noExplicitAny: a throwaway schema for the test
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
  return { db, prepared: () => prepared };
}

test("one statement per SQL text, answering the current rows after writes and a schema change", async () => {
  const { db, prepared } = counted();
  await sql`create table t (id integer primary key, name text)`.execute(db);
  const names = async () =>
    (await db.selectFrom("t").select("name").orderBy("id").execute()).map((r) => r.name);
  for (const name of ["甲", "乙"]) await db.insertInto("t").values({ name }).execute();
  const before = prepared();
  assert.deepEqual(await names(), ["甲", "乙"]);
  await db.insertInto("t").values({ name: "丙" }).execute();
  assert.deepEqual(await names(), ["甲", "乙", "丙"]);
  assert.equal(
    prepared(),
    before + 1,
    "the select and the insert were prepared before: only the first select now",
  );
  await sql`alter table t add column note text`.execute(db);
  await db.updateTable("t").set({ note: "新" }).where("name", "=", "甲").execute();
  const all = await db.selectFrom("t").selectAll().where("name", "=", "甲").execute();
  assert.deepEqual(all, [{ id: 1, name: "甲", note: "新" }]);
  await db.destroy();
});

test("kept statements join transactions and see their rollback", async () => {
  const { db } = counted();
  await sql`create table t (id integer primary key, name text)`.execute(db);
  const count = async () =>
    (
      await db
        .selectFrom("t")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n;
  await assert.rejects(
    db.transaction().execute(async (trx) => {
      await trx.insertInto("t").values({ name: "甲" }).execute();
      assert.equal(
        Number(
          await trx
            .selectFrom("t")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
            .then((r) => r.n),
        ),
        1,
      );
      throw new Error("roll back");
    }),
  );
  assert.equal(Number(await count()), 0);
  await db.destroy();
});

test("long statements (bulk inserts) are not kept", async () => {
  const { db, prepared } = counted();
  await sql`create table t (id integer primary key, name text)`.execute(db);
  const rows = Array.from({ length: 1000 }, (_, i) => ({ name: `事项${i}` }));
  const before = prepared();
  await db.insertInto("t").values(rows).execute();
  await db.deleteFrom("t").execute();
  await db.insertInto("t").values(rows).execute();
  assert.equal(prepared(), before + 3, "each long insert prepared anew");
  await db.destroy();
});
