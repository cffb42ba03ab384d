/**
 * The backends a store test runs against: SQLite (in memory) always, PostgreSQL when LVZHI_TEST_PG_URL
 * names a server (`bash .ci/with-postgres npm test` starts a throwaway one). Each PostgreSQL store lives in
 * a schema of its own, dropped on close, so tests stay independent as with `:memory:`.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe } from "node:test";
import { sql } from "kysely";
import { openStore, type SqlDutyStore } from "../../src/store/index.ts";

export type BackendName = "sqlite" | "postgres";

export interface Backend {
  name: BackendName;
  /** A fresh, empty, migrated store; close() discards it. */
  open(): Promise<SqlDutyStore>;
  /**
   * Two stores over one fresh database, as two app processes would hold it (separate connections);
   * closing both discards it.
   */
  openShared(): Promise<[SqlDutyStore, SqlDutyStore]>;
}

/** The PostgreSQL server for tests, if any. */
export const PG_TEST_URL = process.env.LVZHI_TEST_PG_URL?.trim() || undefined;

/** Printed wherever the PostgreSQL runs are skipped: why, and how to run them. */
export const PG_SKIPPED =
  "PostgreSQL 套件已跳过：未设置 LVZHI_TEST_PG_URL。运行方法：bash .ci/with-postgres npm test" +
  "（自动建临时集群），或 LVZHI_TEST_PG_URL=postgres://用户@主机:端口/库 npm test";

export const sqliteBackend: Backend = {
  name: "sqlite",
  open: () => openStore({ path: ":memory:" }),
  async openShared() {
    const dir = mkdtempSync(join(tmpdir(), "lvzhi-shared-"));
    const path = join(dir, "lvzhi.db");
    const stores = [await openStore({ path }), await openStore({ path })] as [SqlDutyStore, SqlDutyStore];
    let open = stores.length;
    for (const store of stores) {
      const close = store.close.bind(store);
      store.close = async () => {
        await close();
        if (--open === 0) rmSync(dir, { recursive: true, force: true });
      };
    }
    return stores;
  },
};

let opened = 0;

/** A URL with lvzhi's `schema` parameter set. */
function withSchema(url: string, schema: string): string {
  return `${url}${url.includes("?") ? "&" : "?"}schema=${schema}`;
}

/** Stores over one new schema; the last one closed drops it. */
async function openInSchema(url: string, count: number): Promise<SqlDutyStore[]> {
  const schema = `t_${process.pid}_${++opened}_${randomBytes(3).toString("hex")}`;
  const stores: SqlDutyStore[] = [];
  for (let i = 0; i < count; i++) stores.push(await openStore({ databaseUrl: withSchema(url, schema) }));
  let open = count;
  for (const store of stores) {
    const close = store.close.bind(store);
    store.close = async () => {
      try {
        if (--open === 0) await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
      } finally {
        await close();
      }
    };
  }
  return stores;
}

export const postgresBackend: Backend | undefined = PG_TEST_URL
  ? {
      name: "postgres",
      open: async () => (await openInSchema(PG_TEST_URL, 1))[0]!,
      openShared: async () => (await openInSchema(PG_TEST_URL, 2)) as [SqlDutyStore, SqlDutyStore],
    }
  : undefined;

/** Every backend available in this run. */
export const backends: Backend[] = postgresBackend ? [sqliteBackend, postgresBackend] : [sqliteBackend];

/**
 * Declares the suite once per backend, titled "<title> [sqlite]" and "<title> [postgres]"; without a
 * PostgreSQL server the second is a skipped suite that says how to run it.
 */
export function describeEachBackend(title: string, suite: (backend: Backend) => void): void {
  describe(`${title} [sqlite]`, () => suite(sqliteBackend));
  if (postgresBackend) describe(`${title} [postgres]`, () => suite(postgresBackend));
  else describe(`${title} [postgres]`, { skip: PG_SKIPPED }, () => {});
}
