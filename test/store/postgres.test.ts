import assert from "node:assert/strict";
import { createServer } from "node:net";
import { describe, test } from "node:test";
import { sql } from "kysely";
import { databaseTarget, openStore } from "../../src/store/index.ts";
import { PG_SKIPPED, PG_TEST_URL } from "../support/stores.ts";
import { craftedDraft } from "./drafts.ts";

/** A local port nobody listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function withEnv<T>(name: string, value: string | undefined, work: () => T): T {
  const saved = process.env[name];
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
  try {
    return work();
  } finally {
    if (saved === undefined) delete process.env[name];
    else process.env[name] = saved;
  }
}

describe("choosing the database", () => {
  test("--database-url and DATABASE_URL choose PostgreSQL; --db wins over the environment", () => {
    withEnv("DATABASE_URL", "postgres://app:secret@db.example:6543/lvzhi?schema=xian", () => {
      const env = databaseTarget();
      assert.equal(env.kind, "postgres");
      if (env.kind === "postgres") {
        assert.equal(env.host, "db.example");
        assert.equal(env.port, "6543");
        assert.equal(env.database, "lvzhi");
        assert.equal(env.schema, "xian");
        assert.doesNotMatch(env.label, /secret/);
        assert.doesNotMatch(env.connectionString, /schema=/);
      }
      assert.equal(databaseTarget({ path: ":memory:" }).kind, "sqlite");
      const given = databaseTarget({ databaseUrl: "postgresql://localhost/other" });
      assert.equal(given.kind === "postgres" && given.database, "other");
      assert.equal(given.kind === "postgres" && given.port, "5432");
    });
    withEnv("DATABASE_URL", undefined, () => assert.equal(databaseTarget().kind, "sqlite"));
  });

  test("bad addresses are refused with the expected shape, never echoing a password", () => {
    assert.throws(() => databaseTarget({ path: "x.db", databaseUrl: "postgres://h/db" }), /只能选一个/);
    assert.throws(() => databaseTarget({ databaseUrl: "mysql://u:pw@h/db" }), /应以 postgres:\/\/ 开头/);
    assert.throws(
      () => databaseTarget({ databaseUrl: "not a url :pw@" }),
      (e: Error) => /postgres:\/\/用户:密码@主机:端口\/数据库/.test(e.message),
    );
    assert.throws(() => databaseTarget({ databaseUrl: "postgres://h/db?schema=a;drop" }), /schema 参数/);
  });

  test("a server that cannot be reached gives one sentence with host and port, no stack", async () => {
    const port = await closedPort();
    const error = await openStore({ databaseUrl: `postgres://u:topsecret@127.0.0.1:${port}/lvzhi` }).catch(
      (e: unknown) => e as Error,
    );
    assert.ok(error instanceof Error);
    assert.match(error.message, new RegExp(`无法连接 PostgreSQL 服务器 127\\.0\\.0\\.1:${port}：连接被拒绝`));
    assert.doesNotMatch(error.message, /topsecret|\n\s+at /);
  });
});

describe("PostgreSQL server specifics", { skip: PG_TEST_URL ? false : PG_SKIPPED }, () => {
  const url = PG_TEST_URL ?? "";

  test("a database that does not exist is named in the message", async () => {
    const missing = new URL(url);
    missing.pathname = "/lvzhi_no_such_database";
    await assert.rejects(openStore({ databaseUrl: missing.href }), /数据库 "lvzhi_no_such_database" 不存在/);
  });

  test("?schema= keeps lvzhi's tables and migration bookkeeping in that schema", async () => {
    const schema = `s_${process.pid}`;
    const store = await openStore({ databaseUrl: `${url}${url.includes("?") ? "&" : "?"}schema=${schema}` });
    try {
      await store.saveEdition(craftedDraft());
      const tables = await sql<{ table_name: string }>`
        select table_name from information_schema.tables where table_schema = ${schema} order by table_name`.execute(
        store.db,
      );
      const names = tables.rows.map((r) => r.table_name);
      for (const table of ["editions", "items", "kysely_migration", "edition_revision"])
        assert.ok(names.includes(table), table);
      assert.equal((await store.getEdition("测试乡"))?.counts.cooperative, 2);
    } finally {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(store.db);
      await store.close();
    }
  });
});
